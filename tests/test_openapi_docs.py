"""The markdown docs written for spec input work as they do for docs input: a doc per model, all in
the index, links that resolve, tables with whole rows; on the OpenAPI goldens and the gentests specs.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support.corpora import big_corpora_enabled, openapi_corpus
from support.docs_check import problems

from generator import generate

GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize("case", ["oa_refs", "oa_unions", "oa_types", "oa_operations"])
@pytest.mark.parametrize("kind", ["pydantic", "dataclasses"])
def test_golden_spec_docs(case, kind):
    r = generate(GOLDEN / case / "input", write=False, kind=kind)
    assert r.ok
    assert problems(dict(r.files), r.naming, r.package) == []


def test_the_check_finds_broken_docs():
    r = generate(GOLDEN / "oa_refs" / "input", write=False)
    files = dict(r.files)
    files.pop("docs/models/components/address.md")
    path = "docs/models/components/owner.md"
    files[path] += "\n| a | b |\n| --- | --- |\n| 1 | 2 | 3 |\n"
    got = problems(files, r.naming, r.package)
    assert any("components.Address: no doc" in p for p in got)
    assert any("address.md resolves to nothing" in p for p in got)
    assert any("3 cells, the header has 2" in p for p in got)


@pytest.mark.corpus
def test_gentests_spec_docs():
    r = generate(openapi_corpus("gentests"), write=False)
    assert r.ok
    assert problems(dict(r.files), r.naming, r.package) == []


@pytest.mark.corpus
@pytest.mark.skipif(
    not big_corpora_enabled(), reason="big corpus: GEN_MODELS_BIG_CORPORA=1"
)
def test_orq_spec_docs():
    r = generate(openapi_corpus("orq-openapi"), write=False)
    assert r.ok
    assert problems(dict(r.files), r.naming, r.package) == []
