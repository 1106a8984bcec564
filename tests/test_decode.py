"""gialint.read.decode: bytes → text, encodings, line endings, and located refusals."""

from __future__ import annotations

import codecs
import random

import pytest

from gialint.read.decode import DEFAULT_MAX_BYTES, Decoded, DecodeError, decode

REPORT = (
    "青石镇人民政府2021年政府信息公开工作年度报告\n"
    "\n"
    "一、总体情况\n"
    "本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止。\n"
    "项目\t自然人\t法人\n"
)


# --------------------------------------------------------------------------- encodings


def test_utf8() -> None:
    d = decode(REPORT.encode("utf-8"))
    assert d == Decoded(text=REPORT, encoding="utf-8", newline="\n")


def test_utf8_with_bom_removes_the_bom() -> None:
    d = decode(codecs.BOM_UTF8 + REPORT.encode("utf-8"))
    assert d.encoding == "utf-8-sig"
    assert d.text == REPORT
    assert not d.text.startswith("\ufeff")
    assert d.text.split("\n")[0] == "青石镇人民政府2021年政府信息公开工作年度报告"


def test_gb18030() -> None:
    data = REPORT.encode("gb18030")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the test input really is not UTF-8
    d = decode(data)
    assert d.encoding == "gb18030"
    assert d.text == REPORT
    assert d.newline == "\n"


def test_gbk_is_read_as_gb18030() -> None:
    d = decode(REPORT.encode("gbk"))
    assert d.encoding == "gb18030"
    assert d.text == REPORT


def test_gb18030_four_byte_characters() -> None:
    text = "㐀𠀀镇人民政府年度报告\n"  # CJK Ext-A / Ext-B: four-byte sequences in GB18030
    d = decode(text.encode("gb18030"))
    assert d.encoding == "gb18030"
    assert d.text == text


def test_gb18030_with_crlf() -> None:
    d = decode(REPORT.replace("\n", "\r\n").encode("gb18030"))
    assert d.encoding == "gb18030"
    assert d.text == REPORT
    assert d.newline == "\r\n"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(codec: str) -> None:
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    d = decode(bom + REPORT.encode(codec))
    assert d.encoding == "utf-16"
    assert d.text == REPORT
    assert not d.text.startswith("\ufeff")


def test_utf16_with_bom_and_crlf() -> None:
    d = decode(REPORT.replace("\n", "\r\n").encode("utf-16"))
    assert d.encoding == "utf-16"
    assert d.text == REPORT
    assert d.newline == "\r\n"


def test_utf32_with_bom() -> None:
    d = decode(REPORT.encode("utf-32"))
    assert d.encoding == "utf-32"
    assert d.text == REPORT


def test_utf16_without_bom_is_refused_as_binary() -> None:
    # UTF-16 without a BOM is full of NUL bytes: it is not guessed.
    with pytest.raises(DecodeError) as info:
        decode(REPORT.encode("utf-16-le"))
    assert info.value.kind == "binary"


# --------------------------------------------------------------------------- line endings


@pytest.mark.parametrize(
    ("raw", "newline"),
    [
        ("一、总体情况\n二、主动公开\n三、依申请\n", "\n"),
        ("一、总体情况\r\n二、主动公开\r\n三、依申请\r\n", "\r\n"),
        ("一、总体情况\r二、主动公开\r三、依申请\r", "\r"),
        # mixed: the dominant ending is recorded, all are normalised
        ("一、总体情况\r\n二、主动公开\n三、依申请\n", "\n"),
        ("一、总体情况\r\n二、主动公开\r\n三、依申请\n", "\r\n"),
        ("一、总体情况\r二、主动公开\r三、依申请\r\n", "\r"),
    ],
)
def test_line_endings_are_normalised_and_recorded(raw: str, newline: str) -> None:
    d = decode(raw.encode("utf-8"))
    assert d.text == "一、总体情况\n二、主动公开\n三、依申请\n"
    assert "\r" not in d.text
    assert d.newline == newline


def test_no_line_ending_at_all_records_lf() -> None:
    d = decode("一、总体情况".encode())
    assert d.text == "一、总体情况"
    assert d.newline == "\n"


def test_crlf_keeps_blank_lines() -> None:
    d = decode(b"a\r\n\r\nb\r\n")
    assert d.text.split("\n") == ["a", "", "b", ""]


# --------------------------------------------------------------------------- refusals


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\n",
        b" \t\r\n  \r\n",
        codecs.BOM_UTF8,
        codecs.BOM_UTF8 + b"\r\n\r\n",
    ],
    ids=["no-bytes", "newline", "whitespace", "bom-only", "bom-and-newlines"],
)
def test_empty_and_whitespace_only(data: bytes) -> None:
    with pytest.raises(DecodeError) as info:
        decode(data)
    err = info.value
    assert err.kind == "empty"
    assert (err.line, err.column) == (1, 1)
    assert "文件为空" in err.message_zh
    assert "empty" in err.message_en
    assert str(err) == err.message_en


