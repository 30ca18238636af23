"""Safe-contact rules in the short words an officer needs just before making contact.

A permission that was never asked counts as not safe: the short form says so rather than
staying silent.
"""

from __future__ import annotations

from datetime import datetime, time

from victimcare.domain.model import SafeContactRules
from victimcare.domain.timeutil import london

# Which permission matters for each way of making contact.
_PERMISSION_FOR_METHOD = {
    "phone": ("voicemail_ok", "no voicemail"),
    "sms": ("texts_ok", "no texts"),
    "letter": ("letters_ok", "no letters"),
    "email": ("email_ok", "no email"),
}


def _not_safe(value: bool | None, words: str) -> str | None:
    if value is True:
        return None
    return words if value is False else f"{words} (not yet asked)"


def call_window(rules: SafeContactRules) -> str | None:
    if rules.call_from and rules.call_until:
        return f"call {rules.call_from}-{rules.call_until} only"
    return None


def _clock(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def in_call_window(rules: SafeContactRules, moment: datetime) -> bool:
    """Whether `moment` (London time) falls inside the safe call window, ends included. A
    window may run past midnight (22:00-07:00); with no window every time is inside."""
    if not (rules.call_from and rules.call_until):
        return True
    start, end = _clock(rules.call_from), _clock(rules.call_until)
    local = london(moment).time().replace(second=0, microsecond=0)
    if start <= end:
        return start <= local <= end
    return local >= start or local <= end


def call_window_warning(rules: SafeContactRules, method: str, direction: str,
                        moment: datetime) -> str | None:
    """What to tell the officer when a call they make falls outside the safe call window.

    Calls and video calls to the victim only: the victim may call whenever they choose, and
    the window says nothing about letters or texts."""
    if method not in ("phone", "video") or direction != "to_victim":
        return None
    if in_call_window(rules, moment):
        return None
    return (f"{london(moment):%H:%M} is outside the safe call window "
            f"({rules.call_from}-{rules.call_until}). If the call was made then, say why "
            "in the narrative.")


def warnings(rules: SafeContactRules) -> list[str]:
    """Every restriction, most dangerous first."""
    found = []
    if rules.suspect_lives_with:
        found.append("suspect lives with the victim")
    elif rules.suspect_lives_near:
        found.append("suspect lives nearby")
    for attribute, words in _PERMISSION_FOR_METHOD.values():
        phrase = _not_safe(getattr(rules, attribute), words)
        if phrase:
            found.append(phrase)
    window = call_window(rules)
    if window:
        found.append(window)
    return found


def for_method(rules: SafeContactRules, method: str) -> list[str]:
    """The rules that matter when contacting by `method` (phone, sms, letter, email, visit)."""
    found = []
    if rules.suspect_lives_with:
        found.append("suspect lives with the victim")
    elif rules.suspect_lives_near and method in ("visit", "letter"):
        found.append("suspect lives nearby")
    if method in _PERMISSION_FOR_METHOD:
        attribute, words = _PERMISSION_FOR_METHOD[method]
        phrase = _not_safe(getattr(rules, attribute), words)
        if phrase:
            found.append(phrase)
    if method in ("phone", "video"):
        window = call_window(rules)
        if window:
            found.append(window)
    return found
