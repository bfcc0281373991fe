"""Generate Table Schemas and the package descriptor from the registry."""

import hashlib
import json
from pathlib import Path

from .metadata import FIELDS, PACKAGE, RESOURCES
from .vocabularies import VOCABULARIES, categories

MISSING_VALUES = [""]
DATA_PACKAGE_V2 = "https://datapackage.org/profiles/2.0/datapackage.json"


def field_spec(table: str, name: str) -> dict:
    """The registry entry of `name` with the constraints it has in `table`."""
    spec = dict(FIELDS[name])
    res = RESOURCES[table]
    spec["required"] = name in res["primary_key"] or name in res.get("required", [])
    spec["unique"] = res["primary_key"] == [name] or name in res.get("unique", [])
    spec["foreign_key"] = res.get("foreign_keys", {}).get(name)
    return spec


def table_schema(table: str) -> dict:
    fields = []
    for name in RESOURCES[table]["fields"]:
        spec = field_spec(table, name)
        field = {"name": name, "type": spec["type"], "description": spec["description"]}
        if "unit" in spec:
            field["unit"] = spec["unit"]
        if spec["type"] == "boolean":
            field["trueValues"], field["falseValues"] = ["true"], ["false"]
        constraints = {}
        for key in ("required", "unique"):
            if spec[key]:
                constraints[key] = True
        if "enum" in spec:
            constraints["enum"] = list(VOCABULARIES[spec["enum"]])
            # Data Package v2: the vocabulary as categories too, ordered lowest first where it is ranked
            words, ordered = categories(spec["enum"])
            field["categories"] = words
            if ordered:
                field["categoriesOrdered"] = True
        if "pattern" in spec:
            constraints["pattern"] = spec["pattern"]
        if "minimum" in spec:
            constraints["minimum"] = spec["minimum"]
        if constraints:
            field["constraints"] = constraints
        if spec.get("derived"):
            field["derived"] = True
        fields.append(field)
    res = RESOURCES[table]
    schema = {"fields": fields, "missingValues": MISSING_VALUES, "primaryKey": res["primary_key"]}
    fks = [
        {
            "fields": col,
            "reference": {"resource": "" if ref == table else ref, "fields": RESOURCES[ref]["primary_key"][0]},
        }
        for col, ref in res.get("foreign_keys", {}).items()
    ]
    if fks:
        schema["foreignKeys"] = fks
    return schema


def file_facts(path: Path) -> dict:
    return bytes_facts(path.read_bytes())


def bytes_facts(data: bytes) -> dict:
    """Size and SHA-256 of a file's bytes, as datapackage.json records them."""
    return {"bytes": len(data), "hash": "sha256:" + hashlib.sha256(data).hexdigest()}


def package_descriptor(
    root: Path, rubric_version: str | None = None, csv_bytes: dict[str, bytes] | None = None
) -> dict:
    """datapackage.json content; byte counts and hashes come from `csv_bytes` (table -> the bytes about to be
    written) or else from the CSVs under `root`."""
    resources = []
    for table, res in RESOURCES.items():
        csv = root / "data" / f"{table}.csv"
        resources.append(
            {
                "name": table,
                "title": res["title"],
                "description": res["description"],
                "type": "table",
                "profile": "tabular-data-resource",
                "path": f"data/{table}.csv",
                "schema": f"schemas/{table}.schema.json",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                **(
                    bytes_facts(csv_bytes[table])
                    if csv_bytes and table in csv_bytes
                    else file_facts(csv)
                    if csv.exists()
                    else {}
                ),
            }
        )
    descriptor = {"$schema": DATA_PACKAGE_V2, **PACKAGE, "resources": resources}
    if rubric_version:
        descriptor["rubric_version"] = rubric_version
    return descriptor


def dumps(obj) -> str:
    return json.dumps(obj, indent=2, ensure_ascii=False) + "\n"
