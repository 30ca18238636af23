"""The desktop bundle that `make dist` builds (dist/victimcare/) runs on its own: its program
makes a demo store, prints, verifies and opens the app, and the licences travel with it.

`make test` does not build the bundle (that takes minutes): these tests are skipped, and say
so, until `make dist` has been run in this checkout.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.installed import exercise

BUNDLE = Path(__file__).resolve().parent.parent / "dist" / "victimcare"
PROGRAM = BUNDLE / "victimcare"

pytestmark = pytest.mark.skipif(
    not PROGRAM.is_file(),
    reason="no desktop bundle in dist/victimcare/: run `make dist` to build it, then these "
           "tests run its program",
)


def test_bundle_program_works_from_another_folder(tmp_path):
    exercise([str(PROGRAM)], tmp_path)


def test_bundle_command_line_program_works_too(tmp_path):
    exercise([str(BUNDLE / "victimcare-cli")], tmp_path)


def test_bundle_carries_the_licences_and_resources():
    inside = BUNDLE / "_internal"
    licences = {path.name for path in (inside / "LICENSES").iterdir()}
    assert {"README.md", "THIRD-PARTY.md", "LGPL-3.0.txt", "GPL-3.0.txt", "SQLCipher.txt",
            "SQLite.txt", "DejaVu-fonts.txt", "Apache-2.0.txt",
            "PyInstaller-COPYING.txt"} <= licences
    assert (inside / "victimcare" / "resources" / "rules" / "victims-code-2020.toml").is_file()
    # GNU readline is GPL-only: the bundle must not carry it (the spec excludes the module).
    assert not list(inside.rglob("libreadline*"))
