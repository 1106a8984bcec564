"""The document model every reader produces and every rule reads, the findings rules
return, and the rules' own description (public paths: ``gialint.document``,
``gialint.diagnostic``, ``gialint.rule``).
"""

from __future__ import annotations

from gialint._lazy import face

_NAMES = {
    "Document": "document",
    "Section": "document",
    "Table": "document",
    "Cell": "document",
    "Row": "document",
    "Span": "document",
    "Block": "document",
    "Title": "document",
    "Place": "document",
    "Origin": "document",
    "Diagnostic": "diagnostic",
    "Severity": "diagnostic",
    "Edit": "diagnostic",
    "Location": "diagnostic",
    "Rule": "rule",
    "Context": "rule",
    "Message": "rule",
    "Option": "rule",
    "Options": "rule",
    "CorpusContext": "rule",
}

__getattr__, __dir__ = face(__name__, _NAMES)
