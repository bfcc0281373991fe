"""A Croissant (schema.org Dataset, JSON-LD) description of the package, generated from the registry and the
CSV bytes, for dataset search engines and ML tooling."""

from ._version import RELEASE_DATE
from .citation import cite
from .metadata import COLUMN_TYPES, FIELDS, PACKAGE, RESOURCES, TABLES
from .tableschema import bytes_facts

CONTEXT = {  # the standard Croissant 1.0 JSON-LD context
    "@language": "en",
    "@vocab": "https://schema.org/",
    "sc": "https://schema.org/",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "dct": "http://purl.org/dc/terms/",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}
DATA_TYPE = {name: t.croissant for name, t in COLUMN_TYPES.items()}


def croissant(csv_bytes: dict[str, bytes]) -> dict:
    """The description: one FileObject per CSV (with its SHA-256) and one RecordSet per table, each column a
    Field with its type and description, read from the CSV column of the same name."""
    files = [
        {
            "@type": "cr:FileObject",
            "@id": f"{t}.csv",
            "name": f"{t}.csv",
            "contentUrl": f"data/{t}.csv",
            "encodingFormat": "text/csv",
            "sha256": bytes_facts(csv_bytes[t])["hash"].removeprefix("sha256:"),
        }
        for t in TABLES
    ]
    record_sets = []
    for t in TABLES:
        fields = []
        for name in RESOURCES[t]["fields"]:
            spec = FIELDS[name]
            fields.append(
                {
                    "@type": "cr:Field",
                    "@id": f"{t}/{name}",
                    "name": name,
                    "description": spec["description"],
                    "dataType": DATA_TYPE[spec["type"]],
                    "source": {"fileObject": {"@id": f"{t}.csv"}, "extract": {"column": name}},
                }
            )
        record_sets.append(
            {"@type": "cr:RecordSet", "@id": t, "name": t, "description": RESOURCES[t]["description"], "field": fields}
        )
    return {
        "@context": CONTEXT,
        "@type": "sc:Dataset",
        "conformsTo": "http://mlcommons.org/croissant/1.0",
        "name": PACKAGE["name"],
        "description": PACKAGE["description"],
        "version": PACKAGE["version"],
        "datePublished": RELEASE_DATE,
        "license": PACKAGE["licenses"][0]["path"],
        "keywords": PACKAGE["keywords"],
        "citeAs": cite("bibtex"),
        "creator": {"@type": "sc:Organization", "name": PACKAGE["contributors"][0]["title"]},
        "distribution": files,
        "recordSet": record_sets,
    }
