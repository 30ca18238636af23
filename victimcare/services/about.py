"""What this victimcare is made of, for `--version`, the About window and a support call:
its version, the Victims' Code rules and bank-holiday data it uses, the versions of the
libraries that keep and show the data, and the licences shipped with it. Nothing personal.
"""

from __future__ import annotations

import importlib.metadata
import platform
import sys
from dataclasses import dataclass
from pathlib import Path

from victimcare import __version__

LICENCES_FOLDER = "LICENSES"


@dataclass(frozen=True)
class Component:
    name: str
    version: str
    detail: str = ""


def components() -> list[Component]:
    """victimcare first, then the data it decides with, then the libraries it runs on."""
    import holidays
    import PySide6
    import reportlab
    from PySide6.QtCore import qVersion

    from victimcare.domain.code_rules import load_rules
    from victimcare.services.cases import CURRENT_CODE_VERSION
    from victimcare.store.opening import library_versions

    rules = load_rules(CURRENT_CODE_VERSION)
    in_force = f", in force {rules.in_force:%d/%m/%Y}" if rules.in_force else ""
    store = library_versions()
    return [
        Component("victimcare", __version__, "frozen bundle" if is_frozen() else ""),
        Component("Victims' Code rules", rules.code_version, f"{rules.title}{in_force}"),
        Component("Bank holidays", f"holidays {holidays.__version__}",
                  "England and Wales, substitute days included"),
        Component("SQLCipher", store["sqlcipher"],
                  f"SQLite {store['sqlite']}; {store['crypto']}".rstrip("; ")),
        Component("Qt", qVersion(), f"PySide6 {PySide6.__version__}"),
        Component("ReportLab", reportlab.Version),
        Component("Python", platform.python_version(), sys.platform),
    ]


def version_line() -> str:
    """One line for `victimcare --version`: cheap, so no Qt and no database."""
    return f"victimcare {__version__}"


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def licences_dir() -> Path | None:
    """The LICENSES folder shipped with this copy: in the desktop bundle, beside the program's
    libraries; in a checkout (run from source or `pip install -e .`), at the top of the
    repository; in an installed wheel, among the package's metadata."""
    candidates: list[Path] = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.append(Path(bundle) / LICENCES_FOLDER)
    checkout = Path(__file__).resolve().parent.parent
    if (checkout / "pyproject.toml").is_file():
        candidates.append(checkout / LICENCES_FOLDER)
    try:
        files = importlib.metadata.distribution("victimcare").files or []
    except importlib.metadata.PackageNotFoundError:
        files = []
    for entry in files:
        if entry.name == "README.md" and entry.parent.name == LICENCES_FOLDER:
            candidates.append(Path(entry.locate()).parent)
            break
    for folder in candidates:
        if (folder / "README.md").is_file():
            return folder
    return None


def licence_files() -> list[Path]:
    """README.md first (it says which text covers what), then the texts by name."""
    folder = licences_dir()
    if folder is None:
        return []
    files = sorted(path for path in folder.iterdir() if path.is_file())
    return sorted(files, key=lambda path: (path.name != "README.md", path.name.lower()))
