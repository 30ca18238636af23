"""The contact log's own item model, checked by Qt's model tester and read as a view reads it."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from tests.factories import rich_case
from victimcare.domain.model import Contact
from victimcare.views.contact_log_model import ID_ROLE, ContactLogModel
from victimcare.views.text import plain_tooltip


def _case():
    """The factory case, its entries numbered as the store would number them."""
    case = rich_case()
    for number, contact in enumerate(case.contacts, 1):
        contact.id = number
    return case


def _model(case) -> ContactLogModel:
    model = ContactLogModel()
    model.set_case(case)
    return model


def test_the_log_model_passes_qts_model_tester(qtmodeltester):
    case = _case()
    assert any(c.amendments for c in case.contacts)
    qtmodeltester.check(_model(case), force_py=True)


def test_amended_entries_hold_the_original_and_each_amendment_as_children():
    case = _case()
    model = _model(case)
    assert model.rowCount() == len(case.contacts)
    amended = next(c for c in case.contacts if c.amendments)
    [row] = [r for r in range(model.rowCount()) if model.index(r, 0).data(ID_ROLE) == amended.id]
    parent = model.index(row, 0)
    assert model.rowCount(parent) == 1 + len(amended.amendments)
    first = model.index(0, 1, parent)
    assert first.data() == "As first written"
    assert first.data(ID_ROLE) == amended.id
    assert first.data(Qt.ItemDataRole.FontRole).italic()
    assert model.parent(first) == parent
    assert model.index(1, 6, parent).data() == amended.amendments[0].narrative.splitlines()[0]
    # Children have no children of their own, and other columns hold none.
    assert model.rowCount(first) == 0 and model.rowCount(model.index(row, 3)) == 0


def test_newest_first_with_the_full_narrative_as_tooltip_and_clear_empties_it():
    case = _case()
    model = _model(case)
    times = [c.current.occurred_at for c in case.contacts]
    assert model.index(0, 0).data(ID_ROLE) == case.contacts[times.index(max(times))].id
    newest = case.contacts[times.index(max(times))].current
    # The whole narrative, as plain text (tests/views/test_tooltips.py shows it reads so).
    assert model.index(0, 6).data(Qt.ItemDataRole.ToolTipRole) == (plain_tooltip(newest.narrative)
                                                                   or None)
    assert model.headerData(6, Qt.Orientation.Horizontal) == "Narrative"
    model.clear()
    assert model.rowCount() == 0 and not model.index(0, 0).isValid()
    assert model.parent(QModelIndex()) == QModelIndex()


def test_a_new_entry_above_an_open_amendment_leaves_no_stale_index(qtbot):
    from datetime import timedelta

    from PySide6.QtWidgets import QTreeView

    case = _case()
    model = _model(case)
    tree = QTreeView()
    qtbot.addWidget(tree)
    tree.setModel(model)
    amended = next(r for r in range(model.rowCount()) if model.rowCount(model.index(r, 0)))
    parent = model.index(amended, 0)
    tree.expand(parent)
    tree.setCurrentIndex(model.index(model.rowCount(parent) - 1, 0, parent))
    newest = max(case.contacts, key=lambda c: c.current.occurred_at)
    case.contacts.append(Contact(newest.current.occurred_at + timedelta(hours=1), "phone",
                                 "to_victim", "victim", "spoke", [], "A new call", id=99))
    model.set_case(case)
    current = tree.currentIndex()
    # Whatever the view kept points at a row that exists (or at nothing), never past the end.
    assert not current.isValid() or current.row() < model.rowCount(current.parent())
    assert model.index(0, 6).data() == "A new call"
