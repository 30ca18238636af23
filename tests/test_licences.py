"""LICENSES/ carries the licence of everything the wheel and the bundle ship, and
THIRD-PARTY.md names every Python package victimcare runs on, as installed here."""

from __future__ import annotations

import pytest

from tests.tools import load_tool

licences_tool = load_tool("third_party_licences")
FOLDER = licences_tool.REPOSITORY / "LICENSES"


def named_packages(third_party: str) -> set[str]:
    """The first column of THIRD-PARTY.md's table, in PEP 503's normal form."""
    rows = [line for line in third_party.splitlines() if line.startswith("| ")]
    return {licences_tool.normalise(row.split("|")[1].strip()) for row in rows[1:]}


def missing_packages(third_party: str) -> list[str]:
    return sorted(set(licences_tool.runtime_distributions()) - named_packages(third_party))


def test_every_runtime_dependency_in_this_venv_is_named():
    text = (FOLDER / "THIRD-PARTY.md").read_text("utf-8")
    runtime = licences_tool.runtime_distributions()
    # The walk follows extras and dependencies' dependencies, not just pyproject's list.
    assert {"pyside6", "pyside6-essentials", "shiboken6", "sqlcipher3", "reportlab",
            "rl-accel", "holidays", "python-dateutil", "tzdata", "zxcvbn"} <= set(runtime)
    assert not {"pytest", "pyinstaller", "hypothesis"} & set(runtime)
    assert missing_packages(text) == [], ("LICENSES/THIRD-PARTY.md is out of date: run "
                                          ".venv/bin/python tools/third_party_licences.py")


def test_the_check_fails_when_a_package_is_left_out():
    text = (FOLDER / "THIRD-PARTY.md").read_text("utf-8")
    without = "\n".join(line for line in text.splitlines() if not line.startswith("| zxcvbn "))
    assert missing_packages(without) == ["zxcvbn"]


def test_generated_list_carries_each_package_licence_text():
    packages = [licences_tool.describe(dist)
                for dist in licences_tool.runtime_distributions().values()]
    text = licences_tool.render(packages)
    assert "Copyright (c) 2004-2007 Gerhard Häring" in text  # sqlcipher3's zlib licence
    assert "| sqlcipher3 |" in text and "zlib" in text
    assert "PSF" in text  # Python itself, which the bundle contains
    for package in packages:
        assert f"## {package.name} {package.version}" in text


@pytest.mark.parametrize("name, opening", [
    ("LGPL-3.0.txt", "GNU LESSER GENERAL PUBLIC LICENSE"),
    ("GPL-3.0.txt", "GNU GENERAL PUBLIC LICENSE"),
    ("Apache-2.0.txt", "Apache License"),
    ("SQLCipher.txt", "SQLCipher"),
    ("SQLite.txt", "SQLite"),
])
def test_licence_texts_are_there(name, opening):
    assert opening in (FOLDER / name).read_text("utf-8")[:400]


def test_dejavu_licence_is_the_one_beside_the_fonts():
    beside_fonts = licences_tool.REPOSITORY / "resources" / "fonts" / "LICENSE-DejaVu.txt"
    assert (FOLDER / "DejaVu-fonts.txt").read_bytes() == beside_fonts.read_bytes()


def test_readme_gives_the_lgpl_notice_and_where_the_source_is():
    readme = (FOLDER / "README.md").read_text("utf-8")
    assert "GNU Lesser General Public" in readme
    assert "https://download.qt.io/official_releases/qt/" in readme
    assert "https://download.qt.io/official_releases/QtForPython/" in readme
    for shipped in ("SQLCipher.txt", "SQLite.txt", "DejaVu-fonts.txt", "THIRD-PARTY.md",
                    "LGPL-3.0.txt", "Apache-2.0.txt"):
        assert shipped in readme
