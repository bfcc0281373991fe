"""Semantic rules: what a single column's schema cannot say. Each rule is a short vectorised function
that reads the text tables and yields a Problem per offending row."""

import datetime as _dt
import re
from dataclasses import replace

import pandas as pd

from .problems import Problem, Table, as_float, isin

RULES = []


def rule(func):
    RULES.append(func)
    return func


def _present(t: dict[str, Table], name: str, *cols: str) -> bool:
    return name in t and all(c in t[name].frame for c in cols)


@rule
def year_not_in_future(t):
    """A publication year is not later than this year."""
    if _present(t, "studies", "year"):
        s = t["studies"]
        yield from s.problems(as_float(s.frame["year"]) > _dt.date.today().year, "year", "year is in the future")


EARLIEST_YEAR = 1900  # Semax was first described in the 1980s: anything before this is a typing error


@rule
def years_and_dates_are_plausible(t):
    """Years and dates are not before 1900 (a year 0000 or 1066 is a typing error)."""
    if _present(t, "studies", "year"):
        s = t["studies"]
        yield from s.problems(as_float(s.frame["year"]) < EARLIEST_YEAR, "year", f"year is before {EARLIEST_YEAR}")
    for name, col in [
        ("studies", "reviewed_on"),
        ("sources", "accessed_on"),
        ("sources", "published_on"),
        ("records", "reviewed_on"),
        ("searches", "run_on"),
    ]:
        if _present(t, name, col):
            tab = t[name]
            year = as_float(tab.frame[col].str.slice(0, 4))
            yield from tab.problems(year < EARLIEST_YEAR, col, f"date is before {EARLIEST_YEAR}")


@rule
def dates_not_in_future(t):
    """Review, access and publication dates are not later than today."""
    today = pd.Timestamp(_dt.date.today())
    for name, col in [("studies", "reviewed_on"), ("sources", "accessed_on"), ("sources", "published_on")]:
        if _present(t, name, col):
            tab = t[name]
            when = pd.to_datetime(tab.frame[col], format="%Y-%m-%d", errors="coerce")
            yield from tab.problems(when > today, col, "date is in the future")


@rule
def dose_range_ordered(t):
    """dose_min does not exceed dose_max."""
    if _present(t, "doses", "dose_min", "dose_max"):
        d = t["doses"]
        yield from d.problems(
            as_float(d.frame["dose_min"]) > as_float(d.frame["dose_max"]),
            "dose_min",
            "dose_min must not exceed dose_max",
        )


MAX_UG = 10_000_000  # 10 g of a peptide dosed in micrograms: beyond any report, a unit or typing error
MAX_UG_PER_KG = 1_000_000  # 1 g/kg


@rule
def doses_are_plausible(t):
    """A normalised dose above 10 g, or above 1 g per kg, is a unit or typing error."""
    if not _present(t, "doses", "dose_min_ug", "dose_max_ug", "dose_min_ug_per_kg", "dose_max_ug_per_kg"):
        return
    d = t["doses"]
    for col, limit in (
        ("dose_min_ug", MAX_UG),
        ("dose_max_ug", MAX_UG),
        ("dose_min_ug_per_kg", MAX_UG_PER_KG),
        ("dose_max_ug_per_kg", MAX_UG_PER_KG),
    ):
        yield from d.problems(as_float(d.frame[col]) > limit, col, f"above {limit:,} (a unit or typing error)")


@rule
def magnitude_has_unit(t):
    """A magnitude comes with its unit and relation, and a unit with a magnitude."""
    if _present(t, "effects", "magnitude", "magnitude_unit", "magnitude_relation"):
        e = t["effects"].frame
        yield from t["effects"].problems(
            e["magnitude"].notna() & e["magnitude_unit"].isna(), "magnitude", "a magnitude needs a magnitude_unit"
        )
        yield from t["effects"].problems(
            e["magnitude"].notna() & e["magnitude_relation"].isna(),
            "magnitude",
            "a magnitude needs a magnitude_relation",
        )
        yield from t["effects"].problems(
            e["magnitude"].isna() & e["magnitude_unit"].notna(), "magnitude_unit", "a magnitude_unit needs a magnitude"
        )


@rule
def time_point_has_unit(t):
    """A time point comes with its unit, and a unit with a time point."""
    if _present(t, "effects", "time_point", "time_point_unit"):
        e = t["effects"].frame
        yield from t["effects"].problems(
            e["time_point"].notna() != e["time_point_unit"].notna(),
            "time_point",
            "time_point and time_point_unit go together",
        )


