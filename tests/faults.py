"""Ordinary ways a hand edit breaks the package: one fault per entry, applied to a copy of the real data.

Each fault returns what validate must report: (table, line, column, value) and the problem's code.
line None means a file-level problem; column "" means the whole row or file."""

import json
from pathlib import Path

from helpers import refresh_descriptor, set_cell

from semax_evidence.tables import read_raw

FAULTS = {}


def fault(name):
    def register(func):
        FAULTS[name] = func
        return func

    return register


def _csv(root: Path, table: str) -> Path:
    return root / "data" / f"{table}.csv"


def _bytes_edit(root, table, change):
    file = _csv(root, table)
    file.write_bytes(change(file.read_bytes()))
    refresh_descriptor(root)


def _row_with(root, table, column):
    frame = read_raw(table, root)
    return int(frame.index[frame[column].notna()][0])


@fault("wrong type")
def _(root):
    set_cell(root, "studies", 0, "n_total", "twelve")
    return ("studies", 2, "n_total", "twelve"), "type"


@fault("out-of-vocabulary value")
def _(root):
    set_cell(root, "effects", 0, "direction", "up")
    return ("effects", 2, "direction", "up"), "vocabulary"


@fault("duplicate primary key")
def _(root):
    frame = read_raw("effects", root)
    set_cell(root, "effects", 1, "effect_id", frame["effect_id"].iloc[0])
    return ("effects", 3, "effect_id", frame["effect_id"].iloc[0]), "unique"


@fault("duplicate composite key")
def _(root):
    frame = read_raw("outcome_summary", root)
    for column in ("outcome", "variant_id", "design"):
        set_cell(root, "outcome_summary", 1, column, frame[column].iloc[0])
    return ("outcome_summary", 3, "design", frame["design"].iloc[0]), "key-unique"


@fault("dangling foreign key")
def _(root):
    set_cell(root, "effects", 0, "study_id", "S999")
    return ("effects", 2, "study_id", "S999"), "foreign-key"


@fault("empty required cell")
def _(root):
    set_cell(root, "effects", 0, "outcome", None)
    return ("effects", 2, "outcome", ""), "required"


@fault("impossible date")
def _(root):
    set_cell(root, "studies", 0, "reviewed_on", "2026-02-30")
    return ("studies", 2, "reviewed_on", "2026-02-30"), "date"


@fault("year in the future")
def _(root):
    set_cell(root, "studies", 0, "year", "2999")
    return ("studies", 2, "year", "2999"), "year-not-in-future"


@fault("negative n")
def _(root):
    set_cell(root, "studies", 0, "n_total", "-5")
    return ("studies", 2, "n_total", "-5"), "minimum"


@fault("zero n")
def _(root):
    set_cell(root, "studies", 0, "n_total", "0")
    return ("studies", 2, "n_total", "0"), "minimum"


@fault("magnitude without a unit")
def _(root):
    row = _row_with(root, "effects", "magnitude")
    set_cell(root, "effects", row, "magnitude_unit", None)
    value = read_raw("effects", root)["magnitude"].iloc[row]
    return ("effects", row + 2, "magnitude", value), "magnitude-has-unit"


@fault("dose_min > dose_max")
def _(root):
    row = _row_with(root, "doses", "dose_max")
    frame = read_raw("doses", root)
    bigger = str(float(frame["dose_max"].iloc[row]) + 1)
    set_cell(root, "doses", row, "dose_min", bigger)
    return ("doses", row + 2, "dose_min", bigger), "dose-range-ordered"


@fault("malformed PMID")
def _(root):
    row = _row_with(root, "studies", "pmid")
    set_cell(root, "studies", row, "pmid", "PMID 123")
    return ("studies", row + 2, "pmid", "PMID 123"), "pattern"


@fault("malformed DOI")
def _(root):
    row = _row_with(root, "studies", "doi")
    set_cell(root, "studies", row, "doi", "doi:10.1000/xyz")
    return ("studies", row + 2, "doi", "doi:10.1000/xyz"), "pattern"


@fault("malformed PMCID")
def _(root):
    set_cell(root, "studies", 0, "pmcid", "3987924")
    return ("studies", 2, "pmcid", "3987924"), "pattern"


