"""One label normaliser (issue #12 part 4): gialint.formats.normalise.norm_label is the only place
that folds widths and words of labels and part titles, and what it makes equal is written here as
data."""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import pytest

from gialint.formats import normalise
from gialint.formats.labels import builtin_formats, core, core_stream
from gialint.formats.normalise import (
    BLANKS,
    CHAR_FOLD,
    fold_chars,
    norm_label,
    norm_offsets,
    norm_pattern,
)
from gialint.formats.parts import heading_at, part_specs, spec_for

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "gialint"
CORPUS = ROOT.parent / "shared" / "corpus"

# (written, normalised): every spelling in a row normalises to the same text
EQUIVALENT = [
    # widths: brackets, digits, letters, punctuation (NFKC)
    (["（一）予以公开", "(一)予以公开", "(一) 予以公开", "（一） 予以公开", "(一)予以公开"], "(一)予以公开"),
    (["第二十条第（一）项", "第二十条第(一)项", "第二十条第 ( 一 ) 项"], "第二十条第(一)项"),
    (["本年收费金额（单位：万元）", "本年收费金额(单位:万元)"], "本年收费金额(单位:万元)"),
    (["２０２１年", "2021年", "2021 年"], "2021年"),
    (["ＡＢＣ数据", "ABC数据"], "ABC数据"),
    (["部分公开（区分处理的，只计这一情形）", "部分公开(区分处理的,只计这一情形)"], "部分公开(区分处理的,只计这一情形)"),
    # words: 其它/其他, 及/与/和
    (["其它处理", "其他处理"], "其他处理"),
    (["法人或其它组织", "法人或其他组织"], "法人或其他组织"),
    (["存在的主要问题及改进情况", "存在的主要问题与改进情况", "存在的主要问题和改进情况"], "存在的主要问题和改进情况"),
    (["收到及处理政府信息公开申请情况", "收到和处理政府信息公开申请情况"], "收到和处理政府信息公开申请情况"),
    # item numbers after a digit: 1、 1． 1· 1 . → 1. (及 folds inside a word too, 危及 → 危和:
    # labels are compared normalised on both sides, so only what is equal matters)
    (["1、危及“三安全一稳定”", "1.危及“三安全一稳定”", "1．危及“三安全一稳定”", "1·危及“三安全一稳定”", "1 . 危及“三安全一稳定”", "１、危及“三安全一稳定”"], "1.危和“三安全一稳定”"),
    (["2..其他", "2.其他", "2、.其他"], "2.其他"),
    # blanks of every kind and Markdown emphasis
    (["结 果 维 持", "结果维持", "结\u3000果\xa0维\t持", "**结果维持**", "结果＊维持", "\n结果维持\r\n"], "结果维持"),
    (["行政规范性 文件", "行政规范性文件"], "行政规范性文件"),
]

# what stays apart: numbering other than a digit's, words that only look alike
DISTINCT = [
    ("三、本年度办理结果", "三.本年度办理结果"),
    ("（一）予以公开", "一、予以公开"),
    ("其他", "其余"),
    ("总计", "合计"),
    ("1.2", "12"),
]


@pytest.mark.parametrize(("written", "normalised"), EQUIVALENT)
def test_spellings_normalise_alike(written: list[str], normalised: str) -> None:
    assert {text: norm_label(text) for text in written} == dict.fromkeys(written, normalised)


@pytest.mark.parametrize(("a", "b"), DISTINCT)
def test_different_labels_stay_different(a: str, b: str) -> None:
    assert norm_label(a) != norm_label(b)


def test_normalising_twice_changes_nothing() -> None:
    for written, normalised in EQUIVALENT:
        assert norm_label(normalised) == normalised, written


def test_the_blanks_are_every_character_str_split_drops() -> None:
    assert set(BLANKS) == {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()}
    assert {chr(c) for c in range(sys.maxunicode + 1) if re.fullmatch(r"\s", chr(c))} == set(BLANKS)


def _samples() -> list[str]:
    texts = [t for written, _ in EQUIVALENT for t in written] + [t for pair in DISTINCT for t in pair]
    texts += ["1...2", "1....2", "a.. .b", "…", "㈠予以公开", "⼀、总体情况", "", " ", "3、 、x", "第1、2项"]
    for path in sorted(CORPUS.glob("*.*")) if CORPUS.is_dir() else ():
        if path.suffix in (".md", ".txt"):
            texts += path.read_text(encoding="utf-8", errors="replace").split("\n")
    return texts