@rule
def cas_check_digit(t):
    """A CAS Registry Number has the right check digit."""
    from stdnum import casrn

    if _present(t, "variants", "cas_number"):
        v = t["variants"]
        cas = v.frame["cas_number"]
        bad = cas.notna() & ~cas.fillna("").map(casrn.is_valid)
        yield from v.problems(bad, "cas_number", "CAS number check digit is wrong")


@rule
def identifiers_have_their_page(t):
    """An identifier is only in the data with the address where it was seen."""
    pairs = [
        ("studies", ["pmid", "pmcid", "doi", "volume", "issue", "pages"], "verified_url"),
        ("variants", ["cas_number"], "cas_url"),
        ("variants", ["pubchem_cid"], "pubchem_url"),
    ]
    for name, ids, page in pairs:
        if not _present(t, name, page, *ids):
            continue
        tab = t[name]
        for col in ids:
            yield from tab.problems(
                tab.frame[col].notna() & tab.frame[page].isna(),
                col,
                f"an identifier needs the address where it was seen ({page})",
            )


@rule
def unresolved_has_no_identifiers(t):
    """A row marked unresolved carries no identifier; a verified one names its page."""
    if _present(t, "studies", "verification", "pmid", "doi", "pmcid", "verified_url"):
        s = t["studies"]
        unresolved = s.frame["verification"] == "unresolved"
        for col in ["pmid", "doi", "pmcid"]:
            yield from s.problems(
                unresolved & s.frame[col].notna(), col, "an unresolved study cannot carry an identifier"
            )
        yield from s.problems(
            ~unresolved & s.frame["verified_url"].isna(),
            "verified_url",
            "a study marked as verified needs verified_url",
        )


@rule
def study_is_identifiable(t):
    """A study has a title."""
    if _present(t, "studies", "title", "article_description"):
        s = t["studies"]
        yield from s.problems(
            s.frame["title"].isna() & s.frame["article_description"].isna(),
            "title",
            "a study needs a title or, when unresolved, an article_description",
        )


@rule
def publication_sources_name_their_study(t):
    """A source of type publication names its row of studies."""
    if _present(t, "sources", "source_type", "study_id"):
        s = t["sources"]
        yield from s.problems(
            (s.frame["source_type"] == "publication") & s.frame["study_id"].isna(),
            "study_id",
            "a source of type publication needs its study_id",
        )


ID_TOKEN = re.compile(r"\b(?:S[0-9]{3,}|E[0-9]{4,}|D[0-9]{3,}|C[0-9]{3,})\b")
ID_TABLE = {
    "S": ("studies", "study_id"),
    "E": ("effects", "effect_id"),
    "D": ("doses", "dose_id"),
    "C": ("claims", "claim_id"),
}


def _listed(text: pd.Series, sep: str = ";") -> pd.Series:
    """One row per item of a list cell ("a;b" -> a, b), indexed by the row it came from."""
    items = text.dropna().str.split(sep).explode()
    return items[items.notna() & (items != "")].astype("str")


def _per_row(items: pd.Series, like: pd.Series, sep: str) -> pd.Series:
    """Join items back into one text per original row ('' where none)."""
    if items.empty:
        return pd.Series("", index=like.index)
    return items.groupby(level=0, sort=False).agg(sep.join).reindex(like.index, fill_value="")


@rule
def rationale_names_existing_rows(t):
    """Every study, effect, dose or claim id a rationale names exists."""
    if not _present(t, "claims", "rationale"):
        return
    c = t["claims"]
    text = c.frame["rationale"]
    # Python's regex runs only on rationales that name an id at all
    named = text[text.str.contains(ID_TOKEN.pattern, regex=True, na=False)].str.findall(ID_TOKEN).explode().dropna()
    unknown = pd.Series(False, index=named.index)
    for prefix, (tab, key) in ID_TABLE.items():
        of_table = named.str[0] == prefix
        if tab in t and of_table.any():
            unknown |= of_table & ~isin(named, t[tab].frame[key])
    missing = _per_row(named[unknown.to_numpy()], text, " ")
    yield from c.problems(missing != "", "rationale", "names evidence rows that do not exist", missing)


@rule
def evidence_pmids_are_studies(t):
    """Every PMID a claim lists as evidence is the pmid of a row of studies."""
    if not (_present(t, "claims", "evidence_pmids") and _present(t, "studies", "pmid")):
        return
    c = t["claims"]
    pmids = _listed(c.frame["evidence_pmids"])
    missing = _per_row(pmids[~isin(pmids, t["studies"].frame["pmid"]).to_numpy()], c.frame, ";")
    yield from c.problems(missing != "", "evidence_pmids", "PMID is not the pmid of any row of studies", missing)