@pytest.mark.parametrize(
    "data",
    [codecs.BOM_UTF16_LE, " \n".encode("utf-16"), "\u3000\u3000\n".encode("utf-8")],
    ids=["utf16-bom-only", "utf16-whitespace", "fullwidth-spaces"],
)
def test_empty_after_decoding(data: bytes) -> None:
    with pytest.raises(DecodeError) as info:
        decode(data)
    assert info.value.kind == "empty"


def test_nul_bytes_are_binary() -> None:
    with pytest.raises(DecodeError) as info:
        decode("一、总体情况\n".encode() + b"\x00\x01\x02PK\x03\x04")
    assert info.value.kind == "binary"
    assert "NUL" in info.value.message_en
    assert "二进制" in info.value.message_zh


def test_docx_header_is_binary() -> None:
    # A .docx renamed to .txt: a ZIP header with NULs.
    with pytest.raises(DecodeError) as info:
        decode(b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + b"word/document.xml" * 10)
    assert info.value.kind == "binary"


@pytest.mark.parametrize("seed", range(6))
def test_random_bytes_are_refused(seed: int) -> None:
    rng = random.Random(seed)
    data = bytes(rng.randrange(256) for _ in range(4096))
    with pytest.raises(DecodeError) as info:
        decode(data)
    assert info.value.kind == "binary"


@pytest.mark.parametrize("seed", range(4))
def test_random_bytes_without_nul_are_refused(seed: int) -> None:
    rng = random.Random(seed)
    data = bytes(rng.randrange(1, 256) for _ in range(4096))
    with pytest.raises(DecodeError) as info:
        decode(data)
    assert info.value.kind in ("encoding", "binary")


def test_mostly_control_characters_are_binary() -> None:
    with pytest.raises(DecodeError) as info:
        decode(b"ab\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10" * 5)
    assert info.value.kind == "binary"
    assert "control" in info.value.message_en


def test_a_few_control_characters_are_tolerated() -> None:
    # A form feed (page break) and a stray control char in a long text are not "binary".
    text = "一、总体情况\x0c\n" + "本年度主动公开政府信息。\n" * 20 + "\x07\n"
    d = decode(text.encode())
    assert d.text == text


def test_undecodable_bytes_are_located() -> None:
    data = "一、总体情况\n第二行中文".encode() + b"\xff\xfe" + b"x\n"
    with pytest.raises(DecodeError) as info:
        decode(data)
    err = info.value
    assert err.kind == "encoding"
    # line 2, after the five characters 第二行中文 (columns count characters, not bytes)
    assert (err.line, err.column) == (2, 6)
    assert "line 2, column 6" in err.message_en
    assert "第 2 行第 6 列" in err.message_zh


def test_undecodable_bytes_on_the_first_column() -> None:
    data = b"abc\ndef\n\xff\xffxyz\n"
    with pytest.raises(DecodeError) as info:
        decode(data)
    assert info.value.kind == "encoding"
    assert (info.value.line, info.value.column) == (3, 1)


def test_bad_byte_in_gb18030_file_is_located() -> None:
    data = "一、总体情况\n第二行\n".encode("gb18030") + "第三行".encode("gb18030") + b"\xff\n"
    with pytest.raises(DecodeError) as info:
        decode(data)
    assert info.value.kind == "encoding"
    assert (info.value.line, info.value.column) == (3, 4)


def test_bad_byte_after_utf8_bom_is_located() -> None:
    data = codecs.BOM_UTF8 + "第一行\n第二行\n".encode() + b"ab\xffcd\n"
    with pytest.raises(DecodeError) as info:
        decode(data)
    assert info.value.kind == "encoding"
    assert (info.value.line, info.value.column) == (3, 3)


def test_bad_bytes_after_utf16_bom() -> None:
    # A lone surrogate after a UTF-16 BOM cannot be decoded.
    with pytest.raises(DecodeError) as info:
        decode(codecs.BOM_UTF16_LE + b"A\x00\x00\xd8B\x00")
    assert info.value.kind == "encoding"
    assert "utf-16" in info.value.message_en


def test_too_large() -> None:
    with pytest.raises(DecodeError) as info:
        decode("一、总体情况\n".encode() * 10, max_bytes=100)
    assert info.value.kind == "too-large"
    assert "too large" in info.value.message_en
    assert "文件过大" in info.value.message_zh


def test_size_limit_is_inclusive() -> None:
    data = b"a" * 99 + b"\n"
    assert decode(data, max_bytes=100).text == data.decode()
    with pytest.raises(DecodeError):
        decode(data + b"b", max_bytes=100)


def test_too_large_is_checked_before_anything_else() -> None:
    # Even a binary file is refused as too large first (no need to read what is not a report).
    with pytest.raises(DecodeError) as info:
        decode(b"\x00" * 50, max_bytes=10)
    assert info.value.kind == "too-large"


def test_default_limit_is_20_mib() -> None:
    assert DEFAULT_MAX_BYTES == 20 * 1024 * 1024
