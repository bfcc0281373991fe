import pytest
from pyteomics import mass

from semax_evidence import load
from semax_evidence.chemistry import chemistry, composition


def test_semax_matches_published_values():
    # published: C37H51N9O10S, about 813.9 g/mol
    semax = chemistry("MEHFPGP")
    assert semax["molecular_formula"] == "C37H51N9O10S"
    assert semax["average_mass"] == pytest.approx(813.9, abs=0.1)


def test_terminal_groups_change_the_composition_as_chemistry_says():
    plain = composition("MEHFPGP")
    acetyl = composition("MEHFPGP", "acetyl")
    amide = composition("MEHFPGP", "acetyl", "amide")
    assert acetyl - plain == mass.Composition({"C": 2, "H": 2, "O": 1})
    assert amide - acetyl == mass.Composition({"N": 1, "H": 1, "O": -1})
    # amidation swaps O for NH: the mass drops by about 0.984 Da
    assert mass.calculate_mass(composition=amide) - mass.calculate_mass(composition=acetyl) == pytest.approx(
        -0.984, abs=0.001
    )


def test_actinium_trap_is_avoided():
    # pyteomics reads "Ac" in a sequence string as the element actinium (about 1038 Da)
    trap = mass.calculate_mass(sequence="Ac-MEHFPGP-NH2")
    ours = chemistry("MEHFPGP", "acetyl", "amide")["monoisotopic_mass"]
    assert trap > 1000 and ours == pytest.approx(854.37, abs=0.01)
    with pytest.raises(ValueError):
        chemistry("Ac-MEHFPGP-NH2")


def test_undefined_terminal_group_is_refused():
    with pytest.raises(ValueError, match="no defined composition"):
        chemistry("MEHFPGP", "acetyl", "adamantyl_amide")


def test_proforma_terminal_tags_are_not_used():
    # pyteomics' ProForma .composition() fails on terminal tags; the package never routes through it
    from pyteomics import proforma

    with pytest.raises(Exception):
        proforma.ProForma.parse("Ac-MEHFPGP-NH2").composition()


def test_table_chemistry_is_computed_not_typed():
    v = load("variants").set_index("variant_id")
    for vid, row in v.iterrows():
        if row["structure_defined"] and row["c_terminal_modification"] != "other":
            expected = chemistry(row["sequence"], row["n_terminal_modification"], row["c_terminal_modification"])
            assert row["molecular_formula"] == expected["molecular_formula"], vid
        else:
            assert row["molecular_formula"] is None or str(row["molecular_formula"]) in ("<NA>", "nan"), vid
    assert v.loc["adamax", "structure_defined"] == False  # noqa: E712  (no authoritative structure)
    assert v.loc["adamax", "identifier_conflict"]
