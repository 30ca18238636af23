"""Reading an export's JSON: strictly (no repeated keys, no NaN), and value by value, each
problem named by its JSON path so the officer can find it in the file."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

from victimcare.domain.timeutil import london
from victimcare.domain.validation import Problem
from victimcare.services.transfer.fields import OFFICER_FIELDS, Spec

# Enough to act on without burying the first problem; the count of the rest is given.
_PROBLEMS_SHOWN = 10


class ImportRejected(ValueError):
    """The document cannot be imported and nothing was written.

    The message names the source, then each problem as `JSON path: what is wrong`.
    """

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = list(problems)
        shown = self.problems[:_PROBLEMS_SHOWN]
        text = "; ".join(shown)
        rest = len(self.problems) - len(shown)
        if rest:
            text += f"; and {rest} more problem{'s' if rest > 1 else ''}"
        if not text.endswith("."):
            text += "."
        super().__init__(f"{source}: {text}")


class _RepeatedKey(ValueError):
    pass


class _NotANumber(ValueError):
    pass


def _refuse_repeated_keys(pairs: list[tuple[str, Any]]) -> dict:
    # json.loads would keep the last of two equal keys and silently drop the first.
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _RepeatedKey(key)
        result[key] = value
    return result


def _refuse_constant(name: str) -> Any:
    raise _NotANumber(name)


def load_json(text: str, source: str) -> Any:
    try:
        return json.loads(text, object_pairs_hook=_refuse_repeated_keys,
                          parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise ImportRejected(source, [
            f"is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"]) from None
    except _RepeatedKey as exc:
        raise ImportRejected(source, [
            f"is not a usable export: the field '{exc}' appears twice in one object"]) from None
    except _NotANumber as exc:
        raise ImportRejected(source, [
            f"is not valid JSON: {exc} is not a number JSON allows"]) from None
    except RecursionError:
        raise ImportRejected(source, ["is not a usable export: it is nested too deeply"]) from None


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_TIME_START = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", re.ASCII)
_SURROGATE = re.compile("[\ud800-\udfff]")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MISSING = object()


def describe(value: Any) -> str:
    """A JSON value as a person would recognise it in a message."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."


