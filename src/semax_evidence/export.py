"""Exports: one SQLite database with keys enforced, and typed Parquet files."""

import sqlite3
import tempfile
from pathlib import Path

import pandas as pd

from .metadata import COLUMN_TYPES, FIELDS, PACKAGE, RESOURCES, TABLES
from .tables import atomic_write, default_root, load_all

SQL_TYPES = {name: t.sqlite for name, t in COLUMN_TYPES.items()}


def create_statements(table: str) -> list[str]:
    res = RESOURCES[table]
    cols = []
    for name in res["fields"]:
        spec = FIELDS[name]
        required = name in res["primary_key"] or name in res.get("required", [])
        check = ""
        if spec["type"] == "boolean":
            check = f" CHECK ({name} IN (0, 1))"
        cols.append(f'"{name}" {SQL_TYPES[spec["type"]]}{" NOT NULL" if required else ""}{check}')
    cols.append("PRIMARY KEY (" + ", ".join(f'"{k}"' for k in res["primary_key"]) + ")")
    for col, ref in res.get("foreign_keys", {}).items():
        cols.append(f'FOREIGN KEY ("{col}") REFERENCES "{ref}" ("{RESOURCES[ref]["primary_key"][0]}")')
    stmts = [f'CREATE TABLE "{table}" (\n  ' + ",\n  ".join(cols) + "\n)"]
    stmts += [f'CREATE INDEX "ix_{table}_{col}" ON "{table}" ("{col}")' for col in res.get("foreign_keys", {})]
    return stmts


def _sql_values(frame: pd.DataFrame, table: str) -> list[tuple]:
    out = frame.copy()
    for name in RESOURCES[table]["fields"]:
        kind = FIELDS[name]["type"]
        col = out[name]
        if kind == "date":
            out[name] = col.dt.strftime("%Y-%m-%d")
        elif kind == "boolean":
            out[name] = col.astype("Int64")
        out[name] = out[name].astype(object).where(out[name].notna(), None)
    return [tuple(row) for row in out.itertuples(index=False, name=None)]


def to_sqlite(target: Path, root: Path | None = None) -> Path:
    frames = load_all(root)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "db.sqlite"
        con = sqlite3.connect(db, isolation_level=None)  # explicit transactions
        con.execute("PRAGMA foreign_keys = ON")
        con.execute("BEGIN")
        con.execute("PRAGMA defer_foreign_keys = ON")  # circular and self references: checked at COMMIT
        for table in TABLES:
            for stmt in create_statements(table):
                con.execute(stmt)
        con.execute("CREATE TABLE _metadata (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        descriptor = (Path(root or default_root()) / "datapackage.json").read_text("utf-8")
        con.executemany(
            "INSERT INTO _metadata VALUES (?, ?)",
            [
                ("name", PACKAGE["name"]),
                ("version", PACKAGE["version"]),
                ("license", PACKAGE["licenses"][0]["name"]),
                ("datapackage", descriptor),
            ],
        )
        for table in TABLES:
            marks = ", ".join("?" * len(RESOURCES[table]["fields"]))
            con.executemany(f'INSERT INTO "{table}" VALUES ({marks})', _sql_values(frames[table], table))
        con.execute("COMMIT")
        con.close()
        atomic_write(target, db.read_bytes())
    return target


def parquet_table(frame: pd.DataFrame, table: str):
    """A table as Arrow: dates as date32 (a calendar date, not a timestamp), each field's description, unit and
    vocabulary as field metadata, and the table's title, licence and version as schema metadata."""
    import pyarrow as pa

    arrow = pa.Table.from_pandas(frame, preserve_index=False)
    fields = []
    for field in arrow.schema:
        spec = FIELDS[field.name]
        if spec["type"] == "date":
            field = field.with_type(pa.date32())
        meta = {"description": spec["description"]}
        if "unit" in spec:
            meta["unit"] = spec["unit"]
        if "enum" in spec:
            meta["vocabulary"] = spec["enum"]
        fields.append(field.with_metadata(meta))
    schema = pa.schema(fields).with_metadata(
        {
            **arrow.schema.metadata,  # pandas' own record of the dtypes, for a typed read back
            "table": table,
            "title": RESOURCES[table]["title"],
            "description": RESOURCES[table]["description"],
            "license": PACKAGE["licenses"][0]["name"],
            "version": PACKAGE["version"],
        }
    )
    return arrow.cast(schema)


def to_parquet(folder: Path, root: Path | None = None) -> list[Path]:
    import pyarrow.parquet as pq

    written = []
    for table, frame in load_all(root).items():
        with tempfile.NamedTemporaryFile(suffix=".parquet") as tmp:
            pq.write_table(parquet_table(frame, table), tmp.name)
            target = Path(folder) / f"{table}.parquet"
            atomic_write(target, Path(tmp.name).read_bytes())
            written.append(target)
    return written


# ClaimReview: schema.org's record of a fact check. The rating scale (1 worst, 5 best) maps the verdicts; a claim
# judged not checkable gets no review.
RATING = {"supported": 5, "overstated": 3, "unsupported": 2, "contradicted": 1}


def claim_reviews(root: Path | None = None) -> list[dict]:
    """One schema.org ClaimReview per judged claim: the claim, the article it appears in, the verdict as a
    rating, the rationale as the review body, and the pages of the rows behind the verdict as citations."""
    from ._version import RELEASE_DATE

    t = load_all(root)
    sources = t["sources"].set_index("source_id")
    pages = {("sources", k): v for k, v in t["sources"].set_index("source_id")["url"].dropna().items()}
    for sid, urls in t["studies"].set_index("study_id")["verified_url"].dropna().items():
        pages[("studies", sid)] = urls.split(" | ")[-1]
    for rid, urls in t["records"].set_index("record_id")["verified_url"].dropna().items():
        pages[("records", rid)] = urls.split(" | ")[-1]
    links = t["claim_evidence"]
    reviews = []
    for c in t["claims"].itertuples():
        verdict = str(c.verdict)
        if verdict not in RATING:
            continue
        article = sources.loc[c.source_id]
        cited = links[(links["claim_id"] == c.claim_id) & links["role"].isin(["supports", "contradicts"])]
        citations = sorted({pages[k] for k in zip(cited["target_table"].astype(str), cited["target_id"]) if k in pages})
        reviews.append(
            {
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "identifier": c.claim_id,
                "claimReviewed": c.claim,
                "itemReviewed": {
                    "@type": "Claim",
                    "appearance": {"@type": "CreativeWork", "url": article["url"], "name": article["title"]},
                },
                "reviewRating": {
                    "@type": "Rating",
                    "ratingValue": RATING[verdict],
                    "worstRating": 1,
                    "bestRating": 5,
                    "alternateName": verdict,
                },
                "reviewBody": c.rationale,
                "datePublished": RELEASE_DATE,
                "author": {"@type": "Organization", "name": "Semax Evidence Dataset contributors"},
                "citation": citations,
            }
        )
    return reviews


def to_claimreview(target: Path, root: Path | None = None) -> Path:
    import json

    atomic_write(Path(target), (json.dumps(claim_reviews(root), indent=2, ensure_ascii=False) + "\n").encode())
    return Path(target)
