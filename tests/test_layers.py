"""The shape of the house, checked from the source: which package may import which, and where
SQL may be written.

The import graph is built with `ast` from every module in victimcare/ (imports inside
functions and under TYPE_CHECKING count too: a lazy import is still a dependency). A node is a
subpackage (victimcare.store, .domain, ...) or a top-level module (victimcare.cli, .app, ...).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "victimcare"

# The layers that sit below the services and the screens.
BELOW_SERVICES = ("victimcare.store", "victimcare.domain", "victimcare.reports")

# No file outside store/ may run or hold SQL (the demo generator, once allowed, now has none).
SQL_ALLOWED_OUTSIDE_STORE: set[str] = set()

# The Database helpers that take SQL text, and the sqlite3 calls that do.
SQL_CALLS = {"execute", "executemany", "executescript", "script", "all", "first", "scalar"}

SQL_TEXT = re.compile(
    r"^\s*(SELECT\s|INSERT\s+INTO\s|UPDATE\s+\w+\s+SET\s|DELETE\s+FROM\s|PRAGMA\s"
    r"|CREATE\s+(TABLE|INDEX|TRIGGER|VIRTUAL)\s|DROP\s+(TABLE|INDEX|TRIGGER)\s"
    r"|ALTER\s+TABLE\s|VACUUM\b|ATTACH\s|BEGIN(\s|$)|COMMIT$|ROLLBACK$)")


# -- reading the source -------------------------------------------------------------------------
def modules() -> Iterator[tuple[str, Path]]:
    """(path inside victimcare/, file) of every module."""
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path.relative_to(PACKAGE).as_posix(), path


def node_of_file(relative: str) -> str:
    parts = relative.removesuffix(".py").split("/")
    if len(parts) == 1:
        return "victimcare" if parts[0] == "__init__" else f"victimcare.{parts[0]}"
    return f"victimcare.{parts[0]}"


def node_of_module(name: str) -> str:
    """The graph node an imported victimcare module belongs to."""
    parts = name.split(".")
    if len(parts) == 1:
        return "victimcare"
    first = parts[1]
    if (PACKAGE / first).is_dir() or (PACKAGE / f"{first}.py").is_file():
        return f"victimcare.{first}"
    return "victimcare"  # a name defined in victimcare/__init__.py, such as __version__


def imported_modules(tree: ast.AST) -> Iterator[tuple[str, int]]:
    """(module name, line) for every import, the names taken `from` a package included."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module, node.lineno
            for alias in node.names:
                yield f"{node.module}.{alias.name}", node.lineno


def import_graph(sources: dict[str, str]) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for relative, text in sources.items():
        source = node_of_file(relative)
        targets = graph.setdefault(source, set())
        for name, _line in imported_modules(ast.parse(text)):
            if name == "victimcare" or name.startswith("victimcare."):
                target = node_of_module(name)
                if target != source:
                    targets.add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one node (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def forbidden_imports(relative: str, text: str) -> list[str]:
    """What a module below the services imports that it must not."""
    if node_of_file(relative) not in BELOW_SERVICES:
        return []
    wrong = []
    for name, line in imported_modules(ast.parse(text)):
        if (name == "PySide6.QtWidgets" or name.startswith("PySide6.QtWidgets.")
                or node_of_module(name) in ("victimcare.services", "victimcare.views")
                and name.startswith("victimcare.")):
            wrong.append(f"{relative}:{line} imports {name}")
    return wrong


def sql_outside_store(relative: str, text: str) -> list[str]:
    """SQL run or written outside victimcare/store/."""
    if relative.startswith("store/") or relative in SQL_ALLOWED_OUTSIDE_STORE:
        return []
    found = []
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in SQL_CALLS:
                found.append(f"{relative}:{node.lineno} calls .{node.func.attr}(")
            # db.connection.backup(...), .reset_key(...): reaching past the store's helpers.
            owner = node.func.value
            if isinstance(owner, ast.Attribute) and owner.attr == "connection":
                found.append(f"{relative}:{node.lineno} calls .connection.{node.func.attr}(")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if SQL_TEXT.match(node.value):
                found.append(f"{relative}:{node.lineno} holds SQL: {node.value[:40]!r}")
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""])
            found.extend(f"{relative}:{node.lineno} imports {name}" for name in names
                         if name.split(".")[0] in ("sqlcipher3", "sqlite3"))
    return found