def join_path(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _within(inner: str, outer: str) -> bool:
    return inner == outer or inner.startswith(outer + ".") or inner.startswith(outer + "[")


class Reader:
    """Reads a document into the case model, noting each problem with its JSON path.

    A value that is missing or of the wrong type is replaced by a harmless stand-in so reading
    can go on and find the other problems; a second complaint about the same place (or inside
    a place already found wrong) is left out, so each mistake is reported once.
    """

    def __init__(self) -> None:
        self.problems: list[tuple[str, str]] = []

    def problem(self, path: str, message: str) -> None:
        for seen, _ in self.problems:
            if _within(path, seen) or _within(seen, path):
                return
        self.problems.append((path, message))

    def domain_problems(self, path: str, problems: Iterable[Problem]) -> None:
        for found in problems:
            # validation.py names a list's field for any bad item in it; point at the item.
            self.problem(join_path(path, found.field), found.message.rstrip("."))

    # -- containers -------------------------------------------------------------------------
    def object(self, value: Any, path: str, what: str, allowed: Iterable[str]) -> dict | None:
        if not isinstance(value, dict):
            self.problem(path, f"should be an object describing {what}, not {describe(value)}")
            return None
        allowed = set(allowed)
        for key in value:
            if key not in allowed:
                self.problem(join_path(path, key), f"is not a field of {what}")
        return value

    def member(self, obj: dict, path: str, name: str) -> Any:
        if name not in obj:
            self.problem(join_path(path, name), "is missing")
            return MISSING
        return obj[name]

    def child(self, obj: dict, path: str, name: str, what: str,
              allowed: Iterable[str]) -> dict | None:
        value = self.member(obj, path, name)
        if value is MISSING:
            return None
        return self.object(value, join_path(path, name), what, allowed)

    def items(self, obj: dict, path: str, name: str) -> list:
        value = self.member(obj, path, name)
        if value is MISSING:
            return []
        if not isinstance(value, list):
            self.problem(join_path(path, name), f"should be a list, not {describe(value)}")
            return []
        return value

    # -- plain values ------------------------------------------------------------------------
    def fields(self, obj: dict | None, path: str, spec: Spec) -> dict[str, Any]:
        if obj is None:
            return {attr: _STAND_IN[kind] for _, attr, kind in spec}
        return {attr: self.value(obj, path, name, kind) for name, attr, kind in spec}

    def value(self, obj: dict, path: str, name: str, kind: str) -> Any:
        where = join_path(path, name)
        raw = self.member(obj, path, name)
        if raw is MISSING:
            return _STAND_IN[kind]
        if raw is None and kind.endswith("?"):
            return None
        reader = getattr(self, "_" + kind.rstrip("?"))
        return reader(raw, where, kind.endswith("?"))

    def _wrong(self, where: str, expected: str, nullable: bool, raw: Any, stand_in: Any) -> Any:
        self.problem(where, f"should be {expected}{' or null' if nullable else ''}, "
                            f"not {describe(raw)}")
        return stand_in

    def _text(self, raw: Any, where: str, nullable: bool) -> str:
        if not isinstance(raw, str):
            return self._wrong(where, "text", nullable, raw, "")
        if _SURROGATE.search(raw):
            # JSON can spell half a character ("\ud800"); the store cannot hold it.
            self.problem(where, "holds an unpaired surrogate escape, which is not text")
            return ""
        return raw

    def _bool(self, raw: Any, where: str, nullable: bool) -> bool:
        if not isinstance(raw, bool):
            return self._wrong(where, "true or false", nullable, raw, False)
        return raw

    def _int(self, raw: Any, where: str, nullable: bool) -> int:
        if isinstance(raw, bool) or not isinstance(raw, int):
            return self._wrong(where, "a whole number", nullable, raw, None)
        return raw

    def _date(self, raw: Any, where: str, nullable: bool) -> date | None:
        if not isinstance(raw, str):
            return self._wrong(where, "a date (YYYY-MM-DD)", nullable, raw, None)
        try:
            if not _DATE.fullmatch(raw):
                raise ValueError
            return date.fromisoformat(raw)
        except ValueError:
            self.problem(where, f"'{raw}' is not a date (YYYY-MM-DD)")
            return None

    def _time(self, raw: Any, where: str, nullable: bool) -> datetime | None:
        example = "e.g. 2026-03-01T14:00:00+00:00"
        stand_in = None if nullable else _EPOCH
        if not isinstance(raw, str):
            return self._wrong(where, f"a time ({example})", nullable, raw, stand_in)
        try:
            if not _TIME_START.match(raw):
                raise ValueError
            moment = datetime.fromisoformat(raw)
        except ValueError:
            self.problem(where, f"'{raw}' is not a time (ISO 8601 with offset, {example})")
            return stand_in
        if moment.tzinfo is None or moment.utcoffset() is None:
            self.problem(where, f"'{raw}' has no UTC offset: add one (e.g. +00:00) so the "
                                "moment is unambiguous")
            return stand_in
        try:
            moment = moment.astimezone(UTC)
            london(moment)  # the app shows every time in London: it must be showable
        except (OverflowError, ValueError):
            self.problem(where, f"'{raw}' is out of range")
            return stand_in
        return moment

    def _words(self, raw: Any, where: str, nullable: bool) -> list[str]:
        if not isinstance(raw, list):
            return self._wrong(where, "a list of words", nullable, raw, [])
        return [self._text(item, f"{where}[{i}]", False) for i, item in enumerate(raw)]

    # -- words from a closed vocabulary validation.py does not check ---------------------
    def word(self, value: str, path: str, name: str, words: dict[str, str], what: str) -> None:
        if value not in words:
            self.problem(join_path(path, name), f"'{value}' is not a known {what}")

    # -- local keys and officers ------------------------------------------------------------
    def key(self, obj: dict, path: str, taken: dict[str, Any], what: str) -> str | None:
        raw = self.member(obj, path, "key")
        if raw is MISSING:
            return None
        key = self._text(raw, join_path(path, "key"), False)
        if not key.strip():
            self.problem(join_path(path, "key"), f"{what} needs a key (such as the one export gives)")
            return None
        if key in taken:
            self.problem(join_path(path, "key"), f"'{key}' is the key of another {what} in this "
                                             "case: keys must be unique")
            return None
        return key

    def reference(self, obj: dict, path: str, name: str, keys: dict[str, Any],
                  what: str) -> Any:
        raw = self.member(obj, path, name)
        if raw is MISSING or raw is None:
            return None
        key = self._text(raw, join_path(path, name), True)
        if key and key not in keys:
            self.problem(join_path(path, name), f"'{key}' is not the key of {what} in this case")
        return keys.get(key)

    def officer(self, obj: dict, path: str) -> tuple[str, str] | None:
        raw = self.member(obj, path, "officer")
        if raw is MISSING or raw is None:
            return None
        where = join_path(path, "officer")
        found = self.object(raw, where, "an officer", OFFICER_FIELDS)
        if found is None:
            return None
        name = self.value(found, where, "name", "text")
        staff_number = self.value(found, where, "staff_number", "text")
        if not name.strip():
            self.problem(join_path(where, "name"), "an officer needs a name")
        return (name, staff_number)


_STAND_IN: dict[str, Any] = {
    "text": "", "text?": None, "bool": False, "bool?": None, "int?": None, "date?": None,
    "time": _EPOCH, "time?": None, "words": [],
}
