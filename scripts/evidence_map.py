"""Draw the evidence map and the verdicts per article into docs/ (run by `semax-evidence build`'s users and CI).

docs/evidence-map.png: outcomes (rows) against evidence lanes (columns); marker by majority direction, size by
number of studies, filled when at least one study has no developer-affiliated author (independent), hollow
otherwise. docs/claim-verdicts.png: verdict counts per article. The plotted numbers are written beside the
figures as CSV, so that a test can prove the committed figures are current."""

import sys
from pathlib import Path

import pandas as pd

import semax_evidence as se

LANES = ["human_rct", "human_controlled_nonrandomised", "human_observational", "human_uncontrolled",
         "neuroimaging_healthy", "animal_in_vivo", "ex_vivo", "in_vitro", "review", "hypothesis"]
MARKERS = {"increase": "^", "decrease": "v", "no_change": "o", "mixed": "D"}
VERDICTS = ["supported", "overstated", "contradicted", "unsupported", "not_checkable"]


def map_data(root=None) -> pd.DataFrame:
    s = se.load("outcome_summary", root=root)
    s = s[s["variant_id"] == "semax"].copy()
    s["design"] = s["design"].astype(str)
    keep = s.groupby("outcome")["n_studies"].sum().sort_values(ascending=False).head(30).index
    s = s[s["outcome"].isin(keep)]
    return s[["outcome", "design", "majority_direction", "n_studies", "independent_replication"]].sort_values(
        ["outcome", "design"]).reset_index(drop=True)


def verdict_data(root=None) -> pd.DataFrame:
    c = se.load("claims", root=root)
    table = pd.crosstab(c["source_id"].astype(str), c["verdict"].astype(str)).reindex(columns=VERDICTS, fill_value=0)
    return table.reset_index()


def draw(out: Path, root=None) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    data = map_data(root)
    outcomes = sorted(data["outcome"].unique())
    fig, ax = plt.subplots(figsize=(11, max(4, 0.32 * len(outcomes))))
    for row in data.itertuples():
        x, y = LANES.index(row.design), outcomes.index(row.outcome)
        filled = bool(row.independent_replication)
        ax.scatter(x, y, s=60 * row.n_studies, marker=MARKERS[str(row.majority_direction)],
                   facecolors="tab:blue" if filled else "none", edgecolors="tab:blue")
    ax.set_xticks(range(len(LANES)), LANES, rotation=40, ha="right")
    ax.set_yticks(range(len(outcomes)), outcomes)
    ax.set_title("Semax evidence map: marker = majority direction (^ up, v down, o none, D mixed); size = studies;\n"
                 "hollow = every study developer-affiliated or affiliation unknown", fontsize=9)
    fig.tight_layout()
    fig.savefig(out / "evidence-map.png", dpi=90, metadata={"Software": None})
    plt.close(fig)

    verdicts = verdict_data(root).set_index("source_id")
    fig, ax = plt.subplots(figsize=(8, 3.5))
    verdicts.plot.barh(stacked=True, ax=ax)
    ax.set_xlabel("claims")
    ax.set_title("Verdicts on the claims of each seed article")
    fig.tight_layout()
    fig.savefig(out / "claim-verdicts.png", dpi=90, metadata={"Software": None})
    plt.close(fig)
    map_data(root).to_csv(out / "evidence-map.csv", index=False, lineterminator="\n")
    verdict_data(root).to_csv(out / "claim-verdicts.csv", index=False, lineterminator="\n")


if __name__ == "__main__":
    draw(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "docs")
