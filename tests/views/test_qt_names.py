"""Every Qt name the package spells out (`Qt.TextFormat.PlainText`, `QMessageBox.Icon.Warning`)
exists in the PySide6 we run on. A wrong path fails only when its line runs, and the line may
be one only the real window reaches: `QMessageBox.TextFormat` broke every box the app showed
while the suite was green."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import victimcare

PACKAGE = Path(victimcare.__file__).parent


def _qt_imports(tree: ast.Module) -> dict[str, object]:
    """The names a module imports from PySide6 (at the top or inside a function), resolved."""
    names: dict[str, object] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("PySide6"):
            module = importlib.import_module(node.module)
            for alias in node.names:
                names[alias.asname or alias.name] = getattr(module, alias.name)
    return names


def _dotted(node: ast.Attribute) -> list[str] | None:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    return [node.id, *reversed(parts)] if isinstance(node, ast.Name) else None


def qt_paths(source: str) -> tuple[int, list[str]]:
    """How many dotted names rooted at a PySide6 import `source` uses, and those that do not
    exist, as 'line: path'."""
    tree = ast.parse(source)
    names = _qt_imports(tree)
    checked, wrong = 0, []
    inner = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
    for node in ast.walk(tree):
        if id(node) in inner:
            continue  # part of a longer path, checked with it
        parts = _dotted(node) if isinstance(node, ast.Attribute) else None
        if not parts or parts[0] not in names:
            continue
        checked += 1
        value = names[parts[0]]
        for part in parts[1:]:
            if not hasattr(value, part):
                wrong.append(f"{node.lineno}: {'.'.join(parts)}")
                break
            value = getattr(value, part)
    return checked, wrong


def test_the_check_finds_a_wrong_path():
    source = ("from PySide6.QtCore import Qt\nfrom PySide6.QtWidgets import QMessageBox\n"
              "Qt.TextFormat.PlainText\nQMessageBox.TextFormat.PlainText\n")
    checked, wrong = qt_paths(source)
    assert wrong == ["4: QMessageBox.TextFormat.PlainText"] and checked >= 2


def test_every_qt_name_the_package_spells_out_exists(qapp):
    checked, wrong = 0, []
    for path in sorted(PACKAGE.rglob("*.py")):
        count, missing = qt_paths(path.read_text(encoding="utf-8"))
        checked += count
        wrong += [f"{path.relative_to(PACKAGE)}:{line}" for line in missing]
    assert checked > 200  # the walk really reads the package's Qt code (269 paths today)
    assert wrong == []
