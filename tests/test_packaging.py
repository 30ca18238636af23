"""The wheel carries everything: built from the sources, installed on its own (no editable
import hook, no checkout on the path) and run from another folder, it works end to end."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from importlib import metadata, resources
from pathlib import Path

import pytest

from tests.installed import exercise
from victimcare import __version__, config

REPOSITORY = Path(__file__).resolve().parent.parent
NOT_SOURCES = shutil.ignore_patterns(".venv", ".git", "build", "dist", "bench-data", "*.egg-info",
                                     "__pycache__", ".pytest_cache", ".hypothesis",
                                     ".ruff_cache", "*.db", "*.db-*")


def shipped_files(folder: Path) -> list[Path]:
    return sorted(p.relative_to(folder) for p in folder.rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc")


def test_pyproject_names_every_package():
    """Packages are listed by hand (a mapped folder rules out discovery): none forgotten."""
    setuptools = tomllib.loads((REPOSITORY / "pyproject.toml").read_text("utf-8"))["tool"][
        "setuptools"]
    code = {".".join(init.relative_to(REPOSITORY).parent.parts)
            for init in (REPOSITORY / "victimcare").rglob("__init__.py")}
    data = {"victimcare.resources"} | {
        f"victimcare.resources.{folder.name}" for folder in (REPOSITORY / "resources").iterdir()
        if folder.is_dir() and folder.name != "__pycache__"}
    assert set(setuptools["packages"]) == code | data
    assert setuptools["package-dir"] == {"victimcare.resources": "resources"}


def test_resources_are_found_through_importlib():
    found = resources.files("victimcare.resources")
    assert config.resources_dir() == found == REPOSITORY / "resources"  # the editable install
    assert (found / "rules" / "victims-code-2020.toml").is_file()
    assert (found / "fonts" / "DejaVuSans.ttf").is_file()


def test_version_has_one_source():
    assert metadata.version("victimcare") == __version__


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """Built the way `pip wheel .` builds it, from a copy of the sources (no build folders)."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    shutil.copytree(REPOSITORY, source, ignore=NOT_SOURCES)
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                           "--no-build-isolation", "--wheel-dir", str(work / "out"), str(source)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    [built] = (work / "out").glob("victimcare-*.whl")
    return built


def test_wheel_carries_code_resources_and_licences(wheel):
    assert wheel.name == f"victimcare-{__version__}-py3-none-any.whl"
    names = set(zipfile.ZipFile(wheel).namelist())
    for resource in shipped_files(REPOSITORY / "resources"):
        assert f"victimcare/resources/{resource.as_posix()}" in names
    for module in shipped_files(REPOSITORY / "victimcare"):
        assert f"victimcare/{module.as_posix()}" in names
    info = f"victimcare-{__version__}.dist-info"
    for licence in shipped_files(REPOSITORY / "LICENSES"):
        assert f"{info}/licenses/LICENSES/{licence.as_posix()}" in names
    entry_points = zipfile.ZipFile(wheel).read(f"{info}/entry_points.txt").decode()
    assert "victimcare = victimcare.cli:main" in entry_points
    assert not any(name.startswith(("resources/", "tests/", "bench/", "tools/")) for name in names)


def test_installed_wheel_runs_from_another_folder(wheel, tmp_path):
    """Installed on its own into a folder, with the dependencies of this venv beside it but
    not its editable import hook (-S: no .pth file runs), nor the checkout on the path."""
    target = tmp_path / "site"
    done = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                           "--no-compile", "--target", str(target), str(wheel)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    dependencies = sysconfig.get_paths()["purelib"]
    launcher = (f"import sys; sys.path[:0] = [{str(target)!r}]; sys.path.append({dependencies!r})\n"
                "import victimcare, victimcare.config as c\n"
                f"assert victimcare.__file__.startswith({str(target)!r}), victimcare.__file__\n"
                f"assert str(c.resources_dir()).startswith({str(target)!r}), c.resources_dir()\n"
                "from victimcare.cli import main\n"
                "sys.argv[0] = 'victimcare'\n"
                "sys.exit(main())\n")
    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    exercise([sys.executable, "-S", "-c", launcher], workdir)
