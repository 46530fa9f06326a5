"""Garbage in, diagnostics out: no exception escapes generate() or the type-cell parser.

A seeded random generator mutates the golden input docs (hypothesis is not a dependency).
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from generator import generate
from generator.parse.dialects import python as py
from generator.parse.dialects import typescript as ts
from generator.parse.types import TypeSyntaxError, parse_cell

from .helpers import ROOT, write_docs

GOLDEN = ROOT / "tests" / "golden"
SEEDS = ["", "|", "\\|", "\\", "`", "*", "**", "~~", "[", "]", "(", ")", "](", "<", ">", "<br/>", "#", "# ", "## ",
         "## Fields", "## Values", "## Supported Types", "### ", "```", "```python\n", "```typescript\n", "\n", "\n\n",
         "- ", "> ", "    ", ":heavy_check_mark:", ":heavy_minus_sign:", "N/A", "[]", "Record<string, ", "List[",
         "Dict[str, ", "Optional[", "Nullable[", "Literal[", '"', "'", "..", "../", "../../models/", ".md", "\x00",
         "\t", "\r", "é", "名", "\ufeff", "{", "}", "$", "None", "null", "Unrecognized<string>", "| --- |", "0", "-1", "1e9"]


def _corpus() -> list[tuple[str, str]]:
    docs = []
    for case in sorted(GOLDEN.iterdir()):
        for p in sorted((case / "input").rglob("*.md")) if (case / "input").is_dir() else []:
            docs.append((p.relative_to(case / "input").as_posix(), p.read_text(encoding="utf-8")))
    return docs


def mutate(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 6)):
        op = rng.randrange(8)
        i = rng.randrange(len(lines)) if lines else 0
        if op == 0 and lines:
            del lines[i]
        elif op == 1 and lines:
            lines.insert(i, lines[i])
        elif op == 2:
            lines.insert(i, rng.choice(SEEDS))
        elif op == 3 and lines:
            s = lines[i]
            j = rng.randint(0, len(s))
            lines[i] = s[:j] + rng.choice(SEEDS) + s[j:]
        elif op == 4 and lines:
            s = lines[i]
            j, k = sorted(rng.randint(0, len(s)) for _ in range(2))
            lines[i] = s[:j] + s[k:]
        elif op == 5 and len(lines) > 1:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == 6:
            lines = lines[: rng.randint(0, len(lines))]
        else:
            lines.insert(i, "".join(rng.choice(SEEDS) for _ in range(rng.randint(1, 8))))
    out = "\n".join(lines)
    return out if rng.random() < 0.7 else out.rstrip("\n")


@pytest.mark.parametrize("batch", range(10))
def test_mutated_docs_never_raise(batch, tmp_path: Path):
    rng = random.Random(20240 + batch)
    corpus = _corpus()
    assert corpus
    for i in range(30):  # 10 batches x 30 trees x ~3 docs
        docs = {}
        for _ in range(rng.randint(1, 4)):
            path, text = rng.choice(corpus)
            docs[path] = mutate(text, rng)
        specs = write_docs(tmp_path / f"t{i}", docs)
        kind = rng.choice(["pydantic", "dataclasses"])
        try:
            result = generate(specs, write=False, kind=kind, allow_missing=rng.random() < 0.5)
        except Exception as exc:  # pragma: no cover - the failure message is the point
            raise AssertionError(f"generate raised {exc!r} on seed batch {batch}, tree {i}: {docs!r}") from exc
        assert result.exit_code in (0, 2)
        if result.ok:
            for path, text in result.files:
                if path.endswith(".py"):
                    try:
                        compile(text, path, "exec")
                    except SyntaxError as exc:
                        raise AssertionError(f"invalid Python in {path} from {docs!r}:\n{text}") from exc
        else:
            assert not result.files or all(d.line >= 1 and d.col >= 1 for d in result.diagnostics)


def test_random_type_cells_raise_only_type_syntax_errors():
    rng = random.Random(7)
    pieces = ["*", "`", "[", "]", "(", ")", "<", ">", "|", ",", " ", "string", "str", "List[", "Dict[str, ", "Record<string, ",
              "Optional[", "Literal[", '"', "1", "components.X", "../../models/components/x.md", "https://x", "[]", "Union[",
              "\\", "#date-objects", "any", "models.", "Nullable[", "{ [k: string]: ", " }", "EventStream<"]
    for _ in range(4000):
        cell = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 10)))
        for dialect in (ts, py):
            try:
                parse_cell(cell, dialect)
            except TypeSyntaxError:
                pass
            except RecursionError:  # pragma: no cover
                raise
            except Exception as exc:
                raise AssertionError(f"{dialect.name} parse_cell({cell!r}) raised {exc!r}") from exc
