"""Small input widgets shared by the dialogs."""

from victimcare.views.widgets.when_edit import DateEdit, WhenEdit

__all__ = ["DateEdit", "WhenEdit"]
