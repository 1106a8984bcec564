"""The public import path ``gialint.document`` that plugins use: the module itself lives in
:mod:`gialint.model.document` and is the same object under both names."""

import sys

from gialint.model import document as _module

sys.modules[__name__] = _module
