"""Controlled vocabularies shared by the schemas, the coder and the views.

These strings are part of the published interface: they appear in the CSV files and in
``data/datapackage.json``. Change them only with a dataset version bump.
"""

from __future__ import annotations

INITIATIVES = ("GSI", "GDI", "GCI", "GGI", "BRI")
INITIATIVE_NAMES = {
    "GSI": "Global Security Initiative",
    "GDI": "Global Development Initiative",
    "GCI": "Global Civilization Initiative",
    "GGI": "Global Governance Initiative",
    "BRI": "Belt and Road Initiative",
}
# Launch dates (first proposal by Xi Jinping), used to flag statements that predate one.
INITIATIVE_LAUNCH = {
    "GDI": "2021-09-21",
    "GSI": "2022-04-21",
    "GCI": "2023-03-15",
    "GGI": "2025-09-01",
    "BRI": "2013-09-07",
}

LEVELS = {-1: "reject", 0: "none", 1: "acknowledge", 2: "welcome", 3: "support", 4: "commit"}

DATE_PRECISIONS = ("day", "month", "year")

DOC_TYPES = (
    "joint_statement", "readout", "speech", "letter", "communique", "declaration",
    "concept_paper", "news_report", "analysis", "press_conference",
)

EVIDENCE = (
    "official full text",
    "official summary",
    "wire report",
    "mirror or machine translation",
    "secondary analysis",
)

ATTRIBUTIONS = (
    "joint",              # a text both sides signed or agreed (joint statement, declaration)
    "own voice",          # the party's own government or organization speaking
    "China's account",    # China's readout of what the party said or did
    "China's own words",  # China speaking for itself about the party
    "third-party account",  # a secondary source (analysis, press) describing the stance
)

# What a statement row records: a coded text, or one of the two kinds of absence that a
# text can show. The other two kinds ("no meeting", "meeting but no document") are
# properties of events, derived by ``xiplomacy.standings.absence``.
FINDINGS = ("stated", "not mentioned", "not seen")

EVENT_TYPES = (
    "summit", "state visit", "official visit", "bilateral meeting", "phone call",
    "talks", "joint statement", "letter", "speech", "UN event", "forum",
    "ministerial meeting", "statement", "report",
)

OUTCOMES = (
    "joint statement", "readout", "joint statement and readout", "declaration",
    "speech", "letter", "statement", "no document", "not known",
)

PARTY_KINDS = ("country", "organization")
REGIONS = ("Africa", "Americas", "Asia", "Europe", "Oceania", "Organizations")

# The implementation track (data/implementation.csv): what is done under the GSI.
IMPLEMENTATION_KINDS = {
    "training": "courses, seminars or places for foreign police, law-enforcement or security officials",
    "training_base": "a base, centre or academy set up to train foreign security personnel",
    "law_enforcement_agreement": "a police, law-enforcement or security cooperation agreement, MoU or plan",
    "joint_exercise": "a joint exercise, drill, patrol or operation",
    "forum": "a security forum or dialogue China hosts or presents under the GSI",
    "mediation": "peace talks, mediation or a peace plan",
    "concept_priority": "a cooperation priority or platform named in the GSI Concept Paper",
    "progress_report": "China's own claim about implementation (supporters, documents, people trained)",
}
IMPLEMENTATION_STATUS = ("announced", "agreed", "delivered")
GSI_TIES = ("explicit", "none")
