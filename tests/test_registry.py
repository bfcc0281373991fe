"""The registry is the one source of truth: sweep it whole, and prove every derived file is in sync."""

import json

from semax_evidence.build import stale
from semax_evidence.metadata import FIELDS, RESOURCES
from semax_evidence.tableschema import package_descriptor, table_schema
from semax_evidence.vocabularies import VOCABULARIES

CONTRACT = {
    "variants": "variant_id name sequence n_terminal_modification c_terminal_modification molecular_formula "
    "monoisotopic_mass average_mass cas_number pubchem_cid",
    "studies": "study_id title year journal pmid doi verified_url verification design species n_total variant_id "
    "route language developer_affiliated",
    "effects": "effect_id study_id variant_id outcome measure tissue time_point direction magnitude magnitude_unit "
    "comparator source_id",
    "sources": "source_id source_type title url reliability_tier",
    "claims": "claim_id source_id claim claim_type study_id verdict rationale",
    "doses": "dose_id variant_id source_id context route dose_min dose_max dose_unit dose_min_ug dose_max_ug",
    "claim_evidence": "claim_id target_table target_id role",
    "searches": "search_id database query run_on n_records url",
    "records": "record_id search_id pmid title year journal language decision exclusion_reason design study_id",
}


def test_contract_columns_present(table):
    if table not in CONTRACT:
        assert RESOURCES[table].get("derived"), f"{table} is neither a contract table nor marked derived"
        return
    missing = set(CONTRACT[table].split()) - set(RESOURCES[table]["fields"])
    assert not missing, f"{table} lacks contract columns {missing}: add them to RESOURCES['{table}']['fields']"


def test_fields_are_defined_once_and_described(table):
    res = RESOURCES[table]
    undefined = [f for f in res["fields"] if f not in FIELDS]
    assert not undefined, f"define {undefined} in metadata.FIELDS"
    assert len(set(res["fields"])) == len(res["fields"]), f"{table} lists a field twice"
    for name in res["fields"]:
        assert FIELDS[name]["description"].strip(), f"FIELDS['{name}'] needs a description"
        assert FIELDS[name].get("enum", "verdict") in VOCABULARIES, f"FIELDS['{name}'] names an unknown vocabulary"
    for key in res["primary_key"] + res.get("required", []) + res.get("unique", []):
        assert key in res["fields"], f"{table}: constraint on {key}, which is not one of its fields"
    for col, ref in res.get("foreign_keys", {}).items():
        assert col in res["fields"] and ref in RESOURCES, f"{table}.{col} references unknown table {ref}"


def test_every_field_is_used():
    used = {f for res in RESOURCES.values() for f in res["fields"]}
    assert set(FIELDS) - used == set(), "remove unused FIELDS or list them in a resource"


def test_verdict_and_verification_vocabularies_are_exact():
    assert list(VOCABULARIES["verdict"]) == ["supported", "overstated", "contradicted", "unsupported", "not_checkable"]
    assert list(VOCABULARIES["verification"]) == ["primary_page", "secondary_page", "unresolved"]


def test_schema_file_matches_registry(repo, table):
    committed = json.loads((repo / "schemas" / f"{table}.schema.json").read_text())
    assert committed == table_schema(table), f"schemas/{table}.schema.json is stale: run `semax-evidence build`"


def test_descriptor_matches_registry(repo):
    from semax_evidence.rubric import RUBRIC_VERSION

    committed = json.loads((repo / "datapackage.json").read_text())
    assert committed == package_descriptor(repo, RUBRIC_VERSION), (
        "datapackage.json is stale: run `semax-evidence build`"
    )
    assert committed["licenses"][0]["name"] == "CC-BY-4.0"


def test_nothing_is_stale(repo):
    files = stale(repo)
    assert files == [], f"derived files out of date: {files}; run `semax-evidence build` and commit"


def test_a_typo_in_the_registry_fails_naming_the_entry_and_key():
    import copy

    import pytest

    from semax_evidence.metadata import RegistryError, check_registry

    def broken(change):
        fields, resources = copy.deepcopy(FIELDS), copy.deepcopy(RESOURCES)
        change(fields, resources)
        with pytest.raises(RegistryError) as err:
            check_registry(fields, resources, VOCABULARIES)
        return str(err.value)

    def misspelt_minimum(f, r):
        f["n_total"]["minimun"] = f["n_total"].pop("minimum")

    assert "FIELDS['n_total']" in broken(misspelt_minimum) and "'minimun'" in broken(misspelt_minimum)

    def misspelt_foreign_keys(f, r):
        r["effects"]["foriegn_keys"] = r["effects"].pop("foreign_keys")

    assert "RESOURCES['effects']" in broken(misspelt_foreign_keys) and "'foriegn_keys'" in broken(misspelt_foreign_keys)

    def minimum_on_text(f, r):
        f["title"]["minimum"] = 0

    assert "'minimum' does not apply to type 'string'" in broken(minimum_on_text)

    def unknown_vocabulary(f, r):
        f["verdict"]["enum"] = "verdicts"

    assert "enum 'verdicts'" in broken(unknown_vocabulary)

    def undefined_field(f, r):
        r["claims"]["fields"].append("claim_text")

    assert "'claim_text'" in broken(undefined_field)
    check_registry(FIELDS, RESOURCES, VOCABULARIES)  # the real registry passes


def test_ranked_vocabularies_load_ordered_lowest_first():
    from semax_evidence import load

    grade = load("outcome_summary")["grade"]
    assert grade.cat.ordered and list(grade.cat.categories) == ["very_low", "low", "moderate", "high"]
    tier = load("sources")["reliability_tier"]
    assert tier.cat.ordered and tier.cat.categories[-1] == "A" and (tier.dropna() <= "A").all()
    assert not load("claims")["verdict"].cat.ordered


def test_the_descriptor_is_a_data_package_v2_that_frictionless_and_r_accept(repo):
    import frictionless

    descriptor = json.loads((repo / "datapackage.json").read_text())
    assert descriptor["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    for res in descriptor["resources"]:  # R's frictionless package requires the v1 profile name as well
        assert res["type"] == "table" and res["profile"] == "tabular-data-resource"
    report = frictionless.validate(str(repo / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])[:5]
    grade = next(f for f in table_schema("outcome_summary")["fields"] if f["name"] == "grade")
    assert grade["categories"] == ["very_low", "low", "moderate", "high"] and grade["categoriesOrdered"]
    assert grade["constraints"]["enum"] == list(VOCABULARIES["grade"])
