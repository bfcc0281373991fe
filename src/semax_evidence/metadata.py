"""The registry: every field is defined once; resources list fields by name.

Everything else (schemas/*.schema.json, datapackage.json, the pandera schemas, the data
dictionary) is generated from these dictionaries. Field keys:

type         Table Schema type: string, integer, number, boolean, date, year
description  what the column holds
unit         physical unit, where there is one
enum         name of a vocabulary in vocabularies.py
pattern      regular expression the whole cell must match
minimum      smallest allowed value (numbers, integers)
text         free text: checked against spreadsheet formula injection
derived      computed by `semax-evidence build`, never edited by hand
"""

from dataclasses import dataclass

from ._version import __version__


@dataclass(frozen=True)
class ColumnType:
    """What the package knows about one Table Schema type, in one place: the text a cell may hold (and the
    message when it does not), the canonical text the writer writes, and the type it has when loaded, in SQLite
    and in Croissant. Only an empty cell is missing, whatever the type."""

    pattern: str | None  # regular expression the whole cell must match
    message: str | None
    canonical: str | None  # the writer's own form (load -> write gives back the same bytes)
    dtype: str  # pandas dtype when loaded
    sqlite: str
    croissant: str


NUMBER = r"-?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?"
COLUMN_TYPES: dict[str, ColumnType] = {
    "string": ColumnType(None, None, None, "string", "TEXT", "sc:Text"),
    # no sign, leading zero or exponent; within int64
    "integer": ColumnType(
        r"-?[0-9]+", "must be a whole number", r"-?(?:0|[1-9][0-9]{0,17})", "Int64", "INTEGER", "sc:Integer"
    ),
    "year": ColumnType(r"[0-9]{4}", "must be a four-digit year", None, "Int64", "INTEGER", "sc:Integer"),
    # repr of a float: no trailing or leading zeros, whole numbers without ".0", large or small ones in
    # e-notation; "inf" and "nan" are not numbers
    "number": ColumnType(
        NUMBER,
        "must be a number",
        r"-?(?:0|[1-9][0-9]{0,15})(?:\.[0-9]*[1-9])?|-?[1-9](?:\.[0-9]*[1-9])?e[-+][0-9]{2,3}",
        "Float64",
        "REAL",
        "sc:Float",
    ),
    "boolean": ColumnType(r"true|false", "must be 'true' or 'false'", None, "boolean", "INTEGER", "sc:Boolean"),
    "date": ColumnType(
        r"[0-9]{4}-[0-9]{2}-[0-9]{2}", "must be a date YYYY-MM-DD", None, "datetime64[ns]", "TEXT", "sc:Date"
    ),
}

URL = r"https?://[^\s|]+"
URLS = rf"{URL}( \| {URL})*"
ID_LIST = r"[A-Za-z0-9_]+(;[A-Za-z0-9_]+)*"


def _f(type_, description, **kw):
    return {"type": type_, "description": description, **kw}


def _text(description, **kw):
    return _f("string", description, text=True, **kw)


def _bool(description, **kw):
    return _f("boolean", description, **kw)


