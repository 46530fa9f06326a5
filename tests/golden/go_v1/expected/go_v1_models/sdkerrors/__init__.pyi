from .notfound import NotFound as NotFound