@rule
def contradictions_link_both_ways(t):
    """A contradiction names a claim of another article that names this one back."""
    if not _present(t, "claims", "contradicts", "source_id"):
        return
    c = t["claims"]
    f = c.frame
    named = _listed(f["contradicts"])  # b, indexed by the row of claim a
    a = pd.Series(f["claim_id"].loc[named.index].to_numpy(), dtype="str")
    b = pd.Series(named.to_numpy(), dtype="str")
    source = f.drop_duplicates("claim_id").set_index("claim_id")["source_id"]
    named_back = isin(b + "\x1f" + a, a + "\x1f" + b)
    same_article = (a.map(source) == b.map(source)).fillna(False)
    wrong = ~named_back | ~isin(b, f["claim_id"]) | same_article
    bad = _per_row(named[wrong.to_numpy()], f, ";")
    yield from c.problems(
        bad != "", "contradicts", "must name an existing claim of another article that names this one back", bad
    )


@rule
def parent_links_have_no_cycle(t):
    """A variant is never its own parent, directly or through a loop of parents."""
    if not _present(t, "variants", "variant_id", "parent_variant_id"):
        return
    v = t["variants"]
    parent = dict(
        zip(v.frame["variant_id"], v.frame["parent_variant_id"].where(v.frame["parent_variant_id"].notna(), None))
    )

    def loops(start) -> bool:
        seen, node = set(), start
        while (node := parent.get(node)) is not None:
            if node == start or node in seen:
                return node == start
            seen.add(node)
        return False

    bad = v.frame["variant_id"].map(loops).astype(bool)
    yield from v.problems(bad, "parent_variant_id", "the chain of parents leads back to this variant")


# --- studies: identifiable, unique, cohorts -----------------------------------------------------------


@rule
def studies_are_identified_publications(t):
    """A publication nobody can identify is not a study row (what an article says of it is a claim)."""
    if _present(t, "studies", "verification"):
        s = t["studies"]
        yield from s.problems(
            s.frame["verification"] == "unresolved",
            "verification",
            "a row of studies must be an identified publication, not an unresolved one",
        )


@rule
def rct_is_randomised(t):
    """A human_rct row records randomised = true."""
    if _present(t, "studies", "design", "randomised"):
        s = t["studies"]
        yield from s.problems(
            (s.frame["design"] == "human_rct") & (s.frame["randomised"] != "true"),
            "design",
            "design human_rct needs randomised = true",
        )


def _normal_title(text: pd.Series) -> pd.Series:
    """Titles compared without case, brackets, punctuation or spacing."""
    return text.str.normalize("NFKC").str.casefold().str.replace(r"[^\w]+", "", regex=True)


def _repeated(t, name: str, column: str, key: pd.Series, rule_text: str):
    """A problem on each row whose key repeats an earlier row's, naming that row's primary key."""
    tab = t[name]
    present = key.notna() & (key != "")
    first_id = tab.frame[tab.frame.columns[0]][present].groupby(key[present]).transform("first")
    owner = first_id.reindex(key.index)
    dup = present & key.duplicated(keep="first")
    for idx in dup[dup].index:
        yield Problem(
            name, int(tab.lines[idx]), column, str(tab.frame[column][idx]), rule_text.format(other=owner[idx])
        )


@rule
def no_publication_twice(t):
    """No two rows of studies share a title (ignoring case and punctuation) or a DOI (any case)."""
    if _present(t, "studies", "title", "doi"):
        s = t["studies"].frame
        yield from _repeated(
            t, "studies", "title", _normal_title(s["title"]), "the same title as {other}: one publication is one row"
        )
        yield from _repeated(
            t, "studies", "doi", s["doi"].str.casefold(), "the same DOI as {other} (DOIs ignore letter case)"
        )


@rule
def cohort_links_name_a_first_report(t):
    """cohort_study_id names the first report of a cohort, never the row itself."""
    if not _present(t, "studies", "cohort_study_id"):
        return
    s = t["studies"]
    f = s.frame
    first_reports = f.loc[f["cohort_study_id"].isna(), "study_id"]
    bad = f["cohort_study_id"].notna() & (
        (f["cohort_study_id"] == f["study_id"]) | ~isin(f["cohort_study_id"], first_reports)
    )
    yield from s.problems(
        bad,
        "cohort_study_id",
        "must name the first report of the cohort: another row with no cohort_study_id of its own",
    )


