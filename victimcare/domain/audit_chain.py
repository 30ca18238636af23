"""The audit log's hash chain: each row's hash covers its fields and the row before's hash,
so a row removed, inserted or altered after it was written shows as a break."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from victimcare.domain.model import AuditEntry
from victimcare.domain.timeutil import to_storage


def entry_hash(entry: AuditEntry) -> str:
    # Unit separators keep field boundaries unambiguous whatever the text holds.
    canonical = "\x1f".join(
        [entry.prev_hash, to_storage(entry.at), entry.officer, entry.action,
         entry.case_reference, entry.detail]
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


FINGERPRINT_HEX_DIGITS = 16  # 64 bits of the newest row's hash: enough to name it for ever


@dataclass(frozen=True)
class Fingerprint:
    """The newest audit row, as printed on paper and in exports: `Audit fingerprint: N:HEX`.

    Paper in a case file is kept outside the database; a fingerprint read back from it pins
    the log as it stood then (a row rewritten or removed before N no longer matches)."""

    entry_id: int
    hash_prefix: str

    def __str__(self) -> str:
        return f"{self.entry_id}:{self.hash_prefix}"

    @property
    def label(self) -> str:
        return f"Audit fingerprint: {self}"

    @classmethod
    def of(cls, entry: AuditEntry | None) -> Fingerprint:
        if entry is None or entry.id is None:
            return cls(0, "0" * FINGERPRINT_HEX_DIGITS)
        return cls(entry.id, entry.hash[:FINGERPRINT_HEX_DIGITS])

    @classmethod
    def parse(cls, text: str) -> Fingerprint:
        """'N:HEX' (HEX at least 16 hex digits), or ValueError saying what is wrong."""
        number, sep, digits = text.strip().removeprefix("Audit fingerprint:").strip().partition(":")
        if not sep or not number.isdigit() or int(number) < 1:
            raise ValueError("an audit fingerprint is N:HEX, for example 412:9f2c4e1a0b7d3e55")
        digits = digits.lower()
        if len(digits) < FINGERPRINT_HEX_DIGITS or any(c not in "0123456789abcdef" for c in digits):
            raise ValueError(f"the part after ':' must be at least {FINGERPRINT_HEX_DIGITS} "
                             "hexadecimal digits")
        return cls(int(number), digits)

    def matches(self, entry: AuditEntry | None) -> bool:
        return (entry is not None and entry.id == self.entry_id
                and entry.hash.lower().startswith(self.hash_prefix))


@dataclass
class ChainBreak:
    entry_id: int
    problem: str


def first_break(entries: Iterable[AuditEntry]) -> ChainBreak | None:
    """The first row whose hash or link does not match, or None when the chain is whole."""
    previous = ""
    for entry in entries:
        if entry.prev_hash != previous:
            return ChainBreak(entry.id or 0, "does not follow the row before it (a row was removed or changed)")
        if entry_hash(entry) != entry.hash:
            return ChainBreak(entry.id or 0, "has been altered since it was written")
        previous = entry.hash
    return None
