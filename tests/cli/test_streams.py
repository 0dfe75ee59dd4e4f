"""Files, streams and signals (issue 13, defects 5-11): what the environment does to a command.

Permission tests run as root in CI, where chmod stops nothing: each refusal is
raised by a stand-in for the OS call (as in test_hardening.py), and the real
chmod version runs where it can (skipped as root).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import DATA, TIMELINES, TODAY, invoke

import armsdeal.cli as cli
import armsdeal.cli.app
from armsdeal import entry
from armsdeal.check.formats.json import json_report
from armsdeal.check.runner import check_paths
from armsdeal.read.files import read_file

MINIMAL = (DATA / "valid" / "minimal.yaml").read_text(encoding="utf-8")


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _python_m(*args: str) -> list[str]:
    return [sys.executable, "-m", "armsdeal", *args]


# --- 5. a folder that can be listed but not entered -------------------------------------------


def _locked_tree(here: Path) -> None:
    (here / "t" / "locked").mkdir(parents=True)
    (here / "t" / "locked" / "inside.yaml").write_text(MINIMAL)
    (here / "t" / "bad.yaml").write_bytes(b"[]\n")
    (here / "t" / "z.yaml").write_bytes(b"[]\n")


def test_a_folder_that_cannot_be_entered_is_its_own_problem_and_the_rest_is_checked(
    runner, here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _locked_tree(here)
    real_is_dir = Path.is_dir

    def no_entry(self: Path) -> bool:  # what stat() does in a chmod 644 folder, for a non-root user
        if self.parent.name == "locked":
            raise PermissionError(13, "Permission denied")
        return real_is_dir(self)

    monkeypatch.setattr(Path, "is_dir", no_entry)
    result = invoke(runner, "check", "t")
    assert result.exit_code == 2, result.output
    assert "cannot write output" not in result.stderr
    assert result.stdout.splitlines()[:2] == [
        "t/bad.yaml:1:1: error [not-a-mapping] a timeline is a mapping of fields (id:, title:, ...), not a list",
        "t/locked: error [file-unreadable] cannot open the files in this folder: Permission denied",
    ]
    assert "t/z.yaml:1:1: error [not-a-mapping]" in result.stdout  # checked after the locked folder
    # A file inside it, named on the command line, is that file's problem.
    result = invoke(runner, "check", "t/locked/inside.yaml")
    assert result.exit_code == 2
    assert result.stdout.startswith("t/locked/inside.yaml: error [file-unreadable] cannot read this file:")


def test_a_folder_that_cannot_be_entered_for_real(runner, here: Path) -> None:
    _locked_tree(here)
    os.chmod(here / "t" / "locked", 0o644)
    try:
        if os.access(here / "t" / "locked" / "inside.yaml", os.R_OK):
            pytest.skip("running as root: permissions do not stop entering a folder")
        result = invoke(runner, "check", "t")
        assert result.exit_code == 2
        assert "t/locked: error [file-unreadable] cannot open the files in this folder" in result.stdout
        assert "t/bad.yaml:1:1: error [not-a-mapping]" in result.stdout
    finally:
        os.chmod(here / "t" / "locked", 0o755)


# --- 6. closed and failing standard streams ------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["export", "turkey-s400"],
        ["check", str(DATA / "invalid" / "empty-file.yaml")],
        ["show", "turkey-s400"],
        ["export", "-f", "json", "india-s400"],
    ],
    ids=["export", "check-problems", "show", "export-json"],
)
def test_a_closed_stdout_is_an_output_error(args: list[str]) -> None:
    result = subprocess.run(
        _python_m(*args), stdout=None, stderr=subprocess.PIPE, preexec_fn=lambda: os.close(1), check=False
    )
    err = result.stderr.decode()
    assert result.returncode == 2, err
    assert err.startswith("armsdeal: cannot write output: standard output is closed\n"), err
    assert "internal error" not in err and "Traceback" not in err


@pytest.mark.parametrize(
    "args",
    [["check", str(TIMELINES)], ["export", "turkey-s400", "-o", "OUT"]],
    ids=["check-clean", "export-to-a-file"],
)
def test_a_closed_stdout_is_no_error_for_a_command_that_writes_no_data(args: list[str], tmp_path: Path) -> None:
    """A clean check exited 2 with stdout closed (it wrote '' there) while export -o exited 0 (a new user's trial)."""
    args = [str(tmp_path / "out.md") if arg == "OUT" else arg for arg in args]
    result = subprocess.run(
        _python_m(*args), stdout=None, stderr=subprocess.PIPE, preexec_fn=lambda: os.close(1), check=False
    )
    assert result.returncode == 0, result.stderr.decode()
    assert b"cannot write output" not in result.stderr


def test_a_full_stdout_is_an_output_error() -> None:
    with open(os.devnull if not os.path.exists("/dev/full") else "/dev/full", "wb") as full:
        if full.name == os.devnull:
            pytest.skip("no /dev/full here")
        result = subprocess.run(_python_m("show", "turkey-s400"), stdout=full, stderr=subprocess.PIPE, check=False)
    assert result.returncode == 2
    assert result.stderr.decode() == "armsdeal: cannot write output: No space left on device\n"


@pytest.mark.parametrize("closed", [True, False], ids=["closed", "full"])
def test_a_failing_stderr_still_gives_the_exit_code(closed: bool) -> None:
    """`show nosuch 2>/dev/full` said 1; the usage error is 2 whether or not its message can be written."""
    if not closed and not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    with open("/dev/full" if not closed else os.devnull, "wb") as target:
        result = subprocess.run(
            _python_m("show", "nosuch"),
            stdout=subprocess.PIPE,
            stderr=None if closed else target,
            preexec_fn=(lambda: os.close(2)) if closed else None,
            check=False,
        )
    assert result.returncode == 2
    assert result.stdout == b""


def test_nothing_to_write_and_a_closed_stderr_is_fine() -> None:
    result = subprocess.run(
        _python_m("show", "turkey-s400"),
        stdout=subprocess.PIPE,
        stderr=None,
        preexec_fn=lambda: os.close(2),
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.startswith(b"Turkey buys")


# --- 7. Ctrl-C -------------------------------------------------------------------------------------


@pytest.fixture
def not_interrupted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(entry, "_interrupted", False)
    before = signal.getsignal(signal.SIGINT)
    yield
    signal.signal(signal.SIGINT, before)


def test_ctrl_c_wrapped_by_a_library_still_exits_130(monkeypatch, capsys, not_interrupted) -> None:
    """Ctrl-C inside a pydantic serializer came out as 'internal error: PydanticSerializationError'."""
    from pydantic import BaseModel, field_serializer

    class Model(BaseModel):
        value: int

        @field_serializer("value")
        def interrupted_here(self, value: int) -> int:
            entry._raise_interrupt(signal.SIGINT, None)  # what Ctrl-C does at this moment
            return value

    def render() -> None:
        Model(value=1).model_dump_json()

    monkeypatch.setattr(armsdeal.cli.app, "app", render)
    with pytest.raises(SystemExit) as exited:
        cli.main()
    assert exited.value.code == 130
    assert capsys.readouterr().err == ""


def test_ctrl_c_in_a_worker_process_is_left_to_the_parent(monkeypatch, not_interrupted) -> None:
    monkeypatch.setattr(entry, "_pid", os.getpid() + 1)  # as in a forked worker of `check`
    entry._raise_interrupt(signal.SIGINT, None)  # does not raise: no traceback from a worker
    assert not entry.was_interrupted()


_READY = (
    "import armsdeal.entry as e, sys\n"
    "e.quiet_start()\n"  # what the console script's main() does first
    "sys.stderr.write('ready\\n'); sys.stderr.flush()\n"
    "sys.argv[0] = 'armsdeal'\n"
    "e.main()\n"
)


def test_ctrl_c_during_start_up_exits_130_silently() -> None:
    script = "import armsdeal.entry as e, os, signal\ne.quiet_start()\nos.kill(os.getpid(), signal.SIGINT)\n"
    script += "import armsdeal.cli\nprint('not reached')\n"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, check=False)
    assert (result.returncode, result.stdout, result.stderr) == (130, b"", b"")


@pytest.mark.parametrize(
    ("raised", "printed"),
    [("e._raise_interrupt(signal.SIGINT, None)", b""), ("raise ValueError('kept')", b"ValueError: kept")],
    ids=["ctrl-c", "other-error"],
)
def test_ctrl_c_where_python_cannot_raise_it_prints_nothing(raised: str, printed: bytes) -> None:
    """A Ctrl-C in a finaliser (or the import lock's clean-up) is remembered, not shown as a traceback."""
    script = (
        "import armsdeal.entry as e, signal\n"
        "e.interruptible()\n"
        "class Finalised:\n"
        f"    def __del__(self): {raised}\n"
        "Finalised()\n"
        "print(e.was_interrupted())\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, check=False)
    assert result.stdout == (b"True\n" if not printed else b"False\n")
    if printed:
        assert printed in result.stderr  # any other error in a finaliser is still reported
    else:
        assert result.stderr == b""


@pytest.mark.slow
def test_ctrl_c_anywhere_exits_130_without_traceback_or_half_written_file(tmp_path: Path) -> None:
    """Ctrl-C at delays spread over start-up, loading, rendering and writing (12 runs)."""
    target = tmp_path / "out" / "deals.json"
    target.parent.mkdir()
    args = ["export", "turkey-s400", "india-s400", "-f", "json", "--timelines", str(TIMELINES)]
    whole = subprocess.run(_python_m(*args), capture_output=True, check=True).stdout
    codes = []
    for step in range(12):
        for leftover in target.parent.iterdir():
            leftover.unlink()
        process = subprocess.Popen(
            [sys.executable, "-c", _READY, *args, "-o", str(target)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        assert process.stderr is not None
        assert process.stderr.readline() == b"ready\n"
        time.sleep(0.06 * step)  # not an assertion: only where in the run the signal lands
        process.send_signal(signal.SIGINT)
        _, err = process.communicate()
        # -SIGINT: the signal landed after the run, while the interpreter was shutting down and had
        # restored the default handler; a shell reports that as 130 too ($? = 128 + 2), and the checks
        # below still hold (no traceback, no half-written file).
        code = 130 if process.returncode == -signal.SIGINT else process.returncode
        codes.append(code)
        assert code in (0, 130), err
        assert b"Traceback" not in err and b"internal error" not in err, err
        written = sorted(path.name for path in target.parent.iterdir())
        assert written in ([], ["deals.json"]), written  # no temporary file left behind
        if written:
            assert target.read_bytes() == whole  # complete, never a part
    assert 130 in codes


# --- 8. list and search with an unreadable file ----------------------------------------------------


@pytest.fixture
def folder_with_a_secret(here: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = here / "t"
    folder.mkdir()
    for name in ("turkey-s400", "india-s400"):
        (folder / f"{name}.yaml").write_bytes((TIMELINES / f"{name}.yaml").read_bytes())
    (folder / "secret.yaml").write_text(MINIMAL.replace("id: minimal", "id: secret"))
    real_open = Path.open

    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        if self.name == "secret.yaml":
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", refuse)
    return folder


def test_list_names_an_unreadable_file_and_lists_the_rest(runner, folder_with_a_secret: Path) -> None:
    result = invoke(runner, "list", "--timelines", "t")
    assert result.exit_code == 2
    assert result.stderr == "armsdeal: skipped t/secret.yaml: permission denied\n"
    assert "india-s400" in result.stdout and "turkey-s400" in result.stdout
    assert "secret" in result.stdout  # listed as not usable, like an invalid file


def test_search_names_an_unreadable_file_and_searches_the_rest(runner, folder_with_a_secret: Path) -> None:
    result = invoke(runner, "search", "S-400", "--timelines", "t")
    assert result.exit_code == 2
    assert "armsdeal: skipped t/secret.yaml: permission denied" in result.stderr
    assert "turkey-s400" in result.stdout and "india-s400" in result.stdout


# --- 9. JSON output is UTF-8 whatever the file names ------------------------------------------


def test_check_json_is_utf8_for_a_file_name_that_is_not(here: Path) -> None:
    name = os.fsdecode(b"bad\xff.yaml")
    try:
        (here / name).write_bytes(b"[]\n")
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system refuses names that are not UTF-8")
    output = json_report(check_paths([here], today=TODAY))
    document = json.loads(output.encode("utf-8").decode("utf-8"))  # strict: no raw 0xff byte
    assert "\\udcff" not in output  # no lone surrogate, which strict parsers refuse (docs/check-json.md)
    assert document["files"][0]["path"].endswith("bad\\xff.yaml")


def test_check_json_bytes_are_utf8_for_a_file_name_that_is_not(tmp_path: Path) -> None:
    try:
        (tmp_path / os.fsdecode(b"bad\xff.yaml")).write_bytes(b"[]\n")
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system refuses names that are not UTF-8")
    result = subprocess.run(_python_m("check", "--format", "json", "."), cwd=tmp_path, capture_output=True, check=False)
    assert result.returncode == 1
    assert json.loads(result.stdout.decode("utf-8"))["problems"][0]["path"] == "bad\\xff.yaml"


# --- 10. export -o and read-only files -------------------------------------------------------------


def test_export_refuses_to_replace_a_read_only_file(runner, here: Path) -> None:
    target = here / "kept.md"
    target.write_text("keep me\n")
    target.chmod(0o444)
    result = invoke(runner, "export", "turkey-s400", "-o", "kept.md", "--timelines", str(TIMELINES))
    assert result.exit_code == 2
    assert result.stderr == (
        "armsdeal: cannot write 'kept.md': the file is read-only; "
        "make it writable (chmod u+w) or write to another file\n"
    )
    assert target.read_text() == "keep me\n"
    assert sorted(path.name for path in here.iterdir()) == ["kept.md"]  # no temporary file left
    target.chmod(0o644)
    assert invoke(runner, "export", "turkey-s400", "-o", "kept.md", "--timelines", str(TIMELINES)).exit_code == 0
    assert target.read_text().startswith("# Turkey buys")


# --- 11. plain, true messages ----------------------------------------------------------------------


def test_an_empty_base_revision_is_named_as_such(runner, here: Path) -> None:
    result = invoke(runner, "diff", "--base", "")
    assert result.exit_code == 2
    assert result.stderr == "armsdeal: --base needs a revision, such as HEAD~1 or origin/main\n"


def test_a_symlink_loop_is_called_a_loop(runner, here: Path) -> None:
    (here / "a.yaml").symlink_to(here / "b.yaml")
    (here / "b.yaml").symlink_to(here / "a.yaml")
    (here / "gone.yaml").symlink_to(here / "nowhere.yaml")
    result = invoke(runner, "check", "a.yaml", "gone.yaml")
    assert result.stdout.splitlines() == [
        "a.yaml: error [file-unreadable] cannot read this file: "
        "a symbolic link in a loop of links (it never reaches a file)",
        "gone.yaml: error [file-unreadable] cannot read this file: it is a symbolic link to a file that does not exist",
    ]
    result = invoke(runner, "show", "a.yaml")
    assert (result.exit_code, result.stderr) == (
        2,
        "armsdeal: 'a.yaml': a symbolic link in a loop of links (it never reaches a file)\n",
    )


def test_a_file_whose_size_says_zero_is_read_whole() -> None:
    status = Path("/proc/self/status")
    if not status.is_file() or status.stat().st_size != 0:
        pytest.skip("no /proc with zero-sized files here")
    assert read_file(status).startswith(b"Name:")
    assert len(read_file(status)) > 100
