"""The pandas peer: the script an analyst would write for every measure of SPEC §3.

For ``bench_engines.py --pandas`` (not part of the package, and not its oracle: the
tests' oracle in ``tests/measures/oracle.py`` loops over records and is far too slow
for a million spells). Straightforward pandas: ``read_csv``, rows with a missing or
unparsable key or date dropped (the row rules reduced to what the measures need),
conversations attributed to spells by a merge on person_id and a date filter, then one
``groupby`` per measure, ``ALLE`` from the records. The cells are returned as a frame
(month, akasse, category, value), not written; only the time is compared.

Run alone: ``.venv/bin/python benchmarks/pandas_peer.py DATA_DIR [MONTH]``; with
``--check MEASURES_CSV`` (a ``measures.csv`` of the same data and month) it compares
every cell it computes with that file and lists the cells that differ, measure by
measure (the peer leaves out grid keys without records: those must be 0 or empty; the
bilag totals, which measures.csv does not hold, are not compared).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

TRIAL_START = "2020-09"  # the default configuration's trial_start (2020M09)
ALLE = "ALLE"
MIN_JOB = 2
EXCLUDED = tuple(f"2021M{m:02d}" for m in range(1, 7))  # the default configuration
TARGET = 0.85


def _month(dates: pd.Series) -> pd.Series:
    return dates.dt.strftime("%YM%m")


def _with_alle(frame: pd.DataFrame, keys: list[str], agg) -> pd.DataFrame:  # noqa: ANN001
    per = agg(frame.groupby([*keys, "akasse"])).reset_index()
    if keys:
        alle = agg(frame.groupby(keys)).reset_index()
    else:
        alle = agg(frame.assign(_all=0).groupby("_all")).reset_index().drop(columns="_all")
    alle["akasse"] = ALLE
    return pd.concat([per, alle], ignore_index=True)


def cells(data: Path, month: str = "2022M04") -> pd.DataFrame:
    f = pd.read_csv(data / "forloeb.csv", dtype=str)
    s = pd.read_csv(data / "samtaler.csv", dtype=str)
    t = pd.read_csv(data / "tilbud.csv", dtype=str)
    for frame, columns in ((f, ["start_dato", "slut_dato"]), (s, ["dato"]), (t, ["start_dato"])):
        for column in columns:
            frame[column] = pd.to_datetime(frame[column], format="%Y-%m-%d", errors="coerce")
    f = f.dropna(subset=["forloeb_id", "person_id", "akasse", "start_dato"])
    f = f.drop_duplicates("forloeb_id", keep=False)
    s = s.dropna(subset=["samtale_id", "person_id", "dato", "samtaletype"])
    s["individuel"] = s["individuel"].fillna("1").str.lower().isin(["1", "true", "ja"])
    t = t.dropna(subset=["tilbud_id", "person_id", "start_dato", "kategori"])
    t = t.drop_duplicates("tilbud_id", keep=False)

    last = pd.Period(month.replace("M", "-"), "M").end_time.normalize()
    first = pd.Timestamp(TRIAL_START + "-01")
    months = pd.period_range(TRIAL_START, last, freq="M")
    f["slut_or_open"] = f["slut_dato"].fillna(pd.Timestamp("2262-01-01"))
    out = []

    def add(measure: str, frame: pd.DataFrame, value: str = "n") -> None:
        frame = frame.rename(columns={value: "value"})
        for key in ("month", "category"):
            if key not in frame:
                frame[key] = ""
        frame["measure"] = measure
        out.append(frame[["measure", "month", "akasse", "category", "value"]])

    # 1.1, 1.2, 1.3
    started = f[f.start_dato.between(first, last)].assign(month=lambda x: _month(x.start_dato))
    add("paabegyndte_forloeb", _with_alle(started, ["month"], lambda g: g.size().rename("n")))
    ended = f[f.slut_dato.between(first, last)].assign(
        month=lambda x: _month(x.slut_dato), category=lambda x: x.slut_aarsag
    )
    add("afsluttede_forloeb", _with_alle(ended, ["month", "category"],
                                         lambda g: g.size().rename("n")))
    add("afsluttede_forloeb", _with_alle(ended, ["month"], lambda g: g.size().rename("n"))
        .assign(category="I_ALT"))
    reasons = _with_alle(ended, ["category"], lambda g: g.size().rename("n"))
    totals = _with_alle(ended, [], lambda g: g.size().rename("d"))
    shares = reasons.merge(totals, on="akasse")
    add("afslutningsaarsag_andel", shares.assign(n=shares.n / shares.d))
    # 1.4, 1.5: persons active in the last week of each month, latest spell's a-kasse
    covered = []
    for period in months:
        end = period.end_time.normalize()
        active = f[(f.start_dato <= end) & (f.slut_or_open >= end - pd.Timedelta(days=6))]
        latest = active.sort_values("start_dato").drop_duplicates("person_id", keep="last")
        covered.append(latest.assign(month=str(period).replace("-", "M")))
    persons = pd.concat(covered)
    counted = _with_alle(persons, ["month"], lambda g: g.person_id.nunique().rename("n"))
    add("personer_omfattet", counted)
    now = counted[counted.month == month]
    everyone = now.loc[now.akasse == ALLE, "n"].sum()
    add("personer_omfattet_andel", now.assign(n=now.n / everyone if everyone else None))

    # 2.x: meetings attributed to the spell containing their date
    rows = s.merge(f[["forloeb_id", "person_id", "akasse", "start_dato", "slut_or_open"]],
                   on="person_id")
    rows = rows[(rows.dato >= rows.start_dato) & (rows.dato <= rows.slut_or_open)]
    rows["focus"] = rows.samtaletype.isin(["JOB", "FAELLES_JOB"]) & rows.individuel
    for code, flag in (("CV", "has_cv"), ("JOB", "has_job"),
                       ("FAELLES_JOB", "has_faelles_job"), ("RAADIGHED", "has_raadighed")):
        rows[flag] = rows.samtaletype == code
    meetings = rows.groupby(["samtale_id", "forloeb_id", "akasse", "dato"], as_index=False)[
        ["has_cv", "has_job", "has_faelles_job", "has_raadighed", "focus"]
    ].any()
    meetings["month"] = _month(meetings.dato)
    held = meetings[meetings.dato.between(first, last)]
    for code, flag in (("CV", "has_cv"), ("JOB", "has_job"),
                       ("FAELLES_JOB", "has_faelles_job"), ("RAADIGHED", "has_raadighed")):
        add("samtaler", _with_alle(held[held[flag]], ["month"],
                                   lambda g: g.samtale_id.nunique().rename("n"))
            .assign(category=code))
    add("samtaler", _with_alle(held, ["month"], lambda g: g.samtale_id.nunique().rename("n"))
        .assign(category="UNIK"))
    for code, flag in (("JOB", "has_job"), ("FAELLES_JOB", "has_faelles_job")):
        of_type = held[held[flag]].assign(combined=lambda x: x.has_cv | x.has_raadighed)
        ratio = _with_alle(of_type, ["month"], lambda g: g.combined.mean().rename("n"))
        add("kombineret_andel", ratio.assign(category=code))

    fp = f[(f.slut_aarsag == "FULD_PERIODE") & f.slut_dato.between(first, last)].copy()
    fp["month"] = _month(fp.slut_dato)
    per_spell = meetings.groupby("forloeb_id").agg(
        unique=("samtale_id", "nunique"), focus=("focus", "sum")
    )
    fp = fp.join(per_spell, on="forloeb_id")
    fp[["unique", "focus"]] = fp[["unique", "focus"]].fillna(0)
    fp["met"] = fp.focus >= MIN_JOB
    fp["category"] = pd.cut(fp.unique, [-1, 0, 1, 2, float("inf")],
                            labels=["0", "1", "2", "3+"]).astype(str)
    buckets = _with_alle(fp, ["category"], lambda g: g.size().rename("n"))
    add("samtaler_fordeling", buckets)
    period_total = _with_alle(fp, [], lambda g: g.size().rename("d"))
    shares = buckets.merge(period_total, on="akasse")
    add("samtaler_fordeling_andel", shares.assign(n=shares.n / shares.d))
    add("gns_samtaler", _with_alle(fp, ["month"], lambda g: g.unique.mean().rename("n")))
    add("gns_samtaler_periode", _with_alle(fp, [], lambda g: g.unique.mean().rename("n")))
    add("fokus_ja", _with_alle(fp[fp.met], ["month"], lambda g: g.size().rename("n")))
    add("fokus_nej", _with_alle(fp[~fp.met], ["month"], lambda g: g.size().rename("n")))
    share = _with_alle(fp, ["month"], lambda g: g.met.mean().rename("n"))
    add("fokus_andel", share)
    mean = share[~share.month.isin(EXCLUDED)].groupby("akasse").n.mean().reset_index()
    add("fokus_gennemsnit", mean)
    add("fokus_opfyldt", mean.assign(n=(mean.n.round(9) >= TARGET).astype(float)))
    for measure, frame in (("bilag_fokus_1a", fp[~fp.month.isin(EXCLUDED)]),
                           ("bilag_fokus_1b", fp)):
        answers = frame.assign(category=frame.met.map({True: "JA", False: "NEJ"}))
        add(measure, _with_alle(answers, ["category"], lambda g: g.size().rename("n")))
        add(measure, _with_alle(answers, [], lambda g: g.size().rename("n"))
            .assign(category="I_ALT"))

    # 3.x: offers in the spell containing their start
    o = t.merge(f[["person_id", "akasse", "start_dato", "slut_or_open"]], on="person_id",
                suffixes=("", "_spell"))
    o = o[(o.start_dato >= o.start_dato_spell) & (o.start_dato <= o.slut_or_open)]
    o = o[o.start_dato.between(first, last)].assign(
        month=lambda x: _month(x.start_dato), category=lambda x: x.kategori
    )
    add("tilbud_personer", _with_alle(o, ["month", "category"],
                                      lambda g: g.person_id.nunique().rename("n")))
    add("tilbud_personer", _with_alle(o, ["month"], lambda g: g.person_id.nunique().rename("n"))
        .assign(category="I_ALT"))
    kinds = _with_alle(o, ["category"], lambda g: g.size().rename("n"))
    all_offers = _with_alle(o, [], lambda g: g.size().rename("d"))
    shares = kinds.merge(all_offers, on="akasse")
    add("tilbud_fordeling", shares.assign(n=shares.n / shares.d))
    return pd.concat(out, ignore_index=True)


def check(peer: pd.DataFrame, measures_csv: Path) -> int:
    """Print the cells where the peer and ``measures_csv`` differ; return their count."""
    ours = pd.read_csv(measures_csv, dtype=str, keep_default_na=False)
    keys = ["measure", "month", "akasse", "category"]
    both = ours.merge(peer.astype({"value": float}), on=keys, how="left",
                      suffixes=("", "_peer"))
    value = pd.to_numeric(both["value"], errors="coerce")
    missing = both["value_peer"].isna()
    differs = (~missing & ((value - both["value_peer"]).abs() > 1e-9)) | (
        missing & value.notna() & (value != 0)
    )
    for measure, rows in both[differs].groupby("measure"):
        print(f"{measure}: {len(rows)} cells differ, e.g.")
        print(rows.head(3).to_string(index=False))
    # The bilag totals are not in measures.csv (published_bilag.csv holds them after
    # discretion), so only the measures of measures.csv are compared.
    peer = peer[peer.measure.isin(set(ours.measure))]
    extra = len(peer.merge(ours[keys], on=keys, how="left", indicator=True)
                .query("_merge == 'left_only'"))
    agree = ours.measure.nunique() - both[differs].measure.nunique()
    print(f"{agree} of {ours.measure.nunique()} measures agree on every cell; "
          f"{extra} peer cells outside measures.csv")
    return int(differs.sum()) + extra


if __name__ == "__main__":
    args = sys.argv[1:]
    against = None
    if "--check" in args:
        at = args.index("--check")
        against = Path(args[at + 1])
        del args[at:at + 2]
    result = cells(Path(args[0]), *(args[1:2] or []))
    print(f"{len(result):,} cells of {result.measure.nunique()} measures")
    if against is not None:
        sys.exit(1 if check(result, against) else 0)