@fault("CAS with a wrong check digit")
def _(root):
    row = _row_with(root, "variants", "cas_number")
    cas = read_raw("variants", root)["cas_number"].iloc[row]
    wrong = cas[:-1] + str((int(cas[-1]) + 1) % 10)
    set_cell(root, "variants", row, "cas_number", wrong)
    return ("variants", row + 2, "cas_number", wrong), "cas-check-digit"


@fault("non-http(s) URL")
def _(root):
    set_cell(root, "sources", 0, "url", "ftp://example.org/semax")
    return ("sources", 2, "url", "ftp://example.org/semax"), "pattern"


@fault("same PMID on two studies")
def _(root):
    frame = read_raw("studies", root)
    row = _row_with(root, "studies", "pmid")
    other = int(frame.index[frame["pmid"].isna() & frame["verified_url"].notna()][0])
    set_cell(root, "studies", other, "pmid", frame["pmid"].iloc[row])
    return ("studies", other + 2, "pmid", frame["pmid"].iloc[row]), "unique"


@fault("UTF-8 byte-order mark")
def _(root):
    _bytes_edit(root, "claims", lambda b: b"\xef\xbb\xbf" + b)
    return ("claims", 1, "", "\\ufeff"), "byte-order-mark"


@fault("CRLF line endings")
def _(root):
    _bytes_edit(root, "doses", lambda b: b.replace(b"\n", b"\r\n"))
    return ("doses", 1, "", "\\r\\n"), "crlf"


@fault("bytes that are not UTF-8")
def _(root):
    def change(data):
        lines = data.split(b"\n")
        lines[2] = lines[2].replace(b",", b",\xe9", 1)  # Latin-1 e-acute, as a spreadsheet might save it
        return b"\n".join(lines)

    _bytes_edit(root, "studies", change)
    return ("studies", 3, "", "b'\\xe9'"), "not-utf8"


@fault("leading or trailing whitespace")
def _(root):
    value = read_raw("studies", root)["title"].dropna().iloc[0]
    row = _row_with(root, "studies", "title")
    set_cell(root, "studies", row, "title", value + " ")
    return ("studies", row + 2, "title", value + " "), "whitespace"


@fault("unbalanced quote")
def _(root):
    def change(data):
        lines = data.split(b"\n")
        lines[1] = lines[1].replace(b",", b',"', 1)
        return b"\n".join(lines)

    _bytes_edit(root, "variants", change)
    return ("variants", 2, None, None), "ragged-row"


@fault("extra column")
def _(root):
    def change(data):
        lines = data.split(b"\n")
        return b"\n".join([lines[0] + b",comment"] + [line + b"," if line else line for line in lines[1:]])

    _bytes_edit(root, "doses", change)
    return ("doses", 1, "comment", "comment"), "extra-column"


def _columns_edit(root, table, change):
    """Rewrite every CSV row with change(row), as a spreadsheet that moved or deleted a column would."""
    import csv
    import io

    def rewrite(data):
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(change(r) for r in csv.reader(io.StringIO(data.decode())))
        return out.getvalue().encode()

    _bytes_edit(root, table, rewrite)


@fault("missing column")
def _(root):
    _columns_edit(root, "effects", lambda r: r[:5] + r[6:])  # column 6 is tissue
    return ("effects", 1, "tissue", ""), "missing-column"


@fault("reordered columns")
def _(root):
    _columns_edit(root, "sources", lambda r: r[1:2] + r[:1] + r[2:])
    return ("sources", 1, "", None), "column-order"


for _prefix in ["=", "+", "-", "@"]:

    def _formula(root, prefix=_prefix):
        row = _row_with(root, "studies", "title")
        value = prefix + 'HYPERLINK("http://example.org")'
        set_cell(root, "studies", row, "title", value)
        return ("studies", row + 2, "title", value), "formula"

    FAULTS[f"cell starting with {_prefix}"] = _formula


@fault("stale hash in datapackage.json")
def _(root):
    file = _csv(root, "effects")
    file.write_bytes(file.read_bytes().replace(b"increase", b"decrease", 1))
    return ("effects", None, "", None), "descriptor-stale"


@fault("stale byte count in datapackage.json")
def _(root):
    descriptor = json.loads((root / "datapackage.json").read_text())
    descriptor["resources"][0]["bytes"] += 1
    (root / "datapackage.json").write_text(json.dumps(descriptor, indent=2))
    return ("variants", None, "", None), "descriptor-stale"


