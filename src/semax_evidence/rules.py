"""Semantic rules: what a single column's schema cannot say. Each rule is a short vectorised function
that reads the text tables and yields a Problem per offending row."""

import datetime as _dt
import re

import pandas as pd

from .checks import Problem, Table, isin
from .schema import as_float

RULES = []


def rule(func):
    RULES.append(func)
    return func




def _present(t: dict[str, Table], name: str, *cols: str) -> bool:
    return name in t and all(c in t[name].frame for c in cols)


@rule
def year_not_in_future(t):
    if _present(t, "studies", "year"):
        s = t["studies"]
        yield from s.problems(as_float(s.frame["year"]) > _dt.date.today().year, "year", "year is in the future")


@rule
def dates_not_in_future(t):
    today = pd.Timestamp(_dt.date.today())
    for name, col in [("studies", "reviewed_on"), ("sources", "accessed_on"), ("sources", "published_on")]:
        if _present(t, name, col):
            tab = t[name]
            when = pd.to_datetime(tab.frame[col], format="%Y-%m-%d", errors="coerce")
            yield from tab.problems(when > today, col, "date is in the future")


@rule
def dose_range_ordered(t):
    if _present(t, "doses", "dose_min", "dose_max"):
        d = t["doses"]
        yield from d.problems(as_float(d.frame["dose_min"]) > as_float(d.frame["dose_max"]), "dose_min",
                              "dose_min must not exceed dose_max")


@rule
def magnitude_has_unit(t):
    if _present(t, "effects", "magnitude", "magnitude_unit", "magnitude_relation"):
        e = t["effects"].frame
        yield from t["effects"].problems(e["magnitude"].notna() & e["magnitude_unit"].isna(), "magnitude",
                                         "a magnitude needs a magnitude_unit")
        yield from t["effects"].problems(e["magnitude"].notna() & e["magnitude_relation"].isna(), "magnitude",
                                         "a magnitude needs a magnitude_relation")
        yield from t["effects"].problems(e["magnitude"].isna() & e["magnitude_unit"].notna(), "magnitude_unit",
                                         "a magnitude_unit needs a magnitude")


@rule
def time_point_has_unit(t):
    if _present(t, "effects", "time_point", "time_point_unit"):
        e = t["effects"].frame
        yield from t["effects"].problems(e["time_point"].notna() != e["time_point_unit"].notna(), "time_point",
                                         "time_point and time_point_unit go together")


@rule
def cas_check_digit(t):
    from stdnum import casrn
    if _present(t, "variants", "cas_number"):
        v = t["variants"]
        cas = v.frame["cas_number"]
        bad = cas.notna() & ~cas.fillna("").map(casrn.is_valid)
        yield from v.problems(bad, "cas_number", "CAS number check digit is wrong")


@rule
def identifiers_have_their_page(t):
    """An identifier is only in the data with the address where it was seen."""
    pairs = [("studies", ["pmid", "pmcid", "doi", "volume", "issue", "pages"], "verified_url"),
             ("variants", ["cas_number"], "cas_url"), ("variants", ["pubchem_cid"], "pubchem_url")]
    for name, ids, page in pairs:
        if not _present(t, name, page, *ids):
            continue
        tab = t[name]
        for col in ids:
            yield from tab.problems(tab.frame[col].notna() & tab.frame[page].isna(), col,
                                    f"an identifier needs the address where it was seen ({page})")


@rule
def unresolved_has_no_identifiers(t):
    if _present(t, "studies", "verification", "pmid", "doi", "pmcid", "verified_url"):
        s = t["studies"]
        unresolved = s.frame["verification"] == "unresolved"
        for col in ["pmid", "doi", "pmcid"]:
            yield from s.problems(unresolved & s.frame[col].notna(), col,
                                  "an unresolved study cannot carry an identifier")
        yield from s.problems(~unresolved & s.frame["verified_url"].isna(), "verified_url",
                              "a study marked as verified needs verified_url")


@rule
def study_is_identifiable(t):
    if _present(t, "studies", "title", "article_description"):
        s = t["studies"]
        yield from s.problems(s.frame["title"].isna() & s.frame["article_description"].isna(), "title",
                              "a study needs a title or, when unresolved, an article_description")


@rule
def publication_sources_name_their_study(t):
    if _present(t, "sources", "source_type", "study_id"):
        s = t["sources"]
        yield from s.problems((s.frame["source_type"] == "publication") & s.frame["study_id"].isna(), "study_id",
                              "a source of type publication needs its study_id")


ID_TOKEN = re.compile(r"\b(?:S[0-9]{3,}|E[0-9]{4,}|D[0-9]{3,}|C[0-9]{3,})\b")
ID_TABLE = {"S": ("studies", "study_id"), "E": ("effects", "effect_id"), "D": ("doses", "dose_id"),
            "C": ("claims", "claim_id")}


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
    if not (_present(t, "claims", "evidence_pmids") and _present(t, "studies", "pmid")):
        return
    c = t["claims"]
    pmids = _listed(c.frame["evidence_pmids"])
    missing = _per_row(pmids[~isin(pmids, t["studies"].frame["pmid"]).to_numpy()], c.frame, ";")
    yield from c.problems(missing != "", "evidence_pmids", "PMID is not the pmid of any row of studies", missing)


@rule
def contradictions_link_both_ways(t):
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
    yield from c.problems(bad != "", "contradicts",
                          "must name an existing claim of another article that names this one back", bad)


def rule_problems(tables: dict[str, Table]) -> list[Problem]:
    return [p for func in RULES for p in func(tables)]