FIELDS: dict[str, dict] = {
    # --- identifiers ---------------------------------------------------------------
    "variant_id": _f("string", "Stable identifier of a peptide variant.", pattern=r"[a-z][a-z0-9_]*"),
    "parent_variant_id": _f("string", "Variant this one is derived from.", pattern=r"[a-z][a-z0-9_]*"),
    "study_id": _f("string", "Stable identifier of a publication in `studies`.", pattern=r"S[0-9]{3,}"),
    "effect_id": _f("string", "Stable identifier of a reported finding.", pattern=r"E[0-9]{4,}"),
    "source_id": _f("string", "Stable identifier of a source in `sources`.", pattern=r"[a-z][a-z0-9_]*"),
    "claim_id": _f("string", "Stable identifier of a claim made by a popular article.", pattern=r"C[0-9]{3,}"),
    "dose_id": _f("string", "Stable identifier of a dosing statement.", pattern=r"D[0-9]{3,}"),
    "search_id": _f("string", "Stable identifier of a literature search in `searches`.", pattern=r"[a-z][a-z0-9_]*"),
    "record_id": _f("string", "Stable identifier of a record of the literature census.", pattern=r"R[0-9]{3,}"),
    "pmid": _f("string", "PubMed identifier (digits only), as seen on `verified_url`.", pattern=r"[1-9][0-9]{0,8}"),
    "pmcid": _f("string", "PubMed Central identifier, as seen on `verified_url`.", pattern=r"PMC[0-9]{1,9}"),
    "doi": _f(
        "string",
        "Digital Object Identifier without resolver prefix, as seen on `verified_url`.",
        pattern=r"10\.[0-9]{4,9}/\S+",
    ),
    "cas_number": _f(
        "string",
        "CAS Registry Number (check digit validated), as seen on `cas_url`.",
        pattern=r"[0-9]{2,7}-[0-9]{2}-[0-9]",
    ),
    "pubchem_cid": _f("string", "PubChem compound identifier, as seen on `pubchem_url`.", pattern=r"[1-9][0-9]*"),
    # --- addresses and provenance ------------------------------------------------------
    "url": _f("string", "Address of the page.", pattern=URL),
    "verified_url": _f(
        "string", "Address(es) of the page(s) where the identifiers were seen, ' | ' separated.", pattern=URLS
    ),
    "cas_url": _f("string", "Address(es) where the CAS number was seen.", pattern=URLS),
    "pubchem_url": _f("string", "Address(es) where the PubChem CID was seen.", pattern=URLS),
    "approval_source_url": _f("string", "Address(es) supporting `approval_status`.", pattern=URLS),
    "verification": _f("string", "Where the identifiers were seen.", enum="verification"),
    "location": _text("Where in the source the row's content stands (section, table, figure or abstract)."),
    "reviewed_on": _f("date", "Date the row was last checked against its source."),
    "notes": _text("Remarks in the curators' words."),
    "correction": _text(
        "Why a numeric value differs from the text printed by the source (a known misprint), "
        "with the evidence for the corrected value."
    ),
    # --- variants ----------------------------------------------------------------------
    "name": _text("Common name."),
    "synonyms": _text("Other names, ';' separated."),
    "sequence": _f(
        "string", "Amino-acid sequence, one-letter code, N- to C-terminus.", pattern=r"[ACDEFGHIKLMNPQRSTVWY]+"
    ),
    "sequence_three_letter": _f(
        "string", "Amino-acid sequence, three-letter code.", pattern=r"[A-Z][a-z]{2}(-[A-Z][a-z]{2})*"
    ),
    "n_terminal_modification": _f("string", "Chemical group on the N-terminus.", enum="terminal_n"),
    "c_terminal_modification": _f("string", "Chemical group on the C-terminus.", enum="terminal_c"),
    "relation": _f("string", "How the variant relates to its parent.", enum="relation"),
    "structure_defined": _bool("Whether an authoritative structure exists, so chemistry can be computed."),
    "molecular_formula": _f(
        "string",
        "Molecular formula computed from sequence and terminal groups.",
        pattern=r"([A-Z][a-z]?[0-9]*)+",
        derived=True,
    ),
    "monoisotopic_mass": _f(
        "number", "Monoisotopic mass computed from the formula.", unit="Da", minimum=0, derived=True
    ),
    "average_mass": _f(
        "number", "Average molecular mass computed from the formula.", unit="g/mol", minimum=0, derived=True
    ),
    "identifier_conflict": _text("Disagreements between sources about identifiers, structure or mass."),
    "approval_status": _text("Registration status by country, as supported by `approval_source_url`."),
    "studied_in_humans": _bool("Whether any row of `studies` with a human design uses this variant.", derived=True),
    # --- studies -----------------------------------------------------------------------
    "authors": _text("Authors as printed, ';' separated."),
    "year": _f("year", "Year of publication."),
    "title": _text("Title (English for publications)."),
    "title_original": _text("Title in the original language, where not English."),
    "journal": _text("Journal name."),
    "volume": _f("string", "Journal volume, as seen on `verified_url`."),
    "issue": _f("string", "Journal issue, as seen on `verified_url`."),
    "pages": _f("string", "Page range, as seen on `verified_url`."),
    "language": _f("string", "Language of the text (ISO 639-1).", enum="language"),
    "design": _f("string", "Design lane of the study.", enum="design"),
    "randomised": _bool("Allocation was randomised (empty: not reported)."),
    "blinded": _bool("Assessors or participants were blinded (empty: not reported)."),
    "placebo_controlled": _bool("A placebo or vehicle arm was used (empty: not reported)."),
    "species": _f("string", "Organism studied.", enum="species"),
    "strain": _text("Strain or cell line."),
    "sex": _text("Sex of the subjects."),
    "age": _text("Age of the subjects, as reported."),
    "condition": _text("Condition or model studied."),
    "n_total": _f("integer", "Number of subjects or animals in total.", minimum=1),
    "n_per_arm": _text("Number per arm, as reported."),
    "route": _f("string", "Route of administration.", enum="route"),
    "dose_as_printed": _text("Dose exactly as the source prints it, with unit."),
    "regimen": _text("How often and how long."),
    "duration": _text("Treatment duration."),
    "follow_up": _text("Follow-up after treatment."),
    "comparator": _text("What the variant was compared with."),
    "institutions": _text("Institutions of the authors."),
    "developer_affiliated": _bool(
        "An author is from the Institute of Molecular Genetics RAS or the drug's maker (empty: affiliations not seen)."
    ),
    "funding_conflict": _text("Funding or conflict-of-interest statement."),
    "trial_registration": _text("Trial registry identifier."),
    "read_depth": _f("string", "How deeply the publication was read.", enum="read_depth"),
    "cohort_study_id": _f(
        "string",
        "First report of the same cohort or data set, when this row reports it again; "
        "counts built from studies count the cohort once.",
        pattern=r"S[0-9]{3,}",
    ),
    "outside_census_reason": _text(
        "Why a row of studies has no record in the literature census "
        "(e.g. the publication does not name Semax in its title or abstract)."
    ),
    "cited_by": _f("string", "Seed articles that lean on this row, ';' separated source_ids.", pattern=ID_LIST),
    "article_description": _text("What the citing articles say about the study, paraphrased."),
    "evidence_level": _f(
        "integer", "Oxford CEBM level computed from the design lane (1 best, 5 weakest).", minimum=1, derived=True
    ),
    "risk_of_bias_flags": _f(
        "string",
        "Risk-of-bias flags computed from the recorded design facts, ';' separated.",
        pattern=ID_LIST,
        derived=True,
    ),
    "independent_replication": _bool(
        "Another study without a developer-affiliated author reports the same outcome "
        "in the same direction (empty: the study has no effects rows).",
        derived=True,
    ),
    # --- effects -----------------------------------------------------------------------
    "outcome": _f("string", "What was measured (controlled term).", pattern=r"[a-z0-9][a-z0-9_]*"),
    "measure": _f("string", "Kind of measurement.", enum="measure"),
    "tissue": _f("string", "Tissue or matrix measured.", pattern=r"[a-z0-9][a-z0-9_]*"),
    "in_vivo": _bool("Measured in a living organism (false: culture or ex vivo tissue)."),
    "time_point": _f("number", "Time after administration at which the finding was measured.", minimum=0),
    "time_point_unit": _f("string", "Unit of `time_point`.", enum="time_unit"),
    "dose": _text("Dose for this finding, as printed."),
    "direction": _f("string", "Direction of the finding relative to the comparator.", enum="direction"),
    "magnitude_relation": _f("string", "Relation of the true value to `magnitude`.", enum="magnitude_relation"),
    "magnitude": _f("number", "Size of the finding, as stated by the source.", unit="see magnitude_unit"),
    "magnitude_unit": _f("string", "Unit of `magnitude`.", enum="magnitude_unit"),
    "significance": _text("Statistical significance as reported."),
    # --- sources -----------------------------------------------------------------------
    "source_type": _f("string", "Kind of source.", enum="source_type"),
    "publisher": _text("Site or publisher."),
    "author": _text("Author as shown on the page."),
    "published_on": _f("date", "Publication date shown on the page."),
    "accessed_on": _f("date", "Date the stored page was read."),
    "peer_reviewed": _bool("Published after peer review."),
    "cites_primary_with_identifiers": _bool("Cites primary papers with PMIDs, DOIs or links."),
    "has_prices": _bool("Shows prices."),
    "names_vendors": _bool("Names sellers."),
    "has_order_links": _bool("Links to places to buy."),
    "has_affiliate_links": _bool("Has affiliate links or codes."),
    "anecdote_share": _f("string", "Share of first-person or user-report text.", enum="anecdote_share"),
    "discloses_author": _bool("Names its author."),
    "discloses_date": _bool("Shows a publication or update date."),
    "is_regulator": _bool("Published by a medicines regulator."),
    "reliability_tier": _f(
        "string", "Tier computed by the source rubric (see docs/rubric.md).", enum="reliability_tier", derived=True
    ),
    # --- claims ------------------------------------------------------------------------
    "section": _text("Nearest heading above the claim in the article."),
    "claim": _text("The checkable statement, paraphrased."),
    "claim_type": _f("string", "Topic of the claim.", enum="claim_type"),
    "evidence_pmids": _f(
        "string", "PMIDs of the papers the verdict rests on, ';' separated.", pattern=r"[0-9]+(;[0-9]+)*"
    ),
    "evidence_urls": _f("string", "Addresses of the pages the verdict rests on.", pattern=URLS),
    "verdict": _f("string", "Verdict on the claim (criteria in docs/rubric.md).", enum="verdict"),
    "rationale": _text("Why the verdict, naming the evidence rows (study, effect and source ids)."),
    "contradicts": _f(
        "string", "Claims of another article that say the opposite, ';' separated claim_ids.", pattern=ID_LIST
    ),
    "trap": _f("string", "Kind of distortion found, if any.", enum="trap"),
    "searched": _text("For an unsupported verdict: what was searched for the evidence, and where."),
    "target_table": _f("string", "Table of the row a claim's verdict rests on.", enum="evidence_table"),
    "target_id": _f("string", "Primary key of that row.", pattern=r"[A-Za-z0-9_]+"),
    "role": _f("string", "What the row does for the verdict.", enum="evidence_role"),
    # --- literature census ------------------------------------------------------------
    "database": _text("Database or site searched."),
    "query": _text("Query string exactly as run."),
    "run_on": _f("date", "Date the search was run."),
    "n_records": _f("integer", "Number of records the search returned.", minimum=0),
    "publication_types": _text("Publication types as indexed, ';' separated."),
    "decision": _f("string", "Screening decision on the record (criteria in docs/rubric.md).", enum="decision"),
    "exclusion_reason": _f("string", "Why an excluded record was excluded.", enum="exclusion_reason"),
    "flow_stage": _f("string", "Stage of the PRISMA 2020 flow.", enum="flow_stage", derived=True),
    "flow_detail": _f(
        "string",
        "Breakdown within the stage: an exclusion reason, a design lane, or `all`.",
        pattern=r"[a-z][a-z0-9_]*",
        derived=True,
    ),
    "n_flow": _f("integer", "Number of records at this stage and breakdown.", minimum=0, derived=True),
    # --- outcome summary ----------------------------------------------------------------
    "n_studies": _f("integer", "Number of distinct studies.", minimum=1, derived=True),
    "n_subjects": _f("integer", "Sum of n_total over the distinct studies that report it.", minimum=1, derived=True),
    "n_effects": _f("integer", "Number of effects rows.", minimum=1, derived=True),
    "n_increase": _f("integer", "Effects rows with direction increase.", minimum=0, derived=True),
    "n_decrease": _f("integer", "Effects rows with direction decrease.", minimum=0, derived=True),
    "n_no_change": _f("integer", "Effects rows with direction no_change.", minimum=0, derived=True),
    "n_mixed": _f("integer", "Effects rows with direction mixed.", minimum=0, derived=True),
    "direction_consistency": _f(
        "number", "Share of effects rows in the most common direction.", unit="fraction", minimum=0, derived=True
    ),
    "majority_direction": _f("string", "Most common direction (ties: mixed).", enum="direction", derived=True),
    "grade": _f(
        "string", "Certainty grade from the GRADE-style algorithm in docs/rubric.md.", enum="grade", derived=True
    ),
    "grade_reasons": _f("string", "Downgrades applied, ';' separated.", pattern=ID_LIST, derived=True),
    # --- doses -------------------------------------------------------------------------
    "context": _f("string", "Where the dose comes from.", enum="dose_context"),
    "dose_min": _f("number", "Smallest amount, as printed.", unit="see dose_unit", minimum=0),
    "dose_max": _f("number", "Largest amount, as printed.", unit="see dose_unit", minimum=0),
    "dose_unit": _f("string", "Unit of `dose_min` and `dose_max`.", enum="dose_unit"),
    "per": _f("string", "Whether the amount is per administration, per day or per course.", enum="dose_per"),
    "frequency": _text("How often, as printed."),
    "concentration": _text("Solution strength, as printed."),
    "population": _text("Who or what received the dose."),
    "drop_volume_ml": _f("number", "Volume of one drop, where a source states it.", unit="mL", minimum=0),
    "is_recommendation": _bool("The source presents the amount as advice to readers (false: a report)."),
    "dose_min_ug": _f("number", "`dose_min` in micrograms, computed with pint.", unit="ug", minimum=0, derived=True),
    "dose_max_ug": _f("number", "`dose_max` in micrograms, computed with pint.", unit="ug", minimum=0, derived=True),
    "dose_min_ug_per_kg": _f(
        "number", "`dose_min` in micrograms per kg, computed with pint.", unit="ug/kg", minimum=0, derived=True
    ),
    "dose_max_ug_per_kg": _f(
        "number", "`dose_max` in micrograms per kg, computed with pint.", unit="ug/kg", minimum=0, derived=True
    ),
    "normalisation_note": _text("Why a normalised amount is empty.", derived=True),
}

