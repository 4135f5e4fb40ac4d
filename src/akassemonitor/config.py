"""Configuration: the defaults of SPEC §1, overridable by one toml file.

Example ``akassemonitor.toml`` (every key optional)::

    trial_start = "2020M09"
    min_full_period_days = 77
    akasser = ["3F-A", "BUPL-A", "Dansk Metal", "FOA-A", "FTF-A", "HK-A", "MA-A", "Min-A", "SL-A"]

    [focus]
    min_job_conversations = 2
    target_share = 0.85
    excluded_months = "2021M01..2021M06"   # or a list of months / spans

    [disclosure]
    threshold = 2
    mode = "secondary"          # or "primary" (STAR's rule only; it leaks)
    protection_width = 3        # default threshold + 1

    [privacy]
    key_file = "/secure/akassemonitor.key"   # or set AKASSEMONITOR_PSEUDONYM_KEY
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from akassemonitor.months import Month, MonthError, parse_month_span

DEFAULT_AKASSER: tuple[str, ...] = (
    "3F-A",
    "BUPL-A",
    "Dansk Metal",
    "FOA-A",
    "FTF-A",
    "HK-A",
    "MA-A",
    "Min-A",
    "SL-A",
)
ALLE = "ALLE"
SUPPRESSION_MODES = ("primary", "secondary")


class ConfigError(ValueError):
    """A configuration file or value that cannot be used; the message says how to fix it."""


@dataclass(frozen=True)
class FocusConfig:
    min_job_conversations: int = 2
    target_share: float = 0.85
    excluded_months: tuple[Month, ...] = tuple(parse_month_span("2021M01..2021M06"))


@dataclass(frozen=True)
class DisclosureConfig:
    threshold: int = 2
    mode: str = "secondary"
    protection_width: int | None = None  # None: threshold + 1

    @property
    def width(self) -> int:
        """The attacker interval every suppressed cell must keep (never below 1)."""
        if self.protection_width is None:
            return self.threshold + 1
        return max(1, self.protection_width)


@dataclass(frozen=True)
class PrivacyConfig:
    key_file: Path | None = None
    key_env: str = "AKASSEMONITOR_PSEUDONYM_KEY"


@dataclass(frozen=True)
class Config:
    trial_start: Month = Month(2020, 9)
    min_full_period_days: int = 77
    akasser: tuple[str, ...] = DEFAULT_AKASSER
    focus: FocusConfig = field(default_factory=FocusConfig)
    disclosure: DisclosureConfig = field(default_factory=DisclosureConfig)
    privacy: PrivacyConfig = field(default_factory=PrivacyConfig)

    @property
    def akasser_and_alle(self) -> tuple[str, ...]:
        return (*self.akasser, ALLE)

    def with_mode(self, mode: str | None) -> Config:
        """The same configuration with another suppression mode (CLI override)."""
        if mode is None:
            return self
        if mode not in SUPPRESSION_MODES:
            raise ConfigError(
                f"--suppression must be {' or '.join(SUPPRESSION_MODES)}, got {mode!r}"
            )
        return replace(self, disclosure=replace(self.disclosure, mode=mode))


_TOP_KEYS = {"trial_start", "min_full_period_days", "akasser", "focus", "disclosure", "privacy"}
_FOCUS_KEYS = {"min_job_conversations", "target_share", "excluded_months"}
_DISCLOSURE_KEYS = {"threshold", "mode", "protection_width"}
_PRIVACY_KEYS = {"key_file", "key_env"}


def load_config(path: Path | None) -> Config:
    """Defaults, overridden by the toml file at ``path`` when given."""
    if path is None:
        return Config()
    try:
        raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found; check the --config path") from None
    except IsADirectoryError:
        raise ConfigError(
            f"{path} is a folder; --config needs the path of the akassemonitor.toml file itself"
        ) from None
    except PermissionError:
        raise ConfigError(
            f"{path}: permission denied; give the user running akassemonitor read access"
        ) from None
    except UnicodeDecodeError as exc:
        line = exc.object[: exc.start].count(b"\n") + 1
        raise ConfigError(
            f"{path} is not UTF-8 text (an invalid byte on line {line}); save the config "
            "file as UTF-8"
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc}); fix the syntax") from None
    try:
        return config_from_dict(raw)
    except ConfigError as exc:
        raise ConfigError(f"{path}: {exc}") from None


def config_from_dict(raw: dict[str, Any]) -> Config:
    _reject_unknown(raw, _TOP_KEYS, "")
    base = Config()
    focus_raw = _section(raw, "focus", _FOCUS_KEYS)
    disclosure_raw = _section(raw, "disclosure", _DISCLOSURE_KEYS)
    privacy_raw = _section(raw, "privacy", _PRIVACY_KEYS)

    focus = FocusConfig(
        min_job_conversations=_int(
            focus_raw, "focus.min_job_conversations", base.focus.min_job_conversations, minimum=1
        ),
        target_share=_share(focus_raw, "focus.target_share", base.focus.target_share),
        excluded_months=_months(
            focus_raw.get("excluded_months"), "focus.excluded_months", base.focus.excluded_months
        ),
    )
    mode = disclosure_raw.get("mode", base.disclosure.mode)
    if mode not in SUPPRESSION_MODES:
        raise ConfigError(f"disclosure.mode must be one of {SUPPRESSION_MODES}, got {mode!r}")
    width = disclosure_raw.get("protection_width")
    if width is not None:
        width = _int(disclosure_raw, "disclosure.protection_width", 0, minimum=1)
    disclosure = DisclosureConfig(
        threshold=_int(
            disclosure_raw, "disclosure.threshold", base.disclosure.threshold, minimum=0
        ),
        mode=mode,
        protection_width=width,
    )
    key_file = privacy_raw.get("key_file")
    privacy = PrivacyConfig(
        key_file=Path(key_file) if key_file else None,
        key_env=str(privacy_raw.get("key_env", base.privacy.key_env)),
    )
    akasser = raw.get("akasser", list(base.akasser))
    if (
        not isinstance(akasser, list)
        or not akasser
        or not all(isinstance(a, str) and a.strip() for a in akasser)
    ):
        raise ConfigError("akasser must be a non-empty list of a-kasse codes")
    if len(set(akasser)) != len(akasser) or ALLE in akasser:
        raise ConfigError(f"akasser must be distinct codes, and {ALLE!r} is reserved")
    trial_start_raw = raw.get("trial_start", str(base.trial_start))
    try:
        trial_start = Month.parse(str(trial_start_raw))
    except MonthError as exc:
        raise ConfigError(f"trial_start: {exc}") from None
    return Config(
        trial_start=trial_start,
        min_full_period_days=_int(
            raw, "min_full_period_days", base.min_full_period_days, minimum=1
        ),
        akasser=tuple(akasser),
        focus=focus,
        disclosure=disclosure,
        privacy=privacy,
    )


def _reject_unknown(raw: dict[str, Any], allowed: set[str], prefix: str) -> None:
    unknown = sorted(set(raw) - allowed)
    if unknown:
        names = ", ".join(f"{prefix}{k}" for k in unknown)
        known = ", ".join(f"{prefix}{k}" for k in sorted(allowed))
        raise ConfigError(f"unknown key(s) {names}; known keys are {known}")


def _section(raw: dict[str, Any], name: str, allowed: set[str]) -> dict[str, Any]:
    section = raw.get(name, {})
    if not isinstance(section, dict):
        raise ConfigError(f"[{name}] must be a table")
    _reject_unknown(section, allowed, f"{name}.")
    return section


def _int(raw: dict[str, Any], name: str, default: int, *, minimum: int) -> int:
    value = raw.get(name.rsplit(".", 1)[-1], default)
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ConfigError(f"{name} must be a whole number ≥ {minimum}, got {value!r}")
    return value


def _share(raw: dict[str, Any], name: str, default: float) -> float:
    value = raw.get(name.rsplit(".", 1)[-1], default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise ConfigError(f"{name} must be a fraction between 0 and 1, got {value!r}")
    return float(value)


def _months(value: Any, name: str, default: tuple[Month, ...]) -> tuple[Month, ...]:
    if value is None:
        return default
    spans = [value] if isinstance(value, str) else value
    if not isinstance(spans, list) or not all(isinstance(s, str) for s in spans):
        raise ConfigError(f"{name} must be a month span like '2021M01..2021M06' or a list of them")
    months: set[Month] = set()
    for span in spans:
        try:
            months.update(parse_month_span(span))
        except MonthError as exc:
            raise ConfigError(f"{name}: {exc}") from None
    return tuple(sorted(months))
