"""Every Danish text of the report, in one place: headings, captions, notes, labels.

The document's structure is in :mod:`._document`, its layout in the template and the
stylesheet; the wording is here, so changing a heading or a note is a change of one
line. Texts with a ``{name}`` are ``str.format`` templates; the names say what goes in:
``period`` (``september 2020 til og med april 2022``), ``month`` (``april 2022``),
``included`` / ``excluded`` (the months in / out of the focus goal), ``min_conv`` (the
minimum of individual job conversations), ``target`` (``85 %``).

Category labels (end reasons, offer categories, conversation types) are the codes'
Danish names in :mod:`akassemonitor.codes`.
"""

from __future__ import annotations

# --- The report as a whole ---------------------------------------------------------------

REPORT_TITLE = "Mere ansvar til a-kasser — Monitorering"
SUBTITLE = "Rapport – {month}"
ALLE_LABEL = "Alle a-kasser"
DOCUMENT_TITLE = "{title} – {akasse} – {month}"  # <title>, the PDF's title
RUNNING_TITLE = "{title} · {akasse} · {month}"  # the top of every PDF page
PAGE_NUMBER = "Side {page} af {pages}"  # CSS: counter(page), counter(pages)
FRONT_KICKER = "Monitorering af forsøget"
FRONT_PERIOD = "Opgørelsesperiode: {period}"
FRONT_NOTE = "Alle tal i rapporten er diskretionerede opgørelser fra forsøgets registre."
CONTENTS = "Indholdsfortegnelse"
READING_GUIDE = (
    "Tegnforklaring: * = diskretioneret (tallet vises ikke), – = intet tal. "
    "Andele og gennemsnit vises med den præcision, de er offentliggjort med."
)
EXCLUDED = "Udgået pga. suspension af dagpengeperioden"
MONTH = "Måned"
TOTAL = "I alt"
TABLE_REGION = "Tabel: {caption}"  # the scrollable region around a table (screen readers)

# --- Status -------------------------------------------------------------------------------

STATUS = "Status på forsøget – {month}"
STATUS_VISITATION = "Visitation"
STATUS_VISITATION_SUB = "Visitation til og fra forsøget"
STATUS_STARTED = "Antal påbegyndte forløb i måneden"
STATUS_ENDED = "Antal afsluttede forløb i måneden"
STATUS_COVERED = "Antal personer omfattet af forsøget sidste uge i måneden"
STATUS_CONTACT = "Kontaktforløbet"
STATUS_CONTACT_SUB = "Antal afholdte samtaler i forsøget i måneden"
STATUS_UNIQUE = "Antal unikke samtaler"
STATUS_PER_PARTICIPANT = (
    "Antal unikke samtaler per deltager – personer m. fuld forsøgsperiode"
)
STATUS_FOCUS = "Fokusmål"
PERIOD_MEAN = "Gennemsnit for perioden: {included}"
STATUS_FOCUS_SHARE = (
    "Andel m. fuld forsøgsperiode, som har deltaget i minimum {min_conv} individuelle "
    "jobsamtaler"
)
FOCUS_GOAL = "Fokusmålet på {target}"
STATUS_OFFERS = "Indsats"
STATUS_OFFERS_SUB = "Tilbud efter lov om en aktiv beskæftigelsesindsats kapitel 11-14"
STATUS_OFFER_PERSONS = "Antal personer som påbegyndte et tilbud i måneden"

# --- Tema 1 -------------------------------------------------------------------------------

TEMA_1 = "Tema 1 – Visitation til og fra forsøget"

M11 = "Måling 1.1 – Visitation til forsøget – antal påbegyndte forløb – {period}"
M11_CHART = "Visitation til forsøget – antal påbegyndte forløb – per måned"
M11_WHAT = "Påbegyndte forløb"  # what the chart's text alternative describes
M11_Y = "Forløb"
M11_SHEET = "1.1 Påbegyndte forløb"
M11_TABLE = "Antal påbegyndte forløb – per måned"
M11_COLUMN = "Påbegyndte forløb"

