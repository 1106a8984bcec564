"""The model's records (gialint.model.record): immutable, compared, hashed, ordered, copied and
pickled as the frozen dataclasses they replace were (issue #12: cheap to define at start-up)."""

from __future__ import annotations

import copy
import pickle
from dataclasses import FrozenInstanceError, dataclass

import pytest

from gialint.model.diagnostic import Diagnostic, Edit, Location, Severity
from gialint.model.document import (
    Block,
    Cell,
    Document,
    Origin,
    Place,
    Row,
    Section,
    Span,
    Table,
    Title,
)
from gialint.model.numbering import Numbering
from gialint.model.record import replace
from gialint.model.rule import Context, CorpusCheck, CorpusItem, Message, Option, Rule
from gialint.model.textview import Pass, Run, TextView


def _check(doc: object, opts: object, ctx: object) -> tuple[()]:
    return ()


def _rule() -> Rule:
    return Rule("r-one", "X1", "摘要", "summary", _check, options=(Option("n", int, 3, "doc"),), messages={"m": Message("中{x}", "en{x}")})


def _document() -> Document:
    span = Span(1, 1, 1, 3)
    table = Table((Row((Cell("a", span),), 1),), span, "pipe")
    section = Section(1, 1, "一、", "cn", "总体情况", span, 2)
    return Document("r.md", "一、总体情况\n", ("一、总体情况",), "markdown", (Block("heading", "一、总体情况", span, 1),), (table,), (section,))


def _diagnostic(**changes: object) -> Diagnostic:
    d = Diagnostic("r.md", 3, 2, "X1", "r-one", 3, 5, Severity.ERROR, "中", "en", (Edit(3, 2, 3, 5, "x"),))
    return replace(d, **changes) if changes else d


RECORDS = [
    Span(1, 2, 3, 4),
    Block("paragraph", "t", Span(1, 1, 1, 2)),
    Cell("1", Span(1, 1, 1, 2), joined=True),
    Title("标题", Span(1, 1, 1, 3)),
    Place(paragraph=3, page=1),
    Origin("docx", (Place(1), None), ("note",)),
    Edit(1, 1, 1, 2, "x"),
    Location("pdf", page=2, heading=("一、",), quote="q"),
    Message("中", "en"),
    Option("n", int, 3, "doc", choices=(1, 2, 3)),
    CorpusItem("a.md", {"k": 1}),
    Numbering("cn", 1, 1, "一、", 0, 2),
    Run(0, 0, 3, 3, True),
    Pass.of("split", [Run(0, 0, 3, 3, True)], 3, 3),
    TextView.of("ab\n", ("ab",), "ab\n", (), ()),
]


@pytest.mark.parametrize("record", [*RECORDS, _document(), _diagnostic(), _rule()], ids=lambda r: type(r).__name__)
def test_fields_cannot_be_assigned_or_deleted(record: object) -> None:
    name = type(record).__slots__[0]  # type: ignore[attr-defined]
    with pytest.raises(FrozenInstanceError):
        setattr(record, name, None)
    with pytest.raises(AttributeError):
        delattr(record, name)
    with pytest.raises(AttributeError):
        record.not_a_field = 1  # type: ignore[attr-defined]


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: type(r).__name__)
def test_equal_hash_copy_and_pickle_by_value(record: object) -> None:
    again = pickle.loads(pickle.dumps(record))
    assert again == record and again is not record
    if type(record) is not CorpusItem:  # its features are a dict: not hashable, as before
        assert hash(again) == hash(record)
    assert copy.deepcopy(record) == record and copy.copy(record) == record
    assert replace(record) == record
    assert repr(record).startswith(type(record).__qualname__ + "(")


def test_diagnostic_compares_and_orders_by_place_and_rule_only() -> None:
    d = _diagnostic()
    other_message = _diagnostic(message_zh="别的", end_column=9, severity=Severity.INFO, rank=4)
    assert d == other_message and hash(d) == hash(other_message)
    assert d != _diagnostic(column=3) and d != _diagnostic(code="X2")
    ordered = [_diagnostic(line=9), _diagnostic(path="a.md"), _diagnostic(column=1), d]
    assert sorted(ordered) == [_diagnostic(path="a.md"), _diagnostic(column=1), d, _diagnostic(line=9)]
    assert d.__eq__(("r.md", 3, 2, "X1", "r-one")) is NotImplemented
    with pytest.raises(TypeError):
        assert d < Span(1, 1, 1, 1)


def test_span_orders_as_a_tuple_of_its_fields() -> None:
    spans = [Span(2, 1, 2, 3), Span(1, 5, 1, 6), Span(1, 5, 1, 5)]
    assert sorted(spans) == [Span(1, 5, 1, 5), Span(1, 5, 1, 6), Span(2, 1, 2, 3)]
    assert Span(1, 1, 1, 1) <= Span(1, 1, 1, 1) and Span(2, 1, 1, 1) > Span(1, 9, 9, 9) >= Span(1, 9, 9, 9)
    assert Span(1, 2, 3, 4) != (1, 2, 3, 4)


def test_document_ignores_memo_and_extensions_in_equality_and_repr() -> None:
    doc = _document()
    doc.memo["parts"] = 1
    doc.extensions["x"] = 2
    assert doc == _document() and hash(doc) == hash(_document())
    assert "memo" not in repr(doc) and "extensions={'x': 2}" in repr(doc)
    assert _document().memo == {} and _document().memo is not _document().memo
    assert replace(doc, year=2021) != doc and replace(doc, year=2021).memo is doc.memo  # shared, as dataclasses.replace did


