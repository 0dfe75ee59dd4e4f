"""check's markdown format: the result as GitHub Markdown, for a job summary or a pull-request comment.

The summary line, then a table of the problems (place, severity, rule,
message) with at most MAX_ROWS rows and MAX_CHARS characters, so that the diff
still fits beside it in one comment (GitHub takes 65,536); a note counts the rest. Places are paths
from the repository root (findings.py). Text from the files is escaped and can
neither ping anyone nor reference an issue (render/escape.py: comment_inline).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from armsdeal.check.formats import summary
from armsdeal.check.formats.findings import Reported, findings
from armsdeal.render.escape import comment_inline

if TYPE_CHECKING:
    from armsdeal.check.results import CheckRun

TITLE = "## armsdeal check"
MAX_ROWS = 50
MAX_CHARS = 15_000


def markdown(run: CheckRun, color: bool = False) -> str:
    """The summary line and a table of the first MAX_ROWS problems."""
    return report(run)


def report(run: CheckRun, *, strict: bool = False) -> str:
    """As ``markdown``, with the summary line saying when --strict makes warnings fail."""
    blocks = [TITLE, f"**{comment_inline(summary(run, strict=strict))}**"]
    found = list(findings(run.problems))
    rows = ["| place | severity | rule | message |", "|---|---|---|---|"]
    size = sum(map(len, blocks)) + sum(map(len, rows))
    for item in found[:MAX_ROWS]:
        row = _row(item)
        size += len(row) + 1
        if size > MAX_CHARS:
            break
        rows.append(row)
    if found:
        blocks.append("\n".join(rows))
    if len(rows) - 2 < len(found):
        listed = len(rows) - 2
        blocks.append(f"*{len(found) - listed} more not listed here: the annotations and `armsdeal check` list all.*")
    return "\n\n".join(blocks) + "\n"


def _row(item: Reported) -> str:
    problem = item.problem
    place = f"{item.path}:{problem.line}:{problem.column}" if problem.located else item.path
    cells = [comment_inline(place), str(problem.severity), f"`{problem.rule}`", comment_inline(problem.message)]
    return "| " + " | ".join(cells) + " |"
