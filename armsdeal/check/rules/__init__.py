"""The rule registry: every kind of problem armsdeal reports, by stable id, grouped by topic.

Each rule's docstring is its user documentation (``armsdeal rules`` prints it).
Rules found while reading the file (syntax, encoding) or by the schema are
*declared* so they are documented and can be ignored by id; rules that look at
a valid timeline are *checks*: functions yielding Findings. A new rule goes in
the module of its topic; importing this package registers them all, in the
order ``armsdeal rules`` lists them.
"""

from __future__ import annotations

# isort: off
# Importing a topic registers its rules; `armsdeal rules` lists them in this order.
from armsdeal.check.rules import reading, schema, crossfile, collection, ids, references, events, dates, deal  # noqa: F401

# isort: on
from armsdeal.check.rules.base import RULES, CheckContext, Finding, Keys, Rule, check, declare

__all__ = ["RULES", "CheckContext", "Finding", "Keys", "Rule", "check", "declare"]
