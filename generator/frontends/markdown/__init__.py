"""The markdown front-end: Speakeasy model docs (``docs/models/**/*.md``) to the IR.

parse (``generator/parse``: each doc to a ``RawDoc`` in its dialect, on every core) -> link
(``links``: keys, markdown reference resolution, nullability evidence from examples) ->
``ir.Package``. With a cache (incremental runs), what the last run made from an unchanged doc is
reused (``_load_cached``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING, cast

from ... import ir
from ...diagnostics import Diagnostic, Diagnostics, Severity
from ...parallel import map_chunks
from ...parse.languages import DIALECT_NAMES as NAMES
from ...parse.languages import EXTRA_FIELDS
from ...parse.raw import UNDETECTED, RawDoc, Undetected
from ...read import SourceFile
from .links import EVIDENCE, EXAMPLES, Linked, Linker, examples_key, finish, link

# the parser (``parse.document``, with markdown_it) is imported where docs are parsed: a run on
# an OpenAPI spec alone never loads it

if TYPE_CHECKING:
    from ...progress import Progress
    from .. import LoadOptions


class MarkdownFrontEnd:
    name = "markdown"

    def claims(self, path: str) -> bool:
        return path.lower().endswith(".md")

    def load(
        self, files: Sequence[SourceFile], diags: Diagnostics, options: LoadOptions
    ) -> ir.Package:
        if options.cache is not None:
            return ir.package(_load_cached(files, diags, options))
        docs = parse_all(files, diags, options.dialect, options.progress, options.jobs)
        if options.progress is not None:
            options.progress.stage("link")
        return ir.package(link(docs, diags, allow_missing=options.allow_missing))


def parse_all(
    files: Sequence[SourceFile],
    diags: Diagnostics,
    dialect: str = "",
    progress: Progress | None = None,
    jobs: int = 0,
) -> list[RawDoc]:
    """Parse every file, in ``dialect`` if one is given. Otherwise each doc's dialect comes from
    its own text; a doc whose text does not tell takes the dialect most docs of its SDK folder
    have (the folder above ``models/``), else most docs of the input have, else the first that
    reads it (``parse.document.parse_undetected``)."""
    from ...parse.document import parse_undetected

    if progress is not None:
        progress.stage("parse", len(files))
    results = map_chunks(
        partial(_parse_chunk, dialect=dialect),
        files,
        done=None if progress is None else progress.advance,
        jobs=jobs,
    )
    undetected = [i for i, (doc, _) in enumerate(results) if doc is UNDETECTED]
    if undetected:
        votes = _votes(
            (f.path, doc.dialect)
            for f, (doc, _) in zip(files, results)
            if isinstance(doc, RawDoc)
        )
        for i in undetected:
            d = Diagnostics()
            results[i] = (
                parse_undetected(files[i], d, _assumed(files[i].path, votes)),
                d.items,
            )
    docs = []
    for doc, found in results:
        diags.extend(found)
        if isinstance(doc, RawDoc):
            docs.append(doc)
    return docs


def _votes(dialects) -> dict[str, Counter[str]]:
    """How many docs of each SDK folder each dialect has (key ``None``: of the whole input), from
    (path, dialect) pairs."""
    votes: dict[str | None, Counter[str]] = {None: Counter()}
    for path, dialect in dialects:
        votes.setdefault(_sdk_folder(path), Counter())[dialect] += 1
        votes[None][dialect] += 1
    return votes  # type: ignore[return-value]


def _assumed(path: str, votes) -> str:
    """The dialect a doc without evidence of its own is read in: its SDK folder's majority, else
    the input's, else ``""`` (every dialect is tried)."""
    return _majority(votes.get(_sdk_folder(path))) or _majority(votes[None])


def _sdk_folder(path: str) -> str:
    """The folder above a doc's last ``models`` folder (``go/docs/pkg``), else its own folder."""
    parts = path.split("/")[:-1]
    for i in range(len(parts) - 1, -1, -1):
        if parts[i].lower() == "models":
            return "/".join(parts[:i])
    return "/".join(parts)


def _majority(votes: Counter[str] | None) -> str:
    """The dialect most docs have; on a tie, the first in registry order; ``""`` if none."""
    if not votes:
        return ""
    return max(NAMES, key=lambda name: (votes[name], -NAMES.index(name)))


