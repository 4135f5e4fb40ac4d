"""The synthetic registers: format (SPEC §2), determinism, errors (§7) and magnitudes.

Every check is computed here with plain pandas from the written files.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from akassemonitor.codes import CONVERSATION_TYPES, END_REASONS, OFFER_CATEGORIES
from akassemonitor.config import DEFAULT_AKASSER
from akassemonitor.months import Month
from akassemonitor.synth import SynthSummary, generate

REGISTERS = ("forloeb", "samtaler", "tilbud")
COLUMNS = {
    "forloeb": ["forloeb_id", "person_id", "akasse", "start_dato", "slut_dato", "slut_aarsag"],
    "samtaler": ["samtale_id", "person_id", "dato", "samtaletype", "individuel"],
    "tilbud": ["tilbud_id", "person_id", "start_dato", "kategori"],
}
DATE_COLUMNS = {
    "forloeb": ["start_dato", "slut_dato"],
    "samtaler": ["dato"],
    "tilbud": ["start_dato"],
}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SMALL = 3000


def read_csv(path: Path, encoding: str = "utf-8", sep: str = ",") -> pd.DataFrame:
    """A register as raw text: empty stays empty, nothing is trimmed or parsed."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding=encoding, sep=sep)


def read_all(summary: SynthSummary) -> dict[str, pd.DataFrame]:
    return {name: read_csv(summary.paths[name]) for name in REGISTERS}


