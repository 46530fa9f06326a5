"""Known hostile inputs from the hardening issue: each one must give a clear error diagnostic, or a
package that imports and works. Every case generates the package and exercises it in a subprocess
(a fresh interpreter: nothing of the generator or of other tests is imported there).

Cases that the generator still gets wrong are marked ``xfail(strict=True)`` with the finding as the
reason: the suite stays green, and the marker fails loudly once the generator is fixed.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from generator import generate
from generator.pipeline import Result
from generator.write import write as write_out

from .helpers import ROOT, object_doc, write_docs

NS = "docs/models/components"

# every name the package index lists resolves to an object of that name, and classes build
EXERCISE = """
import importlib, sys, typing, dataclasses, enum
pkg = importlib.import_module(PACKAGE)
names = pkg.__all__
assert isinstance(names, list) and names, names
for name in names:
    obj = getattr(pkg, name)
    if isinstance(obj, type):
        assert obj.__name__ == name, (name, obj.__name__, obj)
        if issubclass(obj, enum.Enum):
            for m in obj:
                assert obj(m.value) is m, (name, m)
        elif dataclasses.is_dataclass(obj):
            typing.get_type_hints(obj)
        else:
            import pydantic
            assert issubclass(obj, pydantic.BaseModel), (name, obj)
            obj.model_rebuild(force=True)
            obj.model_json_schema(mode="serialization")
