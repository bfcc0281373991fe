"""Datasette metadata generated from datapackage.json, so the browsable database never says
something the descriptor does not. No Datasette import here: only `semax-evidence serve` needs it."""

import json
from html import escape
from pathlib import Path

from .tables import atomic_write, default_root

DATABASE = "semax-evidence"  # stem of the exported SQLite file: Datasette names databases after it
METADATA_FILE = "semax-evidence.datasette.json"
LABEL_FIELDS = ("title", "name")  # a foreign key pointing at a row shows this column instead of the bare id


def _descriptor(root: Path) -> dict:
    path = root / "datapackage.json"
    if not path.is_file():
        raise FileNotFoundError(f"no datapackage.json in {root}: run `semax-evidence build` first")
    return json.loads(path.read_text("utf-8"))


def _schema(resource: dict, root: Path) -> dict:
    schema = resource["schema"]
    # the descriptor keeps schemas in files beside it; an inline schema is valid Data Package too
    return json.loads((root / schema).read_text("utf-8")) if isinstance(schema, str) else schema


def column_description(field: dict) -> str:
    description = field.get("description", "")
    return f"{description} Unit: {field['unit']}." if "unit" in field else description


def _table(resource: dict, root: Path) -> dict:
    fields = _schema(resource, root)["fields"]
    names = [f["name"] for f in fields]
    # column descriptions folded away under the table's description, so that its first rows show on the first
    # screen instead of below a list of every column
    items = "".join(f"<dt>{escape(f['name'])}</dt><dd>{escape(column_description(f))}</dd>" for f in fields)
    table = {
        "title": resource.get("title", resource["name"]),
        "description": resource.get("description", ""),
        "description_html": f"<p>{escape(resource.get('description', ''))}</p><details><summary>What each of the "
        f"{len(fields)} columns holds</summary><dl>{items}</dl></details>",
        # closed vocabularies are what readers filter by (verdict, design, tier...)
        "facets": [f["name"] for f in fields if "enum" in f.get("constraints", {})],
    }
    label = next((n for n in LABEL_FIELDS if n in names), None)
    if label:
        table["label_column"] = label
    return table


def metadata(root: Path | None = None) -> dict:
    """Datasette metadata document for the exported SQLite database, read from datapackage.json."""
    root = Path(root or default_root())
    package = _descriptor(root)
    doc = {"title": package.get("title", package["name"]), "description": package.get("description", "")}
    licenses = package.get("licenses", [])
    if licenses:
        doc["license"] = licenses[0].get("title", licenses[0].get("name"))
        if "path" in licenses[0]:
            doc["license_url"] = licenses[0]["path"]
    sources = package.get("sources", [])
    if sources:
        doc["source"] = sources[0].get("title", sources[0].get("path"))
        if "path" in sources[0]:
            doc["source_url"] = sources[0]["path"]
    elif "homepage" in package:
        doc["source"], doc["source_url"] = package.get("title", package["name"]), package["homepage"]
    doc["databases"] = {DATABASE: {"tables": {r["name"]: _table(r, root) for r in package["resources"]}}}
    return doc


def write_metadata(path: Path, root: Path | None = None) -> Path:
    atomic_write(Path(path), (json.dumps(metadata(root), indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    return Path(path)
