"""The public import path ``gialint.diagnostic`` that plugins use: the module itself lives in
:mod:`gialint.model.diagnostic` and is the same object under both names."""

import sys

from gialint.model import diagnostic as _module

sys.modules[__name__] = _module
