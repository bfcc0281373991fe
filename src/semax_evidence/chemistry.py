"""Molecular formula and masses of a peptide, computed from its sequence and terminal groups.

pyteomics is given the residues only (one-letter code): a tag such as "Ac-" in a sequence string would be
read as the element actinium, so terminal groups are applied here as explicit composition changes."""

from pyteomics import mass

# Change in composition when a terminal group replaces the free amine (N) or free acid (C).
TERMINAL_DELTA = {
    "none": {},
    "acetyl": {"C": 2, "H": 2, "O": 1},  # -NH2 -> -NH-CO-CH3
    "amide": {"O": -1, "N": 1, "H": 1},  # -COOH -> -CONH2
}


def composition(sequence: str, n_term: str = "none", c_term: str = "none") -> mass.Composition:
    if not sequence or not sequence.isalpha() or not sequence.isupper():
        raise ValueError(f"sequence must be one-letter residues, got {sequence!r}")
    for group in (n_term, c_term):
        if group not in TERMINAL_DELTA:
            raise ValueError(f"no defined composition for terminal group {group!r}")
    comp = mass.Composition(sequence=sequence)  # includes H- and -OH termini
    for group in (n_term, c_term):
        comp += mass.Composition(TERMINAL_DELTA[group])
    return comp


def hill_formula(comp: mass.Composition) -> str:
    """Hill order: C, H, then the other elements alphabetically."""
    order = (["C", "H"] if "C" in comp else []) + sorted(e for e in comp if e not in ("C", "H") or "C" not in comp)
    return "".join(f"{e}{comp[e] if comp[e] != 1 else ''}" for e in order if comp[e])


def chemistry(sequence: str, n_term: str = "none", c_term: str = "none") -> dict:
    comp = composition(sequence, n_term, c_term)
    return {
        "molecular_formula": hill_formula(comp),
        "monoisotopic_mass": round(mass.calculate_mass(composition=comp), 4),
        "average_mass": round(mass.calculate_mass(composition=comp, average=True), 2),
    }
