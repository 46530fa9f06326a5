"""Reference resolution in the markdown front-end (generator/frontends/markdown/links.py)."""

from __future__ import annotations

from generator import generate

from .helpers import write_docs

HEAD = "| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n"


def _doc(name: str, row: str) -> str:
    return f"# {name}\n\n## Fields\n\n{HEAD}{row}\n"


def test_a_bare_name_in_two_other_namespaces_is_ambiguous_and_says_where(tmp_path):
    thing = _doc("Thing", "| `x` | *string* | :heavy_check_mark: | N/A |")
    specs = write_docs(
        tmp_path / "specs",
        {
            "models/a/thing.md": thing,
            "models/b/thing.md": thing,
            "models/c/user.md": _doc(
                "User", "| `t` | *Thing* | :heavy_check_mark: | N/A |"
            ),
        },
    )
    result = generate(specs, write=False)
    errors = [str(d) for d in result.diagnostics if d.severity.name == "ERROR"]
    assert errors == [
        "models/c/user.md:7:9: error: ambiguous reference 'Thing': it could mean models/a/thing.md, "
        "models/b/thing.md [link-unresolved]"
    ]


def test_a_bare_name_prefers_the_citing_namespace(tmp_path):
    thing = _doc("Thing", "| `x` | *string* | :heavy_check_mark: | N/A |")
    specs = write_docs(
        tmp_path / "specs",
        {
            "models/a/thing.md": thing,
            "models/b/thing.md": thing,
            "models/b/user.md": _doc(
                "User", "| `t` | *Thing* | :heavy_check_mark: | N/A |"
            ),
        },
    )
    result = generate(specs, write=False, docs=False)
    assert result.ok, [str(d) for d in result.diagnostics]
    assert "from .thing import Thing" in dict(result.files)["models/b/user.py"]