RESOURCES: dict[str, dict] = {
    "variants": {
        "title": "Peptide variants",
        "description": "Semax, its modified forms and the related peptides the evidence turns on, "
        "with chemistry computed from sequence and terminal groups.",
        "fields": [
            "variant_id",
            "name",
            "synonyms",
            "sequence",
            "sequence_three_letter",
            "n_terminal_modification",
            "c_terminal_modification",
            "structure_defined",
            "parent_variant_id",
            "relation",
            "molecular_formula",
            "monoisotopic_mass",
            "average_mass",
            "cas_number",
            "cas_url",
            "pubchem_cid",
            "pubchem_url",
            "verification",
            "identifier_conflict",
            "approval_status",
            "approval_source_url",
            "studied_in_humans",
            "notes",
        ],
        "primary_key": ["variant_id"],
        "required": ["name", "relation", "structure_defined"],
        "foreign_keys": {"parent_variant_id": "variants"},
    },
    "studies": {
        "title": "Studies",
        "description": "Every publication on Semax included by the literature census, and the few others the "
        "claims rest on, with bibliography, verification of its identifiers and design.",
        "fields": [
            "study_id",
            "authors",
            "year",
            "title",
            "title_original",
            "journal",
            "volume",
            "issue",
            "pages",
            "pmid",
            "pmcid",
            "doi",
            "verified_url",
            "verification",
            "language",
            "design",
            "randomised",
            "blinded",
            "placebo_controlled",
            "species",
            "strain",
            "sex",
            "age",
            "condition",
            "n_total",
            "n_per_arm",
            "correction",
            "variant_id",
            "route",
            "dose_as_printed",
            "regimen",
            "duration",
            "follow_up",
            "comparator",
            "institutions",
            "developer_affiliated",
            "funding_conflict",
            "trial_registration",
            "read_depth",
            "cohort_study_id",
            "outside_census_reason",
            "reviewed_on",
            "cited_by",
            "article_description",
            "notes",
            "evidence_level",
            "risk_of_bias_flags",
            "independent_replication",
        ],
        "primary_key": ["study_id"],
        "required": ["title", "verification", "design", "read_depth", "reviewed_on"],
        "unique": ["pmid", "pmcid", "doi"],
        "foreign_keys": {"variant_id": "variants", "cohort_study_id": "studies"},
    },
    "effects": {
        "title": "Reported effects",
        "description": "One row per finding of a study: outcome, measure, tissue, time point, direction "
        "and size against a comparator.",
        "fields": [
            "effect_id",
            "study_id",
            "variant_id",
            "outcome",
            "measure",
            "tissue",
            "species",
            "in_vivo",
            "time_point",
            "time_point_unit",
            "dose",
            "route",
            "direction",
            "magnitude_relation",
            "magnitude",
            "magnitude_unit",
            "comparator",
            "significance",
            "location",
            "source_id",
            "notes",
        ],
        "primary_key": ["effect_id"],
        "required": ["study_id", "variant_id", "outcome", "measure", "direction", "location", "source_id"],
        "foreign_keys": {"study_id": "studies", "variant_id": "variants", "source_id": "sources"},
    },
    "sources": {
        "title": "Sources",
        "description": "Every source the data relies on, with the attributes the reliability rubric reads "
        "and the tier it computes.",
        "fields": [
            "source_id",
            "source_type",
            "title",
            "url",
            "publisher",
            "author",
            "published_on",
            "accessed_on",
            "language",
            "peer_reviewed",
            "cites_primary_with_identifiers",
            "has_prices",
            "names_vendors",
            "has_order_links",
            "has_affiliate_links",
            "anecdote_share",
            "discloses_author",
            "discloses_date",
            "is_regulator",
            "study_id",
            "reliability_tier",
            "notes",
        ],
        "primary_key": ["source_id"],
        "required": ["source_type", "title"],
        "foreign_keys": {"study_id": "studies"},
    },
    "claims": {
        "title": "Claims of popular articles",
        "description": "Each checkable statement of the seed articles, paraphrased, with a verdict and the "
        "evidence rows behind it.",
        "fields": [
            "claim_id",
            "source_id",
            "section",
            "claim",
            "claim_type",
            "study_id",
            "evidence_pmids",
            "evidence_urls",
            "verdict",
            "rationale",
            "searched",
            "contradicts",
            "trap",
        ],
        "primary_key": ["claim_id"],
        "required": ["source_id", "claim", "claim_type", "verdict", "rationale"],
        "foreign_keys": {"source_id": "sources", "study_id": "studies"},
    },
    "claim_evidence": {
        "title": "Evidence behind each verdict",
        "description": "One row per link from a claim to a row its verdict rests on (a study, effect, dose, "
        "source or census record), with the role the row plays.",
        "fields": ["claim_id", "target_table", "target_id", "role", "notes"],
        "primary_key": ["claim_id", "target_table", "target_id"],
        "required": ["role"],
        "foreign_keys": {"claim_id": "claims"},
    },
    "doses": {
        "title": "Dosing reports",
        "description": "Every dosing statement of the articles, labels and studies, as printed and "
        "normalised to micrograms where the units allow.",
        "fields": [
            "dose_id",
            "variant_id",
            "source_id",
            "study_id",
            "location",
            "context",
            "route",
            "dose_as_printed",
            "dose_min",
            "dose_max",
            "dose_unit",
            "correction",
            "per",
            "frequency",
            "concentration",
            "population",
            "drop_volume_ml",
            "is_recommendation",
            "dose_min_ug",
            "dose_max_ug",
            "dose_min_ug_per_kg",
            "dose_max_ug_per_kg",
            "normalisation_note",
            "notes",
        ],
        "primary_key": ["dose_id"],
        "required": ["variant_id", "source_id", "context", "is_recommendation"],
        "foreign_keys": {"variant_id": "variants", "source_id": "sources", "study_id": "studies"},
    },
    "searches": {
        "title": "Literature searches",
        "description": "Each dated search of the literature census: database, query, date, number of records "
        "and the page where the list was seen.",
        "fields": ["search_id", "database", "query", "run_on", "n_records", "url", "notes"],
        "primary_key": ["search_id"],
        "required": ["database", "query", "run_on", "n_records"],
    },
    "records": {
        "title": "Literature census",
        "description": "One row per record a documented search returned, with its screening decision, the "
        "reason for an exclusion and the row of studies of an included record.",
        "fields": [
            "record_id",
            "search_id",
            "pmid",
            "doi",
            "title",
            "title_original",
            "year",
            "journal",
            "language",
            "publication_types",
            "verified_url",
            "verification",
            "decision",
            "exclusion_reason",
            "design",
            "study_id",
            "reviewed_on",
            "notes",
        ],
        "primary_key": ["record_id"],
        "required": ["search_id", "title", "verified_url", "verification", "decision", "reviewed_on"],
        "foreign_keys": {"search_id": "searches", "study_id": "studies"},
    },
    "outcome_summary": {
        "title": "Outcome summary (derived)",
        "description": "Per outcome, variant and evidence lane: studies, subjects, direction consistency, "
        "independent replication and a GRADE-style grade. Built from studies and effects.",
        "fields": [
            "outcome",
            "variant_id",
            "design",
            "n_studies",
            "n_subjects",
            "n_effects",
            "n_increase",
            "n_decrease",
            "n_no_change",
            "n_mixed",
            "majority_direction",
            "direction_consistency",
            "independent_replication",
            "grade",
            "grade_reasons",
        ],
        "primary_key": ["outcome", "variant_id", "design"],
        "required": ["n_studies", "n_effects", "grade"],
        "foreign_keys": {"variant_id": "variants"},
        "derived": True,
    },
    "prisma_flow": {
        "title": "PRISMA 2020 flow (derived)",
        "description": "Records at each stage of the literature census: identified, duplicates removed, "
        "screened, excluded by reason and included by design lane. Built from records.",
        "fields": ["flow_stage", "flow_detail", "n_flow"],
        "primary_key": ["flow_stage", "flow_detail"],
        "required": ["n_flow"],
        "derived": True,
    },
}