# --- the literature census --------------------------------------------------------------------------


@rule
def census_decisions_are_complete(t):
    """An excluded record has its reason; an included one its design lane and study."""
    if not _present(t, "records", "decision", "exclusion_reason", "design", "study_id"):
        return
    r = t["records"]
    f = r.frame
    included, excluded = f["decision"] == "included", f["decision"] == "excluded"
    yield from r.problems(
        excluded & f["exclusion_reason"].isna(), "exclusion_reason", "an excluded record needs its exclusion_reason"
    )
    yield from r.problems(
        included & f["exclusion_reason"].notna(), "exclusion_reason", "an included record has no exclusion_reason"
    )
    yield from r.problems(included & f["design"].isna(), "design", "an included record needs its design lane")
    yield from r.problems(
        included & f["study_id"].isna(), "study_id", "an included record needs its row of studies (study_id)"
    )


@rule
def census_and_studies_agree(t):
    """A census record's PMID and design lane agree with its row of studies."""
    if not (_present(t, "records", "study_id", "pmid", "design") and _present(t, "studies", "pmid", "design")):
        return
    r, s = t["records"], t["studies"].frame.drop_duplicates("study_id").set_index("study_id")
    f = r.frame
    study_pmid = f["study_id"].map(s["pmid"])
    yield from r.problems(
        f["pmid"].notna() & study_pmid.notna() & (f["pmid"] != study_pmid),
        "pmid",
        "the PMID differs from the pmid of its row of studies",
    )
    study_design = f["study_id"].map(s["design"])
    included = f["decision"] == "included"
    yield from r.problems(
        included & study_design.notna() & (f["design"] != study_design),
        "design",
        "the design lane differs from the design of its row of studies",
    )


@rule
def every_study_is_in_the_census(t):
    """Every row of studies has a census record or an outside_census_reason."""
    if not (_present(t, "studies", "outside_census_reason") and _present(t, "records", "study_id")):
        return
    s = t["studies"]
    listed = isin(s.frame["study_id"], t["records"].frame["study_id"])
    yield from s.problems(
        ~listed & s.frame["outside_census_reason"].isna(),
        "study_id",
        "a row of studies needs a census record naming it, or an outside_census_reason",
    )


# --- doses: printed text and corrections -----------------------------------------------------------

FIRST_NUMBER = r"(\d+(?:[.,]\d+)?)"


@rule
def dose_matches_its_printed_text(t):
    """The numeric dose is the printed one unless a correction says why not."""
    if not _present(t, "doses", "dose_as_printed", "dose_min", "correction"):
        return
    d = t["doses"]
    f = d.frame
    printed = as_float(f["dose_as_printed"].str.extract(FIRST_NUMBER, expand=False).str.replace(",", "."))
    differs = printed.notna() & as_float(f["dose_min"]).notna() & (printed != as_float(f["dose_min"]))
    yield from d.problems(
        differs & f["correction"].isna(),
        "dose_min",
        "differs from the first number of dose_as_printed: record the correction or fix the value",
    )


# --- claims and the evidence behind them -----------------------------------------------------------

MIN_RATIONALE = 20
EVIDENCE_KEYS = {
    "studies": "study_id",
    "effects": "effect_id",
    "doses": "dose_id",
    "sources": "source_id",
    "records": "record_id",
    "searches": "search_id",
}
# Claims about what Semax does in a body rest on studies or effects; claims about its status, storage, labelled
# dosing and side effects, history, chemistry or the size of the literature may rest on a source (a label, a
# regulator), a dose row or a search.
BIOLOGICAL_CLAIMS = ["efficacy", "mechanism", "pharmacokinetics"]


@rule
def rationale_is_a_sentence(t):
    """A rationale is at least 20 characters long."""
    if _present(t, "claims", "rationale"):
        c = t["claims"]
        yield from c.problems(
            c.frame["rationale"].str.len() < MIN_RATIONALE,
            "rationale",
            f"a rationale names its evidence in at least {MIN_RATIONALE} characters",
        )


@rule
def evidence_links_exist(t):
    """Every row claim_evidence links to exists."""
    if not _present(t, "claim_evidence", "target_table", "target_id"):
        return
    e = t["claim_evidence"]
    f = e.frame
    missing = pd.Series(False, index=f.index)
    for table, key in EVIDENCE_KEYS.items():
        if table in t:
            of_table = f["target_table"] == table
            missing |= of_table & ~isin(f["target_id"], t[table].frame[key])
    yield from e.problems(missing, "target_id", "no row of target_table has this id")