def _load_cached(
    files: Sequence[SourceFile], diags: Diagnostics, options: LoadOptions
) -> list[ir.Model]:
    """``parse_all`` then ``link``, taking from ``options.cache`` what the last run made from the
    same doc (parse: by the doc's digest and the forced dialect; link: and by the doc's dialect and
    the linker's fingerprint), so an edited doc is parsed and linked again, and the rest only when
    the set of docs or their names change. A doc whose text does not tell its dialect depends on
    the docs around it: it is parsed again on every run. The same models and diagnostics as
    without a cache."""
    cache, progress, forced = options.cache, options.progress, options.dialect
    assert cache is not None
    heads: dict[str, list] = {}
    todo = []
    stored = cache.get_many("heads", [(f.path, [f.digest, forced]) for f in files])
    for f, head in zip(files, stored):
        if head is None:
            todo.append(f)
        else:
            heads[f.path] = cast(list, head)  # as _head made it
    if progress is not None:
        progress.stage("parse", len(todo))
    parsed = map_chunks(
        partial(_parse_chunk, dialect=forced),
        [SourceFile(f.path, f.text) for f in todo],
        done=None if progress is None else progress.advance,
        jobs=options.jobs,
    )
    fresh: dict[str, RawDoc] = {}
    undetected = []
    for f, (doc, found) in zip(todo, parsed):
        if isinstance(doc, Undetected):  # UNDETECTED, the one instance
            undetected.append(f)
            continue
        head = _head(doc, found)
        heads[f.path] = head
        cache.put("heads", f.path, [f.digest, forced], head)
        if isinstance(doc, RawDoc):
            fresh[f.path] = doc
            cache.put("parse", f.path, (f.digest, forced), doc)
    if undetected:
        from ...parse.document import parse_undetected

        votes = _votes((p, h[2]) for p, h in heads.items() if h[0] is not None)
        for f in undetected:
            d = Diagnostics()
            doc = parse_undetected(
                SourceFile(f.path, f.text), d, _assumed(f.path, votes)
            )
            heads[f.path] = _head(doc, d.items)
            if doc is not None:
                fresh[f.path] = doc
    listed = []
    for f in files:
        name, line, _, found = heads[f.path]
        diags.extend(
            [
                Diagnostic(a, b, c, Severity(sev), msg, code)
                for a, b, c, sev, msg, code in found
            ]
        )
        if name is not None:
            listed.append((f.path, name, line))
    if progress is not None:
        progress.stage("link")
    linker = Linker.of_heads(listed, diags, allow_missing=options.allow_missing)
    digest = {f.path: f.digest for f in files}
    linked = []
    keys = [
        (path, (digest[path], heads[path][2], linker.fingerprint))
        for path, _, _ in listed
        if path in linker.keys
    ]
    for (path, key), got in zip(keys, cache.get_many("link", keys)):
        if got is None:
            x = linker.link_doc(_doc(path, files, fresh, cache, forced))
            got = (x, cache.digests.of(x.model))
            cache.put("link", path, key, got)
        else:
            got = cast("tuple[Linked, bytes]", got)  # as put above: (doc, digest)
            cache.digests.remember(got[0].model, got[1])
        linked.append(got[0])
    if options.inputs:
        cache.put(
            EVIDENCE,
            EXAMPLES,
            examples_key(options.inputs, forced, options.allow_missing),
            tuple((x.model.source.file, x.examples) for x in linked if x.examples),
        )
    gone = set(cache.paths("heads")) - set(digest)
    cache.forget("parse", gone)
    cache.forget("link", gone)
    cache.prune("heads", digest)
    return finish(linked, diags)


def _doc(path: str, files, fresh: dict[str, RawDoc], cache, forced: str) -> RawDoc:
    """The parsed doc at ``path``: parsed in this run, else from the cache, else (the parse shard
    is gone or damaged) parsed again."""
    doc = fresh.get(path) or cache.get(
        "parse", path, (next(f.digest for f in files if f.path == path), forced)
    )
    if isinstance(doc, RawDoc):
        return doc
    from ...parse.document import parse_document, parse_undetected

    f = next(f for f in files if f.path == path)
    doc = parse_document(SourceFile(f.path, f.text), Diagnostics(), forced)
    if not isinstance(doc, RawDoc):
        doc = parse_undetected(SourceFile(f.path, f.text), Diagnostics(), "")
    assert isinstance(doc, RawDoc)
    return doc


def _head(doc: RawDoc | None, found: list[Diagnostic]) -> list:
    """What a doc's parse tells the link stage and the diagnostics: name, line, dialect, problems."""
    return [
        None if doc is None else doc.name,
        0 if doc is None else doc.line,
        "" if doc is None else doc.dialect,
        [[d.file, d.line, d.col, int(d.severity), d.message, d.code] for d in found],
    ]


def _parse_chunk(
    files, dialect: str
) -> list[tuple[RawDoc | Undetected | None, list[Diagnostic]]]:
    from ...parse.document import parse_document

    out = []
    for f in files:
        d = Diagnostics()
        out.append((parse_document(f, d, dialect), d.items))
    return out


__all__ = ["EXTRA_FIELDS", "MarkdownFrontEnd", "link", "parse_all"]
