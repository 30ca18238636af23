"""Nothing POSIX-only may break import or start-up on Windows, where most forces' laptops are.

Each check runs in a fresh interpreter in which the modules Windows lacks (fcntl, resource,
termios, pwd, grp, ...) cannot be imported, and `msvcrt` is a stand-in that keeps Windows'
byte-range lock rules within the one process. The start-up path then runs as an officer's
would: every victimcare module imported, the process hardened (also as if os.name were "nt"),
a store created, opened, written and verified from the command line, the instance lock taken
and refused a second time, and the app opened offscreen up to its unlock window.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from tests.conftest import TEST_KDF_ITERATIONS

POSIX_ONLY = ("fcntl", "resource", "termios", "tty", "pty", "pwd", "grp", "syslog", "crypt",
              "spwd", "nis", "posix_ipc", "_posixshmem", "readline", "curses", "_curses")

WITHOUT_POSIX = textwrap.dedent(f"""
    import importlib.abc, os, sys, types

    POSIX_ONLY = {POSIX_ONLY!r}

    class WindowsHasNoSuchModule(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in POSIX_ONLY:
                raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
            return None

    for name in POSIX_ONLY:
        sys.modules.pop(name, None)
    sys.meta_path.insert(0, WindowsHasNoSuchModule())

    # The standard library tells Linux from Windows by whether msvcrt imports (subprocess
    # does): let it make up its mind before the stand-in below exists.
    import subprocess

    # msvcrt as Windows has it, as far as victimcare uses it: locking() a byte range that
    # another descriptor holds fails with OSError at once under LK_NBLCK.
    msvcrt = types.ModuleType("msvcrt")
    msvcrt.LK_UNLCK, msvcrt.LK_LOCK, msvcrt.LK_NBLCK = 0, 1, 2
    msvcrt.calls = []
    held = {{}}

    def locking(fd, mode, nbytes):
        stat = os.fstat(fd)
        key = (stat.st_dev, stat.st_ino, os.lseek(fd, 0, os.SEEK_CUR), nbytes)
        msvcrt.calls.append(mode)
        if mode == msvcrt.LK_UNLCK:
            if held.get(key) != fd:
                raise OSError(13, "Permission denied")
            del held[key]
        elif key in held:
            raise OSError(36, "Resource deadlock avoided")
        else:
            held[key] = fd

    msvcrt.locking = locking
    sys.modules["msvcrt"] = msvcrt
""")


def run_without_posix(body: str, tmp_path, timeout: int = 180) -> subprocess.CompletedProcess:
    script = WITHOUT_POSIX + textwrap.dedent(body)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path),
           "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    env.pop("VICTIMCARE_START_CHECK", None)
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=timeout, cwd=tmp_path, env=env)


START_UP = f"""
    import io, pkgutil, importlib
    from pathlib import Path

    import victimcare
    import victimcare.resources
    names = sorted(m.name for m in pkgutil.walk_packages(victimcare.__path__, "victimcare."))
    names += ["victimcare.resources"]
    for name in names:
        importlib.import_module(name)
    print("imported", len(names))

    from victimcare import config
    from victimcare.private_files import make_owner_only
    config.harden_process()
    probe = Path("probe.txt").resolve()  # made before os.name changes: pathlib reads it
    probe.write_text("x")
    probe.chmod(0o644)
    real_name = os.name
    os.name = "nt"  # the Windows branches: no RLIMIT_CORE to set, and it must not try
    try:
        config.harden_process()
        make_owner_only(probe)  # on Windows the folder's permissions apply: no chmod
    finally:
        os.name = real_name
    assert probe.stat().st_mode & 0o777 == 0o644, oct(probe.stat().st_mode)
    make_owner_only(probe)
    assert probe.stat().st_mode & 0o777 == 0o600, oct(probe.stat().st_mode)

    from victimcare.store.opening import use_test_kdf
    use_test_kdf({TEST_KDF_ITERATIONS})
    from victimcare import cli
    store = Path("store.db").resolve()
    passphrase = "pass phrase 1234!"
    code = cli.main(["demo", "--db", str(store), "--cases", "3"],
                    stdin=io.StringIO(passphrase + "\\n" + passphrase + "\\n"))
    assert code == 0, code
    code = cli.main(["verify", "--db", str(store)], stdin=io.StringIO(passphrase + "\\n"))
    assert code == 0, code
    code = cli.main(["print", "worklist", "--db", str(store), "--out", "worklist.pdf"],
                    stdin=io.StringIO(passphrase + "\\n"))
    assert code == 0 and Path("worklist.pdf").read_bytes().startswith(b"%PDF"), code

    from victimcare.security.instance import AlreadyRunning, InstanceLock
    first = InstanceLock(store)
    first.acquire()
    try:
        InstanceLock(store).acquire()
    except AlreadyRunning:
        print("second copy refused")
    first.release()
    assert msvcrt.calls[:3] == [msvcrt.LK_NBLCK, msvcrt.LK_NBLCK, msvcrt.LK_UNLCK], msvcrt.calls

    os.environ["VICTIMCARE_START_CHECK"] = "1"
    from victimcare import app
    code = app.run([], db_path=store)
    assert code == 0, code
    assert msvcrt.LK_UNLCK in msvcrt.calls[3:], msvcrt.calls  # the app's lock, released

    loaded = sorted(name for name in POSIX_ONLY if name in sys.modules)
    assert not loaded, loaded
    print("start-up done")
"""


def test_start_up_runs_with_no_posix_only_module(tmp_path):
    done = run_without_posix(START_UP, tmp_path)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("imported ") and int(lines[0].split()[1]) > 50
    assert "Created 3 fictional cases" in done.stdout
    assert "second copy refused" in lines
    assert "victimcare start check: unlock window shown." in lines
    assert lines[-1] == "start-up done"
    # The PDF's warning, and what Qt's offscreen plugin says about every window: nothing else.
    allowed = {"victimcare: note that this PDF is NOT encrypted; keep it safe and delete it "
               "when done.", "This plugin does not support propagateSizeHints()"}
    assert [line for line in done.stderr.splitlines() if line not in allowed] == []


@pytest.mark.parametrize("module", ["fcntl", "resource", "termios", "pwd", "grp"])
def test_the_harness_really_refuses_posix_modules(tmp_path, module):
    """Without this, the test above would pass on a harness that blocked nothing."""
    done = run_without_posix(f"import {module}\n", tmp_path, timeout=60)
    assert done.returncode == 1
    assert f"ModuleNotFoundError: No module named '{module}'" in done.stderr