@fault("schema changed in one place only")
def _(root):
    file = root / "schemas" / "claims.schema.json"
    schema = json.loads(file.read_text())
    verdict = next(f for f in schema["fields"] if f["name"] == "verdict")
    verdict["constraints"]["enum"].append("partly_true")
    file.write_text(json.dumps(schema, indent=2))
    return ("claims", None, "verdict", "schemas/claims.schema.json"), "schema-stale"


@fault("text a naive reader turns into NaN")
def _(root):
    set_cell(root, "studies", 0, "notes", "N/A")
    return ("studies", 2, "notes", "N/A"), "naive-na"


@fault("rationale naming a row that does not exist")
def _(root):
    set_cell(root, "claims", 0, "rationale", "Rests on study S999 only.")
    return ("claims", 2, "rationale", "S999"), "rationale-names-existing-rows"


@fault("evidence PMID of no study")
def _(root):
    set_cell(root, "claims", 0, "evidence_pmids", "1")
    return ("claims", 2, "evidence_pmids", "1"), "evidence-pmids-are-studies"


@fault("contradiction not named back")
def _(root):
    claims = read_raw("claims", root)
    first = claims.iloc[0]
    other = claims[(claims["source_id"] != first["source_id"]) & claims["contradicts"].isna()]["claim_id"].iloc[0]
    set_cell(root, "claims", 0, "contradicts", other)
    return ("claims", 2, "contradicts", other), "contradictions-link-both-ways"


@fault("contradiction within one article")
def _(root):
    claims = read_raw("claims", root)
    same = claims[claims["source_id"] == claims["source_id"].iloc[0]]["claim_id"]
    set_cell(root, "claims", 0, "contradicts", same.iloc[1])
    set_cell(root, "claims", int(same.index[1]), "contradicts", same.iloc[0])
    return ("claims", 2, "contradicts", same.iloc[1]), "contradictions-link-both-ways"


# --- census, studies and the evidence behind verdicts -------------------------------------------------


def _first(root, table, **equal):
    """Index of the first row whose columns equal the given values (None: empty)."""
    frame = read_raw(table, root)
    mask = True
    for col, value in equal.items():
        mask = mask & (frame[col].isna() if value is None else frame[col] == value)
    return int(frame.index[mask][0]), frame


@fault("included record without its study")
def _(root):
    row, _ = _first(root, "records", decision="included")
    set_cell(root, "records", row, "study_id", None)
    return ("records", row + 2, "study_id", ""), "census-decisions-are-complete"


@fault("excluded record without a reason")
def _(root):
    row, _ = _first(root, "records", decision="excluded")
    set_cell(root, "records", row, "exclusion_reason", None)
    return ("records", row + 2, "exclusion_reason", ""), "census-decisions-are-complete"


@fault("study neither in the census nor explained")
def _(root):
    frame = read_raw("studies", root)
    row = int(frame.index[frame["outside_census_reason"].notna()][0])
    set_cell(root, "studies", row, "outside_census_reason", None)
    return ("studies", row + 2, "study_id", frame["study_id"].iloc[row]), "every-study-is-in-the-census"


@fault("census PMID disagreeing with its study")
def _(root):
    frame = read_raw("records", root)
    studies = read_raw("studies", root)
    with_pmid = set(studies.loc[studies["pmid"].notna(), "study_id"])
    row = int(frame.index[frame["pmid"].notna() & frame["study_id"].isin(with_pmid)][0])
    set_cell(root, "records", row, "pmid", "1")
    return ("records", row + 2, "pmid", "1"), "census-and-studies-agree"


@fault("same publication twice (title differing in case and punctuation)")
def _(root):
    frame = read_raw("studies", root)
    value = "[" + frame["title"].iloc[0].upper() + "]."
    set_cell(root, "studies", 1, "title", value)
    return ("studies", 3, "title", value), "no-publication-twice"


@fault("same DOI in another letter case")
def _(root):
    frame = read_raw("studies", root)
    row = _row_with(root, "studies", "doi")
    later = frame.index[(frame.index > row) & frame["doi"].isna() & frame["verified_url"].notna()]
    other = int(later[0])  # the later of two rows is the repeat
    value = frame["doi"].iloc[row].upper()
    set_cell(root, "studies", other, "doi", value)
    return ("studies", other + 2, "doi", value), "no-publication-twice"


