"""The wheel ships the YAML rule sets, so a non-editable install finds them, and ships them compiled,
so that no run parses their YAML."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path
from types import ModuleType

import pytest
from sourcefile import load

ROOT = Path(__file__).resolve().parent.parent


def _editable() -> bool:
    dist = metadata.distribution("gialint")
    direct = dist.read_text("direct_url.json")
    return bool(direct and json.loads(direct).get("dir_info", {}).get("editable"))


@pytest.mark.skipif(_editable(), reason="an editable install reads rules/ from the source tree")
def test_installed_package_has_rule_sets(tmp_path: Path) -> None:
    files = [str(f) for f in metadata.files("gialint") or []]
    assert any(f.replace("\\", "/").endswith("gialint/_rules/default.yaml") for f in files), files
    # -I: isolated mode, so the source checkout is not on sys.path; run outside it.
    code = "import gialint.config.rulesets as r; d = r.builtin_dir(); print(d); assert (d / 'default.yaml').is_file()"
    result = subprocess.run([sys.executable, "-I", "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "site-packages" in result.stdout and result.stdout.strip().endswith("_rules")


@pytest.mark.skipif(_editable(), reason="an editable install reads the source tree's (git-ignored) table")
def test_installed_package_has_its_regular_expressions_compiled(tmp_path: Path) -> None:
    code = "import gialint._regexcode as r; print(r.TABLE, len(r._load()))"
    result = subprocess.run([sys.executable, "-I", "-c", code], capture_output=True, text=True, cwd=tmp_path, check=False)
    assert result.returncode == 0, result.stderr
    where, count = result.stdout.split()
    assert "site-packages" in where and int(count) > 100, result.stdout


def test_source_tree_has_rule_sets() -> None:
    from gialint.config.rulesets import gialint_get_rule_sets

    sets = gialint_get_rule_sets()
    assert "default" in sets and sets["default"].is_file()


def test_console_script_and_module_agree() -> None:
    from gialint import __version__

    result = subprocess.run([sys.executable, "-m", "gialint", "--version"], capture_output=True, text=True)
    assert result.stdout.strip() == f"gialint {__version__}"


# --------------------------------------------------------------------------- compiled rule sets


def _compile_rules() -> ModuleType:
    return load("scripts/compile_rules.py", "compile_rules")


def _compile_regexes() -> ModuleType:
    return load("scripts/compile_regexes.py", "compile_regexes")


def test_committed_compiled_rule_sets_are_current() -> None:
    assert _compile_rules().stale() == [], "run: python scripts/compile_rules.py"


def test_compiled_sets_are_used_only_for_the_text_they_were_compiled_from() -> None:
    from gialint.config.yamlio import _plain, read_compiled, read_yaml

    for path in sorted((ROOT / "rules").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert read_compiled(text, str(path)) == _plain(read_yaml(text, str(path)))
        assert read_compiled(text + "\n# edited\n", str(path)) is None  # an edited rules/ is parsed again
    assert read_compiled("rules: {}\n", "/elsewhere/province.yaml") is None


@pytest.fixture
def shipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A wheel's layout in miniature: a copy of rules/ as the shipped sets, and the table its
    build makes (scripts/compile_rules.py's built()) in place of the package's own."""
    from gialint.config import yamlio

    rules = tmp_path / "_rules"
    shutil.copytree(ROOT / "rules", rules)
    table = tmp_path / "builtin_sets.bin"
    table.write_bytes(_compile_rules().built(rules))
    monkeypatch.setattr(yamlio, "SHIPPED_DIR", str(rules))
    monkeypatch.setattr(yamlio, "BUILT_SETS", str(table))
    monkeypatch.setattr(yamlio, "_built", None)
    yield rules
    monkeypatch.setattr(yamlio, "_built", None)


def test_a_wheels_sets_are_taken_as_built_without_reading_them(shipped: Path) -> None:
    from gialint.config.yamlio import read_built, read_compiled

    for path in sorted(shipped.glob("*.yaml")):
        data = read_built(str(path))
        assert data is not None and data == read_compiled(path.read_text(encoding="utf-8"), str(path)), path
    assert read_built(str(ROOT / "rules" / "default.yaml")) is None  # not the shipped copy: a source tree
    assert read_built(str(shipped / "province.yaml")) is None  # a set the build did not compile


def test_the_shipped_folder_is_where_builtin_dir_looks_in_a_wheel() -> None:
    from gialint.config import builtin, yamlio

    assert yamlio.SHIPPED_DIR == str(builtin._HERE / "_rules")


def test_a_shipped_set_edited_in_place_is_read_again(shipped: Path) -> None:
    from gialint.config.yamlio import read_built

    edited = shipped / "gov-2021.yaml"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert read_built(str(edited)) is None  # its size changed: hashed against its compiled copy
    assert read_built(str(shipped / "default.yaml")) is not None


