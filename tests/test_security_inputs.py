"""Inputs that are not what they seem, audits not steered by the audited, outputs that cannot be
forged (issue #8 parts 2, 6 and 8).

Each test reproduces one attack or mishap and asserts the safe outcome: a pipe, a device, a
dangling link, a folder that cannot be listed, a file that cannot be opened or is huge — each
an ``unreadable-input`` finding counted in the summary, never a hang or a silent skip; file
names that are not UTF-8 in every output format; an audited tree's own configuration ignored;
a link out of the audited tree never read; control characters escaped in text output; ``-o``
never overwriting a report, atomic, and clear about a full disk; ``--year`` bounded; an empty
folder said to be empty.
"""

from __future__ import annotations

import errno
import io
import json
import os
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import gialint.output.text
from gialint.cli.program import main
from gialint.model.diagnostic import Diagnostic, Severity
from gialint.output import Report

ROOT = Path(__file__).resolve().parent.parent
DEFECTIVE = ROOT / "examples" / "defective-2021.txt"
CLEAN = ROOT / "examples" / "clean-2021.md"
TIMEOUT = 60
"""Seconds a subprocess run may take: a hang on a pipe or a device would take forever."""


def cli(*argv: str | Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def subprocess_cli(*argv: str | os.PathLike[str] | bytes, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "LC_ALL": "C.UTF-8", "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "gialint", *argv], capture_output=True, timeout=TIMEOUT, cwd=cwd, env=env, check=False
    )


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(CLEAN, folder / "clean-2021.md")
    return folder


def unreadable(out: str) -> list[str]:
    return [d["path"] for d in json.loads(out)["diagnostics"] if d["code"] == "GIA001"]


# --------------------------------------------------------------------------- part 2: no silent skip


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_a_fifo_named_like_a_report_is_refused_without_hanging(work: Path) -> None:
    os.mkfifo(work / "pipe.md")
    started = time.monotonic()
    done = subprocess_cli("check", "--no-cache", "reports", cwd=work.parent)
    assert time.monotonic() - started < TIMEOUT
    text = done.stdout.decode("utf-8")
    assert done.returncode == 1, done.stderr
    assert "reports/pipe.md:1:1: GIA001 unreadable-input [错误] 这是管道（FIFO），不是普通文件" in text
    assert "检查了 2 个文件，其中 1 个无法读取" in text
    named = subprocess_cli("check", "--no-cache", "--lang", "en", "reports/pipe.md", cwd=work.parent)
    assert "this is a pipe (FIFO), not a regular file" in named.stdout.decode() and "checked 1 file, 1 could not be read" in named.stdout.decode()


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_dev_zero_is_never_read(work: Path) -> None:
    done = subprocess_cli("check", "--no-cache", "--format", "json", "/dev/zero", "reports/clean-2021.md", cwd=work.parent)
    data = json.loads(done.stdout)
    (finding,) = [d for d in data["diagnostics"] if d["path"] == "/dev/zero"]
    assert finding["code"] == "GIA001" and "字符设备" in finding["message"]
    assert data["files"] == ["/dev/zero", "reports/clean-2021.md"]


def test_a_dangling_link_is_reported(work: Path) -> None:
    (work / "gone.md").symlink_to(work / "deleted.md")
    code, out, _ = cli("check", "--no-cache", "--format", "json", "reports")
    assert code == 1
    (finding,) = json.loads(out)["diagnostics"]
    assert finding["path"] == "reports/gone.md" and "链接" in finding["message"] and "不存在" in finding["message"]


def test_a_folder_that_cannot_be_listed_is_reported(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = work / "locked"
    locked.mkdir()
    shutil.copy(DEFECTIVE, locked / "hidden-2021.txt")
    real_scandir = os.scandir

    def scandir(path: object = ".") -> object:
        if os.path.realpath(str(path)) == str(locked.resolve()):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    code, out, _ = cli("check", "--no-cache", "reports")
    assert code == 1
    assert "reports/locked:1:1: GIA001 unreadable-input [错误] 无法列出此文件夹中的文件（Permission denied），其中的报告都没有检查" in out
    assert "检查了 2 个文件，其中 1 个无法读取" in out


def test_a_file_that_cannot_be_opened_is_reported(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = work / "secret-2021.txt"
    shutil.copy(DEFECTIVE, secret)
    real_open = os.open

    def guarded(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if os.path.realpath(str(path)) == str(secret.resolve()):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", guarded)
    code, out, _ = cli("check", "--no-cache", "--lang", "en", "reports")
    assert code == 1
    assert "reports/secret-2021.txt:1:1: GIA001 unreadable-input [error] cannot open the file (Permission denied)" in out
    assert "checked 2 files, 1 could not be read." in out


def test_a_huge_file_is_refused_from_its_size_without_reading_it(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    huge = work / "huge-2021.txt"
    with huge.open("wb") as fh:
        fh.truncate(3 * 1024 * 1024 * 1024)  # sparse: 3 GiB that take no disk
    read: list[int] = []
    real_read = os.read

    def counting(fd: int, n: int) -> bytes:
        data = real_read(fd, n)
        read.append(len(data))
        return data

    monkeypatch.setattr(os, "read", counting)
    code, out, _ = cli("check", "--no-cache", "--format", "json", str(huge))
    (finding,) = json.loads(out)["diagnostics"]
    assert finding["code"] == "GIA001" and "文件过大（3072.0 MiB" in finding["message"]
    assert sum(read) == 0, "not a byte of it was read"


GBK_NAME = "公开报告".encode("gbk") + b"-2021.txt"


@pytest.mark.skipif(sys.platform == "win32" or os.fsencode("\udcb9") != b"\xb9", reason="needs byte file names")
@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit", "html"])
def test_a_file_name_that_is_not_utf8_appears_in_every_format(fmt: str, tmp_path: Path) -> None:
    folder = tmp_path / "zip"
    folder.mkdir()
    raw_path = os.fsencode(folder) + b"/" + GBK_NAME
    with open(raw_path, "wb") as fh:
        fh.write(DEFECTIVE.read_bytes())
    done = subprocess_cli("check", "--no-cache", "--format", fmt, "zip", cwd=tmp_path)
    assert done.returncode == 1, done.stderr.decode("utf-8", "replace")
    assert b"internal error" not in done.stderr and done.stdout
    out = done.stdout.decode("utf-8")  # always valid UTF-8
    escaped = "zip/\\xb9\\xab\\xbf\\xaa\\xb1\\xa8\\xb8\\xe6-2021.txt"
    name = os.fsdecode(b"zip/" + GBK_NAME)
    if fmt == "json":
        data = json.loads(out)
        assert data["files"] == [name], "lossless: the name reads back to the very same bytes"
        assert os.fsencode(data["diagnostics"][0]["path"]) == b"zip/" + GBK_NAME
    elif fmt == "sarif":
        uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in json.loads(out)["runs"][0]["results"]}
        assert uris == {"zip/%B9%AB%BF%AA%B1%A8%B8%E6-2021.txt"}
    elif fmt == "junit":
        root = ET.fromstring(out)
        assert [c.get("name") for c in root.iter("testcase")] == [escaped]
    else:
        assert escaped in out
    with_output = subprocess_cli("check", "--no-cache", "--format", fmt, "zip", "-o", "report.out", cwd=tmp_path)
    assert with_output.returncode == 1 and (tmp_path / "report.out").read_bytes() == done.stdout


# --------------------------------------------------------------------------- part 6: audits


def test_an_audit_ignores_the_configuration_inside_the_audited_tree(work: Path) -> None:
    shutil.copy(DEFECTIVE, work / "defective-2021.txt")
    (work / ".gialint.yaml").write_text("extends: default\nrules:\n  absent-contact: off\n  stale-year: off\n", encoding="utf-8")
    _, steered, _ = cli("audit", "--no-cache", "--format", "json", "reports")
    _, respected, _ = cli("audit", "--no-cache", "--format", "json", "reports", "--respect-tree-config")
    rules = {d["rule"] for d in json.loads(steered)["diagnostics"]}
    assert {"absent-contact", "stale-year"} <= rules, "the supervisor's (default) configuration applies"
    assert not {"absent-contact", "stale-year"} & {d["rule"] for d in json.loads(respected)["diagnostics"]}
    # From inside the tree too: the tree's file is not the supervisor's.
    os.chdir(work)
    _, inside, _ = cli("audit", "--no-cache", "--format", "json", ".")
    assert {"absent-contact", "stale-year"} <= {d["rule"] for d in json.loads(inside)["diagnostics"]}


def test_an_audit_never_reads_through_a_link_out_of_the_tree(work: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    outside = tmp_path_factory.mktemp("private")
    secret = outside / "passwd.md"
    secret.write_text("root:x:0:0:SECRET-LINE-7788:/root:/bin/bash\n", encoding="utf-8")
    (outside / "inner").mkdir()
    shutil.copy(secret, outside / "inner" / "more.md")
    (work / "x.md").symlink_to(secret)
    (work / "linked").symlink_to(outside / "inner", target_is_directory=True)
    for fmt in ("text", "json", "html"):
        code, out, err = cli("audit", "--no-cache", "--format", fmt, "reports")
        assert "SECRET-LINE-7788" not in out + err, fmt
        assert code == 1
    _, out, _ = cli("audit", "--no-cache", "--format", "json", "reports")
    found = {d["path"]: d["message"] for d in json.loads(out)["diagnostics"] if d["code"] == "GIA001"}
    assert set(found) == {"reports/x.md", "reports/linked"}
    assert all("被检查文件夹之外的链接" in m for m in found.values())
    # Named directly in an audit: the same.
    _, out, _ = cli("audit", "--no-cache", "--format", "json", "reports/x.md")
    assert "SECRET-LINE-7788" not in out and unreadable(out) == ["reports/x.md"]
    # A plain check of one's own files still follows links.
    _, out, _ = cli("check", "--no-cache", "--format", "json", "reports/x.md")
    assert unreadable(out) == []


def test_a_link_loop_in_a_checked_tree_ends(work: Path) -> None:
    (work / "loop").symlink_to(work, target_is_directory=True)
    code, out, _ = cli("check", "--no-cache", "--format", "json", "reports")
    assert code == 0 and json.loads(out)["files"] == ["reports/clean-2021.md"]


# --------------------------------------------------------------------------- part 8: outputs


def test_text_output_escapes_control_characters_in_names_and_messages() -> None:
    forged = "a.md:1:1: GIA000 fake"
    diagnostics = [
        Diagnostic(f"evil\n{forged}\x1b[2J.md", 1, 1, "GIA101", "missing-section", severity=Severity.ERROR,
                   message_zh="缺少\r\n第二行\x1b]0;title\x07\u202e反向", message_en="x"),
    ]
    buffer = io.StringIO()
    gialint.output.text.write(buffer, Report(diagnostics, [diagnostics[0].path]))
    lines = buffer.getvalue().splitlines()
    assert len(lines) == 2, "one finding, one summary line: no forged line"
    assert not lines[1].startswith(forged) and "\x1b" not in buffer.getvalue() and "\u202e" not in buffer.getvalue()
    assert lines[0] == "evil\\na.md:1:1: GIA000 fake\\x1b[2J.md:1:1: GIA101 missing-section [错误] 缺少\\r\\n第二行\\x1b]0;title\\x07\\u202e反向"


def test_a_file_name_with_a_newline_stays_on_one_line(work: Path) -> None:
    shutil.copy(DEFECTIVE, work / "two\nlines-2021.txt")
    code, out, _ = cli("check", "--no-cache", "reports")
    assert code == 1
    assert all(line.startswith(("reports/two\\nlines-2021.txt:", "共 ")) for line in out.splitlines())


def test_output_never_overwrites_a_report_being_checked(work: Path) -> None:
    report = work / "clean-2021.md"
    before = report.read_bytes()
    for target in ("reports/clean-2021.md", "./reports/../reports/clean-2021.md"):
        code, out, err = cli("check", "--no-cache", "reports", "-o", target)
        assert code == 2 and "one of the reports being checked" in err
    assert report.read_bytes() == before


def test_output_is_written_whole_or_not_at_all(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = work.parent / "findings.txt"
    target.write_text("the previous report\n", encoding="utf-8")
    real_write = gialint.output.text.write

    def disk_fills(out: io.TextIOBase, report: Report) -> None:
        out.write("half a report\n")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(gialint.output.text, "write", disk_fills)
    code, _, err = cli("check", "--no-cache", "reports", "-o", target)
    assert code == 2
    assert "磁盘已满" in err and "the disk is full" in err and "Traceback" not in err
    assert target.read_text(encoding="utf-8") == "the previous report\n"
    assert sorted(p.name for p in work.parent.iterdir()) == ["findings.txt", "reports"], "no temporary file left"
    monkeypatch.setattr(gialint.output.text, "write", real_write)
    target.chmod(0o640)
    assert cli("check", "--no-cache", "reports", "-o", target)[0] == 0
    assert target.read_text(encoding="utf-8").startswith("未发现问题")
    assert oct(target.stat().st_mode & 0o777) == oct(0o640), "the file's mode is kept"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_output_to_a_full_device_is_a_clear_error(work: Path) -> None:
    code, _, err = cli("check", "--no-cache", "reports", "-o", "/dev/full")
    assert code == 2 and "the disk is full" in err and "internal error" not in err
    assert os.path.exists("/dev/full") and not os.path.isfile("/dev/full"), "the device itself is left alone"


@pytest.mark.parametrize("year", ["1999", "2101", "-5", "20211", "abc"])
def test_year_outside_the_range_is_a_usage_error(year: str, work: Path) -> None:
    code, _, _ = cli("check", "--no-cache", "reports", "--year", year)
    assert code == 2
    assert cli("audit", "--no-cache", "reports", "--year", year)[0] == 2


def test_year_inside_the_range_is_taken(work: Path) -> None:
    assert cli("check", "--no-cache", "reports", "--year", "2021")[0] == 0
    assert cli("check", "--no-cache", "reports", "--year", "2100")[0] == 1


def test_an_empty_folder_says_there_is_nothing_to_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty").mkdir()
    code, out, _ = cli("check", "--no-cache", "empty")
    assert (code, out) == (0, "没有可检查的报告（未找到 .md、.txt、.docx、.pdf、.html 等报告文件）\n")
    code, out, _ = cli("check", "--no-cache", "--lang", "en", "empty")
    assert out.startswith("No reports to check")
    code, out, err = cli("check", "--no-cache", "--format", "json", "empty")
    assert code == 0 and json.loads(out)["files"] == [] and "No reports to check" in err


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_extract_never_reads_a_device(work: Path) -> None:
    done = subprocess_cli("extract", "/dev/zero", cwd=work.parent)
    assert done.returncode == 1 and "字符设备" in done.stderr.decode("utf-8")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no Unix sockets")
def test_a_socket_named_like_a_report_is_refused(work: Path) -> None:
    import socket

    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(str(work / "sock.txt"))
        server.listen(1)
        code, out, _ = cli("check", "--no-cache", "--format", "json", "reports")
    finally:
        server.close()
    (finding,) = json.loads(out)["diagnostics"]
    assert code == 1 and finding["path"] == "reports/sock.txt" and "套接字" in finding["message"]


def test_write_baseline_never_overwrites_a_report_being_checked(tmp_path: Path) -> None:
    import io

    from gialint.cli.program import main

    report = tmp_path / "report.txt"
    report.write_text("2021年政府信息公开工作年度报告\n一、总体情况\n", encoding="utf-8")
    before = report.read_bytes()
    err = io.StringIO()
    code = main(["check", str(report), "--write-baseline", str(report), "--no-cache"], io.StringIO(), err)
    assert code == 2 and report.read_bytes() == before
    assert "never overwritten" in err.getvalue()