M12 = (
    "Måling 1.2 – Visitation ud af forsøget – antal afsluttede forløb fordelt på "
    "afslutningsårsager – {period}"
)
M12_CHART = "Afsluttede forløb fordelt på afslutningsårsager – per måned"
M12_WHAT = "Afsluttede forløb fordelt på afslutningsårsager"
M12_Y = "Forløb"
M12_SHEET = "1.2 Afsluttede forløb"
M12_TABLE = "Antal afsluttede forløb fordelt på afslutningsårsager – per måned"
M12_SHARE_CHART = "Afsluttede forløb fordelt på afslutningsårsager – {period}"
M12_SHARE_WHAT = "Andel af periodens afsluttede forløb per afslutningsårsag"
M12_SHARE_SHEET = "1.2 Afslutningsårsager, andel"
M12_SHARE_TABLE = "Afsluttede forløb fordelt på afslutningsårsager – andel – {period}"
M12_SHARE_HEADERS = ("Afslutningsårsag", "Andel af afsluttede forløb")
SUPPRESSED_LEFT_OUT = "Diskretionerede tal (*) er udeladt af figuren; se tabellen."

M13 = (
    "Måling 1.3 – Personer omfattet af forsøget – antal personer omfattet af forsøget "
    "sidste uge i måneden – {period}"
)
M13_CHART = "Personer omfattet af forsøget sidste uge i måneden – per måned"
M13_WHAT = "Personer omfattet af forsøget sidste uge i måneden"
M13_Y = "Personer"
M13_SHEET = "1.3 Personer omfattet"
M13_TABLE = "Antal personer omfattet af forsøget sidste uge i måneden – per måned"
M13_COLUMN = "Personer omfattet"
M13_SHARE_CHART = "Personer omfattet af forsøget per a-kasse – andel – {month}"
M13_SHARE_WHAT = "Hver a-kasses andel af personerne omfattet af forsøget, {month}"
M13_SHARE_SHEET = "1.3 Personer per a-kasse"
M13_SHARE_TABLE = "Personer omfattet af forsøget per a-kasse – antal og andel – {month}"
M13_SHARE_HEADERS = ("A-kasse", "Personer omfattet", "Andel")

# --- Tema 2 -------------------------------------------------------------------------------

TEMA_2 = "Tema 2 – Kontaktforløbet"

M21 = (
    "Måling 2.1 – Samtaler per deltager – andelen af forsøgsdeltagere, som har deltaget "
    "i hhv. 0, 1, 2 eller 3+ unikke samtaler i løbet af forsøgsperioden – personer m. "
    "fuld forsøgsperiode – {period}"
)
M21_SHARE_CHART = "Andel personer m. fuld forsøgsperiode fordelt på antal unikke samtaler"
M21_SHARE_WHAT = "Andel personer m. fuld forsøgsperiode med 0, 1, 2 og 3+ unikke samtaler"
M21_SHEET = "2.1 Samtaler per deltager"
M21_TABLE = "Personer m. fuld forsøgsperiode fordelt på antal unikke samtaler – {period}"
M21_HEADERS = ("Antal unikke samtaler", "Personer", "Andel")
M21_MEAN = "Gennemsnit for perioden"
M21_MEAN_SUB = (
    "Gns. antal unikke samtaler per deltager – personer m. fuld forsøgsperiode – {period}"
)
M21_MEAN_LABEL = "gns. antal unikke samtaler per forløb"
M21_CHART = (
    "Gennemsnitligt antal unikke samtaler per deltager – personer m. fuld "
    "forsøgsperiode – per måned"
)
M21_WHAT = "Gennemsnitligt antal unikke samtaler per deltager"
M21_Y = "Samtaler"
M21_NOTE = "Måneden er den måned, hvor forsøgsperioden blev afsluttet."
M21_MONTH_SHEET = "2.1 Gns. samtaler per måned"
M21_MONTH_TABLE = M21_CHART
M21_MONTH_COLUMNS = ("Personer m. fuld forsøgsperiode", "Gns. antal unikke samtaler")

