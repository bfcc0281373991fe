"""Documentation generated from the registry and the data: the data dictionary, the datasheet and
the table overview in the README. `semax-evidence build` writes them; a test fails when they are stale."""

import re
from pathlib import Path

import pandas as pd

from .metadata import PACKAGE, RESOURCES
from .tableschema import field_spec
from .vocabularies import VOCABULARIES

README_MARK = re.compile(r"(<!-- tables:start -->\n).*?(<!-- tables:end -->)", re.S)
CENSUS_MARK = re.compile(r"(<!-- census:start -->\n).*?(<!-- census:end -->)", re.S)


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def overview(frames: dict[str, pd.DataFrame]) -> str:
    lines = ["| table | rows | columns | what a row is |", "|---|---:|---:|---|"]
    for name, res in RESOURCES.items():
        lines.append(f"| `{name}` | {len(frames[name])} | {len(res['fields'])} | {_cell(res['description'])} |")
    return "\n".join(lines) + "\n"


def census(frames: dict[str, pd.DataFrame]) -> str:
    """The searches of the literature census and its PRISMA 2020 counts, from `searches` and `prisma_flow`."""
    lines = ["| search | database | run on | records | query |", "|---|---|---|---:|---|"]
    for r in frames["searches"].itertuples():
        lines.append(
            f"| `{r.search_id}` | {_cell(r.database)} | {pd.Timestamp(r.run_on).date()} | {r.n_records} | "
            f"`{_cell(r.query)}` |"
        )
    lines += ["", "| PRISMA stage | breakdown | records |", "|---|---|---:|"]
    for r in frames["prisma_flow"].itertuples():
        lines.append(f"| {r.flow_stage} | {'' if r.flow_detail == 'all' else r.flow_detail} | {r.n_flow} |")
    return "\n".join(lines) + "\n"


def problem_codes() -> str:
    """The catalogue of problem codes: the checks' codes and one per semantic rule."""
    from .validation.problems import CODES
    from .validation.rules import RULES, rule_code

    lines = [
        "# Problem codes",
        "",
        "Generated from `validation/problems.py` and `validation/rules.py`; do not edit "
        "by hand. Every problem `semax-evidence validate` reports carries one of these codes "
        "(`--format json` or `csv` prints it).",
        "",
        "| code | what it means |",
        "|---|---|",
    ]
    lines += [f"| `{code}` | {_cell(text)} |" for code, text in CODES.items()]
    lines += [f"| `{rule_code(f)}` | {_cell(f.__doc__.strip())} |" for f in RULES]
    return "\n".join(lines) + "\n"


def data_dictionary(frames: dict[str, pd.DataFrame]) -> str:
    out = [
        f"# Data dictionary — {PACKAGE['title']} {PACKAGE['version']}",
        "",
        "Generated from the field registry (`src/semax_evidence/metadata.py`); do not edit by hand.",
        "Missing values are empty cells. Derived columns are computed by `semax-evidence build`.",
        "",
    ]
    for name, res in RESOURCES.items():
        key = ", ".join(res["primary_key"])
        out += [
            f"## `{name}` — {res['title']}",
            "",
            res["description"],
            "",
            f"Shape: {len(frames[name])} rows × {len(res['fields'])} columns. Primary key: `{key}`.",
            "",
        ]
        fks = res.get("foreign_keys", {})
        if fks:
            out += ["Foreign keys: " + ", ".join(f"`{c}` → `{t}`" for c, t in fks.items()), ""]
        out += ["| column | type | unit | required | allowed values | description |", "|---|---|---|---|---|---|"]
        for field in res["fields"]:
            spec = field_spec(name, field)
            allowed = (
                ", ".join(f"`{v}`" for v in VOCABULARIES[spec["enum"]])
                if "enum" in spec
                else (f"pattern `{spec['pattern']}`" if "pattern" in spec else "")
            )
            if "minimum" in spec:
                allowed = (allowed + "; " if allowed else "") + f"≥ {spec['minimum']}"
            desc = spec["description"] + (" *(derived)*" if spec.get("derived") else "")
            out.append(
                f"| `{field}` | {spec['type']} | {spec.get('unit', '')} | "
                f"{'yes' if spec['required'] else ''} | {_cell(allowed)} | {_cell(desc)} |"
            )
        out.append("")
    out += ["## Vocabularies", ""]
    for vocab, values in VOCABULARIES.items():
        out += [f"### {vocab}", ""] + [f"- `{k}`: {v}" for k, v in values.items()] + [""]
    return "\n".join(out)


def datasheet(frames: dict[str, pd.DataFrame], template: str) -> str:
    s, c, src = frames["studies"], frames["claims"], frames["sources"]
    facts = {
        "version": PACKAGE["version"],
        "overview": overview(frames),
        "n_studies": len(s),
        "census": census(frames),
        "n_records": len(frames["records"]),
        "n_included": int((frames["records"]["decision"] == "included").sum()),
        "n_outside_census": int(s["outside_census_reason"].notna().sum()),
        "n_title_only": int((s["read_depth"].astype(str) == "title_only").sum()),
        "human_without_effects": ", ".join(
            sorted(
                set(s.loc[s["design"].astype(str).str.startswith(("human", "neuroimaging")), "study_id"])
                - set(frames["effects"]["study_id"])
            )
        )
        or "none",
        "n_human": int(s["design"].astype(str).str.startswith(("human", "neuroimaging")).sum()),
        "n_developer": int(s["developer_affiliated"].eq(True).fillna(False).sum()),
        "n_affiliation_unknown": int(s["developer_affiliated"].isna().sum()),
        "n_claims": len(c),
        "verdicts": ", ".join(f"{k} {v}" for k, v in c["verdict"].value_counts(sort=False).items() if v),
        "tiers": ", ".join(f"{k} {v}" for k, v in src["reliability_tier"].value_counts(sort=False).items() if v),
    }
    return template.format(**facts)


def readme(current: str, frames) -> str:
    if not README_MARK.search(current):
        raise ValueError("README.md lacks the <!-- tables:start --> / <!-- tables:end --> markers")
    if not CENSUS_MARK.search(current):
        raise ValueError("README.md lacks the <!-- census:start --> / <!-- census:end --> markers")
    current = README_MARK.sub(lambda m: m.group(1) + overview(frames) + m.group(2), current)
    return CENSUS_MARK.sub(lambda m: m.group(1) + census(frames) + m.group(2), current)


def outputs(root: Path, frames) -> dict[Path, bytes]:
    template = root / "docs" / "datasheet.template.md"
    files = {
        root / "docs" / "data-dictionary.md": data_dictionary(frames).encode(),
        root / "docs" / "problem-codes.md": problem_codes().encode(),
    }
    if template.exists():
        files[root / "docs" / "datasheet.md"] = datasheet(frames, template.read_text("utf-8")).encode()
    from .citation import citation_cff, zenodo_json

    files[root / "CITATION.cff"] = citation_cff().encode()
    files[root / ".zenodo.json"] = zenodo_json(citation_cff()).encode()
    if (root / "README.md").exists():
        files[root / "README.md"] = readme((root / "README.md").read_text("utf-8"), frames).encode()
    return files
