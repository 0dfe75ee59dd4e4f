"""The pre-commit snippet of docs/commands.md (check) works as written, and so do the hooks
.pre-commit-hooks.yaml offers: a real `pre-commit run` in a scratch git repository.

The hook is a `repo: local` one with `language: system`, so pre-commit runs
the armsdeal installed beside it and needs no network. PATH is set to this
interpreter's bin folder so that `armsdeal` and `pre-commit` are the ones
under test.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA, ROOT

pytestmark = pytest.mark.slow

BIN = Path(sys.executable).parent


def readme_snippet() -> str:
    page = (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
    found = re.search(r"```yaml\n(# \.pre-commit-config\.yaml\n.*?)```", page, re.DOTALL)
    assert found, "docs/commands.md has no .pre-commit-config.yaml snippet"
    return found.group(1)


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.fail("git is needed to run pre-commit")
    repo = tmp_path / "repo"
    (repo / "timelines").mkdir(parents=True)
    git(repo, "init", "-q")
    (repo / ".pre-commit-config.yaml").write_text(readme_snippet(), encoding="utf-8")
    shutil.copy(DATA / "valid" / "minimal.yaml", repo / "timelines" / "minimal.yaml")
    # Other YAML is not a timeline: the hook must leave it alone.
    (repo / "ci.yaml").write_text("jobs: {build: {runs-on: ubuntu-latest}}\n", encoding="utf-8")
    return repo


def pre_commit_run(repo: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    git(repo, "add", "-A")
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PRE_COMMIT", "GIT_", "ARMSDEAL"))}
    env |= {
        "PATH": f"{BIN}{os.pathsep}{env.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "HOME": str(tmp_path),  # no user-wide git or pre-commit configuration
        "NO_COLOR": "1",
    }
    return subprocess.run(
        [str(BIN / "pre-commit"), "run", "--all-files", "--color", "never"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_readme_pre_commit_snippet_passes_valid_timelines(repo: Path, tmp_path: Path) -> None:
    result = pre_commit_run(repo, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"armsdeal check\.+Passed", result.stdout), result.stdout


def test_readme_pre_commit_snippet_fails_an_invalid_timeline(repo: Path, tmp_path: Path) -> None:
    shutil.copy(DATA / "invalid" / "undefined-actor.yaml", repo / "timelines" / "undefined-actor.yaml")
    result = pre_commit_run(repo, tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert re.search(r"armsdeal check\.+Failed", result.stdout), result.stdout
    assert "timelines/undefined-actor.yaml:16:25: error [undefined-actor]" in result.stdout
    assert "ci.yaml" not in result.stdout


def manifest_hooks() -> list[dict[str, object]]:
    """The hooks .pre-commit-hooks.yaml offers other repositories, as pre-commit itself reads (and validates) it."""
    from pre_commit.clientlib import load_manifest

    hooks: list[dict[str, object]] = load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))
    return hooks


def test_the_hooks_manifest_is_valid_and_offers_check_and_fmt() -> None:
    assert [hook["id"] for hook in manifest_hooks()] == ["armsdeal-check", "armsdeal-fmt"]


@pytest.fixture
def manifest_repo(repo: Path) -> Path:
    """The scratch repository, its config naming the manifest's hooks exactly as written, but `language: system`.

    With `language: python` pre-commit would build its own environment and install armsdeal from the
    network; as `system` hooks it runs the armsdeal under test with the manifest's entry, files and types.
    """
    import yaml

    hooks = [
        {
            key: value
            for key, value in hook.items()
            if key in {"id", "name", "entry", "files", "types", "require_serial"}
        }
        | {"language": "system"}
        for hook in manifest_hooks()
    ]
    config = {"repos": [{"repo": "local", "hooks": hooks}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return repo


def test_the_manifest_hooks_pass_valid_tidy_timelines(manifest_repo: Path, tmp_path: Path) -> None:
    result = pre_commit_run(manifest_repo, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"armsdeal check\.+Passed", result.stdout), result.stdout
    assert re.search(r"armsdeal fmt\.+Passed", result.stdout), result.stdout


def test_the_manifest_hooks_check_only_timelines_and_fmt_rewrites(manifest_repo: Path, tmp_path: Path) -> None:
    broken = manifest_repo / "timelines" / "undefined-actor.yaml"
    shutil.copy(DATA / "invalid" / "undefined-actor.yaml", broken)
    untidy = manifest_repo / "timelines" / "minimal.yaml"
    lines = untidy.read_text(encoding="utf-8").splitlines(keepends=True)
    untidy.write_text("".join(lines[1:2] + lines[:1] + lines[2:]), encoding="utf-8")  # two top-level keys swapped
    result = pre_commit_run(manifest_repo, tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert re.search(r"armsdeal check\.+Failed", result.stdout), result.stdout
    assert "timelines/undefined-actor.yaml:16:25: error [undefined-actor]" in result.stdout
    assert re.search(r"armsdeal fmt\.+Failed", result.stdout), result.stdout
    assert "files were modified by this hook" in result.stdout
    assert untidy.read_text(encoding="utf-8") == "".join(lines)  # the canonical order again
    assert "ci.yaml" not in result.stdout


def test_the_repository_s_own_hooks_pass_on_the_repository(tmp_path: Path) -> None:
    """.pre-commit-config.yaml (ruff, ruff format, armsdeal check and fmt on timelines/) passes on a copy of
    this repository's tracked files, as `pre-commit run --all-files` after a clone."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    copy = tmp_path / "armsdeal"
    tracked = (
        subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout.decode().split("\0")
    )
    for name in filter(None, tracked):
        source = ROOT / name
        if source.is_file():
            target = copy / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    git(copy, "init", "-q")
    git(copy, "add", "-A")
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "PRE_COMMIT_HOME": str(tmp_path / "cache")}
    result = subprocess.run(
        [str(BIN / "pre-commit"), "run", "--all-files"], cwd=copy, capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "armsdeal check (the shipped timelines)" in result.stdout