M22 = (
    "Måling 2.2 – Tilsynsmåling – Fokusmål for kontaktforløbet: andel af personer m. fuld "
    "forsøgsperiode, som har deltaget i minimum {min_conv} individuelle jobsamtaler – "
    "gennemsnit for perioden: {included}"
)
M22_RESULT = "Resultat"
M22_MEAN_LABEL = "Gennemsnit af månedernes andele"
M22_INFOBOX = "Infoboks – Fokusmål for kontaktforløbet"
M22_INFO_GOAL = (
    "Minimum {target} af de personer, som har modtaget den fulde tre måneders "
    "forsøgsperiode i a-kassen, skal have deltaget i minimum {min_conv} individuelle "
    "jobsamtaler."
)
M22_INFO_MEAN = (
    "Fokusmålet opgøres som et gennemsnit af resultaterne for de individuelle måneder. "
    "En person tæller med i den måned, hvor forsøgsperioden blev afsluttet."
)
M22_INFO_EXCLUDED = (
    "{excluded} indgår ikke i gennemsnittet: udgået pga. suspension af "
    "dagpengeperioden. Månederne vises i figur og tabel, markeret som udgået."
)
M22_CHART = (
    "Andel af personer m. fuld forsøgsperiode, som har deltaget i minimum {min_conv} "
    "individuelle jobsamtaler – per måned"
)
M22_WHAT = "Andel med minimum {min_conv} individuelle jobsamtaler"
M22_NOTE = "Udgåede måneder er gråtonede og indgår ikke i gennemsnittet."
M22_TARGET_LABEL = "Mål {target}"  # in the chart
M22_MEAN_LINE_LABEL = "Gennemsnit {mean}"  # in the chart
M22_SHEET = "2.2 Fokusmål per måned"
M22_TABLE = (
    "Antal personer m. fuld forsøgsperiode, som har deltaget i minimum {min_conv} "
    "individuelle jobsamtaler (Ja/Nej) – per måned"
)
M22_HEADERS = ("Måned", "Ja", "Nej", "I alt", "Andel Ja", "Fokusmål")
M22_INCLUDED = "Indgår"  # a month in the focus goal (table and chart)
M22_EXCLUDED = "Udgået"  # a month out of it
M22_TOTAL_INCLUDED = "I alt, indgående måneder"
M22_TOTAL_ALL = "I alt, hele perioden"

M23 = "Måling 2.3 – Samtaler i forsøget – antal samtaler per måned – {period}"
M23_CHART = "Antal samtaler fordelt på samtaletype og i alt unikke samtaler – per måned"
M23_WHAT = "Samtaler per samtaletype og i alt unikke samtaler"
M23_Y = "Samtaler"
M23_NOTE = (
    "En samtale kan dække flere samtaletyper; derfor er »I alt unikke« ikke summen af "
    "typerne."
)
M23_SHEET = "2.3 Samtaler per måned"
M23_TABLE = "Antal samtaletyper afholdt – per måned"
M23_COMBINED_SHEET = "2.3 Kombinerede samtaler"
M23_COMBINED_TABLE = (
    "Andel af jobsamtaler, som blev afholdt sammen med en CV- eller rådighedssamtale – "
    "per måned"
)
M23_COMBINED_COLUMNS = {"JOB": "Jobsamtaler", "FAELLES_JOB": "Fælles jobsamtaler"}

# --- Tema 3 -------------------------------------------------------------------------------

TEMA_3 = "Tema 3 – Indsats"

M31 = (
    "Måling 3.1 – Tilbud og indsatser i forsøgsperioden – antal personer, som "
    "påbegyndte et tilbud eller en indsats – {period}"
)
M31_CHART = "Personer, som påbegyndte et tilbud, fordelt på kategorier – per måned"
M31_WHAT = "Personer, som påbegyndte et tilbud, per kategori"
M31_Y = "Personer"
M31_NOTE = (
    "En person, der påbegynder tilbud i flere kategorier, tæller i hver af dem. "
    "Diskretionerede tal (*) er udeladt af figuren; se tabellen."
)
M31_SHEET = "3.1 Tilbud per måned"
M31_TABLE = (
    "Antal personer, som påbegyndte et tilbud eller en indsats, fordelt på kategorier – "
    "per måned"
)
M31_SHARE_CHART = "Tilbud fordelt på kategorier – {period}"
M31_SHARE_WHAT = "Andel af periodens påbegyndte tilbud per kategori"
M31_SHARE_SHEET = "3.1 Tilbud fordeling"
M31_SHARE_TABLE = "Tilbud fordelt på kategorier – {period}"
M31_SHARE_HEADERS = ("Tilbudskategori", "Andel af påbegyndte tilbud")

# --- Bilag --------------------------------------------------------------------------------

