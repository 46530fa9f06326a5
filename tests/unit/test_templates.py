"""``--templates DIR``: the user's templates replace the package's by name; they get structured
values and the layouts as macros; black formats everything they produce; every way a template can
fail is a located diagnostic, never a traceback."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from generator import generate
from generator.render.environment import environment
from generator.render.templates import package_templates

from .helpers import ROOT, object_doc, run_cli, write_docs

CHECK = ":heavy_check_mark:"
MINUS = ":heavy_minus_sign:"
DOCS = {
    "models/components/pet.md": object_doc(
        "Pet",
        f"| `petId` | *string* | {CHECK} | The id. |",
        f"| `name` | *string* | {MINUS} | The name. |",
        f"| `legacy` | *string* | {MINUS} | : warning: ** DEPRECATED **: Use name. |",
    ),
    "models/components/colour.md": "# Colour\n\n## Values\n\n| Name | Value |\n| ---- | ----- |\n| `Red` | red |\n",
}


def _templates(root: Path, files: dict[str, str]) -> str:
    write_docs(root, files)
    return str(root)


def _run(tmp_path: Path, files: dict[str, str] | None = None, **options):
    templates = _templates(tmp_path / "tpl", files) if files is not None else None
    return generate(DOCS, write=False, templates=templates, **options)


def _pet(result) -> str:
    return dict(result.files)["models/components/pet.py"]


def test_an_override_replaces_one_template_by_name_and_the_rest_come_from_the_package(
    tmp_path,
):
    default = generate(DOCS, write=False)
    result = _run(
        tmp_path,
        {"python/enum.py.jinja": "{{ class_line }}\n    RED = 'red'  # overridden\n"},
    )
    assert result.ok, result.diagnostics
    files, before = dict(result.files), dict(default.files)
    assert "# overridden" in files["models/components/colour.py"]
    assert (
        'RED = "red"  # overridden' in files["models/components/colour.py"]
    )  # black ran on it
    assert {p: t for p, t in files.items() if p != "models/components/colour.py"} == {
        p: t for p, t in before.items() if p != "models/components/colour.py"
    }


def test_an_empty_templates_folder_gives_the_default_output(tmp_path):
    (tmp_path / "tpl").mkdir()
    assert (
        generate(DOCS, write=False, templates=tmp_path / "tpl").files
        == generate(DOCS, write=False).files
    )


def test_the_environment_is_per_template_folder(tmp_path):
    a = _templates(tmp_path / "a", {"python/union.py.jinja": "A = 1\n"})
    b = _templates(tmp_path / "b", {"python/union.py.jinja": "B = 2\n"})
    assert environment((a,)) is environment((a,))
    assert environment((a,)) is not environment((b,)) is not environment()
    assert environment((a,)).get_template("python/union.py.jinja").render() == "A = 1\n"
    assert environment((b,)).get_template("python/union.py.jinja").render() == "B = 2\n"
    assert (
        "{{"
        in environment().loader.get_source(environment(), "python/union.py.jinja")[0]
    )


def test_macros_and_structured_values_change_one_thing(tmp_path):
    tpl = {
        "python/pydantic_object.py.jinja": (
            '{% import "python/_macros.jinja" as m %}\n'
            "{{ m.pydantic_object(name, ['Base2'] + bases, doc, decorators, config, extra, fields) }}\n"
            "# {{ model.key.name }} {{ names.module }} {{ kind }} {{ model_kind }}\n"
            "{% for f in fields %}\n"
            "# {{ f.attr }}|{{ f.name }}|{{ f.alias }}|{{ f.annotation }}|{{ f.default }}|{{ f.required }}"
            "|{{ f.description }}|{{ f.deprecated }}|{{ f.call }}|{{ f.args | join(',') }}\n"
            "{% endfor %}\n"
        ),
    }
    text = _pet(_run(tmp_path, tpl))
    assert "class Pet(Base2, BaseModel):" in text
    assert "# Pet components.pet pydantic object" in text
    assert '# pet_id|petId|petId|str|None|True|The id.|None|Field|alias="petId"' in text
    assert "# name|name|None|str | None|None|False|The name.|None|None|" in text
    assert (
        '# legacy|legacy|None|str | None|None|False||Use name.|Field|default=None,deprecated="Use name."'
        in text
    )
    # the rest of the model is the default layout
    default = _pet(generate(DOCS, write=False))
    assert (
        default.replace("class Pet(BaseModel):", "class Pet(Base2, BaseModel):") in text
    )


def test_a_field_macro_from_changed_values(tmp_path):
    tpl = {
        "python/pydantic_object.py.jinja": (
            '{% import "python/_macros.jinja" as m %}\n'
            "{{ m.class_line(name, bases) }}\n"
            "{% for f in fields %}\n"
            "    {{ layout.annotated(f.attr, f.annotation, 'Field(' ~ (f.args | list + ['description=' ~ (f.description | py_string)]) | join(', ') ~ ')') }}\n"
            "{% endfor %}\n"
        ),
        "python/module.py.jinja": (
            '{% import "python/_macros.jinja" as m %}\n'
            "{{ m.module(header, import_groups + [['from pydantic import Field']], body, body_is_assignment, bottom_imports) }}\n"
        ),
    }
    text = _pet(_run(tmp_path, tpl))
    assert 'pet_id: str = Field(alias="petId", description="The id.")' in text
    assert 'name: str | None = Field(description="The name.")' in text
    compile(text, "pet.py", "exec")


def test_black_formats_every_python_file_when_templates_are_given(tmp_path):
    # a layout black would change everywhere: no spaces, single quotes
    tpl = {
        "python/pydantic_object.py.jinja": "class {{ name }}( {{ bases | join(',') }} ) :\n  x:int=1\n  y : str='a'\n"
    }
    text = _pet(_run(tmp_path, tpl))
    assert 'class Pet(BaseModel):\n    x: int = 1\n    y: str = "a"\n' in text


def test_every_template_name_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    names = package_templates()
    assert (
        "python/pydantic_object.py.jinja" in names and "python/_macros.jinja" in names
    )
    missing = [n for n in names if f"`{n}`" not in readme]
    assert not missing, f"templates the README does not name: {missing}"


# ------------------------------------------------------------ failures are located diagnostics


def _one_error(result, code: str):
    errors = [d for d in result.diagnostics if d.severity.name == "ERROR"]
    assert [d.code for d in errors] == [code], [str(d) for d in result.diagnostics]
    assert not result.files
    return errors[0]


def test_a_missing_templates_folder(tmp_path):
    d = _one_error(
        generate(DOCS, write=False, templates=tmp_path / "nope"), "template-missing"
    )
    assert d.file == str(tmp_path / "nope") and d.line == 1


def test_a_syntax_error_in_a_template_this_input_does_not_use(tmp_path):
    result = _run(
        tmp_path,
        {
            "python/union.py.jinja": "{{ alias }}\n{% if doc %}\n{{ doc }}\n{% endfor %}\n"
        },
    )
    d = _one_error(result, "template-syntax")
    assert d.file == str(tmp_path / "tpl" / "python" / "union.py.jinja") and d.line == 4
    assert "endfor" in d.message


def test_an_undefined_value_is_located_in_the_users_template(tmp_path):
    tpl = {
        "python/pydantic_object.py.jinja": (
            '{% import "python/_macros.jinja" as m %}\n\n'
            "{{ m.pydantic_object(name, bases, doc, decorators, config, extra, feilds) }}\n"
        )
    }
    d = _one_error(_run(tmp_path, tpl), "template-undefined")
    assert (
        d.file == str(tmp_path / "tpl" / "python" / "pydantic_object.py.jinja")
        and d.line == 3
    )
    assert "'feilds' is undefined" in d.message and "python/_macros.jinja" in d.message
    assert str(d).startswith(f"{d.file}:3:1: error: ")


def test_an_undefined_attribute(tmp_path):
    d = _one_error(
        _run(
            tmp_path,
            {"python/enum.py.jinja": "{{ class_line }}\n    X = {{ model.nope }}\n"},
        ),
        "template-undefined",
    )
    assert d.line == 2 and "nope" in d.message


def test_an_exception_in_a_template(tmp_path):
    d = _one_error(
        _run(
            tmp_path,
            {"python/enum.py.jinja": "{{ class_line }}\n\n    X = {{ 1 // 0 }}\n"},
        ),
        "template-error",
    )
    assert d.line == 3 and "ZeroDivisionError" in d.message


def test_an_include_that_does_not_exist(tmp_path):
    d = _one_error(
        _run(
            tmp_path, {"python/enum.py.jinja": '{% include "python/_nope.jinja" %}\n'}
        ),
        "template-not-found",
    )
    assert d.file.endswith("enum.py.jinja") and "python/_nope.jinja" in d.message


def test_output_that_is_not_python(tmp_path):
    result = generate(
        DOCS,
        tmp_path / "out",
        templates=_templates(
            tmp_path / "tpl", {"python/enum.py.jinja": "class {{ name }}(:\n"}
        ),
    )
    d = _one_error(result, "template-output")
    assert d.file == os.path.join(str(tmp_path / "out"), "models/components/colour.py")
    assert d.line > 1 and d.col > 1
    assert not (tmp_path / "out").exists()


def test_a_template_that_replaces_nothing_is_a_warning(tmp_path):
    result = _run(
        tmp_path, {"pydantic_object.py.jinja": "x\n", "python/_partial.jinja": "x\n"}
    )
    assert result.ok
    warnings = [d for d in result.diagnostics if d.code == "template-unknown"]
    assert [Path(d.file).name for d in warnings] == ["pydantic_object.py.jinja"]


# ------------------------------------------------------------ the command line and the config key


def test_the_flag_and_the_config_key(tmp_path):
    write_docs(tmp_path, {"specs/" + k: v for k, v in DOCS.items()})
    _templates(
        tmp_path / "tpl",
        {"python/enum.py.jinja": "{{ class_line }}\n    RED = 'red'  # mine\n"},
    )
    proc = run_cli(
        tmp_path / "specs", tmp_path / "out1", "--templates", tmp_path / "tpl"
    )
    assert proc.returncode == 0, proc.stderr
    assert "# mine" in (tmp_path / "out1/models/components/colour.py").read_text()
    (tmp_path / "pyproject.toml").write_text(
        '[tool.gen-models]\nspecs = "specs"\nout = "out2"\ntemplates = "tpl"\n'
    )
    proc = run_cli("--config", tmp_path / "pyproject.toml")
    assert proc.returncode == 0, proc.stderr
    assert "# mine" in (tmp_path / "out2/models/components/colour.py").read_text()


def test_the_command_line_reports_a_broken_template_in_one_line(tmp_path):
    write_docs(tmp_path, {"specs/" + k: v for k, v in DOCS.items()})
    tpl = _templates(
        tmp_path / "tpl",
        {"python/enum.py.jinja": "{{ class_line }}\n    X = {{ nope }}\n"},
    )
    proc = run_cli(tmp_path / "specs", tmp_path / "out", "--templates", tpl)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert re.search(
        r"python/enum\.py\.jinja:2:1: error: undefined value in template: 'nope' is undefined \[template-undefined\]",
        proc.stderr,
    ), proc.stderr
    proc = run_cli(
        tmp_path / "specs", tmp_path / "out", "--templates", tmp_path / "missing"
    )
    assert (
        proc.returncode == 2
        and "[template-missing]" in proc.stderr
        and "Traceback" not in proc.stderr
    )
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("kind", ["pydantic", "dataclasses"])
def test_the_default_templates_use_the_macros(kind):
    # the goldens hold the output byte for byte; here: the default templates are the macros' callers
    for name in (
        "module",
        f"{'pydantic' if kind == 'pydantic' else 'dataclass'}_object",
        "enum",
        "union",
    ):
        source = (ROOT / "templates" / "python" / f"{name}.py.jinja").read_text()
        assert '{% import "python/_macros.jinja" as m %}' in source and "m." in source


def test_editing_a_template_of_yours_regenerates(tmp_path):
    tpl = {"python/enum.py.jinja": "{{ class_line }}\n    RED = 'red'  # one\n"}
    templates = _templates(tmp_path / "tpl", tpl)
    assert generate(DOCS, tmp_path / "out", templates=templates).ok
    again = generate(DOCS, tmp_path / "out", templates=templates)
    assert again.ok and again.unchanged  # the manifest knows the run: nothing to do
    (tmp_path / "tpl/python/enum.py.jinja").write_text(
        tpl["python/enum.py.jinja"].replace("one", "two")
    )
    edited = generate(DOCS, tmp_path / "out", templates=templates)
    assert edited.ok and not edited.unchanged
    assert "# two" in (tmp_path / "out/models/components/colour.py").read_text()
    dropped = generate(
        DOCS, tmp_path / "out"
    )  # without them: the package's templates again
    assert dropped.ok and not dropped.unchanged
    assert "# two" not in (tmp_path / "out/models/components/colour.py").read_text()


def test_the_package_templates_are_read_once_per_process(monkeypatch):
    # a stat of the template's file at every get_template (two per rendered model) bought
    # nothing: the package's templates are part of its code. A user's are checked (above).
    import jinja2.loaders

    from generator.render.environment import environment

    env = environment(())
    first = env.get_template("python/enum.py.jinja")

    def moved(path):
        raise OSError(f"{path} is gone")

    monkeypatch.setattr(jinja2.loaders.os.path, "getmtime", moved)
    assert env.get_template("python/enum.py.jinja") is first


def test_a_loaded_package_template_is_found_without_jinjas_cache(monkeypatch):
    # two lookups per rendered model (its template, the macros it imports): once loaded, the
    # environment answers by name, without jinja's cache key, lock and LRU bookkeeping
    import jinja2

    env = environment(())
    first = env.get_template("python/enum.py.jinja")
    macros = env.get_template("python/_macros.jinja", "python/enum.py.jinja")

    def again(self, name, globals):
        raise AssertionError(f"{name} loaded twice")

    monkeypatch.setattr(jinja2.Environment, "_load_template", again)
    assert env.get_template("python/enum.py.jinja") is first
    assert env.get_template("python/_macros.jinja", "python/enum.py.jinja") is macros
    # a user's templates are looked up by jinja every time (it checks whether they changed)
    with pytest.raises(AssertionError):
        environment(("/nonexistent-templates",)).get_template("python/enum.py.jinja")