PACKAGE = {
    "name": "semax-evidence",
    "title": "Semax Evidence Dataset",
    "description": "Studies, reported effects, variants, dosing reports, sources and the claims of popular "
    "articles about the peptide Semax and its variants, each row with its provenance.",
    "version": __version__,
    "licenses": [
        {
            "name": "CC-BY-4.0",
            "title": "Creative Commons Attribution 4.0 International",
            "path": "https://creativecommons.org/licenses/by/4.0/",
        }
    ],
    "keywords": ["Semax", "ACTH(4-10)", "peptide", "nootropic", "evidence", "BDNF"],
    "contributors": [{"title": "Semax Evidence Dataset contributors", "roles": ["creator"]}],
    "sources": [
        {
            "title": "PubMed records of the query of 2026-09-13, as listed in a public screening ledger",
            "path": "https://github.com/growcablab-blip/theTidesIndex.com/blob/"
            "c37b288cf77fa4e80a6ff3f9999201a2e866e557/data/seed/literature/semax-screen.json",
        },
        {"title": "Three popular articles about Semax (the seed sources, rows of sources)"},
    ],
}

TABLES = list(RESOURCES)


# ---- the registry checks itself when it is imported -------------------------------------------
# A misspelt key (`minimun`, `foriegn_keys`) would otherwise switch a constraint off without a word.

