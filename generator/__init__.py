"""gen-models: Python models from Speakeasy markdown model docs.

>>> from generator import generate
>>> result = generate("specs", "out")          # writes out/models and out/docs
>>> result = generate("specs", write=False)    # in memory: result.files, result.diagnostics
"""

from .diagnostics import Diagnostic, Severity
from .options import Options
from .pipeline import Result, generate
from .version import VERSION

__all__ = ["Diagnostic", "Options", "Result", "Severity", "generate"]
__version__ = VERSION
