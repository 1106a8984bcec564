""".doc and .wps files through LibreOffice; without it, a finding that says what to do.

The tests that run the real LibreOffice (a .doc made from our .docx, then linted and annotated)
are marked ``slow`` like the pre-commit tests: each conversion starts LibreOffice. CI installs
LibreOffice (.ci/run), so none is skipped there.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from report_docx import write_report_docx

from gialint.cli.program import main
from gialint.read import ReadError, office

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
needs_soffice = pytest.mark.skipif(office.soffice() is None, reason="needs LibreOffice (soffice); .ci/run installs it")


def _check(*argv: str) -> tuple[int, list[dict[str, object]], str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["check", "--format", "json", "--no-cache", "--jobs", "1", *argv], out, err)
    return code, json.loads(out.getvalue())["diagnostics"], err.getvalue()


def _fake_soffice(folder: Path, script: str) -> Path:
    folder.mkdir(exist_ok=True)
    fake = folder / "soffice"
    fake.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    fake.chmod(0o755)
    return folder


def test_without_libreoffice_a_doc_is_unreadable_with_the_remedy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    for name in ("报告.doc", "报告.wps"):
        (tmp_path / name).write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1000)
    code, found, _ = _check(str(tmp_path))
    assert code == 1
    assert [d["rule"] for d in found] == ["unreadable-input", "unreadable-input"]
    for d in found:
        assert "另存为" in str(d["message"]) and "LibreOffice" in str(d["message"]) and ".docx" in str(d["message"])
    _, found_en, _ = _check("--lang", "en", str(tmp_path / "报告.wps"))
    assert "Save As" in str(found_en[0]["message"]) and "WPS" in str(found_en[0]["message"])


def test_a_docx_renamed_to_doc_is_read_without_libreoffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    write_report_docx(EXAMPLES / "clean-2021.md", tmp_path / "r.doc")
    code, found, _ = _check(str(tmp_path / "r.doc"))
    assert (code, found) == (0, [])


def test_a_hanging_conversion_is_killed_with_its_children(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pidfile = tmp_path / "child.pid"
    bin_dir = _fake_soffice(tmp_path / "bin", f"{shutil.which('sleep')} 60 &\necho $! > {pidfile}\nwait\n")
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.setattr(office, "TIMEOUT", 1.0)
    started = time.monotonic()
    with pytest.raises(ReadError) as caught:
        office.to_docx("r.doc", b"\xd0\xcf\x11\xe0 not really a doc")
    assert time.monotonic() - started < 20
    assert "超过" in caught.value.message_zh and "另存为" in caught.value.message_zh
    child = int(pidfile.read_text().strip())
    for _ in range(50):  # the kill is asynchronous; the zombie is reaped by init
        if not _alive(child):
            break
        time.sleep(0.1)
    assert not _alive(child)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"


def test_a_failed_conversion_says_why(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bin_dir = _fake_soffice(tmp_path / "bin", "echo 'Error: source file could not be loaded' >&2\nexit 1\n")
    monkeypatch.setenv("PATH", str(bin_dir))
    (tmp_path / "r.wps").write_bytes(b"\xd0\xcf\x11\xe0 damaged")
    code, found, _ = _check(str(tmp_path / "r.wps"))
    assert code == 1 and found[0]["rule"] == "unreadable-input"
    assert "could not be loaded" in str(found[0]["message"]) and "WPS" in str(found[0]["message"])


# --- the real LibreOffice -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def doc_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Real .doc files LibreOffice makes of our .docx versions (one LibreOffice start for all)."""
    folder = tmp_path_factory.mktemp("doc")
    docx_dir = folder / "docx"
    docx_dir.mkdir()
    write_report_docx(EXAMPLES / "clean-2021.md", docx_dir / "clean.docx", auto_numbering=True, merged_table3=True)
    write_report_docx(EXAMPLES / "defective-2021.txt", docx_dir / "defective.docx")
    command = office.soffice()
    assert command is not None
    subprocess.run(
        [command, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--convert-to", "doc",
         "--outdir", str(folder), str(docx_dir / "clean.docx"), str(docx_dir / "defective.docx")],
        check=True, capture_output=True, timeout=300, env={**os.environ, "HOME": str(folder)},
    )
    return folder


