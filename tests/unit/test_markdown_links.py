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


def _union(name: str, fence: str, *heads: str) -> str:
    body = "".join(
        f"### `{h}`\n\n```{fence}\nvalue: {h} = /* values here */\n```\n\n"
        for h in heads
    )
    return f"# {name}\n\n## Supported Types\n\n{body}"


def _stream_case(tmp_path, fence: str, heads: tuple[str, ...], prefix: str):
    chunk = _doc("Chunk", "| `x` | *str* | :heavy_check_mark: | N/A |")
    specs = write_docs(
        tmp_path / "specs",
        {
            f"models/{prefix}chunk.md": chunk,
            f"models/{prefix}body.md": _doc(
                "Body", "| `y` | *str* | :heavy_check_mark: | N/A |"
            ),
            f"models/{prefix}response.md": _union("Response", fence, *heads),
        },
    )
    result = generate(specs, write=False, docs=False)
    assert result.ok, [str(d) for d in result.diagnostics]
    notes = [str(d) for d in result.diagnostics if d.code == "link-stream"]
    return dict(result.files)[f"models/{prefix}response.py"], notes


def test_a_python_generator_stream_member_is_its_element_type_with_a_note(tmp_path):
    text, notes = _stream_case(
        tmp_path,
        "python",
        (
            "models.Body",
            "Union[Generator[models.Chunk, None, None], AsyncGenerator[models.Chunk, None]]",
        ),
        "",
    )
    assert "Union[Body, Chunk]" in text
    assert notes == [
        "models/response.md:11:1: info: event stream: each event is modelled as its element "
        "type (the type of one event's data) [link-stream]"
    ]


def test_a_python_eventstream_member_is_its_element_type(tmp_path):
    text, notes = _stream_case(
        tmp_path,
        "python",
        (
            "models.Body",
            "Union[eventstreaming.EventStream[models.Chunk], "
            "eventstreaming.EventStreamAsync[models.Chunk]]",
        ),
        "",
    )
    assert "Union[Body, Chunk]" in text and len(notes) == 1


def test_a_typescript_eventstream_member_is_its_element_type(tmp_path):
    text, notes = _stream_case(
        tmp_path,
        "typescript",
        ("operations.Body", "EventStream<operations.Chunk>"),
        "operations/",
    )
    assert "Union[Body, Chunk]" in text and len(notes) == 1