@fault("cohort link to itself")
def _(root):
    frame = read_raw("studies", root)
    set_cell(root, "studies", 0, "cohort_study_id", frame["study_id"].iloc[0])
    return ("studies", 2, "cohort_study_id", frame["study_id"].iloc[0]), "cohort-links-name-a-first-report"


@fault("cohort counted twice (link to a further report)")
def _(root):
    frame = read_raw("studies", root)
    row = int(frame.index[frame["cohort_study_id"].notna()][0])
    other = int(frame.index[frame["cohort_study_id"].isna() & (frame.index != row)][0])
    set_cell(root, "studies", other, "cohort_study_id", frame["study_id"].iloc[row])
    return ("studies", other + 2, "cohort_study_id", frame["study_id"].iloc[row]), "cohort-links-name-a-first-report"


@fault("RCT that is not randomised")
def _(root):
    row, _ = _first(root, "studies", randomised=None)
    set_cell(root, "studies", row, "design", "human_rct")
    return ("studies", row + 2, "design", "human_rct"), "rct-is-randomised"


@fault("unidentified publication as a study")
def _(root):
    set_cell(root, "studies", 0, "verification", "unresolved")
    return ("studies", 2, "verification", "unresolved"), "studies-are-identified-publications"


@fault("dose differing from its printed text")
def _(root):
    frame = read_raw("doses", root)
    row = int(frame.index[frame["dose_min"].notna() & frame["correction"].isna() & (frame["dose_min"] != "7")][0])
    set_cell(root, "doses", row, "dose_as_printed", "7 mg twice a day")
    return ("doses", row + 2, "dose_min", frame["dose_min"].iloc[row]), "dose-matches-its-printed-text"


@fault("evidence link to a row that does not exist")
def _(root):
    set_cell(root, "claim_evidence", 0, "target_id", "S999")
    return ("claim_evidence", 2, "target_id", "S999"), "evidence-links-exist"


@fault("supported verdict without a supporting link")
def _(root):
    row, frame = _first(root, "claims", verdict="not_checkable")
    set_cell(root, "claims", row, "verdict", "supported")
    return ("claims", row + 2, "verdict", "supported"), "supported-has-support"


@fault("unsupported verdict linking its support")
def _(root):
    row, frame = _first(root, "claims", verdict="supported")
    set_cell(root, "claims", row, "verdict", "unsupported")
    return ("claims", row + 2, "verdict", "unsupported"), "unsupported-records-its-search"


@fault("unsupported verdict without what was searched")
def _(root):
    row, frame = _first(root, "claims", verdict="unsupported")
    set_cell(root, "claims", row, "searched", None)
    return ("claims", row + 2, "searched", ""), "unsupported-records-its-search"


@fault("overstated verdict without its trap")
def _(root):
    row, frame = _first(root, "claims", verdict="overstated")
    set_cell(root, "claims", row, "trap", None)
    return ("claims", row + 2, "trap", ""), "overstated-names-what-it-inflates"


@fault("rationale too short to name its evidence")
def _(root):
    set_cell(root, "claims", 0, "rationale", "See S001.")
    return ("claims", 2, "rationale", "See S001."), "rationale-is-a-sentence"


@fault("claim's study not among its links")
def _(root):
    frame = read_raw("claims", root)
    links = read_raw("claim_evidence", root)
    row = int(frame.index[frame["study_id"].notna()][0])
    linked = set(links.loc[links["claim_id"] == frame["claim_id"].iloc[row], "target_id"])
    other = next(s for s in read_raw("studies", root)["study_id"] if s not in linked)
    set_cell(root, "claims", row, "study_id", other)
    return ("claims", row + 2, "study_id", other), "claim-study-is-linked"


# --- the file system and the descriptor: located problems, never a traceback or a hang -------------------


def _descriptor(root):
    return json.loads((root / "datapackage.json").read_text())


def _write_descriptor(root, descriptor):
    (root / "datapackage.json").write_text(json.dumps(descriptor, indent=2))


@fault("descriptor that is not JSON")
def _(root):
    (root / "datapackage.json").write_text('{"name": "semax-evidence", "resources": [')
    return ("datapackage", None, "", "datapackage.json"), "not-json"


