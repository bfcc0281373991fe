"""Citation of a release: CITATION.cff, .zenodo.json generated from it, and BibTeX or APA text."""

import json

from ._version import RELEASE_DATE, __version__
from .metadata import PACKAGE

AUTHORS = [{"name": "Semax Evidence Dataset contributors"}]


def citation_cff() -> str:
    lines = (
        [
            "cff-version: 1.2.0",
            "message: If you use this dataset, please cite this release and the primary studies each row names.",
            "type: dataset",
            f'title: "{PACKAGE["title"]}"',
            f'version: "{__version__}"',
            f'date-released: "{RELEASE_DATE}"',
            "license: CC-BY-4.0",
            f'abstract: "{PACKAGE["description"]}"',
            "authors:",
        ]
        + [f'  - name: "{a["name"]}"' for a in AUTHORS]
        + ["keywords:"]
        + [f'  - "{k}"' for k in PACKAGE["keywords"]]
    )
    return "\n".join(lines) + "\n"


def zenodo_json(cff_text: str) -> str:
    """.zenodo.json generated from CITATION.cff, so that the two cannot drift."""
    import yaml

    cff = yaml.safe_load(cff_text)
    record = {
        "title": cff["title"],
        "version": cff["version"],
        "publication_date": cff["date-released"],
        "upload_type": "dataset",
        "description": cff["abstract"],
        "license": cff["license"].lower(),
        "creators": [{"name": a["name"]} for a in cff["authors"]],
        "keywords": cff["keywords"],
    }
    return json.dumps(record, indent=2, ensure_ascii=False) + "\n"


def cite(format: str = "bibtex") -> str:
    title, year = PACKAGE["title"], RELEASE_DATE[:4]
    author = " and ".join(a["name"] for a in AUTHORS)
    if format == "bibtex":
        key = f"semax_evidence_{__version__.replace('.', '_')}"
        return (
            f"@misc{{{key},\n  author = {{{{{author}}}}},\n  title = {{{title}}},\n  year = {{{year}}},\n"
            f"  version = {{{__version__}}},\n  note = {{Data package, CC-BY-4.0}}\n}}\n"
        )
    if format == "apa":
        names = ", ".join(a["name"] for a in AUTHORS)
        return f"{names}. ({year}). {title} (Version {__version__}) [Data set].\n"
    raise ValueError(f"unknown citation format {format!r}; use 'bibtex' or 'apa'")