def test_replace_refuses_unknown_fields_and_takes_dataclasses_too() -> None:
    with pytest.raises(TypeError):
        replace(Span(1, 1, 1, 1), width=3)

    @dataclass(frozen=True)
    class Plain:
        a: int

    assert replace(Plain(1), a=2) == Plain(2)


def test_rule_keywords_defaults_and_frozen_options() -> None:
    rule = _rule()
    assert rule.severity is Severity.WARNING and rule.plugin == "" and rule.corpus is None and not rule.fixable
    assert Rule("a", "A1", "z", "e", _check).messages == {}
    defaults = rule.defaults()
    assert defaults == {"n": 3}
    with pytest.raises(TypeError):
        defaults["n"] = 4  # type: ignore[index]
    assert replace(rule, plugin="p").plugin == "p" and rule.plugin == ""
    corpus = CorpusCheck(collect=lambda doc, opts: 1, finish=lambda items, opts, ctx: ())
    assert replace(rule, corpus=corpus).corpus is corpus
    d = Context(rule, Severity.ERROR, "f.md").report(Span(1, 1, 1, 2), "m", x="!")
    assert (d.message_zh, d.message_en, d.severity, d.code, d.rule) == ("中!", "en!", Severity.ERROR, "X1", "r-one")


def test_positional_and_keyword_construction_agree() -> None:
    assert Section(1, 2, "二、", "cn", "t", Span(1, 1, 1, 2), 5, 0, False, ()) == Section(
        level=1, number=2, numeral="二、", style="cn", title="t", span=Span(1, 1, 1, 2), end_line=5
    )
    assert Option("n", int, 3, "doc") == Option(name="n", type=int, default=3, doc="doc", item=None, choices=(), regex=False)
    assert Location("docx") == Location(kind="docx", paragraph=None, table=None, table_name="", row=None, column=None)


def test_replacement_templates_without_escapes_are_valid_for_any_pattern() -> None:
    import re

    from gialint.model.userregex import check_template

    for template in ("", "文字", "g<1>"):
        check_template(re.compile("(a)(b)"), template)
    with pytest.raises(ValueError, match="group 3"):
        check_template(re.compile("(a)(b)"), r"\3")
    with pytest.raises(ValueError, match="NUL"):
        check_template(re.compile("(a)"), r"\0")
    check_template(re.compile("(a)"), r"\1-\g<0>")


def test_a_record_subclass_cannot_override_its_key_by_a_method() -> None:
    """Equality is chosen with ``compare=``: a ``_key`` method in the class body would be replaced
    silently, so none of gialint's records defines one."""
    import ast
    from pathlib import Path

    package = Path(__file__).resolve().parent.parent / "gialint"
    offenders = []
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            is_record = isinstance(node, ast.ClassDef) and any(
                isinstance(b, ast.Name) and b.id.endswith("Record") for b in node.bases
            )
            if not is_record:
                continue
            if {f.name for f in node.body if isinstance(f, ast.FunctionDef)} & {"_key", "_values"}:  # type: ignore[attr-defined]
                offenders.append(f"{path.name}:{node.name}")
    assert offenders == []


def test_the_label_vocabulary_compares_without_its_memo() -> None:
    import re

    from gialint.formats.labels import Vocabulary

    one = Vocabulary(("总计",), {}, None, re.compile("总计"))
    two = Vocabulary(("总计",), {}, None, re.compile("总计"))
    two.prose.add("一行正文")
    assert one == two
    assert one.replace(cores=("合计",)).cores == ("合计",)


def test_plugins_written_for_dataclasses_keep_working() -> None:
    """Diagnostic, Rule and the document model were dataclasses in 0.1.0: dataclasses.replace,
    fields and asdict still work on them."""
    import dataclasses

    from gialint.model.diagnostic import Diagnostic, Severity
    from gialint.model.document import Span

    d = Diagnostic("a.txt", 3, 2, "GIA101", "missing-section", 3, 4, Severity.ERROR, "缺", "missing")
    moved = dataclasses.replace(d, line=5, column=1)
    assert (moved.line, moved.column, moved.message_zh) == (5, 1, "缺") and d.line == 3
    assert dataclasses.is_dataclass(d) and [f.name for f in dataclasses.fields(d)][:3] == ["path", "line", "column"]
    assert dataclasses.asdict(Span(1, 2, 3, 4)) == {"line": 1, "column": 2, "end_line": 3, "end_column": 4}


def test_records_set_through_slot_setters_are_whole() -> None:
    """Span, Cell, CellValue and MatchedRow set their fields through their slots' setters
    (field_setters): every field is set, in order, and assignment is still refused."""
    import dataclasses

    from gialint.formats.matched import CellValue
    from gialint.model.document import Cell, Span
    from gialint.model.record import field_setters

    span = Span(1, 2, 3, 4)
    assert (span.line, span.column, span.end_line, span.end_column) == (1, 2, 3, 4)
    cell = Cell("x", span, True)
    assert (cell.text, cell.span, cell.joined) == ("x", span, True)
    value = CellValue("c", "5", span, True, 5.0)  # type: ignore[arg-type]
    assert value._values(value) == ("c", "5", span, True, 5.0, False, False)
    assert len(field_setters(CellValue)) == len(CellValue.__slots__)
    with pytest.raises(dataclasses.FrozenInstanceError):
        span.line = 5  # type: ignore[misc]
