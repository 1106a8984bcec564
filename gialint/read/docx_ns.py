"""The XML namespaces of WordprocessingML, in ElementTree's ``{uri}`` form (one place for all
the Word reader's modules)."""

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
"""Markup compatibility: ``mc:AlternateContent`` with ``mc:Choice`` and ``mc:Fallback``."""
MATH = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
