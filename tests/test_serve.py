"""``gialint serve`` (issue #11 part 1) in a real headless browser: upload a report, read the
checklist from the page, take a screenshot; size limit, non-report files, loopback binding."""

from __future__ import annotations

import io
import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import chromium

from gialint.cli.program import main

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")

ROOT = Path(__file__).resolve().parent.parent
DEFECTIVE = ROOT / "examples" / "defective-2021.txt"
CLEAN = ROOT / "examples" / "clean-2021.md"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "gialint", "serve", "--port", str(port), "--max-upload-mb", "0.2", "--no-plugins"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            if process.poll() is not None:
                pytest.fail(f"gialint serve exited: {process.stderr.read() if process.stderr else ''}")
            time.sleep(0.2)
    else:
        process.kill()
        process.communicate()
        pytest.fail("gialint serve did not start listening within 20 s")
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.communicate(timeout=10)


def _listening_addresses(port: int) -> set[str]:
    """Local addresses of listening TCP sockets on ``port`` (from /proc/net/tcp and tcp6)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            rows = Path(table).read_text().split("\n")[1:]
        except OSError:
            continue
        for row in rows:
            fields = row.split()
            if len(fields) > 3 and fields[3] == "0A":  # LISTEN
                address, hex_port = fields[1].split(":")
                if int(hex_port, 16) == port:
                    found.add(address)
    return found


def test_the_server_listens_on_loopback_only(server: str) -> None:
    port = int(server.rsplit(":", 1)[1].strip("/"))
    assert _listening_addresses(port) == {"0100007F"}  # 127.0.0.1, and nothing else


def _upload(driver: object, path: Path) -> None:
    from selenium.webdriver.common.by import By

    driver.find_element(By.ID, "files").send_keys(str(path))  # type: ignore[attr-defined]
    driver.find_element(By.ID, "check").click()  # type: ignore[attr-defined]


def _wait_for(driver: object, css: str, timeout: float = 20) -> list[object]:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, timeout).until(lambda d: d.find_elements(By.CSS_SELECTOR, css))
    return driver.find_elements(By.CSS_SELECTOR, css)  # type: ignore[attr-defined,no-any-return]


def test_a_defective_report_shows_its_checklist(server: str, tmp_path: Path) -> None:
    out = io.StringIO()
    main(["check", str(DEFECTIVE), "--format", "json", "--no-cache", "--no-plugins"], out, io.StringIO())
    expected = json.loads(out.getvalue())["diagnostics"]
    with chromium(tmp_path) as driver:
        driver.get(server)
        assert "年度报告检查" in driver.title
        _upload(driver, DEFECTIVE)
        [report] = _wait_for(driver, "section.report")
        items = report.find_elements("css selector", "li.item")
        assert len(items) == len(expected)
        assert sorted(i.get_attribute("data-rule") for i in items) == sorted(d["rule"] for d in expected)
        groups = [h.text for h in report.find_elements("css selector", ".group h3")]
        assert groups[0] == "标题和开头" and any(g.startswith("一、") for g in groups)
        first = items[0].text
        assert "错误" in first or "警告" in first
        assert any(i.find_elements("css selector", ".quote") for i in items), "quoted text is shown"
        assert f"发现 {len(expected)} 处需要检查" in report.text
        shot = tmp_path / "serve.png"
        driver.save_screenshot(str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000


def test_a_clean_report_says_so(server: str, tmp_path: Path) -> None:
    with chromium(tmp_path) as driver:
        driver.get(server)
        _upload(driver, CLEAN)
        [report] = _wait_for(driver, "section.report")
        assert "没有发现问题" in report.text


def test_an_upload_over_the_limit_and_a_non_report_get_a_clear_message(server: str, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text(DEFECTIVE.read_text(encoding="utf-8") * 60, encoding="utf-8")
    assert big.stat().st_size > 0.2 * 1024 * 1024
    picture = tmp_path / "photo.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    notes = tmp_path / "notes.txt"
    notes.write_text("今天下午三点开会。\n请带上笔记本。\n", encoding="utf-8")
    with chromium(tmp_path) as driver:
        for path, words in ((big, "文件太大"), (picture, "不支持这种文件"), (notes, "看起来不是政府信息公开工作年度报告")):
            driver.get(server)
            _upload(driver, path)
            [box] = _wait_for(driver, ".error-box")
            assert words in box.text, box.text


def test_markup_in_a_report_is_shown_as_text_not_run(server: str, tmp_path: Path) -> None:
    hostile = tmp_path / "r.txt"
    text = DEFECTIVE.read_text(encoding="utf-8").replace("具体网址", "<img src=x onerror=\"document.title='pwned'\">具体网址")
    hostile.write_text(text, encoding="utf-8")
    with chromium(tmp_path) as driver:
        driver.get(server)
        _upload(driver, hostile)
        _wait_for(driver, "section.report")
        time.sleep(0.5)
        assert driver.title != "pwned"
        assert not driver.find_elements("css selector", "section.report img")


def test_other_host_names_are_refused(server: str) -> None:
    import urllib.error
    import urllib.request

    request = urllib.request.Request(server, headers={"Host": "attacker.example"})
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(request, timeout=5)  # noqa: S310 - loopback only
    info.value.close()
    assert info.value.code == 403


def test_a_word_report_shows_its_checklist_and_gives_an_annotated_copy(server: str, tmp_path: Path) -> None:
    import urllib.request

    import docx
    from report_docx import write_report_docx

    word = write_report_docx(DEFECTIVE, tmp_path / "白沙镇年报.docx")
    out = io.StringIO()
    main(["check", str(word), "--format", "json", "--no-cache", "--no-plugins"], out, io.StringIO())
    expected = json.loads(out.getvalue())["diagnostics"]
    with chromium(tmp_path) as driver:
        driver.get(server)
        _upload(driver, word)
        [report] = _wait_for(driver, "section.report")
        items = report.find_elements("css selector", "li.item")
        assert sorted(i.get_attribute("data-rule") for i in items) == sorted(d["rule"] for d in expected)
        wheres = " ".join(i.find_element("css selector", ".where").text for i in items)
        assert "第" in wheres and "段" in wheres, "places are given in Word's terms (paragraphs, table cells)"
        assert report.find_elements("css selector", "button.download")
    # The download the button makes: the same request the page sends.
    request = urllib.request.Request(server + "api/annotate?name=" + urllib.parse.quote(word.name), data=word.read_bytes(), method="POST")
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - loopback only
        body = response.read()
    comments = list(docx.Document(io.BytesIO(body)).comments)
    assert len(comments) == len(expected)