@pytest.mark.parametrize("damage", ["missing", "truncated", "flipped byte"])
def test_a_missing_or_damaged_table_of_sets_falls_back(shipped: Path, damage: str) -> None:
    from gialint.config import yamlio

    table = Path(yamlio.BUILT_SETS)
    data = table.read_bytes()
    if damage == "missing":
        table.unlink()
    elif damage == "truncated":
        table.write_bytes(data[: len(data) // 2])
    else:
        at = len(data) // 2
        table.write_bytes(data[:at] + bytes([data[at] ^ 0x10]) + data[at + 1 :])
    assert yamlio.read_built(str(shipped / "default.yaml")) is None


_RUN_CHECK = (
    "import sys\n"
    "from gialint.cli.program import main\n"
    "try:\n"
    "    main(['check', '--no-cache', sys.argv[1]])\n"
    "except SystemExit as exc:\n"
    "    code = exc.code\n"
    "import gialint\n"
    "print('RUAMEL', sorted(m for m in sys.modules if m.startswith('ruamel')), gialint.__file__)\n"
)


def _check_without_home(report: Path, tmp_path: Path, extra_env: dict[str, str], path: str | None = None) -> str:
    """A Markdown check where no cache can be written: HOME lies under a file (unusable even for root)."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("XDG_CACHE_HOME", "GIALINT_CACHE_DIR", "GIALINT_NO_CACHE")}
    env.update(HOME=str(blocker / "home"), **extra_env)
    args = [sys.executable, "-c", _RUN_CHECK, str(report)] if path is None else [
        sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {path!r})\n" + _RUN_CHECK, str(report)
    ]
    result = subprocess.run(args, capture_output=True, text=True, cwd=tmp_path, env=env)
    assert "RUAMEL" in result.stdout, result.stdout + result.stderr
    assert "GIA" in result.stdout, result.stdout  # it did lint the report
    return result.stdout.rsplit("RUAMEL", 1)[1]


_REPORT = "# 某某县人民政府2021年政府信息公开工作年度报告\n\n一、总体情况\n\n本年度主动公开XX条。\n"


@pytest.mark.parametrize("env", [{}, {"GIALINT_NO_CACHE": "1"}], ids=["unusable-home", "no-cache"])
def test_a_first_run_without_a_cache_reads_no_yaml(tmp_path: Path, env: dict[str, str]) -> None:
    report = tmp_path / "report.md"
    report.write_text(_REPORT, encoding="utf-8")
    tail = _check_without_home(report, tmp_path, env)
    assert tail.startswith(" [] "), tail


@pytest.mark.slow
def test_the_wheel_carries_the_rule_sets_compiled_at_build_time(tmp_path: Path) -> None:
    # A copy without the committed compiled files (nor the table): the build hook must make them.
    project = tmp_path / "project"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "compiled", "_regexcode.bin")
    for item in ("gialint", "rules", "scripts"):
        shutil.copytree(ROOT / item, project / item, ignore=ignore)
    for item in ("pyproject.toml", "hatch_build.py", "README.md"):
        shutil.copy2(ROOT / item, project / item)
    out = tmp_path / "dist"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out), str(project)],
        capture_output=True, text=True, timeout=600,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = out.glob("gialint-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        shipped = {n.rsplit("/", 1)[1]: archive.read(n).decode("utf-8") for n in names if n.startswith("gialint/config/compiled/")}
        archive.extractall(tmp_path / "site")
    assert shipped == _compile_rules().compiled(ROOT / "rules")
    assert len([n for n in names if n.startswith("gialint/config/compiled/")]) == len(shipped)  # no second copy
    # gialint's own regular expressions, compiled for this Python from the committed list
    assert names.count("gialint/_regexcode.bin") == 1
    assert names.count("gialint/config/builtin_sets.bin") == 1  # the sets as built: no YAML read nor hashed
    code = f"import sys; sys.path.insert(0, {str(tmp_path / 'site')!r})\nimport gialint._regexcode as r; print(r.TABLE, len(r._load()))"
    loaded = subprocess.run([sys.executable, "-I", "-c", code], capture_output=True, text=True, cwd=tmp_path, check=False)
    where, count = loaded.stdout.split()
    assert where.startswith(str(tmp_path / "site")) and int(count) == len(set(_compile_regexes().read_list())), loaded.stdout + loaded.stderr
    report = tmp_path / "report.md"
    report.write_text(_REPORT, encoding="utf-8")
    tail = _check_without_home(report, tmp_path, {}, path=str(tmp_path / "site"))
    assert tail.startswith(" [] ") and str(tmp_path / "site") in tail, tail