def keying_outside_opening(relative: str, text: str) -> list[str]:
    """Connections made or keyed anywhere but store/opening.py."""
    if relative == "store/opening.py":
        return []
    return [f"{relative}:{node.lineno} calls {ast.unparse(node.func)}("
            for node in ast.walk(ast.parse(text))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and (node.func.attr in ("set_key", "reset_key")
                 or ast.unparse(node.func) == "sqlcipher3.connect")]


@pytest.fixture(scope="module")
def sources() -> dict[str, str]:
    return {relative: path.read_text("utf-8") for relative, path in modules()}


# -- the house ----------------------------------------------------------------------------------
def test_the_graph_sees_every_layer(sources):
    graph = import_graph(sources)
    for layer in ("store", "domain", "services", "reports", "security", "views", "cli", "app"):
        assert f"victimcare.{layer}" in graph
    # The arrows it must see, or it sees nothing at all.
    assert "victimcare.store" in graph["victimcare.services"]
    assert "victimcare.services" in graph["victimcare.views"]
    assert "victimcare.domain" in graph["victimcare.reports"]


def test_no_import_cycle_between_packages(sources):
    assert cycles(import_graph(sources)) == []


def test_store_domain_and_reports_import_no_widgets_services_or_views(sources):
    wrong = [problem for relative, text in sources.items()
             for problem in forbidden_imports(relative, text)]
    assert wrong == []


def test_sql_is_run_and_written_only_in_the_store(sources):
    found = [problem for relative, text in sources.items()
             for problem in sql_outside_store(relative, text)]
    assert found == []


def test_only_the_opening_module_makes_or_keys_a_connection(sources):
    found = [problem for relative, text in sources.items()
             for problem in keying_outside_opening(relative, text)]
    assert found == []


# -- the checks themselves catch what they are for ------------------------------------------------
def test_a_cycle_between_packages_is_found():
    graph = import_graph({
        "store/a.py": "from victimcare.security import files\n",
        "security/b.py": "def f():\n    from victimcare.store import records\n",
        "domain/c.py": "from victimcare import config\n",
        "config.py": "import os\n",
    })
    assert cycles(graph) == [["victimcare.security", "victimcare.store"]]


def test_a_name_from_the_top_package_is_not_a_module():
    graph = import_graph({"services/a.py": "from victimcare import __version__, config\n"})
    assert graph["victimcare.services"] == {"victimcare", "victimcare.config"}


def test_widgets_or_services_below_the_services_are_found():
    assert forbidden_imports("reports/x.py", "from PySide6.QtWidgets import QLabel\n")
    assert forbidden_imports("domain/x.py", "import PySide6.QtWidgets\n")
    assert forbidden_imports("store/x.py", "from victimcare.services import audit\n")
    assert forbidden_imports("reports/x.py", "from victimcare.views.text import plain_tooltip\n")
    assert forbidden_imports(
        "reports/x.py",
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
        "    from victimcare.services.commitments import WorkItem\n")
    assert forbidden_imports("store/x.py", "from victimcare.domain import model\n") == []
    assert forbidden_imports("services/x.py", "from victimcare.services import audit\n") == []


def test_sql_outside_the_store_is_found():
    assert sql_outside_store("services/x.py", "db.execute('UPDATE t SET a = 1')\n")
    assert sql_outside_store("views/x.py", "rows = self.db.all(QUERY)\n")
    assert sql_outside_store("security/x.py", "db.connection.backup(target)\n")
    assert sql_outside_store("services/x.py", "QUERY = 'SELECT id FROM officers'\n")
    assert sql_outside_store("services/x.py", "import sqlcipher3\n")
    assert sql_outside_store("store/x.py", "db.execute('VACUUM')\n") == []
    assert sql_outside_store("services/x.py", "text = 'Update victimcare to open it.'\n") == []


def test_keying_outside_the_opening_module_is_found():
    assert keying_outside_opening("security/x.py", "db.connection.reset_key(b'x')\n")
    assert keying_outside_opening("store/copies.py", "sqlcipher3.connect(path)\n")
    assert keying_outside_opening("store/opening.py", "conn.set_key(b'x')\n") == []