"""


def _doc_path(name: str, ns: str = NS) -> str:
    return f"{ns}/{name.lower()}.md"


def enum_doc(name: str, code: str) -> str:
    return f"# {name}\n\n## Values\n\n```typescript\n{code}\n```\n"


def table_enum_doc(name: str, *rows: tuple[str, str]) -> str:
    body = "\n".join(f"| `{n}` | {v} |" for n, v in rows)
    return f"# {name}\n\n## Values\n\n| Name | Value |\n| ---- | ----- |\n{body}\n"


def ts_ref(name: str) -> str:
    return f"[components.{name}](../../models/components/{name.lower()}.md)"


def build(tmp_path: Path, docs: dict[str, str], **options) -> Result:
    specs = write_docs(tmp_path / "specs", docs)
    try:
        return generate(specs, write=False, **options)
    except (
        RecursionError
    ) as exc:  # the failure is the point: report it, not a 1,000-frame traceback
        raise AssertionError(f"generate() raised {exc!r}") from None


def run(tmp_path: Path, result: Result, package: str, script: str) -> None:
    """Write the package to ``tmp_path/out`` and run ``script`` there in a fresh interpreter."""
    out = tmp_path / "out"
    write_out(out, result.files)
    code = (
        f"PACKAGE = {package!r}\n" + textwrap.dedent(EXERCISE) + textwrap.dedent(script)
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        cwd=out,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, f"generated package failed:\n{proc.stderr[-3000:]}"


def errors(result: Result) -> list[str]:
    return [str(d) for d in result.diagnostics if d.severity.name == "ERROR"]


def diagnosed_or_works(
    tmp_path: Path,
    docs: dict[str, str],
    script: str = "",
    package: str = "models",
    **options,
) -> None:
    result = build(tmp_path, docs, package=package, **options)
    if not result.ok:
        assert errors(result) and not result.files
        return
    run(tmp_path, result, package, script)


# ---------------------------------------------------------------- values


def test_enum_value_nan(tmp_path):
    docs = {_doc_path("Level"): enum_doc("Level", '"low" | NaN')}
    diagnosed_or_works(
        tmp_path,
        docs,
        "import math\nfrom models import Level\nassert any(isinstance(m.value, float) and math.isnan(m.value) for m in Level)\n",
    )


def test_ts_literal_1e999(tmp_path):
    docs = {
        _doc_path("Big"): object_doc(
            "Big", "| `n` | *1e999* | :heavy_check_mark: | N/A |"
        )
    }
    diagnosed_or_works(
        tmp_path,
        docs,
        "from models import Big\nassert Big.model_validate({'n': float('inf')}).n == float('inf')\n",
    )


def test_enum_values_1_and_1_0_and_true(tmp_path):
    docs = {_doc_path("Mixed"): enum_doc("Mixed", "1 | 1.0 | true")}
    script = """
    from models import Mixed
    for v in (1, 1.0, True):
        assert type(Mixed(v).value) is type(v), (v, Mixed(v))
    assert len(Mixed) == 3, list(Mixed)
    """
    diagnosed_or_works(tmp_path, docs, script)


# ---------------------------------------------------------------- names that normalise into others


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("A²"),
        pytest.param("Aﬁ"),
        pytest.param("Fｉｅｌｄ"),
    ],
)
def test_model_names_that_nfkc_normalise(tmp_path, name):
    docs = {
        _doc_path(name): object_doc(
            name, "| `x` | *string* | :heavy_check_mark: | N/A |"
        ),
        # a citing model whose field needs Field(alias=...), next to an import of the odd name
        _doc_path("Holder"): object_doc(
            "Holder",
            "| `fooBar` | *string* | :heavy_check_mark: | N/A |",
            f"| `item` | {ts_ref(name)} | :heavy_check_mark: | N/A |",
        ),
    }
    script = """
    from models import Holder
    h = Holder.model_validate({"fooBar": "a", "item": {"x": "b"}})
    assert h.model_dump() == {"fooBar": "a", "item": {"x": "b"}}, h.model_dump()
    """
    diagnosed_or_works(tmp_path, docs, script)


def test_enum_members_a_and_fullwidth_a(tmp_path):
    docs = {_doc_path("Letter"): table_enum_doc("Letter", ("A", "a"), ("Ａ", "b"))}
    script = """
    from models import Letter
    assert len(Letter) == 2 and Letter("a") is not Letter("b")
    assert {m.value for m in Letter} == {"a", "b"}
    """
    diagnosed_or_works(tmp_path, docs, script)


# ---------------------------------------------------------------- names the generated code uses itself


def test_model_named_deprecated_used_by_a_deprecated_model(tmp_path):
    docs = {
        _doc_path("deprecated"): object_doc(
            "deprecated", "| `x` | *string* | :heavy_check_mark: | N/A |"
        ),
        _doc_path(
            "User"
        ): "# ~~User~~\n\n> :warning: **DEPRECATED**: Use Person.\n\n## Fields\n\n"
        "| Field | Type | Required | Description |\n| ----- | ---- | -------- | ----------- |\n"
        f"| `d` | {ts_ref('deprecated')} | :heavy_check_mark: | N/A |\n",
    }
    script = """
    import warnings
    from models.components.user import User
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        u = User.model_validate({"d": {"x": "a"}})
    D = type(u.d)  # the model, under whatever safe name it got
    assert D.__name__.startswith("deprecated") and D.__module__.startswith("models.components.deprecated"), D
    assert u.d.x == "a"
    assert any(issubclass(w.category, DeprecationWarning) for w in caught), caught
    """
    diagnosed_or_works(tmp_path, docs, script)


_INDEX_NAMES = {
    "__getattr__": "package index: the index's own `def __getattr__` answers `models.__getattr__`, not the model",
    "_models": "package index: the index's helper `_models()` answers `models._models`, not the model",
    "importlib": "package index: the index's `import importlib` answers `models.importlib`, not the model",
    "annotations": "package index: `from __future__ import annotations` binds `models.annotations`, not the model",
    "__all__": "package index: `__getattr__('__all__')` returns the name list, not the model",
}


@pytest.mark.parametrize("kind", ["pydantic", "dataclasses"])
@pytest.mark.parametrize(
    "name",
    list(_INDEX_NAMES),
)
def test_model_names_the_package_index_uses(tmp_path, name, kind):
    docs = {
        _doc_path(name): object_doc(
            name, "| `x` | *string* | :heavy_check_mark: | N/A |"
        ),
        _doc_path("Other"): object_doc(
            "Other", "| `y` | *string* | :heavy_check_mark: | N/A |"
        ),
    }
    # the model may be exported under a safe name of its own; every exported name must be a model
    # (EXERCISE checks each), and the index's own objects must not be
    script = f"""
    import models, models.components
    for where in (models, models.components):
        assert getattr(where, "Other").__name__ == "Other"
        exported = [n for n in where.__all__ if n != "Other"]
        assert len(exported) == 1, exported
        cls = getattr(where, exported[0])
        assert isinstance(cls, type) and cls.__name__ == exported[0], cls
        assert {name!r} not in where.__all__ or isinstance(getattr(where, {name!r}), type)
    """
    diagnosed_or_works(tmp_path, docs, script, kind=kind)


@pytest.mark.parametrize(
    "package",
    [pytest.param(p) for p in ("pydantic", "enum", "typing_extensions")],
)
def test_package_named_like_a_module_the_output_imports(tmp_path, package):
    docs = {
        _doc_path("Pet"): object_doc(
            "Pet",
            "| `petName` | *string* | :heavy_check_mark: | N/A |",
            f"| `kind` | {ts_ref('Kind')} | :heavy_minus_sign: | N/A |",
        ),
        _doc_path(
            "Kind"
        ): "# Kind\n\nThis is an open enum. Unrecognized values will be captured as the `Unrecognized<string>` branded type.\n\n"
        '## Values\n\n```typescript\n"cat" | "dog" | Unrecognized<string>\n```\n',
    }
    try:
        result = build(tmp_path, docs, package=package)
    except ValueError as exc:  # a clear refusal of the option is a diagnostic too
        assert package in str(exc)
        return
    if not result.ok:
        assert errors(result)
        return
    # the generated package must work where it is meant to be used: its folder on sys.path
    script = """
    pet = pkg.Pet.model_validate({"petName": "Rex", "kind": "bird"})
    assert pet.model_dump() == {"petName": "Rex", "kind": "bird"}, pet.model_dump()
    """
    run(tmp_path, result, package, script)


# ---------------------------------------------------------------- deep nesting


@pytest.mark.parametrize("depth", [200, 10_000])
def test_list_nested_deep(tmp_path, depth):
    cell = "List[" * depth + "*str*" + "]" * depth
    docs = {
        "docs/models/deep.md": f"# Deep\n\n## Fields\n\n| Field | Type | Required | Description |\n| ----- | ---- | -------- | ----------- |\n| `a` | {cell} | :heavy_check_mark: | N/A |\n"
    }
    script = "from models import Deep\nassert Deep.model_validate({'a': []}).a == []\n"
    diagnosed_or_works(tmp_path, docs, script)


# ---------------------------------------------------------------- fields

_SOFT_KEYWORDS = {
    "3.10": ["_", "case", "match"],
    "3.12": ["_", "case", "match", "type"],
}
_GENERATE_UNDER = """
import keyword, sys, json
keyword.softkwlist[:] = json.loads(sys.argv[1])  # what keyword.softkwlist says on that Python
from generator import generate
r = generate(sys.argv[2], write=False)
assert r.ok, r.diagnostics
print(json.dumps(r.files))
"""


def test_field_named_type_is_the_same_on_every_python(tmp_path):
    specs = write_docs(
        tmp_path / "specs",
        {
            _doc_path("Thing"): object_doc(
                "Thing", "| `type` | *string* | :heavy_check_mark: | N/A |"
            )
        },
    )
    outputs = {}
    for version, soft in _SOFT_KEYWORDS.items():
        proc = subprocess.run(
            [sys.executable, "-c", _GENERATE_UNDER, json.dumps(soft), str(specs)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert proc.returncode == 0, proc.stderr
        outputs[version] = dict(json.loads(proc.stdout))
    a, b = outputs["3.10"], outputs["3.12"]
    assert a == b, next(f"{p}:\n{a[p]}\n---\n{b[p]}" for p in a if a[p] != b.get(p))


@pytest.mark.parametrize("kind", ["pydantic", "dataclasses"])
def test_duplicate_field_names_in_one_table(tmp_path, kind):
    docs = {
        _doc_path("Dup"): object_doc(
            "Dup",
            "| `a` | *string* | :heavy_check_mark: | N/A |",
            "| `a` | *number* | :heavy_check_mark: | N/A |",
        )
    }
    script = """
    import dataclasses
    from models import Dup
    if dataclasses.is_dataclass(Dup):
        names = [f.metadata.get("alias", f.name) for f in dataclasses.fields(Dup)]
    else:
        names = [f.alias or n for n, f in Dup.model_fields.items()]
    assert len(names) == len(set(names)), f"two fields share one JSON name: {names}"
    """
    diagnosed_or_works(tmp_path, docs, script, kind=kind)


# ---------------------------------------------------------------- control


@pytest.mark.parametrize("kind", ["pydantic", "dataclasses"])
def test_control_ordinary_names_work(tmp_path, kind):
    """The harness itself: ordinary docs pass the same exercise the hostile ones fail."""
    docs = {
        _doc_path("Pet"): object_doc(
            "Pet",
            "| `petName` | *string* | :heavy_check_mark: | N/A |",
            f"| `kind` | {ts_ref('Kind')} | :heavy_minus_sign: | N/A |",
        ),
        _doc_path("Kind"): enum_doc("Kind", '"cat" | "dog" | 1'),
    }
    diagnosed_or_works(
        tmp_path,
        docs,
        "from models import Pet, Kind\nassert Kind('cat').value == 'cat'\n",
        kind=kind,
    )
    assert (tmp_path / "out" / "models" / "components" / "pet.py").is_file()
