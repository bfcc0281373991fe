"""Draw the evidence map, the verdicts per article and the PRISMA 2020 flow of the literature census into docs/.

docs/evidence-map.png: outcomes (rows) against evidence lanes (columns); marker by majority direction, size by
number of cohorts, filled when the finding is independently replicated (two cohorts of the lane, one without a
developer-affiliated author), hollow otherwise. docs/claim-verdicts.png: verdict counts per article.
docs/prisma-flow.png: records identified, removed as duplicates, screened, excluded by reason and included by
design lane (the derived `prisma_flow` table). The plotted numbers are written beside the figures as CSV, so that a
test can prove the committed figures are current."""

import sys
from pathlib import Path

import pandas as pd

import semax_evidence as se

LANES = [
    "human_rct",
    "human_controlled_nonrandomised",
    "human_observational",
    "human_uncontrolled",
    "neuroimaging_healthy",
    "animal_in_vivo",
    "ex_vivo",
    "in_vitro",
    "product_analysis",
    "not_established",
    "review",
    "hypothesis",
]
MARKERS = {"increase": "^", "decrease": "v", "no_change": "o", "mixed": "D"}
VERDICTS = ["supported", "overstated", "contradicted", "unsupported", "not_checkable"]


def map_data(root=None) -> pd.DataFrame:
    s = se.load("outcome_summary", root=root)
    s = s[s["variant_id"] == "semax"].copy()
    s["design"] = s["design"].astype(str)
    keep = s.groupby("outcome")["n_studies"].sum().sort_values(ascending=False).head(30).index
    s = s[s["outcome"].isin(keep)]
    return (
        s[["outcome", "design", "majority_direction", "n_studies", "independent_replication"]]
        .sort_values(["outcome", "design"])
        .reset_index(drop=True)
    )


def verdict_data(root=None) -> pd.DataFrame:
    c = se.load("claims", root=root)
    table = pd.crosstab(c["source_id"].astype(str), c["verdict"].astype(str)).reindex(columns=VERDICTS, fill_value=0)
    return table.reset_index()


def flow_data(root=None) -> pd.DataFrame:
    f = se.load("prisma_flow", root=root)
    f["flow_stage"] = f["flow_stage"].astype(str)
    return f


def _box(ax, x, y, w, h, lines):
    from matplotlib.patches import FancyBboxPatch

    ax.add_patch(FancyBboxPatch((x, y), w, h, boxstyle="round,pad=0.01", facecolor="white", edgecolor="black"))
    ax.text(x + 0.02, y + h - 0.02, "\n".join(lines), va="top", ha="left", fontsize=8, family="monospace")


def draw_flow(data: pd.DataFrame, file: Path) -> None:
    """PRISMA 2020 flow: identification, screening and inclusion boxes on the left, exclusions on the right."""
    import matplotlib.pyplot as plt

    def rows(stage):
        part = data[data["flow_stage"] == stage]
        total = int(part.loc[part["flow_detail"] == "all", "n_flow"].sum())
        return total, [f"  {r.flow_detail}: {r.n_flow}" for r in part.itertuples() if r.flow_detail != "all"]

    identified, by_search = rows("identified")
    duplicates, _ = rows("duplicates_removed")
    screened, _ = rows("screened")
    excluded, reasons = rows("excluded")
    included, lanes = rows("included")
    fig, ax = plt.subplots(figsize=(10, 7.5))
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    _box(ax, 0.02, 0.80, 0.46, 0.17, [f"Records identified: {identified}"] + by_search)
    _box(ax, 0.55, 0.80, 0.43, 0.10, ["Duplicates removed", f"before screening: {duplicates}"])
    _box(ax, 0.02, 0.62, 0.46, 0.10, [f"Records screened: {screened}"])
    _box(ax, 0.55, 0.42, 0.43, 0.30, [f"Records excluded: {excluded}"] + reasons)
    _box(ax, 0.02, 0.02, 0.46, 0.52, [f"Records included: {included}", "by design lane:"] + lanes)
    for x0, y0, x1, y1 in [
        (0.25, 0.80, 0.25, 0.72),
        (0.25, 0.62, 0.25, 0.54),
        (0.48, 0.88, 0.55, 0.85),
        (0.48, 0.67, 0.55, 0.67),
    ]:
        ax.annotate("", xy=(x1, y1), xytext=(x0, y0), arrowprops={"arrowstyle": "->"})
    ax.set_title("Literature census of Semax: PRISMA 2020 flow", fontsize=11)
    fig.savefig(file, dpi=90, metadata={"Software": None})
    plt.close(fig)


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
        ax.scatter(
            x,
            y,
            s=60 * row.n_studies,
            marker=MARKERS[str(row.majority_direction)],
            facecolors="tab:blue" if filled else "none",
            edgecolors="tab:blue",
        )
    ax.set_xticks(range(len(LANES)), LANES, rotation=40, ha="right")
    ax.set_yticks(range(len(outcomes)), outcomes)
    ax.set_title(
        "Semax evidence map: marker = majority direction (^ up, v down, o none, D mixed); size = cohorts;\n"
        "filled = independently replicated (two cohorts of the lane, one not developer-affiliated)",
        fontsize=9,
    )
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
    draw_flow(flow_data(root), out / "prisma-flow.png")
    flow_data(root).to_csv(out / "prisma-flow.csv", index=False, lineterminator="\n")
    map_data(root).to_csv(out / "evidence-map.csv", index=False, lineterminator="\n")
    verdict_data(root).to_csv(out / "claim-verdicts.csv", index=False, lineterminator="\n")


if __name__ == "__main__":
    draw(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "docs")
