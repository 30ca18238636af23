"""Before opening a real window on Linux: are the system libraries Qt's xcb plugin needs here?

Qt's own message ("Could not load the Qt platform plugin xcb") does not say what to install;
this names the one command that fixes it. No Qt import here, so it runs even when Qt cannot.
"""

from __future__ import annotations

import ctypes.util
import os
import sys

# Debian/Ubuntu package -> the shared library it provides.
XCB_PACKAGES = {
    "libegl1": "EGL",
    "libgl1": "GL",
    "libfontconfig1": "fontconfig",
    "libdbus-1-3": "dbus-1",
    "libxkbcommon0": "xkbcommon",
    "libxkbcommon-x11-0": "xkbcommon-x11",
    "libxcb-icccm4": "xcb-icccm",
    "libxcb-keysyms1": "xcb-keysyms",
    "libxcb-image0": "xcb-image",
    "libxcb-render-util0": "xcb-render-util",
    "libxcb-xinerama0": "xcb-xinerama",
    "libxcb-xkb1": "xcb-xkb",
    "libxcb-shape0": "xcb-shape",
    "libxcb-cursor0": "xcb-cursor",
}


def missing_packages() -> list[str]:
    if not sys.platform.startswith("linux"):
        return []
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith("xcb"):
        return []  # offscreen, wayland, ...: the xcb libraries are not used
    return [pkg for pkg, lib in XCB_PACKAGES.items() if ctypes.util.find_library(lib) is None]


def advice(missing: list[str]) -> str:
    return (
        "victimcare cannot open a window: this system lacks libraries Qt needs ("
        + ", ".join(missing)
        + ").\nInstall them with:\n\n    sudo apt-get install -y "
        + " ".join(missing)
        + "\n"
    )


def main() -> int:
    missing = missing_packages()
    if missing:
        print(advice(missing), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
