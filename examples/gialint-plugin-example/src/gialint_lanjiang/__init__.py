"""gialint rules for 岚江省, a fictional province: an example of a gialint plugin.

gialint finds this module through the entry point ``lanjiang`` in the group ``gialint``
(see pyproject.toml) and calls the two hook implementations below:

* :func:`gialint_get_rules` contributes the Python rule ``lj-work-priorities`` (LJ101). Once
  the package is installed it runs for every report, like gialint's own rules; a
  configuration can turn it off or change its severity and options.
* :func:`gialint_get_rule_sets` contributes the YAML rule set ``lanjiang``, which a
  ``.gialint.yaml`` names with ``extends: lanjiang``. The set also defines a ``pattern`` rule,
  ``lj-superseded-regulation`` (LJ201), which exists only in configurations that extend it.

gialint imports this module at every start-up (pre-commit runs it on every commit), so it
imports only ``gialint.hookimpl``; the rule module is imported when the rules are asked for.
"""

from __future__ import annotations

from importlib.resources import files
from typing import TYPE_CHECKING

from gialint import hookimpl

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from gialint.rule import Rule

__version__ = "0.1.0"


@hookimpl
def gialint_get_rules() -> list[Rule]:
    from gialint_lanjiang.work_priorities import RULE

    return [RULE]


@hookimpl
def gialint_get_rule_sets() -> dict[str, Traversable]:
    # Package data, read through importlib.resources: works from a wheel, a zip or a checkout.
    return {"lanjiang": files(__name__) / "lanjiang.yaml"}
