"""The front-end interface (generator/frontends/__init__.py) and the markdown front-end behind it."""

from __future__ import annotations

import subprocess
import sys

from generator import ir
from generator.diagnostics import Diagnostics
from generator.frontends import FRONT_ENDS, FrontEnd, LoadOptions, load_all
from generator.frontends.markdown import MarkdownFrontEnd
from generator.read import SourceFile

from .helpers import object_doc

ROW = "| `petId` | [components.Tag](../../models/components/tag.md) | :heavy_check_mark: | The id. |"


class _Fake:
    """A front-end for ``*.fake`` files: one model per file, named after it."""

    name = "fake"

    def __init__(self) -> None:
        self.seen: list[str] = []

    def claims(self, path: str) -> bool:
        return path.endswith(".fake")

    def load(self, files, diags, options) -> ir.Package:
        self.seen += [f.path for f in files]
        return ir.package(
            ir.ObjectModel(
                key=ir.ModelKey("components", f.text),
                description="",
                deprecated=None,
                source=ir.Source(f.path, 1, 1, "/x"),
            )
            for f in files
        )


def test_the_markdown_front_end_is_registered_and_fits_the_protocol():
    fe: FrontEnd = FRONT_ENDS[0]
    assert isinstance(fe, MarkdownFrontEnd) and fe.name == "markdown"
    assert (
        fe.claims("docs/models/a.md")
        and fe.claims("A.MD")
        and not fe.claims("openapi.yaml")
    )


def test_the_openapi_front_end_is_registered_and_claims_specs():
    fe: FrontEnd = FRONT_ENDS[1]
    assert fe.name == "openapi"
    assert all(fe.claims(p) for p in ("openapi.yaml", "a/B.YML", "spec.json"))
    assert not fe.claims("docs/models/a.md")


DOCS_RUN = """
import sys
from generator import generate
result = generate({"models/components/pet.md": sys.argv[1]}, write=False)
assert result.ok and result.files, result.diagnostics
print(" ".join(m for m in ("yaml", "generator.frontends.openapi") if m in sys.modules))
"""


def test_a_run_on_docs_alone_imports_no_openapi_front_end():
    # yaml and the schema builder are loaded when a run has a spec to read (~40-80 ms)
    doc = object_doc("Pet", "| `id` | *string* | :heavy_check_mark: | The id. |")
    proc = subprocess.run(
        [sys.executable, "-c", DOCS_RUN, doc], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == []


def test_the_markdown_front_end_resolves_links_to_keys():
    files = [
        SourceFile("models/components/pet.md", object_doc("Pet", ROW)),
        SourceFile(
            "models/components/tag.md",
            object_doc("Tag", "| `x` | *string* | :heavy_minus_sign: | N/A |"),
        ),
    ]
    diags = Diagnostics()
    package = MarkdownFrontEnd().load(files, diags, LoadOptions())
    assert diags.items == []
    assert [m.key for m in package.models] == [
        ir.ModelKey("components", "Pet"),
        ir.ModelKey("components", "Tag"),
    ]
    pet, tag = package.models
    (f,) = pet.fields
    assert (
        f.name == "petId" and f.type == ir.Ref(tag.key) and f.description == "The id."
    )
    assert f.source == ir.Source("models/components/pet.md", 7, 13)
    assert pet.path_hint == "pet" and pet.source.pointer == ""
    assert tag.fields[0].type == ir.STRING and not tag.fields[0].required


def test_each_file_goes_to_the_first_front_end_that_claims_it():
    fake = _Fake()
    files = [
        SourceFile(
            "models/components/tag.md",
            object_doc("Tag", "| `x` | *string* | :heavy_minus_sign: | N/A |"),
        ),
        SourceFile("b.fake", "B"),
        SourceFile("notes.txt", ""),
    ]
    diags = Diagnostics()
    package = load_all(files, diags, LoadOptions(), (MarkdownFrontEnd(), fake))
    assert fake.seen == ["b.fake"]
    assert [str(m.key) for m in package.models] == ["components.B", "components.Tag"]
    assert [str(d) for d in diags.items] == [
        "notes.txt:1:1: info: no front-end reads this kind of file; skipped [load-unclaimed]"
    ]


def test_a_model_two_front_ends_define_is_an_error():
    fake = _Fake()
    files = [
        SourceFile(
            "models/components/tag.md",
            object_doc("Tag", "| `x` | *string* | :heavy_minus_sign: | N/A |"),
        ),
        SourceFile("t.fake", "Tag"),
    ]
    diags = Diagnostics()
    package = load_all(files, diags, LoadOptions(), (MarkdownFrontEnd(), fake))
    assert [m.source.file for m in package.models] == ["models/components/tag.md"]
    assert [d.code for d in diags.items] == ["load-duplicate"]
    assert (
        diags.items[0].file == "t.fake"
        and "models/components/tag.md" in diags.items[0].message
    )