@pytest.mark.slow
@needs_soffice
def test_a_real_doc_is_linted_like_its_docx(doc_files: Path) -> None:
    assert (doc_files / "clean.doc").read_bytes().startswith(b"\xd0\xcf\x11\xe0")  # a real Word 97 file
    code, found, _ = _check(str(doc_files / "clean.doc"))
    assert (code, found) == (0, [])
    _, from_docx, _ = _check(str(doc_files / "docx" / "defective.docx"))
    code, from_doc, _ = _check(str(doc_files / "defective.doc"))
    assert code == 1
    assert all(d["location"]["kind"] == "doc" for d in from_doc)  # type: ignore[index]
    rules = sorted(str(d["rule"]) for d in from_doc)
    for d in from_docx:
        rules.remove(str(d["rule"]))  # every finding of the .docx is found in the .doc …
    # … and LibreOffice's .doc export gives a row with a deleted cell (w:gridAfter) an empty last
    # cell, so its empty 总计 also breaks the column sum: the only finding the .doc adds.
    assert rules in ([], ["table-totals"])
    places = {(d["rule"], d["location"].get("paragraph"), d["location"].get("table")) for d in from_docx}  # type: ignore[union-attr]
    assert places <= {(d["rule"], d["location"].get("paragraph"), d["location"].get("table")) for d in from_doc}  # type: ignore[union-attr]


@pytest.mark.slow
@needs_soffice
def test_a_wps_file_is_read_and_a_doc_annotated(doc_files: Path, tmp_path: Path) -> None:
    wps = tmp_path / "报告.wps"
    shutil.copy(doc_files / "defective.doc", wps)
    code, found, _ = _check(str(wps))
    assert code == 1 and found and all(d["location"]["kind"] == "wps" for d in found)  # type: ignore[index]
    doc = tmp_path / "报告.doc"
    shutil.copy(doc_files / "defective.doc", doc)
    before = doc.read_bytes()
    code, found, err = _check("--annotate", str(doc))
    assert doc.read_bytes() == before
    import docx

    annotated = docx.Document(str(tmp_path / "报告.gialint.docx"))
    assert len(list(annotated.comments)) == len(found) > 0, err


@pytest.mark.slow
@needs_soffice
def test_word_numbers_as_libreoffice_draws_them(tmp_path: Path) -> None:
    """An independent oracle for numbering.xml: LibreOffice's own text export of the same file."""
    from gialint.read.docx import read

    source = write_report_docx(EXAMPLES / "defective-2020.md", tmp_path / "r.docx", auto_numbering=True)
    command = office.soffice()
    assert command is not None
    subprocess.run(
        [command, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
         "--convert-to", "txt:Text (encoded):UTF8", "--outdir", str(tmp_path / "txt"), str(source)],
        check=True, capture_output=True, timeout=300, env={**os.environ, "HOME": str(tmp_path)},
    )
    theirs = [line.strip().replace(" ", "") for line in (tmp_path / "txt" / "r.txt").read_text(encoding="utf-8-sig").splitlines()]
    ours = read(str(source), source.read_bytes(), None).lines  # type: ignore[arg-type]
    headings = [x for x in theirs if x[:1] in "一二三四五六" and "、" in x[:3] or x.startswith("（")]
    cells = {cell for line in ours for cell in line.split("\t")}  # LibreOffice writes a cell per line
    missing = [h for h in headings if h not in cells]
    assert headings and not missing, missing


def test_annotate_converts_a_doc_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--annotate reads a .doc twice (lint, then the annotated copy): LibreOffice runs once."""
    docx_file = tmp_path / "converted.docx"
    write_report_docx(EXAMPLES / "defective-2021.txt", docx_file)
    runs = tmp_path / "runs"
    script = (
        f"echo run >> {runs}\n"
        'while [ $# -gt 0 ]; do if [ "$1" = --outdir ]; then out=$2; fi; shift; done\n'
        f'{shutil.which("mkdir")} -p "$out" && {shutil.which("cp")} {docx_file} "$out/report.docx"\n'
    )
    monkeypatch.setenv("PATH", str(_fake_soffice(tmp_path / "bin", script)))
    doc = tmp_path / "报告.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1000)
    code, found, err = _check("--annotate", str(doc))
    assert code == 1 and found, err
    assert runs.read_text(encoding="utf-8").split() == ["run"], err
    import docx

    annotated = docx.Document(str(tmp_path / "报告.gialint.docx"))
    assert len(list(annotated.comments)) == len(found)
    _check(str(doc))
    _check("--annotate", str(doc))
    assert runs.read_text(encoding="utf-8").split() == ["run"] * 3, "kept only while one --annotate run lasts"