@fault("descriptor that is a JSON array")
def _(root):
    (root / "datapackage.json").write_text("[]")
    return ("datapackage", None, "resources", "datapackage.json"), "not-json"


@fault("resource without a name")
def _(root):
    descriptor = _descriptor(root)
    del descriptor["resources"][2]["name"]
    _write_descriptor(root, descriptor)
    return ("datapackage", None, "resources[2]", "datapackage.json"), "not-json"


@fault("resource listed twice")
def _(root):
    descriptor = _descriptor(root)
    descriptor["resources"].append(descriptor["resources"][1])
    _write_descriptor(root, descriptor)
    last = len(descriptor["resources"]) - 1
    return ("datapackage", None, f"resources[{last}]", descriptor["resources"][1]["name"]), "descriptor-resources"


@fault("resource path that is a URL")
def _(root):
    descriptor = _descriptor(root)
    descriptor["resources"][0]["path"] = "https://example.org/variants.csv"
    _write_descriptor(root, descriptor)
    return ("variants", None, "resources[0].path", "https://example.org/variants.csv"), "descriptor-resources"


@fault("resource path that leaves the package")
def _(root):
    descriptor = _descriptor(root)
    descriptor["resources"][1]["path"] = "../studies.csv"
    _write_descriptor(root, descriptor)
    return ("studies", None, "resources[1].path", "../studies.csv"), "descriptor-resources"


@fault("schema file that is not JSON")
def _(root):
    (root / "schemas" / "claims.schema.json").write_text("{fields: [")
    return ("claims", None, "", "schemas/claims.schema.json"), "not-json"


@fault("data file that is a folder")
def _(root):
    _csv(root, "doses").unlink()
    _csv(root, "doses").mkdir()
    return ("doses", None, "", "data/doses.csv"), "not-a-file"


@fault("data file that is a named pipe")
def _(root):
    import os

    _csv(root, "doses").unlink()
    os.mkfifo(_csv(root, "doses"))  # opening it to read would block for ever
    return ("doses", None, "", "data/doses.csv"), "not-a-file"


@fault("data file that links outside the package")
def _(root):
    outside = root.parent / "elsewhere.csv"
    outside.write_bytes(_csv(root, "doses").read_bytes())
    _csv(root, "doses").unlink()
    _csv(root, "doses").symlink_to(outside)
    return ("doses", None, "", "data/doses.csv"), "outside-package"


@fault("CSV the descriptor does not list")
def _(root):
    (root / "data" / "notes.csv").write_text("a,b\n1,2\n")
    return ("datapackage", None, "", "data/notes.csv"), "undescribed-file"


@fault("table emptied to its header")
def _(root):
    _bytes_edit(root, "doses", lambda b: b.split(b"\n", 1)[0] + b"\n")
    return ("doses", None, "", ""), "empty-table"


@fault("cell over 128 KiB in the first row")
def _(root):
    value = "MEHFPGP" * 20_000  # 140,000 characters, past the csv module's field limit
    set_cell(root, "variants", 0, "sequence_three_letter", value)
    shown = value[:200] + f"... ({len(value)} characters)"
    return ("variants", 2, "sequence_three_letter", shown), "pattern"


@fault("variant that is its own parent")
def _(root):
    frame = read_raw("variants", root)
    set_cell(root, "variants", 0, "parent_variant_id", frame["variant_id"].iloc[0])
    return ("variants", 2, "parent_variant_id", frame["variant_id"].iloc[0]), "parent-links-have-no-cycle"


@fault("loop of parents")
def _(root):
    frame = read_raw("variants", root)
    child = int(frame.index[frame["parent_variant_id"].notna()][0])
    parent = frame["parent_variant_id"].iloc[child]
    parent_row = int(frame.index[frame["variant_id"] == parent][0])
    set_cell(root, "variants", parent_row, "parent_variant_id", frame["variant_id"].iloc[child])
    return (
        "variants",
        parent_row + 2,
        "parent_variant_id",
        frame["variant_id"].iloc[child],
    ), "parent-links-have-no-cycle"


# --- canonical text: what the writer writes, and nothing invisible ----------------------------------------


def _number_fault(table, column, text):
    def make(root):
        row = _row_with(root, table, column)
        set_cell(root, table, row, column, text)
        return (table, row + 2, column, text), "non-canonical-number"

    return make


