"""Write LICENSES/THIRD-PARTY.md: every Python package victimcare runs on, with its licence.

    .venv/bin/python tools/third_party_licences.py            # LICENSES/THIRD-PARTY.md
    .venv/bin/python tools/third_party_licences.py --out F    # somewhere else (the bundle)

The list is not typed by hand: it is victimcare's runtime requirements, followed recursively
(extras and environment markers included) through the metadata of the packages installed in
the running Python, so it names exactly what a wheel install pulls in and what the desktop
bundle can contain. Each package's own licence files are copied in full, since most of those
licences (BSD, MIT, zlib, Apache) ask for their text to travel with the binaries. Test and
build tools (pytest, PyInstaller...) are not runtime requirements and are not listed; the
bundle adds PyInstaller's bootloader licence itself (packaging/victimcare.spec).
"""

from __future__ import annotations

import argparse
import importlib.metadata as metadata
import os
import platform
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from packaging.requirements import Requirement

ROOT = "victimcare"
REPOSITORY = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPOSITORY / "LICENSES" / "THIRD-PARTY.md"

# Packages whose wheels carry no licence file: the text they are used under, in LICENSES/.
LICENCE_TEXT_ELSEWHERE = {
    "pyside6": "LGPL-3.0.txt (with GPL-3.0.txt); see README.md, 'Qt and PySide6'",
    "pyside6-essentials": "LGPL-3.0.txt (with GPL-3.0.txt); see README.md, 'Qt and PySide6'",
    "pyside6-addons": "LGPL-3.0.txt (with GPL-3.0.txt); see README.md, 'Qt and PySide6'",
    "shiboken6": "LGPL-3.0.txt (with GPL-3.0.txt); see README.md, 'Qt and PySide6'",
}
# Packages whose metadata names no licence, though their licence file does.
LICENCE_NOT_IN_METADATA = {"sqlcipher3": "zlib (the pysqlite licence, in its LICENSE file)"}
_LICENCE_FILE = re.compile(r"(licen[cs]e|copying|notice|authors|contributors)", re.IGNORECASE)


def normalise(name: str) -> str:
    """PEP 503's normal form: 'PySide6_Essentials' and 'pyside6-essentials' are one package."""
    return re.sub(r"[-_.]+", "-", name).lower()


@dataclass
class Package:
    name: str
    version: str
    licence: str
    home: str
    licence_files: list[tuple[str, str]] = field(default_factory=list)  # (file name, text)


def runtime_distributions(root: str = ROOT) -> dict[str, metadata.Distribution]:
    """victimcare's requirements and theirs, recursively, as installed here (root excluded)."""
    found: dict[str, metadata.Distribution] = {}
    visited: set[tuple[str, frozenset[str]]] = set()

    def visit(name: str, extras: frozenset[str], parent: str | None) -> None:
        dist = metadata.distribution(name)
        key = normalise(dist.metadata["Name"])
        if (key, extras) in visited:
            return
        visited.add((key, extras))
        found[key] = dist
        for line in dist.requires or []:
            requirement = Requirement(line)
            marker = requirement.marker
            if marker is not None and not any(
                marker.evaluate({"extra": extra}) for extra in ("", *sorted(extras))
            ):
                continue
            try:
                visit(requirement.name, frozenset(requirement.extras), key)
            except metadata.PackageNotFoundError:
                raise SystemExit(
                    f"{requirement.name} (needed by {key}) is not installed: install victimcare "
                    "with its dependencies first (`make test` does)."
                ) from None

    visit(root, frozenset(), None)
    found.pop(normalise(root), None)
    return found


def describe(dist: metadata.Distribution) -> Package:
    meta = dist.metadata
    licence = meta.get("License-Expression") or ""
    if not licence:
        text = (meta.get("License") or "").strip()
        classifiers = [c.split(" :: ")[-1] for c in meta.get_all("Classifier") or []
                       if c.startswith("License ::")]
        first_line = text.splitlines()[0] if text else ""
        licence = first_line if 0 < len(first_line) <= 120 else ", ".join(classifiers)
    urls = {}
    for url in meta.get_all("Project-URL") or []:
        label, _, address = url.partition(",")
        urls.setdefault(normalise(label.strip()), address.strip())
    home = meta.get("Home-page") or next(
        (urls[label] for label in ("homepage", "home", "source", "source-code", "repository",
                                   "documentation") if label in urls),
        next(iter(urls.values()), ""))
    licence = licence or LICENCE_NOT_IN_METADATA.get(normalise(meta["Name"]), "")
    package = Package(meta["Name"], dist.version, licence or "not stated in its metadata", home)
    for entry in dist.files or []:
        parts = entry.parts
        in_metadata = parts[0].endswith(".dist-info")
        if in_metadata and (_LICENCE_FILE.search(entry.name) or "licenses" in parts[1:-1]):
            try:
                text = entry.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            package.licence_files.append(("/".join(parts[1:]), text))
    return package


def python_licence() -> str | None:
    """The PSF licence of the interpreter that will be bundled."""
    stdlib = Path(os.__file__).parent
    for candidate in (stdlib / "LICENSE.txt", Path(sys.base_prefix) / "LICENSE.txt"):
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8", errors="replace")
    return None


def render(packages: list[Package]) -> str:
    lines = [
        "# Third-party Python packages",
        "",
        "Written by `tools/third_party_licences.py` from the metadata of the installed packages:",
        "victimcare's runtime requirements, followed recursively. Do not edit by hand.",
        f"Python {platform.python_version()} on {sys.platform}.",
        "",
        "| Package | Version | Licence | Home |",
        "|---|---|---|---|",
    ]
    for package in packages:
        licence = package.licence.replace("|", "/")
        lines.append(f"| {package.name} | {package.version} | {licence} | {package.home} |")
    lines += ["", "## Python", "",
              f"The desktop bundle contains the Python {platform.python_version()} interpreter "
              "and standard library, under the PSF License Agreement "
              "(https://docs.python.org/3/license.html).", ""]
    psf = python_licence()
    if psf:
        lines += ["```text", psf.rstrip("\n"), "```", ""]
    for package in packages:
        lines += [f"## {package.name} {package.version}", "",
                  f"Licence: {package.licence}. {package.home}".rstrip(), ""]
        elsewhere = LICENCE_TEXT_ELSEWHERE.get(normalise(package.name))
        if elsewhere:
            lines += [f"Its licence text: {elsewhere}.", ""]
        if not package.licence_files and not elsewhere:
            lines += ["The package carries no licence file; the licence named above applies.", ""]
        for name, text in package.licence_files:
            lines += [f"### {name}", "", "```text", text.rstrip("\n").replace("```", "'''"),
                      "```", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    packages = sorted((describe(dist) for dist in runtime_distributions().values()),
                      key=lambda p: normalise(p.name))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(render(packages), encoding="utf-8")
    print(f"Wrote {args.out} ({len(packages)} packages).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
