"""`armsdeal ci check|diff|comment`: the steps of the GitHub Action (action.yml), each runnable from a shell.

They write what GitHub Actions reads: annotations on stdout, Markdown appended
to $GITHUB_STEP_SUMMARY, ``name=value`` lines appended to $GITHUB_OUTPUT; and
with ``--body FILE`` the same Markdown to the file the comment is made of.
Outside Actions (those variables unset) only stdout, stderr and --body are
written. ``ci comment`` keeps one pull-request comment up to date through the
GitHub CLI (gh): found by a hidden marker at its start, edited in place.
docs/ci.md describes the action.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from armsdeal.cli.app import TimelinesOption, command_group, reports_errors, say, write_data
from armsdeal.core.errors import InputError, InvalidTimeline, UsageError

# The first line of the comment, invisible once rendered: how the comment is found again.
MARKER = "<!-- armsdeal: pull-request comment -->"
# What the check and the diff may take of one comment together: GitHub refuses more than 65,536 characters.
MAX_CHARS = 64_000


ci_app = command_group(
    "ci",
    "The steps of armsdeal's GitHub Action: check, diff and comment, for job summaries and pull requests.",
)

BodyOption = Annotated[
    Path | None,
    typer.Option("--body", metavar="FILE", help="Also append the Markdown to FILE (the pull-request comment)."),
]


@ci_app.command("check")
@reports_errors
def ci_check(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Timeline files or folders [default: the timelines folder].", metavar="PATH"),
    ] = None,
    strict: Annotated[
        bool | None, typer.Option("--strict/--no-strict", help="Warnings fail too.", show_default=False)
    ] = None,
    sarif: Annotated[
        Path | None, typer.Option("--sarif", metavar="FILE", help="Also write the SARIF report to FILE.")
    ] = None,
    body: BodyOption = None,
    timelines: TimelinesOption = None,
) -> None:
    """Check: annotations, job summary, outputs.

    Checks once: annotations on stdout (the github format), the result as Markdown in the job summary
    (and --body), the SARIF report with --sarif, outputs problems and exit-code. Exit codes as
    `armsdeal check`.
    """
    from armsdeal.check.config import load_settings
    from armsdeal.check.formats import FORMATS, summary
    from armsdeal.check.formats.markdown import report
    from armsdeal.check.runner import check_paths
    from armsdeal.core.collection import resolve_dir

    settings = load_settings()  # [tool.armsdeal] as `armsdeal check` reads it
    strict = settings.strict if strict is None else strict
    run = check_paths(
        paths or [resolve_dir(timelines)], today=date.today(), ignore=settings.ignore, options=settings.options
    )
    write_data(FORMATS.load("github")(run, False))
    if sarif is not None:
        _write(sarif, FORMATS.load("sarif")(run, False))
    markdown = report(run, strict=strict)
    _append_markdown(markdown, body)
    code = run.exit_code(strict=strict)
    problems = sum(problem.count for problem in run.problems)
    _set_outputs({"problems": str(problems), "exit-code": str(code)})
    say(summary(run, strict=strict))
    raise typer.Exit(code)


@ci_app.command("diff")
@reports_errors
def ci_diff(
    base: Annotated[
        str | None,
        typer.Option(
            "--base",
            metavar="REV",
            help="The revision to compare with [default: the pull request's base commit, from $GITHUB_EVENT_PATH].",
            show_default=False,
        ),
    ] = None,
    body: BodyOption = None,
    timelines: TimelinesOption = None,
) -> None:
    """The semantic diff against the base.

    The changed timelines' diff as Markdown on stdout, in the job summary and --body.
    Output changed-timelines: their ids, separated by spaces. Exit 0 (a difference is
    not a failure here), 2 for an unknown revision or no git.
    """
    revision = base or _pull_request_base()
    if revision is None:
        say("armsdeal: no base to compare with (not a pull request, and no --base); no diff")
        _set_outputs({"changed-timelines": ""})
        return
    room = MAX_CHARS - (len(_read(body)) if body is not None and body.exists() else 0)
    markdown, changed = _semantic_diff(revision, timelines, room)
    write_data(markdown)
    _append_markdown(markdown, body)
    _set_outputs({"changed-timelines": " ".join(changed)})


@ci_app.command("comment")
@reports_errors
def ci_comment(
    body: Annotated[Path, typer.Argument(help="The Markdown of the comment.", metavar="FILE")],
    pull_request: Annotated[
        int | None,
        typer.Option(
            "--pull-request", metavar="N", help="[default: the pull request of $GITHUB_EVENT_PATH]", show_default=False
        ),
    ] = None,
    repository: Annotated[
        str | None,
        typer.Option("--repository", metavar="OWNER/NAME", help="[default: $GITHUB_REPOSITORY]", show_default=False),
    ] = None,
) -> None:
    """Keep one pull-request comment up to date.

    Posts FILE through the GitHub CLI (gh). The comment starts with a hidden marker; the first comment that starts
    with it is edited, else one is added. Not a pull request: nothing is done (a FILE that cannot be read
    is still exit 2).
    """
    # The file first: a missing one is a mistake in the workflow (exit 2), in a pull request or not.
    text = f"{MARKER}\n{_read(body)}"
    number = pull_request or _event_pull_request().get("number")
    repo = repository or os.environ.get("GITHUB_REPOSITORY")
    if not number or not repo:
        say("armsdeal: not a pull request (or no repository); no comment")
        return
    with tempfile.TemporaryDirectory() as folder:
        posted = Path(folder) / "body.md"
        posted.write_text(text, encoding="utf-8")
        existing = _marked_comment(repo, int(number))
        if existing is None:
            _gh("api", "--method", "POST", f"repos/{repo}/issues/{number}/comments", "-F", f"body=@{posted}")
            say(f"armsdeal: commented on pull request {number}")
        else:
            _gh("api", "--method", "PATCH", f"repos/{repo}/issues/comments/{existing}", "-F", f"body=@{posted}")
            say(f"armsdeal: updated comment {existing} on pull request {number}")


def _semantic_diff(revision: str, timelines: Path | None, room: int) -> tuple[str, list[str]]:
    """The diff's Markdown in at most ``room`` characters and the ids of the changed timelines.

    A note instead when a side has problems (the check reports them).
    """
    from armsdeal.core.collection import search_path
    from armsdeal.diff.engine import diff_timelines
    from armsdeal.diff.formats.markdown import markdown
    from armsdeal.diff.revisions import base_comparisons

    _fetch_if_missing(revision)
    try:
        pairs = base_comparisons(revision, [], search_path(timelines)[0].path)
    except InvalidTimeline as error:
        say(f"armsdeal: no semantic diff: {len(error.problems)} problem(s) in the timelines (see the check)")
        return "## Timeline changes\n\nNo semantic diff: a changed timeline has problems; see the check.\n", []
    diffs = [diff_timelines(pair.old.timeline, pair.new.timeline) for pair in pairs]
    differing = [found for found in diffs if not found.is_empty]
    return markdown(differing, limit=room), [found.timeline for found in differing]


def _fetch_if_missing(revision: str) -> None:
    """A shallow checkout may lack the base commit: fetch that one commit from origin (quietly, if it can)."""
    if revision.startswith("-"):
        raise UsageError(f"'{revision}' is not a revision (a revision cannot start with '-')")
    present = subprocess.run(
        ["git", "cat-file", "-e", f"{revision}^{{commit}}"], capture_output=True, check=False
    ).returncode
    if present != 0:
        subprocess.run(
            ["git", "fetch", "--quiet", "--no-tags", "--depth=1", "origin", revision], capture_output=True, check=False
        )


def _event() -> dict[str, Any]:
    path = os.environ.get("GITHUB_EVENT_PATH")
    if not path:
        return {}
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read the GitHub event: {_reason(error)}") from None
    try:
        event = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(
            f"{path}:{error.lineno}:{error.colno}: the GitHub event is not JSON ({error.msg}); "
            "GITHUB_EVENT_PATH must name the event file the runner wrote"
        ) from None
    return event if isinstance(event, dict) else {}


def _event_pull_request() -> dict[str, Any]:
    pull_request = _event().get("pull_request")
    return pull_request if isinstance(pull_request, dict) else {}


def _pull_request_base() -> str | None:
    base = _event_pull_request().get("base")
    sha = base.get("sha") if isinstance(base, dict) else None
    return sha if isinstance(sha, str) and sha else None


def _marked_comment(repo: str, number: int) -> int | None:
    """The id of the first comment on the pull request that starts with the marker."""
    listed = _gh("api", "--paginate", f"repos/{repo}/issues/{number}/comments")
    for comment in _json_values(listed):
        if isinstance(comment, dict) and str(comment.get("body", "")).startswith(MARKER):
            identifier = comment.get("id")
            return identifier if isinstance(identifier, int) else None
    return None


def _json_values(text: str) -> list[Any]:
    """The items of the JSON arrays `gh api --paginate` prints one after another."""
    decoder, index, items = json.JSONDecoder(), 0, []
    while index < len(text):
        if text[index].isspace():
            index += 1
            continue
        try:
            value, index = decoder.raw_decode(text, index)
        except ValueError:
            raise InputError("gh printed something that is not JSON") from None
        items.extend(value if isinstance(value, list) else [value])
    return items


def _gh(*args: str) -> str:
    try:
        done = subprocess.run(["gh", *args], capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise InputError("the GitHub CLI (gh) is not installed; it posts the comment") from None
    if done.returncode != 0:
        raise InputError(f"gh {args[0]} failed: {done.stderr.strip() or done.returncode}")
    return done.stdout


def _append_markdown(markdown: str, body: Path | None) -> None:
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    for target in (Path(summary) if summary else None, body):
        if target is not None:
            _write(target, markdown + "\n", append=True)


def _set_outputs(values: dict[str, str]) -> None:
    path = os.environ.get("GITHUB_OUTPUT")
    if path:
        # One line each: the values are ours (counts, timeline ids), never multi-line.
        _write(Path(path), "".join(f"{name}={value}\n" for name, value in values.items()), append=True)


def _write(path: Path, text: str, *, append: bool = False) -> None:
    try:
        with path.open("a" if append else "w", encoding="utf-8") as file:
            file.write(text)
    except OSError as error:
        raise InputError(f"{path}: cannot write: {error.strerror or error}") from None


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read: {_reason(error)}") from None


def _reason(error: OSError | UnicodeDecodeError) -> str:
    """'no such file or directory', 'not UTF-8 text': the reason in armsdeal's words, not Python's."""
    if isinstance(error, UnicodeDecodeError):
        return "not UTF-8 text"
    return (error.strerror or str(error)).lower()