FIELD_KEYS = {"type", "description", "unit", "enum", "pattern", "minimum", "text", "derived"}
RESOURCE_KEYS = {"title", "description", "fields", "primary_key", "required", "unique", "foreign_keys", "derived"}
TYPES = set(COLUMN_TYPES)
ONLY_FOR = {"minimum": {"integer", "number"}, "pattern": {"string"}, "enum": {"string"}, "text": {"string"}}


class RegistryError(ValueError):
    """A registry entry that names an unknown key or a constraint its type cannot have."""


def check_registry(fields: dict, resources: dict, vocabularies: dict) -> None:
    """Raise RegistryError naming the entry and the key at the first fault."""
    for name, spec in fields.items():
        for key in set(spec) - FIELD_KEYS:
            raise RegistryError(
                f"FIELDS[{name!r}] has an unknown key {key!r}; keys are: {', '.join(sorted(FIELD_KEYS))}"
            )
        if spec.get("type") not in TYPES:
            raise RegistryError(
                f"FIELDS[{name!r}] has type {spec.get('type')!r}; types are: {', '.join(sorted(TYPES))}"
            )
        for key, types in ONLY_FOR.items():
            if key in spec and spec["type"] not in types:
                raise RegistryError(f"FIELDS[{name!r}]: key {key!r} does not apply to type {spec['type']!r}")
        if "enum" in spec and spec["enum"] not in vocabularies:
            raise RegistryError(f"FIELDS[{name!r}]: enum {spec['enum']!r} is not a vocabulary")
    for table, res in resources.items():
        for key in set(res) - RESOURCE_KEYS:
            raise RegistryError(
                f"RESOURCES[{table!r}] has an unknown key {key!r}; keys are: {', '.join(sorted(RESOURCE_KEYS))}"
            )
        for key in ("title", "description", "fields", "primary_key"):
            if key not in res:
                raise RegistryError(f"RESOURCES[{table!r}] lacks {key!r}")
        for field in res["fields"]:
            if field not in fields:
                raise RegistryError(f"RESOURCES[{table!r}]['fields'] names {field!r}, which FIELDS does not define")
        for key in ("primary_key", "required", "unique"):
            for field in res.get(key, []):
                if field not in res["fields"]:
                    raise RegistryError(f"RESOURCES[{table!r}][{key!r}] names {field!r}, not one of its fields")
        for field, ref in res.get("foreign_keys", {}).items():
            if field not in res["fields"] or ref not in resources:
                raise RegistryError(
                    f"RESOURCES[{table!r}]['foreign_keys'] {field!r} -> {ref!r}: unknown field or table"
                )


def _check_on_import() -> None:
    from .vocabularies import VOCABULARIES

    check_registry(FIELDS, RESOURCES, VOCABULARIES)


_check_on_import()
