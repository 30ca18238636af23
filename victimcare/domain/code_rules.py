"""The Victims' Code rules, read from a file per Code version under resources/rules/.

Timescales live in those files, never in code: a rewritten Code is a new file.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from victimcare import config


class RulesError(ValueError):
    """A rules file is missing or malformed; the message names the file and the key."""


@dataclass(frozen=True)
class EventRule:
    kind: str
    label: str
    standard_days: int | None = None
    enhanced_days: int | None = None
    note: str = ""

    @property
    def obliges_update(self) -> bool:
        return self.standard_days is not None

    def working_days(self, enhanced: bool) -> int | None:
        return self.enhanced_days if enhanced else self.standard_days


@dataclass(frozen=True)
class CodeRules:
    code_version: str
    title: str
    in_force: date | None
    enhanced_offence_categories: frozenset[str]
    enhanced_vulnerability_flags: frozenset[str]
    persistently_targeted_enhanced: bool
    reasons: dict[str, str]
    events: dict[str, EventRule]

    def reason(self, ground: str) -> str:
        return self.reasons.get(ground, ground.replace("_", " "))

    def event_label(self, kind: str) -> str:
        rule = self.events.get(kind)
        return rule.label if rule else kind.replace("_", " ")


def rules_dir() -> Path:
    return config.resources_dir() / "rules"


def available_versions() -> list[str]:
    return sorted(path.stem for path in rules_dir().glob("*.toml"))


@lru_cache(maxsize=8)
def load_rules(code_version: str) -> CodeRules:
    path = rules_dir() / f"{code_version}.toml"
    if not path.is_file():
        raise RulesError(f"No rules file for Code version '{code_version}' ({path}).")
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise RulesError(f"{path.name}: {exc}") from None
    return parse_rules(data, path.name)


def parse_rules(data: dict, source: str) -> CodeRules:
    def need(mapping: dict, key: str, kind: type, where: str):
        if key not in mapping:
            raise RulesError(f"{source}: {where}{key} is missing")
        if not isinstance(mapping[key], kind):
            raise RulesError(f"{source}: {where}{key} should be a {kind.__name__}")
        return mapping[key]

    enhanced = need(data, "enhanced_rights", dict, "")
    events: dict[str, EventRule] = {}
    for kind, spec in need(data, "events", dict, "").items():
        where = f"events.{kind}."
        if not isinstance(spec, dict):
            raise RulesError(f"{source}: events.{kind} should be a table")
        within = spec.get("inform_within_working_days")
        standard = enhanced_days = None
        if within is not None:
            standard = need(within, "standard", int, where + "inform_within_working_days.")
            enhanced_days = need(within, "enhanced", int, where + "inform_within_working_days.")
            if standard < 1 or enhanced_days < 1:
                raise RulesError(f"{source}: {where}inform_within_working_days must be 1 or more")
        events[kind] = EventRule(kind, need(spec, "label", str, where), standard, enhanced_days,
                                 spec.get("note", ""))
    in_force = data.get("in_force")
    return CodeRules(
        code_version=need(data, "code_version", str, ""),
        title=need(data, "title", str, ""),
        in_force=in_force if isinstance(in_force, date) else None,
        enhanced_offence_categories=frozenset(
            need(enhanced, "offence_categories", list, "enhanced_rights.")),
        enhanced_vulnerability_flags=frozenset(
            need(enhanced, "vulnerability_flags", list, "enhanced_rights.")),
        persistently_targeted_enhanced=bool(enhanced.get("persistently_targeted", False)),
        reasons=dict(data.get("reasons", {})),
        events=events,
    )