def iso_dates(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    out = frame.copy()
    for column in columns:
        out[column] = pd.to_datetime(out[column].replace("", None), format="%Y-%m-%d")
    return out


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> SynthSummary:
    return generate(tmp_path_factory.mktemp("small"), seed=11, spells=SMALL)


@pytest.fixture(scope="module")
def small_frames(small: SynthSummary) -> dict[str, pd.DataFrame]:
    return read_all(small)


@pytest.fixture(scope="module")
def with_errors(tmp_path_factory: pytest.TempPathFactory) -> SynthSummary:
    return generate(tmp_path_factory.mktemp("errors"), seed=11, spells=SMALL, errors=True)


@pytest.fixture(scope="module")
def default_scale(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pd.DataFrame]:
    summary = generate(tmp_path_factory.mktemp("default"), fmt="parquet")
    return {name: pq.read_table(summary.paths[name]).to_pandas() for name in REGISTERS}


# Determinism


def test_same_arguments_give_identical_bytes(tmp_path: Path) -> None:
    for fmt in ("csv", "parquet"):
        first = generate(tmp_path / f"a-{fmt}", seed=3, spells=800, fmt=fmt, errors=True)
        second = generate(tmp_path / f"b-{fmt}", seed=3, spells=800, fmt=fmt, errors=True)
        for name in REGISTERS:
            assert first.paths[name].read_bytes() == second.paths[name].read_bytes(), name
        assert first.injected == second.injected


def test_another_seed_gives_other_data(tmp_path: Path) -> None:
    first = generate(tmp_path / "a", seed=3, spells=800)
    second = generate(tmp_path / "b", seed=4, spells=800)
    for name in REGISTERS:
        assert first.paths[name].read_bytes() != second.paths[name].read_bytes(), name


# Format and validity without errors (SPEC §2)


def test_columns_are_exactly_the_specs(small_frames: dict[str, pd.DataFrame]) -> None:
    for name in REGISTERS:
        assert list(small_frames[name].columns) == COLUMNS[name]


def test_summary_reports_rows_and_paths(
    small: SynthSummary, small_frames: dict[str, pd.DataFrame]
) -> None:
    for name in REGISTERS:
        assert small.paths[name] == small.out_dir / f"{name}.csv"
        assert small.rows[name] == len(small_frames[name])
    assert small.injected == {} and small.total_injected == 0


def test_every_date_is_iso_and_within_until(small_frames: dict[str, pd.DataFrame]) -> None:
    last_day = pd.Timestamp("2022-04-30")
    for name, columns in DATE_COLUMNS.items():
        for column in columns:
            values = small_frames[name][column]
            values = values[values != ""]
            assert values.str.match(ISO_DATE).all(), (name, column)
            assert (pd.to_datetime(values, format="%Y-%m-%d") <= last_day).all(), (name, column)


def test_codes_ids_and_booleans_are_valid(small_frames: dict[str, pd.DataFrame]) -> None:
    forloeb, samtaler, tilbud = (small_frames[n] for n in REGISTERS)
    assert set(forloeb.akasse) <= set(DEFAULT_AKASSER)
    assert set(forloeb.slut_aarsag) - {""} <= set(END_REASONS)
    assert set(samtaler.samtaletype) <= set(CONVERSATION_TYPES)
    assert set(tilbud.kategori) == set(OFFER_CATEGORIES)  # every category present
    assert set(samtaler.individuel) == {"0", "1"}
    assert forloeb.forloeb_id.is_unique and tilbud.tilbud_id.is_unique
    for frame in (forloeb, samtaler, tilbud):
        assert (frame.person_id.str.len() == 16).all()
        # Pseudonyms, not CPR numbers: never ten digits, with or without a dash.
        assert not frame.person_id.str.fullmatch(r"\d{6}-?\d{4}").any()


def test_slut_aarsag_is_empty_exactly_when_slut_dato_is(
    small_frames: dict[str, pd.DataFrame],
) -> None:
    forloeb = small_frames["forloeb"]
    assert ((forloeb.slut_dato == "") == (forloeb.slut_aarsag == "")).all()
    ended = iso_dates(forloeb[forloeb.slut_dato != ""], ["start_dato", "slut_dato"])
    assert (ended.slut_dato >= ended.start_dato).all()
    assert 0 < (forloeb.slut_dato == "").mean() < 0.7  # some spells still run


def test_one_persons_spells_never_overlap(small_frames: dict[str, pd.DataFrame]) -> None:
    spells = iso_dates(small_frames["forloeb"], ["start_dato", "slut_dato"])
    spells = spells.sort_values(["person_id", "start_dato"])
    previous_end = spells.groupby("person_id").slut_dato.shift()
    later = spells.groupby("person_id").cumcount() > 0
    # A later spell follows an ended one and starts after it ended.
    assert previous_end[later].notna().all()
    assert (spells.start_dato[later] > previous_end[later]).all()
    assert spells.person_id.duplicated().sum() > 0  # some persons come back


def test_samtale_rows_agree_on_person_and_date(small_frames: dict[str, pd.DataFrame]) -> None:
    samtaler = small_frames["samtaler"]
    per_meeting = samtaler.groupby("samtale_id").agg(
        persons=("person_id", "nunique"), dates=("dato", "nunique"), rows=("samtaletype", "size")
    )
    assert (per_meeting.persons == 1).all() and (per_meeting.dates == 1).all()
    assert (per_meeting.rows > 1).mean() > 0.3  # many meetings cover several types
    assert not samtaler.duplicated(["samtale_id", "samtaletype"]).any()


def test_conversations_and_offers_lie_in_spells(small_frames: dict[str, pd.DataFrame]) -> None:
    spells = iso_dates(small_frames["forloeb"], ["start_dato", "slut_dato"])
    for name, column, least in (("samtaler", "dato", 0.99), ("tilbud", "start_dato", 1.0)):
        events = iso_dates(small_frames[name], [column])
        joined = events.reset_index().merge(spells, on="person_id", suffixes=("", "_spell"))
        start = joined["start_dato_spell" if name == "tilbud" else "start_dato"]
        inside = (joined[column] >= start) & (
            joined.slut_dato.isna() | (joined[column] <= joined.slut_dato)
        )
        share = joined[inside]["index"].nunique() / len(events)
        assert least <= share, name


def test_full_period_spells_are_long_but_for_a_handful(tmp_path: Path) -> None:
    summary = generate(tmp_path, seed=5, spells=20_000)
    spells = iso_dates(read_csv(summary.paths["forloeb"]), ["start_dato", "slut_dato"])
    full = spells[spells.slut_aarsag == "FULD_PERIODE"]
    days = (full.slut_dato - full.start_dato).dt.days
    assert 0 < (days < 77).sum() <= 0.005 * len(full)
    ended = spells.slut_aarsag[spells.slut_aarsag != ""].value_counts(normalize=True)
    assert 0.55 <= ended["FULD_PERIODE"] <= 0.68
    assert 0.18 <= ended["BESKAEFTIGELSE"] <= 0.32


def test_parquet_holds_the_same_content_as_csv(tmp_path: Path) -> None:
    csv = generate(tmp_path / "csv", seed=2, spells=1500, fmt="csv")
    parquet = generate(tmp_path / "parquet", seed=2, spells=1500, fmt="parquet")
    for name in REGISTERS:
        from_csv = read_csv(csv.paths[name])
        from_parquet = pq.read_table(parquet.paths[name]).to_pandas()
        for column in from_parquet.columns:
            if from_parquet[column].dtype == bool:
                from_parquet[column] = from_parquet[column].map({True: "1", False: "0"})
            else:
                from_parquet[column] = from_parquet[column].map(
                    lambda v: "" if v is None or pd.isna(v) else str(v)
                )
        pd.testing.assert_frame_equal(from_csv, from_parquet, check_dtype=False)


# Errors (SPEC §7)


ERROR_KINDS = {
    "forloeb": {
        "malformed_date",
        "unknown_code",
        "slut_before_start",
        "aarsag_without_slut",
        "slut_without_aarsag",
        "empty_person_id",
        "whitespace",
        "duplicate_id",
        "overlapping_spells",
    },
    "samtaler": {
        "malformed_date",
        "unknown_code",
        "empty_person_id",
        "bad_individuel",
        "whitespace",
        "samtale_date_conflict",
        "repeated_samtale_type",
    },
    "tilbud": {"malformed_date", "unknown_code", "empty_person_id", "whitespace", "duplicate_id"},
}


def test_errors_inject_every_kind(with_errors: SynthSummary) -> None:
    for name, kinds in ERROR_KINDS.items():
        for kind in kinds:
            assert with_errors.injected.get(f"{name}.{kind}", 0) >= 1, (name, kind)
    assert with_errors.csv_dialects["forloeb"] == ("cp1252", ";")
    rows = sum(with_errors.rows.values())
    assert with_errors.total_injected < 0.01 * rows  # a sprinkle


def test_injected_errors_are_found_in_the_files(with_errors: SynthSummary) -> None:
    encoding, sep = with_errors.csv_dialects["forloeb"]
    forloeb = read_csv(with_errors.paths["forloeb"], encoding, sep)
    samtaler = read_csv(with_errors.paths["samtaler"])
    tilbud = read_csv(with_errors.paths["tilbud"])
    injected = with_errors.injected
    assert (
        len(forloeb)
        == SMALL + injected["forloeb.duplicate_id"] + injected["forloeb.overlapping_spells"]
    )

    def bad_dates(frame: pd.DataFrame, columns: list[str]) -> int:
        bad = 0
        for column in columns:
            text = frame[column].str.strip()
            parsed = pd.to_datetime(text.where(text.str.match(ISO_DATE)), errors="coerce")
            bad += int(((text != "") & parsed.isna()).sum())
        return bad

    assert bad_dates(forloeb, ["start_dato", "slut_dato"]) == injected["forloeb.malformed_date"]
    assert bad_dates(samtaler, ["dato"]) == injected["samtaler.malformed_date"]
    assert bad_dates(tilbud, ["start_dato"]) == injected["tilbud.malformed_date"]
    assert "Fiskernes Ø-A" in set(forloeb.akasse)  # Windows-1252 keeps Ø
    assert (~forloeb.akasse.str.strip().isin(DEFAULT_AKASSER)).sum() + (
        ~forloeb.slut_aarsag.str.strip().isin([*END_REASONS, ""])
    ).sum() == injected["forloeb.unknown_code"]
    assert (~samtaler.samtaletype.str.strip().isin(CONVERSATION_TYPES)).sum() == injected[
        "samtaler.unknown_code"
    ]
    assert (~samtaler.individuel.str.strip().isin(["0", "1"])).sum() == injected[
        "samtaler.bad_individuel"
    ]
    for name, frame in (("forloeb", forloeb), ("samtaler", samtaler), ("tilbud", tilbud)):
        assert (frame.person_id == "").sum() == injected[f"{name}.empty_person_id"]
        padded = sum((frame[c] != frame[c].str.strip()).sum() for c in frame.columns)
        assert padded == injected[f"{name}.whitespace"]
    assert forloeb.forloeb_id.duplicated().sum() == injected["forloeb.duplicate_id"]
    assert tilbud.tilbud_id.duplicated().sum() == injected["tilbud.duplicate_id"]
    assert ((forloeb.slut_dato == "") & (forloeb.slut_aarsag.str.strip() != "")).sum() == injected[
        "forloeb.aarsag_without_slut"
    ]
    assert ((forloeb.slut_dato.str.strip() != "") & (forloeb.slut_aarsag == "")).sum() == injected[
        "forloeb.slut_without_aarsag"
    ]
    assert (
        samtaler.duplicated(["samtale_id", "samtaletype"]).sum()
        == injected["samtaler.repeated_samtale_type"]
    )
    dates_per_meeting = samtaler.groupby("samtale_id").dato.agg(lambda d: d.str.strip().nunique())
    assert (dates_per_meeting > 1).sum() >= injected["samtaler.samtale_date_conflict"]


def test_errors_leave_the_other_rows_as_without_errors(
    small: SynthSummary, with_errors: SynthSummary
) -> None:
    clean = read_csv(small.paths["tilbud"])
    dirty = read_csv(with_errors.paths["tilbud"]).iloc[: len(clean)]
    changed = (clean != dirty).any(axis=1).sum()
    touched = sum(
        v
        for k, v in with_errors.injected.items()
        if k.startswith("tilbud.") and k != "tilbud.duplicate_id"
    )
    assert changed == touched


# Magnitudes and scale


def test_default_scale_magnitudes(default_scale: dict[str, pd.DataFrame]) -> None:
    spells = default_scale["forloeb"].copy()
    spells["start"] = pd.to_datetime(spells.start_dato)
    spells["end"] = pd.to_datetime(spells.slut_dato)
    start_month = spells.start.dt.to_period("M")
    referred = ((start_month >= "2020-09") & (start_month <= "2022-01")).sum()
    assert 40_000 <= referred <= 50_000
    assert (start_month < "2020-09").sum() > 0  # early-2020 spells run on
    suspended = ((start_month >= "2021-01") & (start_month <= "2021-06")).sum() / 6
    normal = ((start_month >= "2021-08") & (start_month <= "2021-12")).sum() / 5
    assert 0.08 <= suspended / normal <= 0.25
    ftf = spells[spells.akasse == "FTF-A"]
    assert 150 <= (ftf.start.dt.to_period("M") == "2022-04").sum() <= 260
    last = pd.Timestamp("2021-10-31")
    covered = spells[
        (spells.start <= last) & (spells.end.isna() | (spells.end >= last - pd.Timedelta(days=6)))
    ]
    assert 18_000 <= covered.person_id.nunique() <= 32_000
    shares = spells.akasse.value_counts(normalize=True)
    assert 0.16 <= shares["FTF-A"] <= 0.20 and shares["Min-A"] < 0.03


def test_default_scale_conversations(default_scale: dict[str, pd.DataFrame]) -> None:
    spells = default_scale["forloeb"]
    samtaler = default_scale["samtaler"]
    full = spells[spells.slut_aarsag == "FULD_PERIODE"]
    joined = samtaler.drop_duplicates("samtale_id").merge(full, on="person_id")
    inside = joined[(joined.dato >= joined.start_dato) & (joined.dato <= joined.slut_dato)]
    per_spell = inside.groupby("forloeb_id").size().reindex(full.forloeb_id, fill_value=0)
    assert 2.6 <= per_spell.mean() <= 3.5
    assert (per_spell <= 1).mean() < 0.15
    jobs = samtaler[samtaler.samtaletype.isin(["JOB", "FAELLES_JOB"]) & samtaler.individuel]
    jobs = jobs.drop_duplicates("samtale_id").merge(full, on="person_id")
    jobs = jobs[(jobs.dato >= jobs.start_dato) & (jobs.dato <= jobs.slut_dato)]
    focus = jobs.groupby("forloeb_id").size().reindex(full.forloeb_id, fill_value=0) >= 2
    assert 0.84 <= focus.mean() <= 0.93
    types = samtaler.groupby("samtale_id").samtaletype.agg(set)
    with_job = types[types.map(lambda t: "JOB" in t)]
    combined = with_job.map(lambda t: bool(t & {"CV", "RAADIGHED"})).mean()
    assert 0.8 <= combined <= 0.9
    group = 1 - samtaler.drop_duplicates("samtale_id").individuel.mean()
    assert 0.01 <= group <= 0.05


def test_spells_scale_to_the_number_asked(tmp_path: Path) -> None:
    summary = generate(tmp_path, seed=1, spells=5000)
    assert summary.spells == 5000 and summary.rows["forloeb"] == 5000
    assert 2.5 <= summary.rows["samtaler"] / 5000 <= 4.0


def test_until_limits_the_data(tmp_path: Path) -> None:
    summary = generate(tmp_path, seed=1, spells=2000, until=Month(2021, 12))
    frames = read_all(summary)
    for name, columns in DATE_COLUMNS.items():
        for column in columns:
            values = frames[name][column]
            assert (values[values != ""] <= "2021-12-31").all(), (name, column)


def test_progress_advances_to_one(tmp_path: Path) -> None:
    calls: list[tuple[str, float]] = []
    generate(tmp_path, spells=500, progress=lambda stage, f: calls.append((stage, f)))
    fractions = [f for _, f in calls]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert {stage for stage, _ in calls} == set(REGISTERS)


def test_bad_arguments_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="format"):
        generate(tmp_path, spells=10, fmt="xlsx")
    with pytest.raises(ValueError, match="before the trial start"):
        generate(tmp_path, spells=10, until=Month(2020, 1))
    with pytest.raises(ValueError, match="1 or more"):
        generate(tmp_path, spells=0)
