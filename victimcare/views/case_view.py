"""One case: who the victim is, how to contact them safely, and everything owed and done.

The header (name, references, rights, safe-contact banner) stays in view whatever tab is
shown. Every change goes through a dialog and a service; the view then redraws from the case
the service kept up to date, and says so with `changed`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QKeySequence,
    QShortcut,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from victimcare.domain import commitment_rules
from victimcare.domain import vocabulary as vocab
from victimcare.domain.describe import STATUS_WORDS, agreement_words, due_at_words, due_in_words
from victimcare.domain.eligibility import age_on, eligibility, under_18_at_offence
from victimcare.domain.model import Case, Commitment, Contact
from victimcare.domain.timeutil import format_date, format_datetime, london
from victimcare.services import cases, commitments
from victimcare.store.database import Database
from victimcare.views import clock
from victimcare.views.contact_log_model import ID_ROLE, ContactLogModel
from victimcare.views.dialogs import (
    ActionDialog,
    AmendContactDialog,
    CloseCaseDialog,
    EventDialog,
    LogContactDialog,
    MeetByEntryDialog,
    NeedDialog,
    PromiseDialog,
    ReferralDialog,
    ReviewDateDialog,
    VictimDialog,
    WaiveDialog,
)
from victimcare.views.dialogs.amend_contact_dialog import entry_text, history_text
from victimcare.views.dialogs.form import FormDialog, clear_widget_text
from victimcare.views.text import first_line, plain_tooltip
from victimcare.views.widgets.safe_banner import SafeContactBanner
from victimcare.views.workspace import SECTIONS

_OPEN_STYLE = ("QLabel { color: #0d5224; font-weight: 700; border: 1px solid #0d5224; "
               "padding: 2px 6px; }")
_CLOSED_STYLE = ("QLabel { color: #3c4043; font-weight: 700; border: 1px solid #3c4043; "
                 "padding: 2px 6px; }")

# Status colours always travel with the status word: colour alone tells some people nothing.
STATUS_COLOURS = {
    "due": ("#e8f0fe", "#174ea6"),
    "overdue": ("#fce8e6", "#8c1d18"),
    "met": ("#e6f4ea", "#0d5224"),
    "met_late": ("#fef7e0", "#7a4b00"),
    "waived": ("#f1f3f4", "#3c4043"),
}


def _yes_no_asked(value: bool | None, yes: str, no: str) -> str:
    return "Not yet asked (treat as not safe)" if value is None else yes if value else no


def _item(text: str, item_id: int | None = None, tooltip: str | None = None) -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    if item_id is not None:
        item.setData(item_id, ID_ROLE)
    if tooltip:
        item.setToolTip(plain_tooltip(tooltip))
    return item


# -- item models ----------------------------------------------------------------------------
class CommitmentsModel(QStandardItemModel):
    HEADERS = ("Status", "Kind", "What is owed", "Due", "Met or waived")

    def set_case(self, case: Case) -> None:
        self.clear()
        self.setHorizontalHeaderLabels(list(self.HEADERS))
        at = clock.now()
        contacts = {c.id: c for c in case.contacts}
        # What is still owed first, soonest due at the top; then what was done, newest first.
        still_open = sorted((c for c in case.commitments if commitment_rules.is_open(c)),
                            key=lambda c: (c.due_at, c.id or 0))
        done = sorted((c for c in case.commitments if not commitment_rules.is_open(c)),
                      key=lambda c: (c.due_at, c.id or 0), reverse=True)
        ordered = still_open + done
        for commitment in ordered:
            status = commitment.status(at)
            background, foreground = STATUS_COLOURS[status]
            status_item = _item(STATUS_WORDS[status], commitment.id)
            status_item.setBackground(QBrush(QColor(background)))
            status_item.setForeground(QBrush(QColor(foreground)))
            bold = QFont()
            bold.setBold(True)
            status_item.setFont(bold)
            row = [status_item,
                   _item(vocab.label(vocab.COMMITMENT_KINDS, commitment.kind), commitment.id),
                   _item(commitment.reason, commitment.id),
                   _item(format_datetime(commitment.due_at), commitment.id),
                   _item(done_words(commitment, contacts), commitment.id)]
            self.appendRow(row)


def done_words(commitment: Commitment, contacts: dict[int, Contact]) -> str:
    if commitment.waived_at is not None:
        return f"Waived {format_datetime(commitment.waived_at)}: {commitment.waived_reason}"
    if commitment.met_at is not None:
        contact = contacts.get(commitment.met_by_contact_id)
        how = ""
        if contact is not None:
            view = contact.current
            how = (f" by {vocab.label(vocab.CONTACT_METHODS, view.method).lower()} "
                   f"({vocab.label(vocab.CONTACT_OUTCOMES, view.outcome).lower()})")
        return f"Met {format_datetime(commitment.met_at)}{how}"
    return ""


class EventsModel(QStandardItemModel):
    HEADERS = ("When", "Event", "What it owes the victim", "Notes", "Recorded")

    def set_case(self, case: Case) -> None:
        self.clear()
        self.setHorizontalHeaderLabels(list(self.HEADERS))
        rules = commitments.rules_for(case)
        owed = {c.event_id: c for c in case.commitments if c.event_id is not None}
        at = clock.now()
        for event in sorted(case.events, key=lambda e: (e.occurred_at, e.id or 0), reverse=True):
            commitment = owed.get(event.id)
            if commitment is not None:
                status = STATUS_WORDS[commitment.status(at)]
                duty = f"Inform by {format_datetime(commitment.due_at)} — {status}"
            else:
                duty = "No update duty"
            self.appendRow([
                _item(format_datetime(event.occurred_at), event.id),
                _item(rules.event_label(event.kind), event.id),
                _item(duty, event.id),
                _item(first_line(event.notes), event.id, event.notes or None),
                _item(format_datetime(event.recorded_at), event.id),
            ])


class NeedsModel(QStandardItemModel):
    HEADERS = ("Area", "Level", "Notes")

    def set_case(self, case: Case) -> None:
        self.clear()
        self.setHorizontalHeaderLabels(list(self.HEADERS))
        order = list(vocab.NEED_AREAS)
        for need in sorted(case.care_plan.needs,
                           key=lambda n: (order.index(n.area) if n.area in order else 99,
                                          n.id or 0)):
            self.appendRow([_item(vocab.label(vocab.NEED_AREAS, need.area), need.id),
                            _item(vocab.label(vocab.NEED_LEVELS, need.level), need.id),
                            _item(first_line(need.notes), need.id, need.notes or None)])


class ActionsModel(QStandardItemModel):
    HEADERS = ("Action", "For need", "Owner", "Due", "Status", "Completed")

    def set_case(self, case: Case) -> None:
        self.clear()
        self.setHorizontalHeaderLabels(list(self.HEADERS))
        needs = {n.id: n for n in case.care_plan.needs}
        for action in case.care_plan.actions:
            need = needs.get(action.need_id)
            self.appendRow([
                _item(action.description, action.id),
                _item(vocab.label(vocab.NEED_AREAS, need.area) if need else "", action.id),
                _item(action.owner, action.id),
                _item(format_date(action.due_date), action.id),
                _item(vocab.label(vocab.ACTION_STATUSES, action.status), action.id),
                _item(format_date(action.completed_on), action.id),
            ])


class ReferralsModel(QStandardItemModel):
    HEADERS = ("Service", "Consent", "Consent date", "Referred on", "Status", "Notes")

    def set_case(self, case: Case) -> None:
        self.clear()
        self.setHorizontalHeaderLabels(list(self.HEADERS))
        for referral in case.care_plan.referrals:
            self.appendRow([
                _item(vocab.label(vocab.REFERRAL_AGENCIES, referral.agency), referral.id),
                _item(vocab.label(vocab.CONSENT, referral.consent), referral.id),
                _item(format_date(referral.consent_date), referral.id),
                _item(format_date(referral.referred_on), referral.id),
                _item(vocab.label(vocab.REFERRAL_STATUSES, referral.status), referral.id),
                _item(first_line(referral.notes), referral.id, referral.notes or None),
            ])


# -- the view -------------------------------------------------------------------------------
class CaseView(QWidget):
    changed = Signal()  # something about the case was saved

    def __init__(self, db: Database, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self._case_id = case_id
        self.case: Case | None = None
        self.dialog: QDialog | None = None  # the dialog open now, if any

        self._build_header()
        self._build_actions()
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Case sections")
        self.tabs.setDocumentMode(True)
        self._build_overview()
        self._build_log()
        self._build_care_plan()
        self._build_commitments()
        self._build_events()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(8)
        layout.addLayout(self.header_layout)
        layout.addWidget(self.banner)
        layout.addLayout(self.actions_layout)
        layout.addWidget(self.tabs, 1)
        self._tab_drawers: list[Callable[[], None]] = []
        self._stale_tabs: set[int] = set()
        self.tabs.currentChanged.connect(lambda index: self._draw_tab(index))
        self._set_tab_order()

        self.reload()

    # -- properties ------------------------------------------------------------------------
    @property
    def case_id(self) -> int:
        return self._case_id

    @property
    def reference(self) -> str:
        return self.case.reference if self.case else ""

    def _section_pages(self) -> list[QWidget]:
        """The section tabs' pages, in the order of `workspace.SECTIONS`."""
        return [self.overview_page, self.log_page, self.care_plan_page, self.commitments_page,
                self.events_page]

    def section(self) -> str:
        """The name of the section in front (kept over a lock: a name, never its content)."""
        pages = self._section_pages()
        current = self.tabs.currentWidget()
        return SECTIONS[pages.index(current)] if current in pages else SECTIONS[0]

    def show_section(self, name: str) -> None:
        if name in SECTIONS:
            self.tabs.setCurrentWidget(self._section_pages()[SECTIONS.index(name)])

    # -- building --------------------------------------------------------------------------
    def _label(self, name: str, selectable: bool = True) -> QLabel:
        label = QLabel(self)
        label.setTextFormat(Qt.TextFormat.PlainText)  # names and notes are never markup
        label.setWordWrap(True)
        label.setAccessibleName(name)
        if selectable:
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _button(self, text: str, slot: Callable[[], None], name: str | None = None) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(name or text.replace("&&", "and").replace("&", "").rstrip("…"))
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def _build_header(self) -> None:
        self.name_label = self._label("Victim")
        font = self.name_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.name_label.setFont(font)
        self.ids_label = self._label("Case references")
        self.rights_label = self._label("Rights under the Victims' Code")
        self.status_label = self._label("Case status")
        self.banner = SafeContactBanner(self)
        self.header_layout = QVBoxLayout()
        self.header_layout.setSpacing(2)
        top = QHBoxLayout()
        top.addWidget(self.name_label, 1)
        top.addWidget(self.status_label, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.header_layout.addLayout(top)
        self.header_layout.addWidget(self.ids_label)
        self.header_layout.addWidget(self.rights_label)

    def _build_actions(self) -> None:
        # The Alt letters of the whole case view, its five tabs (Alt+1 to Alt+5) and the main
        # window (File, Edit, View, Case menus; Today and Cases) are all live at once, and no
        # two may share a letter: tests/views/test_keyboard.py checks every tab.
        self.log_button = self._button("&Log contact… (Ctrl+L)", self.log_contact, "Log contact")
        self.event_button = self._button("Recor&d event…", self.record_event, "Record event")
        self.edit_button = self._button("Edit victim && &safe contact…", self.edit_victim)
        self.close_button = self._button("Cl&ose case…", self.close_case, "Close case")
        self.log_shortcut = QShortcut(QKeySequence("Ctrl+L"), self)
        self.log_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.log_shortcut.activated.connect(self.log_contact)
        self.actions_layout = QHBoxLayout()
        for button in (self.log_button, self.event_button, self.edit_button):
            self.actions_layout.addWidget(button)
        self.actions_layout.addStretch(1)
        self.actions_layout.addWidget(self.close_button)

    def _set_tab_order(self) -> None:
        """Tab goes the case's buttons, the section tabs, then the section in front: a list
        before the buttons that act on its selected row (Tab into a list selects a row, and
        Mark met and Waive wait for one), other buttons in reading order. Qt's own order,
        the order the widgets were made in, had the care plan's three lists first, then
        all their buttons.

        Each section is ordered within itself: the tab widget and its tab bar stay where Qt
        put them (the tab widget hands its focus to the bar, so moving the bar alone would
        make Tab stop on it twice)."""
        sections = (
            [self.overview_edit_button, self.overview_scroll],
            [self.log_tree, self.log_detail, self.amend_button, self.log_page_log_button],
            [self.review_button, *self.care_plan_stops],
            [self.commitments_table, self.promise_button, self.meet_button, self.waive_button],
            [self.events_page_event_button, self.events_table],
        )
        for chain in sections:
            for first, second in zip(chain, chain[1:], strict=False):
                QWidget.setTabOrder(first, second)

    def _fit_columns(self, table: QTableView | QTreeView, widest: int = 360) -> None:
        """Columns as wide as their contents, but none so wide it pushes the rest away."""
        header = table.header() if isinstance(table, QTreeView) else table.horizontalHeader()
        for column in range(header.count()):
            table.resizeColumnToContents(column)
            header.resizeSection(column, min(header.sectionSize(column) + 12, widest))

    def _table(self, model: QStandardItemModel, name: str) -> QTableView:
        table = QTableView(self)
        table.setModel(model)
        table.setAccessibleName(name)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setShowGrid(False)
        table.setWordWrap(False)
        table.setTabKeyNavigation(False)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setStretchLastSection(True)
        return table

    def _build_overview(self) -> None:
        page = QWidget(self)
        # The header's button does the same and holds the Alt letter (Alt+S).
        self.overview_edit_button = self._button("Edit victim && safe contact…", self.edit_victim,
                                                 "Edit victim and safe contact")
        self.overview_values: dict[str, QLabel] = {}
        # (title, captions, which half of the page): what is owed next heads the right half,
        # beside who the victim is.
        sections = (
            ("Victim", ("Name", "Preferred name", "Date of birth", "Address", "Phones",
                        "Email"), 0),
            ("Language and communication", ("Language", "Interpreter", "Communication needs"),
             0),
            ("What is owed", ("Due next", "Still open"), 1),
            ("Safe contact", ("Voicemail", "Texts", "Letters", "Email contact", "Safe times",
                              "Suspect", "Safe-contact notes"), 1),
            ("Contact agreement", ("Agreement", "Start", "Agreement notes"), 1),
            ("Rights and vulnerability", ("Rights", "Vulnerability", "Persistently targeted"),
             0),
            ("The case", ("Offence", "Offence date", "Crime reference", "Opened",
                          "Victims' Code", "Case notes", "Closure"), 1),
        )
        columns = QHBoxLayout()
        columns.setSpacing(12)
        halves = (QVBoxLayout(), QVBoxLayout())
        for title, captions, half in sections:
            box = QGroupBox(title, page)
            form = QFormLayout(box)
            form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            form.setVerticalSpacing(6)
            for caption in captions:
                value = self._label(caption)
                self.overview_values[caption] = value
                form.addRow(QLabel(f"{caption.replace('Email contact', 'Email')}:", box), value)
            halves[half].addWidget(box)
        for half in halves:
            half.addStretch(1)
            columns.addLayout(half, 1)
        inner = QWidget(page)
        inner_layout = QVBoxLayout(inner)
        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(self.overview_edit_button)
        inner_layout.addLayout(top)
        inner_layout.addLayout(columns)
        scroll = QScrollArea(page)
        scroll.setAccessibleName("Case overview")
        self.overview_scroll = scroll  # takes the focus, so the arrow keys scroll it
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(scroll)
        self.tabs.addTab(page, "&1 Overview")
        self.overview_page = page

    def _build_log(self) -> None:
        page = QWidget(self)
        self.log_model = ContactLogModel(self)
        self.log_tree = QTreeView(page)
        self.log_tree.setModel(self.log_model)
        self.log_tree.setAccessibleName("Contact log, newest first")
        self.log_tree.setAlternatingRowColors(True)
        self.log_tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.log_tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.log_tree.setUniformRowHeights(True)
        self.log_tree.setStyleSheet("QTreeView::item { padding: 4px 2px; }")
        self.log_tree.header().setStretchLastSection(True)
        self.log_detail = QPlainTextEdit(page)
        self.log_detail.setReadOnly(True)
        self.log_detail.setTabChangesFocus(True)
        self.log_detail.setAccessibleName("The selected entry in full")
        self.log_detail.setPlaceholderText("Select an entry to read it in full, with any "
                                           "amendments and the original.")
        splitter = QSplitter(Qt.Orientation.Vertical, page)
        splitter.addWidget(self.log_tree)
        splitter.addWidget(self.log_detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        self.amend_button = self._button("A&mend entry…", self.amend_selected_contact,
                                         "Amend entry")
        self.log_summary = self._label("Contact log summary", selectable=False)
        bar = QHBoxLayout()
        bar.addWidget(self.log_summary, 1)
        bar.addWidget(self.amend_button)
        # The header's Log contact holds Alt+L; this one is for the mouse, next to the log.
        self.log_page_log_button = self._button("Log contact…", self.log_contact, "Log contact")
        bar.addWidget(self.log_page_log_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        self.log_tree.selectionModel().currentChanged.connect(self._show_log_detail)
        self.log_tree.activated.connect(lambda _index: self.amend_selected_contact())
        self.tabs.addTab(page, "&2 Contact log")
        self.log_page = page

    def _build_care_plan(self) -> None:
        page = QWidget(self)
        self.review_label = self._label("Care plan review")
        self.needs_model, self.actions_model, self.referrals_model = (
            NeedsModel(self), ActionsModel(self), ReferralsModel(self))
        self.needs_table = self._table(self.needs_model, "Needs")
        self.actions_table = self._table(self.actions_model, "Actions")
        self.referrals_table = self._table(self.referrals_model, "Referrals")
        self.needs_table.activated.connect(lambda _i: self.edit_need())
        self.actions_table.activated.connect(lambda _i: self.edit_action())
        self.referrals_table.activated.connect(lambda _i: self.edit_referral())
        self.care_plan_stops: list[QWidget] = []  # each table, then its Add and Edit buttons
        review_bar = QHBoxLayout()
        review_bar.addWidget(self.review_label, 1)
        self.review_button = self._button("Set revie&w date…", self.set_review_date,
                                          "Set review date")
        review_bar.addWidget(self.review_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(review_bar)
        for title, table, add, edit in (
                ("Needs", self.needs_table, ("Add &need…", self.add_need),
                 ("Edit need…", self.edit_need)),
                ("Actions", self.actions_table, ("Add act&ion…", self.add_action),
                 ("Edit action…", self.edit_action)),
                ("Referrals (with the victim's consent)", self.referrals_table,
                 ("Add &referral…", self.add_referral), ("Edit referral…", self.edit_referral))):
            box = QGroupBox(title, page)
            box_layout = QVBoxLayout(box)
            box_layout.addWidget(table)
            bar = QHBoxLayout()
            bar.addStretch(1)
            buttons = (self._button(*add), self._button(*edit))
            for button in buttons:
                bar.addWidget(button)
            self.care_plan_stops.extend((table, *buttons))
            box_layout.addLayout(bar)
            layout.addWidget(box, 1)
        self.tabs.addTab(page, "&3 Care plan")
        self.care_plan_page = page

    def _build_commitments(self) -> None:
        page = QWidget(self)
        self.commitments_model = CommitmentsModel(self)
        self.commitments_table = self._table(self.commitments_model, "Commitments")
        self.commitments_summary = self._label("Commitments summary", selectable=False)
        self.promise_button = self._button("Add &promise…", self.add_promise)
        self.meet_button = self._button("Mark &met by a contact…", self.meet_selected,
                                        "Mark met by a contact")
        self.waive_button = self._button("&Waive…", self.waive_selected)
        bar = QHBoxLayout()
        bar.addWidget(self.commitments_summary, 1)
        for button in (self.promise_button, self.meet_button, self.waive_button):
            bar.addWidget(button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.commitments_table, 1)
        self.commitments_table.selectionModel().currentChanged.connect(
            lambda *_: self._enable_commitment_buttons())
        self.tabs.addTab(page, "&4 Commitments")
        self.commitments_page = page

    def _build_events(self) -> None:
        page = QWidget(self)
        self.events_model = EventsModel(self)
        self.events_table = self._table(self.events_model, "Investigation events, newest first")
        self.events_summary = self._label("Events summary", selectable=False)
        bar = QHBoxLayout()
        bar.addWidget(self.events_summary, 1)
        # The header's Record event holds Alt+D.
        self.events_page_event_button = self._button("Record event…", self.record_event)
        bar.addWidget(self.events_page_event_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.events_table, 1)
        self.tabs.addTab(page, "&5 Events")
        self.events_page = page

    # -- showing ---------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the case again from the store (viewing is logged as consultation)."""
        self.case = cases.open_case(self.db, self._case_id)
        self._show()

    def _show(self, *, only_in_front: bool = False) -> None:
        """Draw the case. After a save only the header and the tab in front are redrawn; the
        other tabs are redrawn when the officer turns to them (a 500-entry log costs tens of
        milliseconds to rebuild, and a save should feel instant)."""
        case = self.case
        assert case is not None
        rules = commitments.rules_for(case)
        rights = eligibility(case, rules)
        self.name_label.setText(case.victim.display_name)
        ids = [case.reference]
        ids.append(f"Crime ref {case.crime_reference}" if case.crime_reference
                   else "No crime reference yet")
        ids.append(vocab.label(vocab.OFFENCE_CATEGORIES, case.offence_category))
        self.ids_label.setText(" · ".join(ids))
        self.rights_label.setText(rights.describe())
        closed = case.status == "closed"
        self.status_label.setText(f"CLOSED {format_datetime(case.closed_at)}" if closed
                                  else "Open")
        style = _CLOSED_STYLE if closed else _OPEN_STYLE
        if self.status_label.styleSheet() != style:  # setting it again restyles the label
            self.status_label.setStyleSheet(style)
        self.banner.show_rules(case.safe_contact)
        self.setWindowTitle(f"{case.reference} — victimcare")
        description = rights.describe()
        # In the order the tabs were added.
        self._tab_drawers = [
            lambda: self._show_overview(case, description),
            lambda: self._show_log(case),
            lambda: self._show_care_plan(case),
            lambda: self._show_commitments(case),
            lambda: self._show_events(case),
        ]
        self._stale_tabs = set(range(len(self._tab_drawers)))
        if only_in_front:
            self._draw_tab(self.tabs.currentIndex())
        else:
            for index in range(len(self._tab_drawers)):
                self._draw_tab(index)
        self.close_button.setEnabled(case.status == "open")

    def _draw_tab(self, index: int) -> None:
        if index in self._stale_tabs:
            self._stale_tabs.discard(index)
            self._tab_drawers[index]()

    def _show_overview(self, case: Case, rights: str) -> None:
        victim, safe, agreement = case.victim, case.safe_contact, case.agreement
        values = {
            "Name": victim.full_name,
            "Preferred name": victim.preferred_name or "—",
            "Date of birth": self._dob_words(case),
            "Address": ", ".join(p for p in (victim.address, victim.postcode) if p) or "—",
            "Phones": "\n".join(f"{p.number} ({p.label})" if p.label else p.number
                                for p in victim.phones) or "—",
            "Email": victim.email or "—",
            "Language": victim.language or "—",
            "Interpreter": (f"Needed ({victim.interpreter_language or victim.language})"
                            if victim.interpreter_needed else "Not needed"),
            "Communication needs": victim.communication_needs or "None recorded",
            "Voicemail": _yes_no_asked(safe.voicemail_ok, "Safe to leave", "NO voicemail"),
            "Texts": _yes_no_asked(safe.texts_ok, "Safe to text", "NO texts"),
            "Letters": _yes_no_asked(safe.letters_ok, "Safe to send", "NO letters"),
            "Email contact": _yes_no_asked(safe.email_ok, "Safe to email", "NO email"),
            "Safe times": (f"{safe.call_from}-{safe.call_until} only"
                           if safe.call_from and safe.call_until else "Any time"),
            "Suspect": ("LIVES WITH THE VICTIM" if safe.suspect_lives_with else
                        "Lives nearby" if safe.suspect_lives_near else "Not known to live nearby"),
            "Safe-contact notes": safe.notes or "—",
            "Agreement": agreement_words(case).removeprefix("Agreed contact: "),
            "Start": format_date(commitment_rules.agreement_start_day(case)),
            "Agreement notes": agreement.notes or "—",
            "Rights": rights,
            "Vulnerability": self._vulnerability_words(case),
            "Persistently targeted": "Yes" if case.persistently_targeted else "No",
            "Offence": vocab.label(vocab.OFFENCE_CATEGORIES, case.offence_category),
            "Offence date": format_date(case.offence_date) or "Not known",
            "Crime reference": case.crime_reference or "—",
            "Opened": format_datetime(case.opened_at),
            "Victims' Code": case.code_version,
            "Case notes": case.notes or "—",
            **self._owed_words(case),
            "Closure": (f"Closed {format_datetime(case.closed_at)}: {case.closure_reason}. "
                        f"Retention review {format_date(case.retention_review_date)}"
                        if case.status == "closed" else "Open"),
        }
        for caption, label in self.overview_values.items():
            label.setText(values[caption])

    def _owed_words(self, case: Case) -> dict[str, str]:
        """The earliest open commitment with its due date and time, and what else is open.
        From the commitments the case already holds: no query of its own."""
        at = clock.now()
        nearest = commitment_rules.due_next(case.commitments)
        label = self.overview_values["Due next"]
        overdue = nearest is not None and nearest.status(at) == "overdue"
        style = "QLabel { color: #8c1d18; font-weight: 700; }" if overdue else ""
        if label.styleSheet() != style:
            label.setStyleSheet(style)
        if nearest is None:
            return {"Due next": "Nothing is owed on this case.", "Still open": "None"}
        kind = vocab.label(vocab.COMMITMENT_KINDS, nearest.kind)
        due_next = (f"{nearest.reason} ({kind}): due {due_at_words(nearest.due_at)}, "
                    f"{due_in_words(nearest.due_at, '', at)}")
        counts: dict[str, int] = {}
        for commitment in case.commitments:
            if commitment_rules.is_open(commitment):
                status = commitment.status(at)
                counts[status] = counts.get(status, 0) + 1
        still_open = ", ".join(f"{counts[s]} {STATUS_WORDS[s].lower()}"
                               for s in ("overdue", "due") if counts.get(s))
        return {"Due next": due_next, "Still open": still_open.capitalize()}

    @staticmethod
    def _vulnerability_words(case: Case) -> str:
        found = [vocab.label(vocab.VULNERABILITY_FLAGS, f) for f in case.victim.vulnerability_flags]
        if under_18_at_offence(case):
            found.insert(0, "Under 18 at the time of the offence")
        return ", ".join(found) or "None recorded"

    @staticmethod
    def _dob_words(case: Case) -> str:
        born = case.victim.date_of_birth
        if born is None:
            return "Not known"
        age = age_on(born, london(clock.now()).date())
        return f"{format_date(born)} (age {age})"

    def _successful(self, contact: Contact) -> bool:
        assert self.case is not None
        return commitment_rules.is_successful(contact, self.case)

    def _show_log(self, case: Case) -> None:
        selected = self.selected_contact_id()
        self.log_model.set_case(case)
        header = self.log_tree.header()
        bold = QFont(self.font())
        bold.setBold(True)
        wide = QFontMetrics(bold)
        indent = self.log_tree.indentation()
        # Fixed widths for the short columns, so the narrative gets what is left.
        for column, sample in enumerate(("00/00/0000 00:00", "Contact made · amended",
                                         "Text message", "Parent or guardian",
                                         "Voicemail left (attempt)",
                                         "Investigation update")):
            extra = 2 * indent if column == 0 else 0  # room for the branch and a child row
            header.resizeSection(column, wide.horizontalAdvance(sample) + 16 + extra)
        made = sum(1 for c in case.contacts if self._successful(c))
        attempts = len(case.contacts) - made
        self.log_summary.setText(f"{len(case.contacts)} entries: {made} contacts made, "
                                 f"{attempts} attempts. Attempts are shown in italics.")
        self.log_detail.setPlainText("")
        if selected is not None:
            self.select_contact(selected)
        self.amend_button.setEnabled(bool(case.contacts))

    def _show_log_detail(self, current: QModelIndex, _previous: object = None) -> None:
        contact = self._contact(current.data(ID_ROLE)) if current.isValid() else None
        if contact is None:
            self.log_detail.setPlainText("")
            return
        kind = "CONTACT MADE" if self._successful(contact) else "ATTEMPT (meets nothing)"
        if contact.amendments:
            text = (f"{kind}\n\nAS IT NOW READS\n{entry_text(contact.current, self.case)}\n\n"
                    + history_text(contact, self.case))
        else:
            text = (f"{kind} (recorded {format_datetime(contact.recorded_at)})\n"
                    + entry_text(contact, self.case))
        self.log_detail.setPlainText(text)

    def _show_care_plan(self, case: Case) -> None:
        plan = case.care_plan
        self.review_label.setText(
            f"Review by {format_date(plan.review_date)}" if plan.review_date
            else "No review date set")
        if plan.notes:
            self.review_label.setText(self.review_label.text() + f" · {plan.notes}")
        self.needs_model.set_case(case)
        self.actions_model.set_case(case)
        self.referrals_model.set_case(case)
        for table in (self.needs_table, self.actions_table, self.referrals_table):
            self._fit_columns(table)

    def _show_commitments(self, case: Case) -> None:
        self.commitments_model.set_case(case)
        self._fit_columns(self.commitments_table, widest=420)
        at = clock.now()
        counts: dict[str, int] = {}
        for commitment in case.commitments:
            status = commitment.status(at)
            counts[status] = counts.get(status, 0) + 1
        parts = [f"{counts[s]} {STATUS_WORDS[s].lower()}" for s in STATUS_WORDS if counts.get(s)]
        self.commitments_summary.setText(", ".join(parts).capitalize() if parts
                                         else "Nothing is owed on this case.")
        self._enable_commitment_buttons()

    def _show_events(self, case: Case) -> None:
        self.events_model.set_case(case)
        self._fit_columns(self.events_table, widest=420)
        self.events_summary.setText(f"{len(case.events)} events, newest first."
                                    if case.events else "No events recorded yet.")

    def _enable_commitment_buttons(self) -> None:
        commitment = self.selected_commitment()
        is_open = commitment is not None and commitment_rules.is_open(commitment)
        self.meet_button.setEnabled(is_open)
        self.waive_button.setEnabled(is_open)

    # -- selection -------------------------------------------------------------------------
    def _contact(self, contact_id: int | None) -> Contact | None:
        if self.case is None or contact_id is None:
            return None
        return next((c for c in self.case.contacts if c.id == contact_id), None)

    def selected_contact_id(self) -> int | None:
        index = self.log_tree.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def select_contact(self, contact_id: int) -> None:
        for row in range(self.log_model.rowCount()):
            index = self.log_model.index(row, 0)
            if index.data(ID_ROLE) == contact_id:
                self.log_tree.setCurrentIndex(index)
                return

    def selected_commitment(self) -> Commitment | None:
        index = self.commitments_table.currentIndex()
        if self.case is None or not index.isValid():
            return None
        commitment_id = index.data(ID_ROLE)
        return next((c for c in self.case.commitments if c.id == commitment_id), None)

    def select_commitment(self, commitment_id: int) -> None:
        for row in range(self.commitments_model.rowCount()):
            index = self.commitments_model.index(row, 0)
            if index.data(ID_ROLE) == commitment_id:
                self.commitments_table.setCurrentIndex(index)
                return

    @staticmethod
    def _selected_id(table: QTableView) -> int | None:
        index = table.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    # -- actions ---------------------------------------------------------------------------
    def _open(self, dialog: FormDialog, signal, after: Callable[[], None] | None = None) -> FormDialog:
        if self.dialog is not None and self.dialog.isVisible():
            dialog.deleteLater()  # built but never shown: it must not linger holding the case
            self.dialog.raise_()
            self.dialog.activateWindow()
            return self.dialog  # type: ignore[return-value]
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        signal.connect(lambda *_: (after or self._saved)())
        dialog.finished.connect(lambda _result, d=dialog: self._forget(d))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _forget(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def _saved(self) -> None:
        if self.case is not None:
            self._show(only_in_front=True)
        self.changed.emit()

    def log_contact(self, preselect_commitment_id: int | None = None) -> LogContactDialog | None:
        if self.case is None:
            return None
        dialog = LogContactDialog(self.db, self.case, self,
                                  preselect_commitment_id=preselect_commitment_id)
        return self._open(dialog, dialog.contact_logged)  # type: ignore[return-value]

    def record_event(self) -> EventDialog | None:
        if self.case is None:
            return None
        dialog = EventDialog(self.db, self.case, self)
        return self._open(dialog, dialog.event_recorded)  # type: ignore[return-value]

    def edit_victim(self) -> VictimDialog | None:
        if self.case is None:
            return None
        dialog = VictimDialog(self.db, self.case, self)

        def adopt() -> None:
            self.case = dialog.case
            self._saved()
        return self._open(dialog, dialog.case_saved, adopt)  # type: ignore[return-value]

    def close_case(self) -> CloseCaseDialog | None:
        if self.case is None or self.case.status != "open":
            return None
        dialog = CloseCaseDialog(self.db, self.case, self)
        return self._open(dialog, dialog.case_closed)  # type: ignore[return-value]

    def amend_selected_contact(self) -> AmendContactDialog | None:
        contact = self._contact(self.selected_contact_id())
        if contact is None:
            if self.case and self.case.contacts:
                self.log_tree.setFocus()
                self.log_summary.setText("Select the entry to amend first.")
            return None
        dialog = AmendContactDialog(self.db, self.case, contact, self)
        return self._open(dialog, dialog.contact_amended)  # type: ignore[return-value]

    def add_need(self) -> NeedDialog | None:
        if self.case is None:
            return None
        dialog = NeedDialog(self.db, self.case, parent=self)
        return self._open(dialog, dialog.saved)  # type: ignore[return-value]

    def edit_need(self) -> NeedDialog | None:
        need_id = self._selected_id(self.needs_table)
        need = next((n for n in self.case.care_plan.needs if n.id == need_id), None) \
            if self.case else None
        if need is None:
            return None
        dialog = NeedDialog(self.db, self.case, need, self)
        return self._open(dialog, dialog.saved)  # type: ignore[return-value]

    def add_action(self) -> ActionDialog | None:
        if self.case is None:
            return None
        dialog = ActionDialog(self.db, self.case, parent=self)
        return self._open(dialog, dialog.saved)  # type: ignore[return-value]

    def edit_action(self) -> ActionDialog | None:
        action_id = self._selected_id(self.actions_table)
        action = next((a for a in self.case.care_plan.actions if a.id == action_id), None) \
            if self.case else None
        if action is None:
            return None
        dialog = ActionDialog(self.db, self.case, action, self)
        return self._open(dialog, dialog.saved)  # type: ignore[return-value]

    def add_referral(self) -> ReferralDialog | None:
        if self.case is None:
            return None
        dialog = ReferralDialog(self.db, self.case, parent=self)
        return self._open(dialog, dialog.saved)  # type: ignore[return-value]

    def edit_referral(self) -> ReferralDialog | None:
        referral_id = self._selected_id(self.referrals_table)
        referral = next((r for r in self.case.care_plan.referrals if r.id == referral_id),
                        None) if self.case else None
        if referral is None:
            return None
        dialog = ReferralDialog(self.db, self.case, referral, self)
        return self._open(dialog, dialog.saved)  # type: ignore[return-value]

    def set_review_date(self) -> ReviewDateDialog | None:
        if self.case is None:
            return None
        dialog = ReviewDateDialog(self.db, self.case, self)
        return self._open(dialog, dialog.saved)  # type: ignore[return-value]

    def add_promise(self) -> PromiseDialog | None:
        if self.case is None:
            return None
        dialog = PromiseDialog(self.db, self.case, self)
        return self._open(dialog, dialog.promise_added)  # type: ignore[return-value]

    def waive_selected(self) -> WaiveDialog | None:
        commitment = self.selected_commitment()
        if commitment is None or not commitment_rules.is_open(commitment):
            return None
        dialog = WaiveDialog(self.db, self.case, commitment, self)
        return self._open(dialog, dialog.waived)  # type: ignore[return-value]

    def meet_selected(self) -> LogContactDialog | MeetByEntryDialog | None:
        """A commitment is met by a contact. A promise kept in a conversation already logged
        is marked met by that entry (the call is not logged twice); otherwise the officer logs
        the contact, with this commitment ticked."""
        commitment = self.selected_commitment()
        if commitment is None or not commitment_rules.is_open(commitment) or self.case is None:
            return None
        entries = commitments.entries_that_could_meet(self.case, commitment)
        if not entries:
            return self.log_contact(preselect_commitment_id=commitment.id)
        dialog = MeetByEntryDialog(self.db, self.case, commitment, entries, self)
        dialog.log_new_requested.connect(
            lambda commitment_id: self.log_contact(preselect_commitment_id=commitment_id))
        return self._open(dialog, dialog.met)  # type: ignore[return-value]

    # -- locking ---------------------------------------------------------------------------
    def clear_personal_data(self) -> None:
        """Empty every widget and model that holds anything about the victim or the case.
        The lock calls this before it deletes the view."""
        # The drawers of tabs not yet redrawn hold the case itself.
        self._stale_tabs.clear()
        self._tab_drawers = []
        for dialog in self.findChildren(QDialog):
            if isinstance(dialog, FormDialog):
                dialog.discard()
            else:
                dialog.reject()
            clear_widget_text(dialog)
            for label in dialog.findChildren(QLabel):
                label.setText("")
            for button in dialog.findChildren(QAbstractButton):
                if button.accessibleName().startswith("Meets:"):
                    button.setText("")
            dialog.setWindowTitle("")
            dialog.setParent(None)  # out of the view's tree at once; deleted by the event loop
            dialog.deleteLater()
        self.dialog = None
        self.case = None
        for model in (self.log_model, self.commitments_model, self.events_model,
                      self.needs_model, self.actions_model, self.referrals_model):
            model.clear()
        for label in self.findChildren(QLabel):
            if label.buddy() is None and label not in self._caption_labels():
                label.setText("")
                label.setToolTip("")
                label.setAccessibleDescription("")
        self.banner.clear_rules()
        clear_widget_text(self)
        self.setWindowTitle("victimcare")
        for button in (self.log_button, self.event_button, self.edit_button, self.close_button):
            button.setEnabled(False)
        self.log_shortcut.setEnabled(False)

    def _caption_labels(self) -> set[QLabel]:
        """The fixed captions of the overview ('Name:'), which hold no personal data."""
        captions = set()
        for form in self.overview_page.findChildren(QFormLayout):
            for row in range(form.rowCount()):
                item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
                if item is not None and isinstance(item.widget(), QLabel):
                    captions.add(item.widget())
        return captions
