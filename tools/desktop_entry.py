"""Put victimcare in this user's application menu on Linux (`make install-desktop`), or take it
out again (`make uninstall-desktop`).

    python tools/desktop_entry.py install [--program PATH]
    python tools/desktop_entry.py uninstall

Writes, following the XDG base directory and desktop entry specifications:
    $XDG_DATA_HOME/applications/victimcare.desktop       (XDG_DATA_HOME: ~/.local/share)
    $XDG_DATA_HOME/icons/hicolor/scalable/apps/victimcare.svg
    $XDG_DATA_HOME/icons/hicolor/256x256/apps/victimcare.png
The entry starts the desktop bundle (dist/victimcare/victimcare) when it has been built, else
the `victimcare` of this checkout's .venv; --program names another. Nothing needs root.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
ICONS = REPOSITORY / "resources" / "icons"
ENTRY_NAME = "victimcare.desktop"


def data_home() -> Path:
    configured = os.environ.get("XDG_DATA_HOME", "")
    # The specification says a relative value is invalid and must be ignored.
    if configured and Path(configured).is_absolute():
        return Path(configured)
    return Path.home() / ".local" / "share"


def default_program() -> Path:
    for candidate in (REPOSITORY / "dist" / "victimcare" / "victimcare",
                      REPOSITORY / ".venv" / "bin" / "victimcare"):
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    raise SystemExit("No victimcare program to point the menu entry at: run `make dist` (or "
                     "`make test`, which sets up .venv) first, or give --program.")


def _exec_quoted(path: Path) -> str:
    """A path as the Exec key wants it: quoted, with the characters the spec reserves escaped."""
    text = str(path)
    for char in ("\\", '"', "`", "$"):
        text = text.replace(char, "\\" + char)
    return f'"{text}"'.replace("%", "%%")


def entry_text(program: Path) -> str:
    return "\n".join([
        "[Desktop Entry]",
        "Type=Application",
        "Version=1.4",
        "Name=victimcare",
        "GenericName=Victim contact records",
        "Comment=Offline, encrypted case and contact keeping for victim liaison officers",
        f"Exec={_exec_quoted(program)}",
        "Icon=victimcare",
        "Terminal=false",
        "Categories=Office;",
        "Keywords=victim;liaison;contact;case;Victims' Code;",
        "StartupNotify=true",
        "StartupWMClass=victimcare",
        "",
    ])


def installed_paths(home: Path) -> dict[str, Path]:
    return {
        "entry": home / "applications" / ENTRY_NAME,
        "svg": home / "icons" / "hicolor" / "scalable" / "apps" / "victimcare.svg",
        "png": home / "icons" / "hicolor" / "256x256" / "apps" / "victimcare.png",
    }


def _refresh_caches(home: Path) -> None:
    """Menus notice new entries by themselves; these just make it immediate where present."""
    for command in (["update-desktop-database", "-q", str(home / "applications")],
                    ["gtk-update-icon-cache", "-q", "-t", str(home / "icons" / "hicolor")]):
        if shutil.which(command[0]):
            subprocess.run(command, check=False, capture_output=True)


def install(program: Path) -> dict[str, Path]:
    home = data_home()
    paths = installed_paths(home)
    for path in paths.values():
        path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ICONS / "victimcare.svg", paths["svg"])
    shutil.copyfile(ICONS / "victimcare.png", paths["png"])
    partial = paths["entry"].with_name(ENTRY_NAME + ".partial")
    partial.write_text(entry_text(program.resolve()), encoding="utf-8")
    os.replace(partial, paths["entry"])
    _refresh_caches(home)
    return paths


def uninstall() -> list[Path]:
    home = data_home()
    removed = []
    for path in installed_paths(home).values():
        if path.exists():
            path.unlink()
            removed.append(path)
    _refresh_caches(home)
    return removed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="victimcare's application-menu entry")
    parser.add_argument("action", choices=["install", "uninstall"])
    parser.add_argument("--program", type=Path, default=None,
                        help="the program the entry starts (default: the bundle, else .venv)")
    args = parser.parse_args(argv)
    if not sys.platform.startswith("linux"):
        print("Menu entries are written on Linux only; on Windows the installer or a shortcut "
              "to dist\\victimcare\\victimcare.exe does this.")
        return 0
    if args.action == "install":
        program = args.program or default_program()
        paths = install(program)
        print(f"Added victimcare to the application menu ({paths['entry']}), starting {program}.")
    else:
        removed = uninstall()
        print(f"Removed {len(removed)} file(s) of victimcare's menu entry.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
