"""The domain's code lists (SPEC §2) with their Danish labels, in report order."""

from __future__ import annotations

# Afslutningsårsager: end reasons of a spell.
END_REASONS: dict[str, str] = {
    "FULD_PERIODE": "Fuld forsøgsperiode",
    "BESKAEFTIGELSE": "Job eller selvforsørgelse",
    "UDMELDT": "Udmeldt eller skiftet a-kasse",
    "SYGDOM": "Sygdom",
    "ANDEN_YDELSE": "Overgået til anden ydelse",
    "ANDET": "Andet",
}
FULL_PERIOD = "FULD_PERIODE"

# Samtaletyper: conversation types.
CONVERSATION_TYPES: dict[str, str] = {
    "CV": "CV-samtale",
    "JOB": "Jobsamtale",
    "FAELLES_JOB": "Fælles jobsamtale",
    "RAADIGHED": "Rådighedssamtale",
}
JOB_TYPES = ("JOB", "FAELLES_JOB")  # count for the focus goal
COMBINING_TYPES = ("CV", "RAADIGHED")  # make a job meeting "combined"

# Tilbudskategorier: offer categories (LAB kapitel 11-14).
OFFER_CATEGORIES: dict[str, str] = {
    "LOENTILSKUD": "Løntilskud",
    "JOBRETTET_UDDANNELSE": "6 ugers jobrettet uddannelse",
    "VIRKSOMHEDSPRAKTIK": "Virksomhedspraktik",
    "VEJLEDNING_OPKVALIFICERING": "Vejledning og opkvalificering",
    "RAADIGHEDSAFPROEVNING": "Rådighedsafprøvende tilbud",
}

# Extra categories used by the measures.
TOTAL = "I_ALT"  # total over categories
UNIQUE = "UNIK"  # all distinct meetings
CONVERSATION_BUCKETS = ("0", "1", "2", "3+")

CATEGORY_LABELS: dict[str, str] = {
    **END_REASONS,
    **CONVERSATION_TYPES,
    **OFFER_CATEGORIES,
    TOTAL: "I alt",
    UNIQUE: "I alt unikke",
    "0": "0 samtaler",
    "1": "1 samtale",
    "2": "2 samtaler",
    "3+": "3+ samtaler",
}

TRUE_WORDS = frozenset({"1", "true", "ja"})
FALSE_WORDS = frozenset({"0", "false", "nej"})
