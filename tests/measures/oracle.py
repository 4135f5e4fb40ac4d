"""A second, deliberately naive implementation of SPEC §3 in plain Python.

Written from the spec text, not from the package, for cross-checking every cell on
random registers. Slow and obvious on purpose: loops over records, sets of ids.
"""

from __future__ import annotations

import datetime as dt

from akassemonitor.config import Config
from akassemonitor.months import Month, month_range

REASONS = ["FULD_PERIODE", "BESKAEFTIGELSE", "UDMELDT", "SYGDOM", "ANDEN_YDELSE", "ANDET"]
TYPES = ["CV", "JOB", "FAELLES_JOB", "RAADIGHED"]
OFFERS = [
    "LOENTILSKUD",
    "JOBRETTET_UDDANNELSE",
    "VIRKSOMHEDSPRAKTIK",
    "VEJLEDNING_OPKVALIFICERING",
    "RAADIGHEDSAFPROEVNING",
]
NAN = float("nan")


def mstr(day: dt.date) -> str:
    return f"{day.year:04d}M{day.month:02d}"


def oracle_cells(forloeb, samtaler, tilbud, config: Config, month: Month) -> dict:
    """{(measure, month, akasse, category): value} for every key; NaN for 0 denominators."""
    months = [str(m) for m in month_range(config.trial_start, month)]
    period = set(months)
    groups = [*config.akasser, "ALLE"]
    out: dict = {}

    def spell_of(person, day):
        for s in forloeb:
            fid, p, ak, start, slut, _ = s
            if p == person and start <= day and (slut is None or day <= slut):
                return s
        return None

    def members(ak):
        return (lambda a: True) if ak == "ALLE" else (lambda a, ak=ak: a == ak)

    # conversations attributed: samtale_id -> (spell, date, set of types, focus flag)
    meetings: dict = {}
    for sid, person, day, typ, individuel in samtaler:
        s = spell_of(person, day)
        if s is None:
            continue
        m = meetings.setdefault(sid, {"spell": s, "day": day, "types": set(), "focus": False})
        m["types"].add(typ)
        if typ in ("JOB", "FAELLES_JOB") and individuel:
            m["focus"] = True

    # 1.1, 1.2
    for ak in groups:
        is_member = members(ak)
        for m in months:
            out[("paabegyndte_forloeb", m, ak, "")] = sum(
                1 for s in forloeb if is_member(s[2]) and mstr(s[3]) == m
            )
            ended = [s for s in forloeb if is_member(s[2]) and s[4] and mstr(s[4]) == m]
            for r in REASONS:
                out[("afsluttede_forloeb", m, ak, r)] = sum(1 for s in ended if s[5] == r)
            out[("afsluttede_forloeb", m, ak, "I_ALT")] = len(ended)
        ended_period = [s for s in forloeb if is_member(s[2]) and s[4] and mstr(s[4]) in period]
        for r in REASONS:
            n = sum(1 for s in ended_period if s[5] == r)
            out[("afslutningsaarsag_andel", "", ak, r)] = (
                n / len(ended_period) if ended_period else NAN
            )

    # 1.3
    def covered(m: str) -> dict:
        mm = Month.parse(m)
        last = mm.last_day
        first = last - dt.timedelta(days=6)
        person_akasse = {}
        best = {}
        for _fid, p, ak, start, slut, _ in forloeb:
            overlaps = start <= last and (slut is None or slut >= first)
            if overlaps and (p not in best or start > best[p]):
                best[p] = start
                person_akasse[p] = ak
        return person_akasse

    for m in months:
        cov = covered(m)
        for ak in groups:
            out[("personer_omfattet", m, ak, "")] = sum(
                1 for a in cov.values() if members(ak)(a)
            )
    cov_m = covered(str(month))
    for ak in groups:
        n = sum(1 for a in cov_m.values() if members(ak)(a))
        out[("personer_omfattet_andel", str(month), ak, "")] = n / len(cov_m) if cov_m else NAN

    # 2.3
    for ak in groups:
        is_member = members(ak)
        for m in months:
            held = [
                x for x in meetings.values() if is_member(x["spell"][2]) and mstr(x["day"]) == m
            ]
            for t in TYPES:
                out[("samtaler", m, ak, t)] = sum(1 for x in held if t in x["types"])
            out[("samtaler", m, ak, "UNIK")] = len(held)
            for t in ("JOB", "FAELLES_JOB"):
                of_type = [x for x in held if t in x["types"]]
                comb = [x for x in of_type if x["types"] & {"CV", "RAADIGHED"}]
                out[("kombineret_andel", m, ak, t)] = (
                    len(comb) / len(of_type) if of_type else NAN
                )

    # full-period spells
    fp = [s for s in forloeb if s[5] == "FULD_PERIODE" and mstr(s[4]) in period]

    def n_unique(s):
        return sum(1 for x in meetings.values() if x["spell"][0] == s[0])

    def focus_met(s):
        n = sum(1 for x in meetings.values() if x["spell"][0] == s[0] and x["focus"])
        return n >= config.focus.min_job_conversations

    excluded = {str(m) for m in config.focus.excluded_months}
    for ak in groups:
        is_member = members(ak)
        mine = [s for s in fp if is_member(s[2])]
        buckets = {"0": 0, "1": 0, "2": 0, "3+": 0}
        for s in mine:
            n = n_unique(s)
            buckets["3+" if n >= 3 else str(n)] += 1
        for b, n in buckets.items():
            out[("samtaler_fordeling", "", ak, b)] = n
            out[("samtaler_fordeling_andel", "", ak, b)] = n / len(mine) if mine else NAN
        out[("gns_samtaler_periode", "", ak, "")] = (
            sum(n_unique(s) for s in mine) / len(mine) if mine else NAN
        )
        shares = []
        for m in months:
            cohort = [s for s in mine if mstr(s[4]) == m]
            ja = sum(1 for s in cohort if focus_met(s))
            out[("gns_samtaler", m, ak, "")] = (
                sum(n_unique(s) for s in cohort) / len(cohort) if cohort else NAN
            )
            out[("fokus_ja", m, ak, "")] = ja
            out[("fokus_nej", m, ak, "")] = len(cohort) - ja
            out[("fokus_andel", m, ak, "")] = ja / len(cohort) if cohort else NAN
            if cohort and m not in excluded:
                shares.append(ja / len(cohort))
        mean = sum(shares) / len(shares) if shares else NAN
        out[("fokus_gennemsnit", "", ak, "")] = mean
        out[("fokus_opfyldt", "", ak, "")] = (
            NAN if not shares else float(round(mean, 9) >= config.focus.target_share)
        )
        for name, keep in (("bilag_fokus_1a", lambda s: mstr(s[4]) not in excluded),
                           ("bilag_fokus_1b", lambda s: True)):
            chosen = [s for s in mine if keep(s)]
            ja = sum(1 for s in chosen if focus_met(s))
            out[(name, "", ak, "JA")] = ja
            out[(name, "", ak, "NEJ")] = len(chosen) - ja
            out[(name, "", ak, "I_ALT")] = len(chosen)

    # 3.1
    attributed = []
    for _tid, person, start, kat in tilbud:
        s = spell_of(person, start)
        if s is not None:
            attributed.append((person, start, kat, s[2]))
    for ak in groups:
        is_member = members(ak)
        mine = [o for o in attributed if is_member(o[3])]
        for m in months:
            this = [o for o in mine if mstr(o[1]) == m]
            for k in OFFERS:
                out[("tilbud_personer", m, ak, k)] = len({o[0] for o in this if o[2] == k})
            out[("tilbud_personer", m, ak, "I_ALT")] = len({o[0] for o in this})
        in_period = [o for o in mine if mstr(o[1]) in period]
        for k in OFFERS:
            n = sum(1 for o in in_period if o[2] == k)
            out[("tilbud_fordeling", "", ak, k)] = n / len(in_period) if in_period else NAN
    return out

