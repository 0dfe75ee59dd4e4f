"""Real git repositories made in the tests: commits with fixed authors and dates, so outputs are stable."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import yaml


class Repo:
    """A git repository in a folder; each commit is dated a day after the one before (from 2024-01-01)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.day = 0
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str, day: int | None = None) -> str:
        stamp = f"2024-01-{1 + (self.day if day is None else day) % 28:02d}T12:00:00+00:00"
        env = {
            **os.environ,
            "GIT_AUTHOR_NAME": "A. Curator",
            "GIT_AUTHOR_EMAIL": "curator@example.org",
            "GIT_COMMITTER_NAME": "A. Curator",
            "GIT_COMMITTER_EMAIL": "curator@example.org",
            "GIT_AUTHOR_DATE": stamp,
            "GIT_COMMITTER_DATE": stamp,
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_CONFIG_NOSYSTEM": "1",
        }
        result = subprocess.run(["git", *args], cwd=self.root, env=env, capture_output=True, text=True, check=True)
        return result.stdout.strip()

    def write(self, path: str, content: str | dict[str, Any]) -> Path:
        file = self.root / path
        file.parent.mkdir(parents=True, exist_ok=True)
        text = content if isinstance(content, str) else yaml.safe_dump(content, sort_keys=False, allow_unicode=True)
        file.write_text(text, encoding="utf-8")
        return file

    def commit(self, message: str, *paths: str, author: str | None = None) -> str:
        self.git("add", "-A", *paths)
        extra = ["--author", f"{author} <x@example.org>"] if author else []
        self.git("commit", "-q", "--allow-empty", "--allow-empty-message", "-m", message, *extra)
        self.day += 1
        return self.git("rev-parse", "HEAD")

    def save(self, path: str, content: str | dict[str, Any], message: str) -> str:
        self.write(path, content)
        return self.commit(message)
