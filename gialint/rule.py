"""The public import path ``gialint.rule`` that plugins use: the module itself lives in
:mod:`gialint.model.rule` and is the same object under both names."""

import sys

from gialint.model import rule as _module

sys.modules[__name__] = _module
