"""Where output goes and what it may contain: files, pipes, devices, messages."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA, TIMELINES, invoke

HOSTILE = DATA / "valid" / "hostile.yaml"


class TestExportTargets:
    def test_a_symlink_target_writes_the_file_it_points_to(self, runner, tmp_path: Path) -> None:
        """The link stays a link; its target gets the export."""
        (tmp_path / "link.md").symlink_to(tmp_path / "target.md")
        result = invoke(runner, "export", "turkey-s400", "--timelines", str(TIMELINES), "-o", str(tmp_path / "link.md"))
        assert result.exit_code == 0, result.stderr
        assert (tmp_path / "link.md").is_symlink()
        assert (tmp_path / "target.md").read_text(encoding="utf-8").startswith("# ")

    def test_a_device_is_written_to_not_replaced(self, runner) -> None:
        """-o /dev/null must not turn the device into a regular file."""
        result = invoke(runner, "export", "turkey-s400", "--timelines", str(TIMELINES), "-o", os.devnull)
        assert result.exit_code == 0, result.stderr
        assert stat.S_ISCHR(os.stat(os.devnull).st_mode)

    @pytest.mark.parametrize("name", ["turkey-f35.yaml", "new.yml"])
    def test_yaml_targets_are_refused(self, runner, tmp_path: Path, name: str) -> None:
        """No format writes YAML, so a .yaml target would only overwrite curated data."""
        folder = tmp_path / "timelines"
        shutil.copytree(TIMELINES, folder)
        before = (folder / "turkey-f35.yaml").read_bytes()
        result = invoke(runner, "export", "turkey-s400", "--timelines", str(folder), "-o", str(folder / name))
        assert result.exit_code == 2
        assert (folder / "turkey-f35.yaml").read_bytes() == before


class TestDataIsExact:
    @pytest.mark.parametrize("format_", ["csv", "json", "timelinejs", "markdown", "mermaid"])
    def test_piped_output_equals_the_written_file(self, runner, tmp_path: Path, format_: str) -> None:
        """stdout carries the same bytes as -o FILE (nothing stripped on the way)."""
        piped = invoke(runner, "export", str(HOSTILE), "--format", format_)
        out = tmp_path / f"out.{format_}"
        invoke(runner, "export", str(HOSTILE), "--format", format_, "-o", str(out))
        assert piped.exit_code == 0, piped.stderr
        assert piped.stdout == out.read_text(encoding="utf-8")

    @pytest.mark.parametrize("format_", ["csv", "json", "timelinejs", "markdown", "mermaid"])
    def test_no_raw_control_or_bidi_characters(self, runner, format_: str) -> None:
        """ESC, BEL, the 8-bit CSI and bidi overrides from the file never come out raw."""
        output = invoke(runner, "export", str(HOSTILE), "--format", format_).stdout
        for raw in ("\x1b", "\x07", "\x9b", "\u202e", "\u2066"):
            assert raw not in output, (format_, repr(raw))


class TestMessages:
    def test_file_names_in_messages_are_cleaned(self, runner, tmp_path: Path) -> None:
        """A file name with an escape sequence is shown escaped in an error message."""
        shutil.copy(DATA / "valid" / "minimal.yaml", tmp_path / "a\x1b[31mb.yaml")
        result = invoke(runner, "show", "a[31mb", "--timelines", str(tmp_path))  # close enough for a did-you-mean
        assert result.exit_code == 2
        assert "\x1b" not in result.stderr
        assert "a\\x1b[31mb" in result.stderr

    @pytest.mark.parametrize("width", ["5", "5000"])
    def test_width_out_of_range_is_a_usage_error(self, runner, width: str) -> None:
        """--width accepts 20 to 1000 columns."""
        assert invoke(runner, "show", str(HOSTILE), "--width", width).exit_code == 2

    def test_columns_from_the_environment_are_clamped(self, runner) -> None:
        """COLUMNS=5 still draws at the narrowest supported width, without failing."""
        result = invoke(runner, "show", str(DATA / "valid" / "showcase.yaml"), env={"COLUMNS": "5"})
        assert result.exit_code == 0
        assert max(len(line) for line in result.stdout.splitlines()) >= 20

    def test_color_flag_wins_over_no_color(self, runner) -> None:
        """--color always colours even with NO_COLOR set (a flag overrides the environment)."""
        result = invoke(runner, "show", str(HOSTILE), "--color", "always", env={"NO_COLOR": "1"})
        assert "\x1b[" in result.stdout

    @pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
    def test_a_full_disk_is_reported_plainly(self) -> None:
        """Writing to /dev/full: exit 2, a message about the output, not 'internal error'."""
        with open("/dev/full", "w") as full:
            result = subprocess.run(
                [sys.executable, "-m", "armsdeal", "export", "turkey-s400", "--timelines", str(TIMELINES)],
                stdout=full,
                stderr=subprocess.PIPE,
                text=True,
                check=False,
            )
        assert result.returncode == 2
        assert "cannot write output" in result.stderr
        assert "internal error" not in result.stderr


@pytest.mark.parametrize("sizes", [[], [0], [1, 2, 3], [5, 0, 70_000, 3], [65_535, 1, 1]])
def test_batches_join_to_the_pieces_and_hold_a_batch_at_most(sizes: list[int]) -> None:
    """Text in pieces (an exporter's) is written in batches: the same text, no batch much larger than BATCH."""
    from armsdeal.cli.output import BATCH, batches

    pieces = [chr(ord("a") + index % 26) * size for index, size in enumerate(sizes)]
    written = list(batches(iter(pieces)))
    assert "".join(written) == "".join(pieces)
    assert all(len(batch) < BATCH + max(sizes, default=0) for batch in written)
    assert all(len(batch) >= BATCH for batch in written[:-1])
