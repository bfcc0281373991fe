"""Write tests/fixtures/invalid_package: one valid row per table, then one listed fault each.

Run again after the registry changes; tests/fixtures/invalid_package/expected_errors.csv is written by hand
from FAULTS below and is not touched by this script."""

import sys
from pathlib import Path

import pandas as pd

from semax_evidence.metadata import RESOURCES
from semax_evidence.tables import atomic_write, to_csv_bytes
from semax_evidence.tableschema import dumps, package_descriptor, table_schema

BASE = {
    "variants": [
        {
            "variant_id": "semax",
            "name": "Semax",
            "sequence": "MEHFPGP",
            "n_terminal_modification": "none",
            "c_terminal_modification": "none",
            "structure_defined": "true",
            "relation": "analog",
        }
    ],
    "studies": [
        {
            "study_id": "S001",
            "title": "A fixture study",
            "year": "2001",
            "verification": "secondary_page",
            "verified_url": "https://example.org/s001",
            "design": "animal_in_vivo",
            "species": "rat",
            "variant_id": "semax",
            "read_depth": "abstract",
            "reviewed_on": "2026-01-01",
        },
        {
            "study_id": "S002",
            "title": "Another fixture study",
            "year": "2002",
            "verification": "secondary_page",
            "verified_url": "https://example.org/s002",
            "design": "in_vitro",
            "species": "cell_culture",
            "variant_id": "semax",
            "read_depth": "abstract",
            "reviewed_on": "2026-01-01",
        },
    ],
    "effects": [
        {
            "effect_id": "E0001",
            "study_id": "S001",
            "variant_id": "semax",
            "outcome": "bdnf",
            "measure": "protein",
            "direction": "increase",
            "location": "abstract",
            "source_id": "pub_s001",
        }
    ],
    "sources": [
        {"source_id": "pub_s001", "source_type": "publication", "title": "A fixture study", "study_id": "S001"}
    ],
    "claims": [
        {
            "claim_id": "C001",
            "source_id": "pub_s001",
            "claim": "It raises BDNF.",
            "claim_type": "mechanism",
            "verdict": "supported",
            "rationale": "The fixture effect E0001 reports it.",
        }
    ],
    "claim_evidence": [{"claim_id": "C001", "target_table": "effects", "target_id": "E0001", "role": "supports"}],
    "searches": [
        {
            "search_id": "fixture_search",
            "database": "PubMed",
            "query": "semax",
            "run_on": "2026-01-01",
            "n_records": "2",
            "url": "https://example.org/search",
        }
    ],
    "records": [
        {
            "record_id": "R001",
            "search_id": "fixture_search",
            "title": "A fixture study",
            "verified_url": "https://example.org/s001",
            "verification": "secondary_page",
            "decision": "included",
            "design": "animal_in_vivo",
            "study_id": "S001",
            "reviewed_on": "2026-01-01",
        },
        {
            "record_id": "R002",
            "search_id": "fixture_search",
            "title": "Another fixture study",
            "verified_url": "https://example.org/s002",
            "verification": "secondary_page",
            "decision": "included",
            "design": "in_vitro",
            "study_id": "S002",
            "reviewed_on": "2026-01-01",
        },
    ],
    "doses": [
        {
            "dose_id": "D001",
            "variant_id": "semax",
            "source_id": "pub_s001",
            "context": "animal_study",
            "dose_min": "1",
            "dose_max": "1",
            "dose_unit": "mg/kg",
            "is_recommendation": "false",
        }
    ],
}

# (table, row index, column, bad value): each makes exactly the error listed in expected_errors.csv
FAULTS = [
    ("studies", 1, "study_id", "S001"),  # duplicate primary key
    ("studies", 0, "reviewed_on", "2025-02-30"),  # impossible date
    ("effects", 0, "study_id", "S999"),  # dangling foreign key
    ("claims", 0, "verdict", "true"),  # out-of-vocabulary verdict
    ("doses", 0, "dose_min", "5"),  # dose_min > dose_max
]


def main(dest: Path) -> None:
    for table in RESOURCES:
        rows = BASE.get(table, [])
        frame = pd.DataFrame(rows, columns=RESOURCES[table]["fields"], dtype=object)
        for t, row, col, value in FAULTS:
            if t == table:
                frame.loc[row, col] = value
        atomic_write(dest / "data" / f"{table}.csv", to_csv_bytes(frame, table))
        atomic_write(dest / "schemas" / f"{table}.schema.json", dumps(table_schema(table)).encode())
    atomic_write(dest / "datapackage.json", dumps(package_descriptor(dest)).encode())


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parents[1] / "tests/fixtures/invalid_package")