def test_offsets_follow_the_same_normalisation() -> None:
    for text in _samples():
        normed, offsets = norm_offsets(text)
        assert normed == norm_label(text), text
        assert len(offsets) == len(normed) and list(offsets) == sorted(offsets), text
        assert all(0 <= at < len(text) for at in offsets), text


def test_heading_found_in_a_line_ends_past_its_title() -> None:
    specs = part_specs(None)
    line = "三、收到 及 处理政府信息公开申请情况（一）收到申请"
    found = heading_at(line, 2, specs)
    assert found is not None and found[0].number == 3 and line[found[1] :] == "（一）收到申请"


@pytest.mark.parametrize(
    ("title", "number"),
    [
        ("存在的主要问题与改进情况", 5),
        ("存在的主要问题及改进情况", 5),
        ("政府信息公开行政复议，行政诉讼情况", 4),
        ("政府信息公开行政复议、行政诉讼情况", 4),
        ("其它需要报告的事项", 6),
        ("收到与处理政府信息公开申请情况", 3),
        ("主 动 公 开 政 府 信 息 情 况", 2),
    ],
)
def test_part_titles_and_their_variants_meet_in_the_normalised_form(title: str, number: int) -> None:
    for fmt in builtin_formats():
        spec = spec_for(title, part_specs(fmt))
        assert spec is not None and spec.number == number, (fmt.id, title)


def test_a_heading_variant_is_normalised_like_the_headings() -> None:
    assert norm_pattern("行政复议[、，和]?行政诉讼") == "行政复议[、,和]?行政诉讼"
    assert norm_pattern("问题及(?:改进|整改)") == "问题和(?:改进|整改)"
    assert norm_pattern(r"第（[一二]）项\s*\d+") == r"第\([一二]\)项\s*\d+"
    assert norm_pattern(r"\（一\）") == r"\(一\)"
    assert norm_pattern("概述$") == "概述$"
    for pattern, text in [("第（一）项", "第 (一) 项"), ("主要问题与改进", "主要问题及改进"), ("复议，诉讼", "复议,诉讼")]:
        assert re.search(norm_pattern(pattern), norm_label(text)), (pattern, text)


def test_the_formats_store_their_heading_variants_normalised() -> None:
    for fmt in builtin_formats():
        for part in fmt.parts:
            for variant in part.variants:
                assert norm_pattern(variant.pattern) == variant.pattern, (fmt.id, variant.pattern)


def test_a_line_streams_its_labels_folded_like_their_cores() -> None:
    labels = {text for fmt in builtin_formats() for t in fmt.tables for r in t.rows for text in (r.label, *r.variants)}
    for label in sorted(labels):
        for written in (label, label.replace("他", "它"), label.translate(str.maketrans("0123456789", "０１２３４５６７８９"))):
            assert core(label) in core_stream("前文" + written + "后文")[0], written


def test_the_one_to_one_fold_is_part_of_the_normalisation() -> None:
    for source, target in CHAR_FOLD.items():
        assert len(target) == 1 and norm_label(chr(source)) == norm_label(target), chr(source)
    for text in _samples():
        assert fold_chars(text) == text.translate(CHAR_FOLD), text


# --------------------------------------------------------------------------- no second normaliser

_FOLDED = frozenset("它及与（）")


def _folds_labels(node: ast.Call) -> bool:
    """A call that folds text the way only the normaliser may: NFKC, or a replacement / translation
    table of the words and brackets labels are written with either way."""
    func = node.func
    if isinstance(func, ast.Attribute) and func.attr == "normalize":
        return True
    if not isinstance(func, ast.Attribute) or func.attr not in ("replace", "maketrans") or not node.args:
        return False
    replaced = node.args[0] if func.attr == "replace" else node  # what is replaced, or the whole table
    strings = [n.value for n in ast.walk(replaced) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
    return any(_FOLDED.intersection(s) for s in strings)


def test_no_other_module_normalises_labels() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == Path(normalise.__file__).resolve():
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        offenders += [f"{path.relative_to(ROOT)}:{n.lineno}" for n in ast.walk(tree) if isinstance(n, ast.Call) and _folds_labels(n)]
        offenders += [
            f"{path.relative_to(ROOT)}:{n.lineno}" for n in ast.walk(tree)
            if isinstance(n, ast.FunctionDef) and n.name in ("norm", "norm_label", "normalise_label")
        ]  # fmt: skip
    assert offenders == [], "label normalisation outside gialint/formats/normalise.py"
