"""Qt widgets: the dialogs, the windows and their item models.

Everything the officer is asked goes through `victimcare.views.ask`, so tests can answer it.
"""
