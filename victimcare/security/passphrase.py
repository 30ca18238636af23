"""How strong is a new passphrase? zxcvbn's estimate, not hand-made rules."""

from __future__ import annotations

MIN_LENGTH = 12
# zxcvbn scores 0-4; 3 is "safely unguessable: moderate protection from offline attack",
# which is the attack that matters for a stolen laptop.
MIN_SCORE = 3


def weakness(passphrase: str, context: list[str] | None = None) -> str | None:
    """A plain sentence saying why the passphrase is too weak, or None when it will do.

    `context` holds words the passphrase must not lean on (the officer's name, team).
    """
    if len(passphrase) < MIN_LENGTH:
        return f"Use at least {MIN_LENGTH} characters: a few unrelated words work well."
    if passphrase.strip() != passphrase:
        return "The passphrase must not start or end with a space."
    # zxcvbn's cost grows with length; beyond 100 characters it is strong by any measure.
    from zxcvbn import zxcvbn  # its dictionaries take a while to load: only when asked

    words = [word.lower() for phrase in (context or []) for word in phrase.split() if word]
    result = zxcvbn(passphrase[:100], user_inputs=words)
    if result["score"] >= MIN_SCORE:
        return None
    feedback = result.get("feedback") or {}
    advice = [feedback.get("warning") or "This passphrase would be easy to guess."]
    advice.extend(feedback.get("suggestions") or [])
    return " ".join(a.rstrip(".") + "." for a in advice if a)


class PassphraseRejected(ValueError):
    """A new passphrase that is too weak to protect the store."""


def check_new_passphrase(passphrase: str, repeated: str | None = None,
                         context: list[str] | None = None) -> None:
    """Refuse a new passphrase that does not match its repeat or is too weak, saying why."""
    if repeated is not None and passphrase != repeated:
        raise PassphraseRejected("The two passphrases do not match.")
    problem = weakness(passphrase, context)
    if problem:
        raise PassphraseRejected(problem)