def _links(t, roles: set[str], tables: set[str]) -> pd.Series:
    """claim_ids with at least one link of these roles to these tables."""
    f = t["claim_evidence"].frame
    return f.loc[f["role"].isin(list(roles)) & f["target_table"].isin(list(tables)), "claim_id"]


def _judged(t):
    """claims and what their links hold, or None when the tables are not there to judge."""
    if not (
        _present(t, "claims", "verdict", "trap", "searched", "study_id", "claim_type")
        and _present(t, "claim_evidence", "claim_id", "role", "target_table", "target_id")
    ):
        return None
    f = t["claims"].frame
    biological = f["claim_type"].isin(BIOLOGICAL_CLAIMS)
    any_table = set(EVIDENCE_KEYS)
    has = {
        "supports": isin(f["claim_id"], _links(t, {"supports"}, {"studies", "effects"}))
        | (~biological & isin(f["claim_id"], _links(t, {"supports"}, any_table))),
        "contradicts": isin(f["claim_id"], _links(t, {"contradicts"}, any_table)),
        "evidence": isin(f["claim_id"], _links(t, {"supports", "context"}, {"studies", "effects", "doses"}))
        | (~biological & isin(f["claim_id"], _links(t, {"supports", "context"}, any_table))),
        "decisive": isin(f["claim_id"], _links(t, {"supports", "contradicts"}, any_table)),
    }
    return t["claims"], f["verdict"], has


@rule
def supported_has_support(t):
    """A supported claim links a supporting study or effect (for a claim outside efficacy, mechanism and
    pharmacokinetics, a supporting source, dose or search also counts)."""
    if (judged := _judged(t)) is None:
        return
    c, verdict, has = judged
    yield from c.problems(
        (verdict == "supported") & ~has["supports"],
        "verdict",
        "supported needs a supporting link in claim_evidence: a study or effect, or for a claim "
        "outside efficacy, mechanism and pharmacokinetics also a source, dose or search",
    )


@rule
def contradicted_has_contradiction(t):
    """A contradicted claim links a contradicting row (a study, effect, dose, source such as a regulator,
    record or search)."""
    if (judged := _judged(t)) is None:
        return
    c, verdict, has = judged
    yield from c.problems(
        (verdict == "contradicted") & ~has["contradicts"],
        "verdict",
        "contradicted needs a contradicting link in claim_evidence",
    )


@rule
def overstated_names_what_it_inflates(t):
    """An overstated claim names the distortion (trap) and links the evidence it inflates."""
    if (judged := _judged(t)) is None:
        return
    c, verdict, has = judged
    yield from c.problems(
        (verdict == "overstated") & c.frame["trap"].isna(), "trap", "overstated names what was inflated (trap)"
    )
    yield from c.problems(
        (verdict == "overstated") & ~has["evidence"],
        "verdict",
        "overstated links the evidence it inflates in claim_evidence",
    )


@rule
def unsupported_records_its_search(t):
    """An unsupported claim records what was searched and where, and links no supporting or contradicting row."""
    if (judged := _judged(t)) is None:
        return
    c, verdict, has = judged
    yield from c.problems(
        (verdict == "unsupported") & c.frame["searched"].isna(),
        "searched",
        "unsupported means searched and not found: record what was searched and where",
    )
    yield from c.problems(
        (verdict == "unsupported") & has["decisive"],
        "verdict",
        "unsupported may not link a supporting or contradicting row",
    )


@rule
def claim_study_is_linked(t):
    """The publication a claim describes (claims.study_id) is among its links."""
    if (judged := _judged(t)) is None:
        return
    c, _, _ = judged
    f = c.frame
    links = t["claim_evidence"].frame
    studies = links["target_table"] == "studies"
    pairs = links.loc[studies, "claim_id"] + "\x1f" + links.loc[studies, "target_id"]
    yield from c.problems(
        f["study_id"].notna() & ~isin(f["claim_id"] + "\x1f" + f["study_id"].fillna(""), pairs),
        "study_id",
        "the claim's study must also be linked in claim_evidence",
    )


def rule_code(func) -> str:
    """A rule's stable code: its function name, in kebab case."""
    return func.__name__.replace("_", "-")


def rule_problems(tables: dict[str, Table]) -> list[Problem]:
    return [replace(p, code=rule_code(func)) for func in RULES for p in func(tables)]
