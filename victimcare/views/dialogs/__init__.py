"""The case dialogs. Each is shown with `open()` and says what it saved by a signal."""

from victimcare.views.dialogs.amend_contact_dialog import AmendContactDialog
from victimcare.views.dialogs.care_plan_dialogs import (
    ActionDialog,
    NeedDialog,
    ReferralDialog,
    ReviewDateDialog,
)
from victimcare.views.dialogs.close_case_dialog import CloseCaseDialog
from victimcare.views.dialogs.commitment_dialogs import (
    MeetByEntryDialog,
    PromiseDialog,
    WaiveDialog,
)
from victimcare.views.dialogs.event_dialog import EventDialog
from victimcare.views.dialogs.log_contact_dialog import LogContactDialog
from victimcare.views.dialogs.new_case_dialog import NewCaseDialog
from victimcare.views.dialogs.victim_dialog import VictimDialog

__all__ = [
    "ActionDialog",
    "AmendContactDialog",
    "CloseCaseDialog",
    "EventDialog",
    "LogContactDialog",
    "MeetByEntryDialog",
    "NeedDialog",
    "NewCaseDialog",
    "PromiseDialog",
    "ReferralDialog",
    "ReviewDateDialog",
    "VictimDialog",
    "WaiveDialog",
]
