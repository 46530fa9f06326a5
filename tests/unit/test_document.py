"""Field-level rules of parse/document.py."""

from __future__ import annotations

from generator import generate

from .helpers import write_docs

DOC = """# GetFileResponse


## Fields

| Field | Type | Required | Description |
| ----- | ---- | -------- | ----------- |
| `content_type` | *str* | :heavy_check_mark: | HTTP response content type for this operation |
| `bytes` | *Optional[requests_http.Response]* | :heavy_minus_sign: | OK |
| `raw_response` | *Optional[requests_http.Response]* | :heavy_minus_sign: | Raw HTTP response |
"""


def test_raw_response_is_skipped_but_a_streamed_body_is_bytes(tmp_path):
    specs = write_docs(tmp_path / "specs", {"docs/models/operations/getfileresponse.md": DOC})
    result = generate(specs, write=False, docs=False)
    assert result.ok, [str(d) for d in result.diagnostics]
    text = dict(result.files)["models/operations/getfileresponse.py"]
    assert "bytes_: bytes | None = Field(default=None, alias=\"bytes\")" in text
    assert "raw_response" not in text
