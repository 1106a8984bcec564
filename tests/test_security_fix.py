"""``--fix`` never loses anything (issue #8 part 7).

A report edited while gialint ran is left alone; a read-only report is refused unless
``--force``; mode and owner are kept; a link is written through only to a target inside the
checked tree; the new text is flushed to disk before the rename; a failed write of one file is a
``fix-not-written`` finding and the other files are still fixed and linted; ``table-labels``
never offers to overwrite a cell of values with a label.
"""

from __future__ import annotations

import io
import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest

import gialint.engine.fix
from gialint.cli.program import main

ROOT = Path(__file__).resolve().parent.parent
BROKEN = "某镇人民政府2021年政府信息公开工作年度报告\n一、总体情况：：本年度工作平稳。\n结尾。\n"
FIXED = "某镇人民政府2021年政府信息公开工作年度报告\n一、总体情况：本年度工作平稳。\n结尾。\n"


def cli(*argv: str | Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["check", "--no-cache", "--no-plugins", "--select", "doubled-punctuation", *map(str, argv)], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "reports"
    folder.mkdir()
    return folder


def report(folder: Path, name: str = "a-2021.txt", text: str = BROKEN) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def not_written(out: str) -> dict[str, str]:
    return {d["path"]: d["message"] for d in json.loads(out)["diagnostics"] if d["code"] == "GIA004"}


def test_the_fix_is_written_when_nothing_stands_in_the_way(tree: Path) -> None:
    path = report(tree)
    assert cli("--fix", "reports")[0] == 0
    assert path.read_text(encoding="utf-8") == FIXED


def test_a_report_edited_while_gialint_ran_is_left_alone(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = report(tree)
    other = report(tree, "b-2021.txt")
    edited = BROKEN.replace("结尾", "编辑者刚加的一句。结尾")
    real = gialint.engine.fix.fix_text

    def meanwhile_the_user_saves(*args: Any, **kwargs: Any) -> Any:
        result = real(*args, **kwargs)
        if args[1].endswith("a-2021.txt"):
            path.write_text(edited, encoding="utf-8")  # Word/WPS saves while gialint is fixing
        return result

    monkeypatch.setattr(gialint.engine.fix, "fix_text", meanwhile_the_user_saves)
    code, out, err = cli("--fix", "--format", "json", "reports")
    assert path.read_text(encoding="utf-8") == edited, "the user's edit survives"
    assert other.read_text(encoding="utf-8") == FIXED, "the other file is still fixed"
    assert code == 1 and "检查期间文件被改动过" in not_written(out)["reports/a-2021.txt"]


def test_a_same_size_edit_in_the_same_instant_is_seen_by_content(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = report(tree)
    real = gialint.engine.fix.fix_text
    same_size = BROKEN.replace("平稳", "稳定")

    def swap_bytes(*args: Any, **kwargs: Any) -> Any:
        result = real(*args, **kwargs)
        st = path.stat()
        path.write_text(same_size, encoding="utf-8")
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # same size, same time: only the hash tells
        return result

    monkeypatch.setattr(gialint.engine.fix, "fix_text", swap_bytes)
    code, out, _ = cli("--fix", "--format", "json", "reports")
    assert path.read_text(encoding="utf-8") == same_size
    assert list(not_written(out)) == ["reports/a-2021.txt"]


def test_a_read_only_report_needs_force(tree: Path) -> None:
    path = report(tree)
    path.chmod(0o444)
    code, out, _ = cli("--fix", "--format", "json", "reports")
    assert code == 1 and "只读" in not_written(out)["reports/a-2021.txt"]
    assert path.read_text(encoding="utf-8") == BROKEN
    assert cli("--fix", "--force", "reports")[0] == 0
    assert path.read_text(encoding="utf-8") == FIXED
    assert stat.S_IMODE(path.stat().st_mode) == 0o444, "still read-only afterwards"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="changing a file's owner needs root")
def test_owner_and_mode_are_kept(tree: Path) -> None:
    path = report(tree)
    os.chown(path, 65534, 65534)
    path.chmod(0o640)
    assert cli("--fix", "reports")[0] == 0
    st = path.stat()
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (65534, 65534, 0o640)
    assert path.read_text(encoding="utf-8") == FIXED


def test_a_link_out_of_the_tree_is_not_written_through(tree: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    outside = tmp_path_factory.mktemp("elsewhere") / "shared-2021.txt"
    outside.write_text(BROKEN, encoding="utf-8")
    (tree / "link-2021.txt").symlink_to(outside)
    inside = report(tree, "real-2021.txt")
    (tree / "inner-link-2021.txt").symlink_to(inside)
    code, out, _ = cli("--fix", "--format", "json", "reports")
    assert outside.read_text(encoding="utf-8") == BROKEN
    assert "指向被检查文件夹之外的链接" in not_written(out)["reports/link-2021.txt"]
    assert inside.read_text(encoding="utf-8") == FIXED, "a link inside the tree is fixed through"
    assert (tree / "inner-link-2021.txt").is_symlink()


def test_the_new_text_is_flushed_to_disk_before_the_rename(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report(tree)
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        events.append("fsync")
        real_fsync(fd)

    def replace(src: Any, dst: Any) -> None:
        events.append(f"replace {Path(dst).name}")
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    assert cli("--fix", "reports")[0] == 0
    assert events.index("fsync") < events.index("replace a-2021.txt")


def test_a_failed_write_is_a_finding_and_the_other_files_are_still_fixed(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = report(tree, "a-2021.txt")
    second = report(tree, "b-2021.txt")
    real_replace = os.replace

    def full_disk(src: Any, dst: Any) -> None:
        if Path(dst).name == "a-2021.txt":
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", full_disk)
    code, out, err = cli("--fix", "--format", "json", "reports")
    assert code == 1 and "internal error" not in err
    assert "No space left on device" in not_written(out)["reports/a-2021.txt"]
    assert first.read_text(encoding="utf-8") == BROKEN
    assert second.read_text(encoding="utf-8") == FIXED
    assert sorted(p.name for p in tree.iterdir()) == ["a-2021.txt", "b-2021.txt"], "no temporary file left"


def _table_report(row: str) -> str:
    """A 2021 report whose table 三 has ``row`` in place of its first row."""
    text = (ROOT / "tests" / "fixtures" / "reports" / "clean-2021.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith("一、本年新收政府信息公开申请数量\t"))
    lines[index] = row
    return "\n".join(lines)


@pytest.mark.parametrize("row", ["一、本年新收政府信息公开申请数量\t0 0\t0\t0\t0\t0\t4", "本年新收政府信息公开申请数量\t3 1\t0\t0\t0\t0\t4"])
def test_table_labels_never_overwrites_values_with_a_label(row: str, tree: Path) -> None:
    path = report(tree, "table-2021.txt", _table_report(row))
    out, err = io.StringIO(), io.StringIO()
    main(["check", "--no-cache", "--no-plugins", "--select", "table-labels", "--diff", str(path)], out=out, err=err)
    assert "一、本年新收政府信息公开申请数量\t一、本年新收" not in out.getvalue()
    main(["check", "--no-cache", "--no-plugins", "--select", "table-labels", "--fix", str(path)], out=io.StringIO(), err=err)
    assert row in path.read_text(encoding="utf-8"), "the values are still there"


def test_table_labels_still_fixes_a_label_cell(tree: Path) -> None:
    path = report(tree, "table-2021.txt", _table_report("本年新收政府信息公开申请数量\t3\t1\t0\t0\t0\t0\t4"))
    main(["check", "--no-cache", "--no-plugins", "--select", "table-labels", "--fix", str(path)], out=io.StringIO(), err=io.StringIO())
    assert "\n一、本年新收政府信息公开申请数量\t3\t1\t0\t0\t0\t0\t4\n" in path.read_text(encoding="utf-8")
