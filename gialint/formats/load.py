"""Reading a ``format:`` mapping of a YAML rule set into the templates of
:mod:`gialint.formats.templates`, with located errors (``base:``, ``add-rows:``, ``relations:``)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from gialint.config.yamlio import ConfigError, pos
from gialint.formats.normalise import norm_label, norm_pattern
from gialint.formats.templates import (
    VALUE_KINDS,
    ContentItem,
    Format,
    Label,
    PartTemplate,
    Relation,
    Statement,
    TableTemplate,
    Term,
)
from gialint.formats.textpattern import LazyRegex, Literal, TextPattern, is_literal


class _Reader:
    def __init__(self, path: str, trusted: bool) -> None:
        self.path = path
        self.trusted = trusted

    def fail(self, node: Any, key: Any, message: str, value: bool = True) -> ConfigError:
        return ConfigError(self.path, *pos(node, key, value), message)

    def mapping(self, node: Any, key: str, where: str) -> Mapping[str, Any]:
        value = node.get(key, {})
        if not isinstance(value, Mapping):
            raise self.fail(node, key, f"{where}.{key}: must be a mapping")
        return value

    def seq(self, node: Any, key: str, where: str) -> list[Any]:
        value = node.get(key, [])
        if not isinstance(value, list):
            raise self.fail(node, key, f"{where}.{key}: must be a list")
        return value

    def text(self, node: Any, key: str, where: str, required: bool = True) -> str:
        value = node.get(key)
        if value is None and not required:
            return ""
        if not isinstance(value, (str, int)) or isinstance(value, bool):
            raise self.fail(node, key if key in node else None, f"{where}.{key}: must be a string")
        return str(value)

    def regex(self, node: Any, index: Any, text: str, where: str) -> LazyRegex:
        """A pattern, compiled now only to locate its error (a trusted set's on first use)."""
        if self.trusted:
            return LazyRegex(text)
        try:
            return LazyRegex(text, re.compile(text))
        except re.error as exc:
            raise self.fail(node, index, f"{where}: invalid regular expression {text!r}: {exc}") from None

    def wording(self, node: Any, index: Any, text: str, where: str) -> TextPattern:
        """A wording: a fixed string needs no regular expression."""
        return Literal(text) if is_literal(text) else self.regex(node, index, text, where)

    def heading(self, node: Any, text: str, where: str) -> TextPattern:
        """A part's heading variant, found in normalised headings: normalised the same way."""
        if is_literal(text):
            return Literal(norm_label(text) or text)
        if not self.trusted:
            self.regex(node, "variants", text, where)  # an error is reported in the wording as written
        return self.regex(node, "variants", norm_pattern(text), where)

    def label(self, node: Any, where: str) -> Label:
        if not isinstance(node, Mapping):
            raise ConfigError(self.path, *pos(node), f"{where}: must be a mapping with key: and label:")
        values = node.get("values")
        if values is not None and values not in VALUE_KINDS:
            raise self.fail(node, "values", f"{where}.values: {values!r} is not one of {', '.join(VALUE_KINDS)}")
        group = node.get("group", "")
        return Label(
            key=self.text(node, "key", where),
            label=self.text(node, "label", where, required=False),
            variants=tuple(str(v) for v in self.seq(node, "variants", where)),
            values=values,
            group="group" if group is True else str(group or ""),
            parent=str(node.get("parent", "") or ""),
        )

    def table(self, node: Any, where: str) -> TableTemplate:
        if not isinstance(node, Mapping):
            raise ConfigError(self.path, *pos(node), f"{where}: must be a mapping")
        table_id = self.text(node, "id", where)
        where = f"{where}[{table_id}]"
        columns = tuple(self.label(c, f"{where}.columns") for c in self.seq(node, "columns", where))
        rows = tuple(self.label(r, f"{where}.rows") for r in self.seq(node, "rows", where))
        if not columns or not rows:
            raise self.fail(node, "id", f"{where}: a table needs columns: and rows:", value=False)
        for kind, items in (("column", columns), ("row", rows)):
            keys = [i.key for i in items]
            dup = next((k for k in keys if keys.count(k) > 1), None)
            if dup:
                raise self.fail(node, f"{kind}s", f"{where}: {kind} key {dup!r} is used twice")
        values = node.get("values", "count")
        if values not in VALUE_KINDS:
            raise self.fail(node, "values", f"{where}.values: {values!r} is not one of {', '.join(VALUE_KINDS)}")
        return TableTemplate(
            id=table_id,
            part=self.text(node, "part", where),
            columns=columns,
            rows=rows,
            values=values,
            caption=self.text(node, "caption", where, required=False),
            corner=self.text(node, "corner", where, required=False),
            header=tuple(str(h) for h in self.seq(node, "header", where)),
        )

    def relation(self, node: Any, tables: Mapping[str, TableTemplate], where: str) -> Relation:
        rel_id = self.text(node, "id", where, required=False) or self.text(node, "expr", where)
        where = f"{where}[{rel_id}]"
        table_id = self.text(node, "table", where)
        table = tables.get(table_id)
        if table is None:
            raise self.fail(node, "table", f"{where}.table: no table {table_id!r} in this format")
        each = node.get("for", "each-column")
        if each not in ("each-column", "each-row"):
            raise self.fail(node, "for", f"{where}.for: must be each-column or each-row")
        expr = self.text(node, "expr", where)
        if expr.count("=") != 1:
            raise self.fail(node, "expr", f"{where}.expr: needs exactly one '='")
        keys = {r.key for r in table.value_rows()} if each == "each-column" else {c.key for c in table.columns}
        sides = []
        for side in expr.split("="):
            terms: list[Term] = []
            sign = 1
            for token in side.split():
                if token in "+-":
                    sign = 1 if token == "+" else -1
                    continue
                if token not in keys:
                    kind = "value row" if each == "each-column" else "column"
                    raise self.fail(node, "expr", f"{where}.expr: {token!r} is not a {kind} key of table {table_id}")
                terms.append(Term(sign, token))
                sign = 1
            if not terms:
                raise self.fail(node, "expr", f"{where}.expr: each side of '=' needs at least one key")
            sides.append(tuple(terms))
        doc = node.get("doc", {}) or {}
        return Relation(rel_id, table_id, each, sides[0], sides[1], expr, str(doc.get("zh", "")), str(doc.get("en", "")))


def _insert_rows(reader: _Reader, table: TableTemplate, extra: list[Any], where: str) -> TableTemplate:
    rows = list(table.rows)
    for node in extra:
        row = reader.label(node, where)
        if any(r.key == row.key for r in rows):
            raise reader.fail(node, "key", f"{where}: table {table.id} already has a row {row.key!r}")
        after = str(node.get("after", "") or "")
        if after and not any(r.key == after for r in rows):
            raise reader.fail(node, "after", f"{where}.after: table {table.id} has no row {after!r}")
        index = next((i + 1 for i, r in enumerate(rows) if r.key == after), len(rows)) if after else len(rows)
        rows.insert(index, row)
    return table.replace(rows=tuple(rows))


def load_format(node: Any, path: str, known: Mapping[str, Format], trusted: bool = False) -> Format:
    """Build a :class:`Format` from the ``format:`` mapping of a rule set, validating every part.

    ``trusted``: gialint's own sets (validated by its tests) compile their patterns on first use
    instead of now, to locate an error."""
    reader = _Reader(path, trusted)
    if not isinstance(node, Mapping):
        raise ConfigError(path, *pos(node), "format: must be a mapping (id:, parts:, tables: …) or the id of a format")
    fmt_id = reader.text(node, "id", "format")
    where = f"format[{fmt_id}]"
    base: Format | None = None
    if "base" in node:
        base = known.get(str(node["base"]))
        if base is None:
            raise reader.fail(node, "base", f"{where}.base: unknown format {node['base']!r}; known: {', '.join(known) or 'none'}")
    name = node.get("name", {}) or {}
    years = reader.mapping(node, "years", where)
    for bound in ("from", "to"):
        year = years.get(bound)
        if bound in years and (isinstance(year, bool) or not isinstance(year, int) or not 1990 <= year <= 2100):
            raise reader.fail(years, bound, f"{where}.years.{bound}: {year!r} is not a year such as 2021")
    parts = base.parts if base and "parts" not in node else ()
    if "parts" in node:
        items = []
        for part in reader.seq(node, "parts", where):
            number = reader.text(part, "number", f"{where}.parts")
            variants = [reader.heading(part, v, f"{where}.parts[{number}].variants") for v in reader.seq(part, "variants", where)]
            title = reader.text(part, "title", f"{where}.parts")
            english = reader.text(part, "en", f"{where}.parts[{number}]", required=False)
            items.append(PartTemplate(number, title, tuple(variants), english))
        parts = tuple(items)
    tables: dict[str, TableTemplate] = {t.id: t for t in base.tables} if base else {}
    for table_node in reader.seq(node, "tables", where):
        table = reader.table(table_node, f"{where}.tables")
        tables[table.id] = table
    for table_id, extra in reader.mapping(node, "add-rows", where).items():
        if table_id not in tables:
            raise reader.fail(node["add-rows"], table_id, f"{where}.add-rows: no table {table_id!r}", value=False)
        if not isinstance(extra, list):
            raise reader.fail(node["add-rows"], table_id, f"{where}.add-rows.{table_id}: must be a list of rows ({{key:, label:, after:}})")
        tables[table_id] = _insert_rows(reader, tables[table_id], extra, f"{where}.add-rows.{table_id}")
    relations = list(base.relations) if base else []
    for rel_node in reader.seq(node, "relations", where):
        relations.append(reader.relation(rel_node, tables, f"{where}.relations"))
    statements = list(base.statements) if base else []
    for st in reader.seq(node, "statements", where):
        # One cell, or a sum of cells of one table: 四.cases.direct-total + 四.cases.after-total
        cells = [c.strip().split(".") for c in reader.text(st, "cell", f"{where}.statements").split("+")]
        for cell in cells:
            if len(cell) != 3 or cell[0] not in tables or cell[0] != cells[0][0]:
                raise reader.fail(st, "cell", f"{where}.statements.cell: must be table.row.column of this format (or a sum of cells of one table)")
            table = tables[cell[0]]
            if table.row(cell[1]) is None or table.column(cell[2]) is None:
                raise reader.fail(st, "cell", f"{where}.statements.cell: table {cell[0]} has no row {cell[1]!r} or column {cell[2]!r}")
        cell = cells[0]
        pattern = reader.regex(st, "pattern", reader.text(st, "pattern", f"{where}.statements"), f"{where}.statements")
        if not reader.trusted and "n" not in pattern.groupindex:
            raise reader.fail(st, "pattern", f"{where}.statements.pattern: must capture the figure as (?P<n>…)")
        statements.append(Statement(pattern, cell[0], cell[1], cell[2], tuple((c[1], c[2]) for c in cells[1:])))
    content: dict[str, tuple[ContentItem, ...]] = dict(base.required_content) if base else {}
    for part_no, items in reader.mapping(node, "required-content", where).items():
        parsed = []
        for item in items:
            item_id = reader.text(item, "id", f"{where}.required-content.{part_no}")
            regexes = tuple(reader.wording(item, "any", a, f"{where}.required-content.{part_no}.{item_id}") for a in reader.seq(item, "any", where))
            parsed.append(ContentItem(item_id, regexes, str(item.get("zh", item_id)), str(item.get("en", item_id)), item.get("severity")))
        content[str(part_no)] = tuple(parsed)
    return Format(
        id=fmt_id,
        name_zh=str(name.get("zh", fmt_id)) if isinstance(name, Mapping) else str(name),
        name_en=str(name.get("en", fmt_id)) if isinstance(name, Mapping) else str(name),
        document=str(node.get("document", base.document if base else "")),
        year_from=int(years["from"]) if "from" in years else (base.year_from if base and not years else None),
        year_to=int(years["to"]) if "to" in years else (base.year_to if base and not years else None),
        parts=parts,
        tables=tuple(tables.values()),
        relations=tuple(relations),
        signatures=tuple(str(s) for s in node.get("signatures", base.signatures if base else ())),
        statements=tuple(statements),
        required_content=content,
        source=path,
    )
