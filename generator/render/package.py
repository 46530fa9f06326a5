"""Render the whole output: one module per model (``model``), lazy package indexes (``indexes``),
runtime support, docs (``docs``), the JSON Schema document (``jsonschema``); what ``--emit`` picks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import ir
from . import batch, graph
from .dcg import DCG_KINDS, render_dcg
from .environment import environment
from .indexes import render_indexes
from .jsonschema import render_jsonschema
from .memo import RenderMemo, traced
from .model import render_model
from .naming import Naming
from .python import uses_unique
from .trace import World

if TYPE_CHECKING:
    from ..progress import Progress


@dataclass(frozen=True)
class RenderOptions:
    package: str = "models"
    kind: str = "pydantic"
    docs: bool = True
    # the user's template folder, searched before the package's
    templates: str | None = None
    emit: tuple[str, ...] = ("models", "docs")
    jobs: int = 0  # processes (``parallel.workers``); no part of the output

    @property
    def template_dirs(self) -> tuple[str, ...]:
        return (self.templates,) if self.templates is not None else ()


def render(
    package: ir.Package,
    naming: Naming,
    options: RenderOptions,
    memo: RenderMemo | None = None,
    progress: Progress | None = None,
) -> list[tuple[str, str]]:
    """Every output file as (posix path relative to OUT, text), in a stable order; ``naming`` is the
    naming step's result for ``options.kind``. What is written: ``options.emit``.

    With ``memo``, the Python modules, indexes and docs that the last run rendered from what they
    would be rendered from now are left out (``memo.reused`` names them) and the rest are recorded
    with what they read; everything else is rendered every run."""
    out: list[tuple[str, str]] = []
    if "jsonschema" in options.emit:
        out.extend(render_jsonschema(package, naming, options.package))
    # the modules and the docs, model by model, go to one set of workers; both see the models
    # in module order, as one package (the render memo's worlds of both share its values)
    in_order = ir.Package(tuple(naming.module_order(package)))
    parts: list[batch.Part] = []
    finish: list[Callable[[], list[tuple[str, str]]]] = []
    if options.kind in DCG_KINDS:
        if "models" in options.emit:
            out.extend(render_dcg(package, naming, options.kind, options.package))
    elif "models" in options.emit:
        part, done = _python_part(in_order, naming, options, memo, progress)
        parts.append(part)
        finish.append(done)
    if options.docs and "docs" in options.emit:
        from .docs import docs_part

        part, done = docs_part(in_order, naming, options.template_dirs, memo, progress)
        parts.append(part)
        finish.append(done)
    if parts:
        batch.run(parts, progress, options.jobs)
    for done in finish:
        out.extend(done())
    return sorted(
        (path, text.rstrip("\n") + "\n" if text else text) for path, text in out
    )


def _python_part(
    package: ir.Package,
    naming: Naming,
    options: RenderOptions,
    memo: RenderMemo | None = None,
    progress: Progress | None = None,
) -> tuple[batch.Part, Callable[[], list[tuple[str, str]]]]:
    """The package's modules (the workers' part), indexes and runtime (made meanwhile); and
    what gives the files once the part is run. ``package``: its models in module order.
    """
    env = environment(options.template_dirs)
    by_key = package.by_key()
    comp = graph.components(package)
    root = options.package
    paths = [
        f"{root}/{naming[m.key].module.replace('.', '/')}.py" for m in package.models
    ]
    world = World("python", package, by_key, naming, comp)
    if progress is not None:
        progress.stage("render")  # what can be reused is found first
    todo = list(range(len(paths))) if memo is None else memo.stale(paths, world)
    rest: list[tuple[str, str]] = []

    def meanwhile() -> None:
        """The files of the whole package, made here while the workers make the modules."""
        rest.extend(
            traced(
                memo,
                "python/indexes",
                world,
                lambda w: render_indexes(w.package, w.naming, options),
            )
        )
        runtime = env.get_template(f"python/runtime_{options.kind}.py.jinja")
        rest.append(
            (
                f"{root}/_runtime.py",
                runtime.render(
                    kind=options.kind,
                    package=root,
                    unique_items=options.kind == "pydantic" and uses_unique(package),
                ),
            )
        )
        rest.append((f"{root}/py.typed", ""))

    part = batch.Part(
        _render_chunk, (package.models, world, options, memo), todo, meanwhile
    )

    def done() -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        for i, text in zip(todo, part.results):
            if memo is not None:
                text, deps, digest = text
                memo.remember(package.models[i], digest)
                memo.record(paths[i], [paths[i]], deps)
            out.append((paths[i], text))
        return out + rest

    return part, done


def _render_chunk(indices, shared) -> list:
    models, world, options, memo = shared
    if memo is None:
        return [
            render_model(models[i], world.by_key, world.comp, world.naming, options)
            for i in indices
        ]
    out = []
    for i in indices:
        m = models[i]
        recorder = memo.recorder(m)
        seen = world.traced(recorder)
        text = render_model(m, seen.by_key, seen.comp, seen.naming, options)
        out.append((text, memo.reads(recorder, world), memo.digest(m)))
    return out
