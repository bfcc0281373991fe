import importlib.util
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("evidence_map", REPO / "scripts" / "evidence_map.py")
evidence_map = importlib.util.module_from_spec(spec)
spec.loader.exec_module(evidence_map)


def test_figures_are_current(tmp_path):
    evidence_map.draw(tmp_path)
    for name in ["evidence-map.csv", "claim-verdicts.csv", "prisma-flow.csv"]:
        assert (tmp_path / name).read_bytes() == (REPO / "docs" / name).read_bytes(), (
            f"docs/{name} is stale: run python scripts/evidence_map.py and commit"
        )
    for name in ["evidence-map.png", "claim-verdicts.png", "prisma-flow.png"]:
        assert (REPO / "docs" / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_map_shows_developer_affiliation_and_every_verdict():
    data = evidence_map.map_data()
    assert set(data["independent_replication"].astype(bool)) == {True, False}
    assert list(evidence_map.verdict_data().columns[1:]) == evidence_map.VERDICTS


def test_flow_figure_data_is_the_census_arithmetic():
    f = evidence_map.flow_data().set_index(["flow_stage", "flow_detail"])["n_flow"]
    assert f["identified", "all"] - f["duplicates_removed", "all"] == f["screened", "all"]
    assert f["screened", "all"] == f["excluded", "all"] + f["included", "all"]
    assert f["excluded"].drop("all").sum() == f["excluded", "all"]
    assert f["included"].drop("all").sum() == f["included", "all"]
