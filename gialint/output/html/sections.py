"""One section per file: its findings, the evidence beside them (a table's grid with the offending
cell marked; a copied passage next to the one it copies) and its source."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from gialint.model.diagnostic import Diagnostic
from gialint.output import Report
from gialint.output.html.overview import Labels, e, worst
from gialint.output.text import counts

CONTEXT = 2
"""Lines shown around each finding when the page does not carry whole sources."""
GRID_ROWS = 40
"""At most this many rows of a table are drawn around a finding."""


def _separator(text: str) -> str | None:
    if "\t" in text:
        return "\t"
    if text.count("|") >= 2:
        return "|"
    return None


def _table_block(lines: Sequence[str], line: int) -> tuple[int, int, str] | None:
    """First and last line (1-based) of the table row block around ``line``, and its separator."""
    if not 1 <= line <= len(lines):
        return None
    sep = _separator(lines[line - 1])
    if sep is None:
        return None
    first = last = line
    while first > 1 and _separator(lines[first - 2]) == sep:
        first -= 1
    while last < len(lines) and _separator(lines[last]) == sep:
        last += 1
    if last - first + 1 > GRID_ROWS:
        first = max(first, line - GRID_ROWS // 2)
        last = min(last, first + GRID_ROWS - 1)
    return first, last, sep


def _cells(text: str, sep: str) -> list[tuple[int, str]]:
    """(first column, text) of each cell of a table row line."""
    out, start = [], 0
    body = text
    if sep == "|" and body.strip().startswith("|"):
        start = body.index("|") + 1
    while start <= len(body):
        end = body.find(sep, start)
        end = len(body) if end < 0 else end
        if sep == "|" and end == len(body) and not body[start:].strip():
            break
        out.append((start + 1, body[start:end].strip()))
        start = end + 1
    return out


def _grid(lines: Sequence[str], block: tuple[int, int, str], marks: Mapping[int, set[int]]) -> str:
    first, last, sep = block
    rows = []
    for number in range(first, last + 1):
        cells = _cells(lines[number - 1], sep)
        marked = marks.get(number, set())
        tds = []
        for index, (column, text) in enumerate(cells):
            end = cells[index + 1][0] - 1 if index + 1 < len(cells) else len(lines[number - 1]) + 2
            bad = any(column - 1 <= c < end for c in marked)
            cls = ' class="bad"' if bad else ""
            tds.append(f"<td{cls}>{e(text)}</td>")
        row_cls = ' class="bad-row"' if marked else ""
        rows.append(f'<tr data-line="{number}"{row_cls}>{"".join(tds)}</tr>')
    return f'<table class="grid"><tbody>{"".join(rows)}</tbody></table>'


def _evidence(found: Sequence[Diagnostic], lines: Sequence[str] | None, report: Report, anchors: Mapping[str, str], labels: Labels) -> list[str]:
    if not lines:
        return []
    html: list[str] = []
    blocks: dict[tuple[int, int, str], list[Diagnostic]] = {}
    for d in found:
        block = _table_block(lines, d.line)
        if block is not None:
            blocks.setdefault(block, []).append(d)
    for block, ds in blocks.items():
        marks: dict[int, set[int]] = {}
        for d in ds:
            marks.setdefault(d.line, set()).add(max(d.column, 1))
        why = "".join(f"<p>{e(d.message(report.lang))}</p>" for d in ds)
        html.append(f'<div class="evidence" data-table-line="{block[0]}">{_grid(lines, block, marks)}<div class="why">{why}</div></div>')
    for d in found:
        for path, line in d.related:
            other = report.sources.get(path)
            mine = lines[d.line - 1] if 1 <= d.line <= len(lines) else ""
            theirs = other[line - 1] if other is not None and 1 <= line <= len(other) else ""
            link = anchors.get(path)
            name = f'<a href="#{link}-L{line}">{e(path)}</a>' if link and other is not None and line <= len(other) else e(path)
            html.append(
                f'<div class="pair" data-related="{e(path)}">'
                f'<div><div class="from">{e(labels["this"])} · {d.line}</div><blockquote>{e(mine)}</blockquote></div>'
                f'<div><div class="from">{name} · {line}</div><blockquote>{e(theirs) if theirs else e(labels["no_source"])}</blockquote></div>'
                "</div>"
            )
    return html


def _source_rows(fid: str, lines: Sequence[str], found: Sequence[Diagnostic], full: bool, lang: str) -> list[str]:
    n_lines = len(lines)
    at: dict[int, list[Diagnostic]] = {}
    for d in found:
        at.setdefault(min(max(d.line, 1), n_lines), []).append(d)
    if full:
        shown = range(1, n_lines + 1)
    else:
        wanted = sorted({n for hit in at for n in range(max(1, hit - CONTEXT), min(n_lines, hit + CONTEXT) + 1)})
        shown = wanted  # type: ignore[assignment]
    html, previous = [], 0
    for number in shown:
        if previous and number > previous + 1:
            html.append('<tr class="gap"><td class="ln">⋮</td><td class="text"></td></tr>')
        previous = number
        here = at.get(number, [])
        cls = f' class="hit {worst(here)}"' if here else ""
        html.append(
            f'<tr id="{fid}-L{number}"{cls}><td class="ln"><a href="#{fid}-L{number}">{number}</a></td>'
            f'<td class="text">{e(lines[number - 1])}</td></tr>'
        )
        for d in here:
            html.append(
                f'<tr class="note sev-{d.severity}"><td class="ln"></td><td class="text">'
                f"▲ {d.column}: <code>{e(d.code)}</code> {e(d.rule)} — {e(d.message(lang))}</td></tr>"
            )
    return html


def _file_uri(path: str) -> str:
    """The report file itself, for reading it whole when the page carries only the lines around findings."""
    from pathlib import Path

    try:
        return Path(path).resolve().as_uri()
    except (OSError, ValueError):
        return ""


def file_section(
    index: int, path: str, found: list[Diagnostic], lines: Sequence[str] | None, report: Report, labels: Labels,
    anchors: Mapping[str, str], full: bool,
) -> list[str]:
    fid = f"f{index}"
    lang = report.lang
    tally = counts(found, lang) if found else labels["clean"]
    html = [
        f'<section class="file" id="{fid}" data-file="{e(path)}" data-count="{len(found)}">',
        f'<h2><code>{e(path)}</code></h2><p class="muted">{e(tally)} · <a class="back" href="#overview">{e(labels["back"])}</a></p>',
    ]
    n_lines = len(lines) if lines is not None else 0
    if found:
        html.append('<ol class="findings">')
        for i, d in enumerate(found, 1):
            target = f"#{fid}-L{min(max(d.line, 1), n_lines)}" if n_lines else f"#{fid}"
            sev = f"sev-{d.severity}"
            where = f'<div class="where">{e(d.location.describe(lang))}</div>' if d.location is not None else ""
            html.append(
                f'<li id="{fid}-d{i}" class="{sev}" data-rule="{e(d.code)}" data-line="{d.line}">'
                f'<a class="pos" href="{target}">{d.line}:{d.column}</a> '
                f'<span class="badge {sev}">{e(labels[d.severity])}</span> '
                f'<code>{e(d.code)}</code> <span class="rule">{e(d.rule)}</span> {e(d.message(lang))}{where}</li>'
            )
        html.append("</ol>")
        html.extend(_evidence(found, lines, report, anchors, labels))
    if lines is None:
        html.append(f'<p class="muted">{e(labels["no_source"])}</p>')
    elif lines:
        if full or found:
            summary = labels["source"] if full else labels["context"]
            html.append(f"<details{' open' if found else ''}><summary>{e(summary)}</summary>")
            html.append('<table class="source"><tbody>')
            html.extend(_source_rows(fid, lines, found, full, lang))
            html.append("</tbody></table></details>")
        if not full:
            html.append(f'<p class="muted"><a class="whole" href="{e(_file_uri(path))}">{e(labels["whole"])}</a></p>')
    html.append("</section>")
    return html
