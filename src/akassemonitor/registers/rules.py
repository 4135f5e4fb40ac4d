"""The quarantine reasons of SPEC §7, in the fixed order in which they are tested.

A row that breaks several rules is quarantined with the first one in this order, so
every implementation records the same reason. The single-row rules come first; the
rules across rows are tested only on the rows that passed every single-row rule.
The rejects file gives a sentence with the row's own values; the texts here are the
general ones shown in the data-quality annex (English and Danish).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Reason:
    code: str  # stable, as in quality.QuarantineCount.reason
    text: str  # English; "{id}" is the register's id column
    text_da: str  # Danish, for the report's annex

    def english(self, id_column: str) -> str:
        return self.text.format(id=id_column)

    def danish(self, id_column: str) -> str:
        return self.text_da.format(id=id_column)


REASONS: tuple[Reason, ...] = (
    # Single-row rules.
    Reason("missing_id", "{id} is empty", "{id} mangler"),
    Reason("missing_person_id", "person_id is empty", "person_id mangler"),
    Reason("unknown_akasse", "akasse is not a configured a-kasse", "Ukendt a-kasse"),
    Reason(
        "unknown_slut_aarsag",
        "slut_aarsag is not a known end reason",
        "Ukendt afslutningsårsag",
    ),
    Reason(
        "unknown_samtaletype",
        "samtaletype is not a known conversation type",
        "Ukendt samtaletype",
    ),
    Reason("unknown_kategori", "kategori is not a known offer category", "Ukendt tilbudskategori"),
    Reason(
        "invalid_date",
        "a date is empty or not a valid YYYY-MM-DD date",
        "Dato mangler eller er ugyldig (skal skrives ÅÅÅÅ-MM-DD)",
    ),
    Reason("end_before_start", "slut_dato is before start_dato", "Slutdato ligger før startdato"),
    Reason(
        "end_reason_mismatch",
        "slut_aarsag must be given exactly when slut_dato is",
        "Afslutningsårsag og slutdato skal angives begge eller ingen af dem",
    ),
    Reason(
        "invalid_individuel",
        "individuel is not a boolean (1/0, true/false, ja/nej)",
        "individuel er ikke en sandhedsværdi (1/0, true/false, ja/nej)",
    ),
    # Rules across rows.
    Reason(
        "duplicate_id",
        "duplicate {id} (every copy quarantined)",
        "Dubleret {id} (alle kopier sat i karantæne)",
    ),
    Reason(
        "overlapping_spells",
        "spell shares a day with another spell of the same person (every such spell quarantined)",
        "Forløbet overlapper et andet forløb for samme person (alle overlappende forløb)",
    ),
    Reason(
        "inconsistent_samtale",
        "rows of one samtale_id disagree on person_id or dato (all its rows quarantined)",
        "Rækker med samme samtale_id har forskellig person_id eller dato (alle rækker)",
    ),
)

REASON_BY_CODE: dict[str, Reason] = {reason.code: reason for reason in REASONS}
REASON_ORDER: dict[str, int] = {reason.code: i for i, reason in enumerate(REASONS)}


# --- Beyond SPEC §7: dates that are valid but implausible ----------------------------
# A date before PLAUSIBLE_FROM (0001-01-01, 1899-12-31 are placeholders of source
# systems) or after the day of the run (9999-12-31, 2099-...: nothing that far ahead has
# happened yet) is kept and used as the spec says, with a data-quality warning; and it
# never makes a report month valid (docs/errors.md, docs/input-format.md).
PLAUSIBLE_FROM = "2000-01-01"
DATE_COLUMNS: dict[str, tuple[str, ...]] = {
    "forloeb": ("start_dato", "slut_dato"),
    "samtaler": ("dato",),
    "tilbud": ("start_dato",),
}