for _text_value, _where in [
    ("1.50", ("effects", "magnitude")),
    ("007", ("studies", "n_total")),
    ("1E3", ("doses", "dose_min")),
    (".5", ("effects", "magnitude")),
    ("1e309", ("effects", "magnitude")),
    ("123456789012345678901", ("studies", "n_total")),
]:
    FAULTS[f"number the writer would rewrite ({_text_value[:12]})"] = _number_fault(*_where, _text_value)


@fault("control character in text")
def _(root):
    value = "a note with a bell\x07 in it"
    set_cell(root, "studies", 0, "notes", value)
    return ("studies", 2, "notes", value), "control-character"


@fault("zero-width character in a DOI")
def _(root):
    row = _row_with(root, "studies", "doi")
    value = read_raw("studies", root)["doi"].iloc[row].replace("/", "/\u200b", 1)
    set_cell(root, "studies", row, "doi", value)
    return ("studies", row + 2, "doi", value), "invisible-character"


@fault("bidirectional override in an address")
def _(root):
    value = "https://example.org/\u202egpj.exe"
    set_cell(root, "sources", 0, "url", value)
    return ("sources", 2, "url", value), "invisible-character"


@fault("identifier not in Unicode NFC")
def _(root):
    value = "Zhurnal nevrologii (cafe\u0301)"  # e and a combining accent: looks like é, is not the same key
    row = _row_with(root, "studies", "journal")
    set_cell(root, "studies", row, "issue", value)
    return ("studies", row + 2, "issue", value), "invisible-character"


@fault("spreadsheet formula in a short text column")
def _(root):
    row = _row_with(root, "studies", "pages")
    set_cell(root, "studies", row, "pages", "=1+2")
    return ("studies", row + 2, "pages", "=1+2"), "formula"


@fault("year 0000")
def _(root):
    set_cell(root, "studies", 0, "year", "0000")
    return ("studies", 2, "year", "0000"), "years-and-dates-are-plausible"


# --- messages name the true line and the header as written ----------------------------------------------


@fault("blank line mid-file")
def _(root):
    def change(data):
        lines = data.split(b"\n")
        return b"\n".join(lines[:3] + [b""] + lines[3:])

    _bytes_edit(root, "effects", change)
    return ("effects", 4, "", ""), "blank-line"


@fault("column name repeated in the header")
def _(root):
    def change(data):
        lines = data.split(b"\n")
        return b"\n".join(
            [lines[0].replace(b",claim,", b",claim,claim,", 1)]
            + [line.replace(b",", b",,", 1) if line else line for line in lines[1:]]
        )

    _bytes_edit(root, "claims", change)
    return ("claims", 1, "claim", "claim"), "duplicate-column"


@fault("column without a name")
def _(root):
    def change(data):
        lines = data.split(b"\n")
        return b"\n".join([lines[0] + b","] + [line + b"," if line else line for line in lines[1:]])

    _bytes_edit(root, "doses", change)
    return ("doses", 1, "", ""), "empty-column-name"


@fault('"quoted"and more: a stray quote that merges a cell')
def _(root):
    import csv
    import io

    def change(data):
        lines = data.split(b"\n")
        cells = next(csv.reader([lines[1].decode()]))
        cells[cells.index("Zh Nevrol Psikhiatr Im S S Korsakova")] = "JOURNAL"
        row = io.StringIO()
        csv.writer(row, lineterminator="").writerow(cells)
        lines[1] = row.getvalue().replace("JOURNAL", '"Zh Nevrol"Psikhiatr Im S S Korsakova').encode()
        return b"\n".join(lines)

    _bytes_edit(root, "studies", change)
    return ("studies", 2, "", None), "non-canonical-quoting"


@fault("absurd dose")
def _(root):
    row = _row_with(root, "doses", "dose_max_ug")
    set_cell(root, "doses", row, "dose_max_ug", "50000000000")
    return ("doses", row + 2, "dose_max_ug", "50000000000"), "doses-are-plausible"


@fault("no line break at the end of the file")
def _(root):
    _bytes_edit(root, "variants", lambda b: b.rstrip(b"\n") + "é".encode())
    lines = _csv(root, "variants").read_bytes().count(b"\n") + 1
    return ("variants", lines, "", ""), "no-final-newline"
