"""`make install-desktop`: a menu entry and icon for this user, and gone again on uninstall."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import sys

from tests.tools import load_tool

TOOL = load_tool("desktop_entry").__file__


def run_tool(*args, home):
    env = {"HOME": str(home), "XDG_DATA_HOME": str(home / "share"), "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, TOOL, *args], capture_output=True, text=True,
                          env=env, timeout=60)


def test_install_writes_entry_and_icons_then_uninstall_removes_them(tmp_path):
    program = tmp_path / "apps dir" / "victimcare"
    program.parent.mkdir()
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    done = run_tool("install", "--program", str(program), home=tmp_path)
    assert done.returncode == 0, done.stderr
    share = tmp_path / "share"
    entry = share / "applications" / "victimcare.desktop"
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read_string(entry.read_text("utf-8"))
    desktop = parser["Desktop Entry"]
    assert desktop["Type"] == "Application"
    assert desktop["Name"] == "victimcare"
    assert desktop["Exec"] == f'"{program}"'  # quoted: the path has a space
    assert desktop["Icon"] == "victimcare"
    assert desktop["Terminal"] == "false"
    svg = share / "icons" / "hicolor" / "scalable" / "apps" / "victimcare.svg"
    png = share / "icons" / "hicolor" / "256x256" / "apps" / "victimcare.png"
    assert svg.read_bytes().lstrip().startswith(b"<svg")
    assert png.read_bytes().startswith(b"\x89PNG")
    if shutil.which("desktop-file-validate"):  # an extra check where the tool is installed
        checked = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True,
                                 text=True)
        assert checked.returncode == 0, checked.stdout + checked.stderr

    done = run_tool("uninstall", home=tmp_path)
    assert done.returncode == 0, done.stderr
    assert not entry.exists() and not svg.exists() and not png.exists()
