"""File names and messages made safe to print, whatever bytes they came from.

File names are not always UTF-8: a zip made on Chinese Windows holds GBK bytes, which arrive on
Linux as surrogate escapes (``\\udcb9``) that no UTF-8 stream can write. And a report's text (or
a file name) may hold newlines, terminal escape sequences or bidirectional controls that would
forge lines or recolour a terminal. Each output format uses the most faithful form it can carry:

* JSON (``json``, ``sarif``, baselines): lossless — the surrogate escapes are written as JSON
  ``\\udcXX`` escapes, which read back (Python's ``json``) to the very same name;
* SARIF URIs: lossless — the name's bytes percent-encoded;
* text, ``github``, ``junit``, ``html``: a byte that is not UTF-8 is shown as ``\\xNN`` and a
  control character as its escape (``\\n``, ``\\x1b``, ``\\u202e``).
"""

from __future__ import annotations

import os
from urllib.parse import quote

from gialint._lazy import lazy_re

_SURROGATE = lazy_re("[\ud800-\udfff]")
_UNSAFE = lazy_re("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _byte(ch: str) -> str:
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"  # a byte of a name that is not UTF-8
    if code <= 0xFF:
        return _NAMED.get(ch) or f"\\x{code:02x}"
    return f"\\u{code:04x}"


def printable(text: str, keep: str = "") -> str:
    """``text`` with every control character (but those in ``keep``), bidirectional control and
    undecodable byte escaped: one finding stays one line and cannot change a terminal."""
    return _UNSAFE.sub(lambda m: m.group() if m.group() in keep else _byte(m.group()), text)


def unsurrogate(text: str) -> str:
    """Only the undecodable bytes of a name escaped (``\\xNN``), for formats that escape the rest."""
    return _SURROGATE.sub(lambda m: _byte(m.group()), text)


def json_text(dumped: str) -> str:
    """JSON text from ``json.dumps(..., ensure_ascii=False)`` that any UTF-8 stream can write:
    lone surrogates (only ever inside strings) become ``\\uXXXX`` escapes — lossless."""
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)


def uri_path(path: str) -> str:
    """A path as a URI path: its bytes (as the file system has them) percent-encoded."""
    return quote(os.fsencode(path), safe="/")