BILAG_1 = (
    "Bilag 1 – Fokusmål for kontaktforløbet – antal personer m. {min_conv} eller flere "
    "samtaler (Ja/Nej) – per a-kasse"
)
BILAG_1_EXPLANATION = (
    "Antal personer m. fuld forsøgsperiode i a-kassen, som har modtaget {min_conv} eller "
    "flere individuelle jobsamtaler i løbet af forsøgsperioden (Ja/Nej). "
    "Bilag 1a: {included}. Bilag 1b: {period}."
)
BILAG_1_EXCLUDED = " {excluded} er udgået af bilag 1a pga. suspension af dagpengeperioden."
BILAG_1_SHEET = "Bilag 1 Fokusmål per a-kasse"
BILAG_1_TABLE = "Fokusmål for kontaktforløbet (Ja/Nej) per måned og a-kasse"
BILAG_1A = "Bilag 1a: personer der indgår i opgørelsen af fokusmålet"
BILAG_1B = "Bilag 1b: totalopgørelse"
BILAG_1_HEADERS = ("Måned / a-kasse", "Ja", "Nej", "I alt", "Ja", "Nej", "I alt")
BILAG_1_PERIOD = "I alt for perioden"
BILAG_1_GRAND_TOTAL = "Hovedtotal"

BILAG_2 = "Bilag 2 – Datakvalitet"
BILAG_2_INTRO = (
    "Bilaget viser, hvordan de indlæste rækker er brugt: rækker læst = rækker brugt + "
    "rækker i karantæne, per register. Rækker i karantæne indgår ikke i opgørelsen."
)
BILAG_2_RECONCILIATION_SHEET = "Bilag 2 Afstemning"
BILAG_2_RECONCILIATION = "Afstemning per register"
BILAG_2_RECONCILIATION_HEADERS = ("Register", "Fil", "Læst", "Brugt", "I karantæne", "Afstemt")
BILAG_2_NO_RECONCILIATION = "Der foreligger ingen afstemning for denne kørsel."
YES, NO = "Ja", "Nej"
BILAG_2_QUARANTINE_SHEET = "Bilag 2 Karantæne"
BILAG_2_QUARANTINE = "Rækker i karantæne fordelt på årsag"
BILAG_2_QUARANTINE_WHAT = "Årsag"
BILAG_2_NO_QUARANTINE = "Ingen rækker er sat i karantæne."
BILAG_2_WARNINGS_SHEET = "Bilag 2 Advarsler"
BILAG_2_WARNINGS = "Advarsler: rækker, der er brugt, men bør efterses"
BILAG_2_WARNINGS_WHAT = "Advarsel"
BILAG_2_NO_WARNINGS = "Ingen advarsler."
BILAG_2_REGISTER = "Register"
BILAG_2_ROWS = "Rækker"

# --- Charts' text alternatives (written from the chart's published cells) -----------------

ALT_SERIES = "{what} per måned, {period}: fra {first} til {last}; højest {peak_month} ({peak})"
ALT_SERIES_EMPTY = "{what} per måned, {period}: alle tal er diskretionerede"
ALT_CATEGORIES = "{what} per måned, {period}. {month}: {values}"
ALT_SHARES = "{what}: {values}"
ALT_FOCUS = (
    "{what} per måned, {period}: fra {first} til {last}; målet er {target}, periodens "
    "gennemsnit {mean} ({met})"
)
ALT_FOCUS_EXCLUDED = "; udgået: {excluded}"
ALT_SUPPRESSED = "; {count} diskretionerede måneder (*)"
ALT_SUPPRESSED_ONE = "; én diskretioneret måned (*)"
ALT_VALUE = "{label} {value}"  # one category's value in a list
ALT_TABLE = "Tallene står i tabellen under figuren."
ALT_SPAN = "{first} til {last}"  # the period of a chart, shorter than a heading's

# --- The Excel workbook -------------------------------------------------------------------

XLSX_FRONT_SHEET = "Forside"
XLSX_FRONT_GUIDE = "Hvert ark indeholder én tabel fra rapporten; * = diskretioneret, – = intet tal."
XLSX_KEY_FIGURES_SHEET = "Nøgletal"
XLSX_KEY_FIGURES_HEADERS = ("Emne", "Nøgletal", "Værdi")
