"""Safe-contact rules in the short words an officer needs just before making contact.

A permission that was never asked counts as not safe: the short form says so rather than
staying silent.
"""

from __future__ import annotations

from victimcare.domain.model import SafeContactRules

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
