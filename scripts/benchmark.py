"""Benchmark: validation and loading as the data grows. Prints figures; it is not a test.

    python scripts/benchmark.py                 # 10k and 100k effects rows
    python scripts/benchmark.py --sizes 10000 100000 1000000 [--frictionless-at-1m]

Synthetic packages are generated from the package's own registry (valid by construction): effects rows as
given, one study per 10 effects, sources = studies + 100 web pages, one claim and one dose per 10 effects.
Each step runs in a fresh process (so its peak memory is its own); seconds are the median of --runs runs
and exclude interpreter start and imports, which the cold-start line at the end measures on the real package."""

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from semax_evidence.metadata import FIELDS, RESOURCES, TABLES
from semax_evidence.tables import atomic_write, format_cell, read_raw
from semax_evidence.tableschema import dumps, package_descriptor, table_schema
from semax_evidence.vocabularies import VOCABULARIES

REPO = Path(__file__).resolve().parents[1]
PREFIX = {"study_id": "S", "effect_id": "E", "claim_id": "C", "dose_id": "D"}
WIDTH = {"study_id": 3, "effect_id": 4, "claim_id": 3, "dose_id": 3}


def _ids(col, n):
    return [f"{PREFIX[col]}{i:0{WIDTH[col]}d}" for i in range(1, n + 1)]


def _column(table, col, n, rng, keys):
    spec = FIELDS[col]
    res = RESOURCES[table]
    if col in res["primary_key"] and col in PREFIX:
        return _ids(col, n)
    if col == "source_id" and table == "sources":
        return [f"src_{i}" for i in range(n)]
    ref = res.get("foreign_keys", {}).get(col)
    if ref:
        pool = keys[ref]
        return (
            list(rng.choice(pool, n))
            if col not in ("parent_variant_id", "study_id") or table != "sources"
            else [None] * n
        )
    if "enum" in spec:
        return list(rng.choice(list(VOCABULARIES[spec["enum"]]), n))
    kind = spec["type"]
    if kind == "integer":
        return list(rng.integers(1, 500, n))
    if kind == "year":
        return list(rng.integers(1990, 2021, n))
    if kind == "number":
        return list(np.round(rng.uniform(0, 100, n), 3))
    if kind == "boolean":
        return list(rng.choice(["true", "false"], n))
    if kind == "date":
        return ["2020-01-01"] * n
    if col in ("outcome", "tissue"):
        return list(rng.choice(["bdnf", "ngf", "hippocampus", "frontal_cortex", "memory"], n))
    if spec.get("text"):
        return [f"synthetic text {i}" for i in range(n)]
    return [None] * n  # identifiers, addresses and lists stay empty: valid and realistic for most rows


def synthesize(root: Path, n_effects: int, seed: int = 0) -> Path:
    rng = np.random.default_rng(seed)
    sizes = {
        "effects": n_effects,
        "studies": max(n_effects // 10, 1),
        "claims": max(n_effects // 10, 1),
        "doses": max(n_effects // 10, 1),
    }
    sizes["sources"] = sizes["studies"] + 100
    frames = {name: read_raw(name, REPO) for name in ("variants", "outcome_summary", "prisma_flow")}

    keys = {
        "variants": frames["variants"]["variant_id"].to_numpy(),
        "studies": np.array(_ids("study_id", sizes["studies"])),
        "sources": np.array([f"src_{i}" for i in range(sizes["sources"])]),
    }
    for table in ["studies", "sources", "effects", "claims", "doses"]:
        n = sizes[table]
        frame = pd.DataFrame({c: _column(table, c, n, rng, keys) for c in RESOURCES[table]["fields"]})
        frames[table] = frame
    s = frames["studies"]
    s["verification"] = "secondary_page"
    s["verified_url"] = "https://example.org/record"
    s["randomised"] = "true"  # a human_rct row must be randomised
    s[["cohort_study_id", "outside_census_reason"]] = None
    e = frames["effects"]
    e.loc[e["magnitude"].notna(), ["magnitude_relation", "magnitude_unit"]] = ["equal", "fold"]
    e["time_point_unit"] = "h"
    d = frames["doses"]
    d["dose_max"] = [float(x) * 2 for x in d["dose_min"]]
    d[["dose_as_printed", "correction"]] = None
    frames["sources"]["source_type"] = "other"
    c = frames["claims"]
    c["verdict"], c["study_id"], c["searched"] = "not_checkable", None, None
    c["rationale"] = "No evidence row is needed for a claim that cannot be checked."
    # each claim links the first study as context (a not-checkable verdict needs no support)
    frames["claim_evidence"] = pd.DataFrame(
        {"claim_id": c["claim_id"], "target_table": "studies", "target_id": keys["studies"][0], "role": "context"}
    ).reindex(columns=RESOURCES["claim_evidence"]["fields"])
    # one census record per study, found by one search
    frames["searches"] = pd.DataFrame(
        [
            {
                "search_id": "synthetic_search",
                "database": "PubMed",
                "query": "semax",
                "run_on": "2020-01-01",
                "n_records": str(len(s)),
                "url": "https://example.org/search",
            }
        ],
        columns=RESOURCES["searches"]["fields"],
    )
    frames["records"] = pd.DataFrame(
        {
            "record_id": [f"R{i:03d}" for i in range(1, len(s) + 1)],
            "search_id": "synthetic_search",
            "title": s["title"],
            "verified_url": "https://example.org/record",
            "verification": "secondary_page",
            "decision": "included",
            "design": s["design"],
            "study_id": s["study_id"],
            "reviewed_on": "2020-01-01",
        }
    ).reindex(columns=RESOURCES["records"]["fields"])
    for table in TABLES:
        for col in RESOURCES[table]["fields"]:  # numbers as the writer writes them (1.5, 50), not 50.0
            if FIELDS[col]["type"] == "number" and col in frames[table]:
                frames[table][col] = [
                    None if pd.isna(x) else format_cell(float(x), "number") for x in frames[table][col]
                ]
        frame = frames[table].astype(object).where(frames[table].notna(), None).astype(str)
        frame = frame.replace({"None": ""})
        atomic_write(root / "data" / f"{table}.csv", frame.to_csv(index=False, lineterminator="\n").encode())
        atomic_write(root / "schemas" / f"{table}.schema.json", dumps(table_schema(table)).encode())
    atomic_write(root / "datapackage.json", dumps(package_descriptor(root)).encode())
    return root


# (imports, timed code): imports run before the clock starts; the cold-start line measures them
STEPS = {
    "raw read": (
        "import pandas as pd, pathlib",
        "[pd.read_csv(p) for p in sorted(pathlib.Path(ROOT, 'data').glob('*.csv'))]",
    ),
    "typed load_all": (
        "import pathlib, semax_evidence as se, pyarrow.csv, pyarrow.compute",
        "se.load_all(root=pathlib.Path(ROOT))",
    ),
    # pandera.strategies: pandera imports it (and hypothesis, when installed) on its first validation
    "validate": (
        "import semax_evidence as se, semax_evidence.validation.rules, pandera.pandas, pandera.strategies, "
        "pyarrow.csv, "
        "stdnum.casrn",
        "problems = se.validate(ROOT, frictionless=False)\nassert not problems, problems[:5]",
    ),
    "frictionless": (
        "import frictionless",
        "report = frictionless.validate(ROOT + '/datapackage.json')\n"
        "assert report.valid, report.flatten(['rowNumber', 'fieldName', 'type'])[:5]",
    ),
}
RUNNER = """
import json, sys, time
ROOT = sys.argv[1]
{imports}
start = time.perf_counter()
{code}
seconds = time.perf_counter() - start
# VmHWM starts afresh at exec (ru_maxrss would inherit the parent's peak)
hwm = next(l for l in open("/proc/self/status") if l.startswith("VmHWM"))
print(json.dumps({{"seconds": seconds, "peak_mb": int(hwm.split()[1]) / 1024}}))
"""


def run_step(step: str, root: Path, runs: int) -> dict:
    results = []
    for _ in range(runs):
        runner = RUNNER.format(imports=STEPS[step][0], code=STEPS[step][1])
        out = subprocess.run([sys.executable, "-c", runner, str(root)], capture_output=True, text=True)
        if out.returncode:
            raise RuntimeError(f"{step} failed:\n{out.stderr[-3000:]}")
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return {"seconds": statistics.median(r["seconds"] for r in results), "peak_mb": max(r["peak_mb"] for r in results)}


def cold(code: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def print_targets(table: dict) -> None:
    """The issue's targets, judged at the largest size measured."""
    n = max(table)
    r = {s: v["seconds"] for s, v in table[n].items()}
    checks = [
        (f"validate <= 2x raw read at {n} rows", r["validate"] / r["raw read"], 2.0, "<="),
        (f"typed load <= 1.5x raw read at {n} rows", r["typed load_all"] / r["raw read"], 1.5, "<="),
    ]
    fl_sizes = [m for m in table if "frictionless" in table[m]]
    if fl_sizes:
        m = max(fl_sizes)
        checks.append(
            (
                f"frictionless / validate >= 30 at {m} rows",
                table[m]["frictionless"]["seconds"] / table[m]["validate"]["seconds"],
                30.0,
                ">=",
            )
        )
    for a, b in zip(sorted(table), sorted(table)[1:]):
        if b == 10 * a:
            for step in ("typed load_all", "validate"):
                checks.append(
                    (
                        f"{step}: 10x rows ({a} -> {b}) costs <= 12x time",
                        table[b][step]["seconds"] / table[a][step]["seconds"],
                        12.0,
                        "<=",
                    )
                )
    for label, value, bound, op in checks:
        met = value <= bound if op == "<=" else value >= bound
        print(f"target {label}: {value:.2f} -> {'met' if met else 'MISSED'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--frictionless-at-1m", action="store_true")
    args = parser.parse_args()
    table = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            root = synthesize(Path(tmp) / str(n), n)
            steps = [s for s in STEPS if s != "frictionless" or n < 1_000_000 or args.frictionless_at_1m]
            table[n] = {s: run_step(s, root, args.runs if s != "frictionless" else 1) for s in steps}
            print(
                f"{n:>9} effects rows: "
                + ", ".join(f"{s} {r['seconds']:.2f}s/{r['peak_mb']:.0f}MB" for s, r in table[n].items()),
                flush=True,
            )
    print()
    print(
        f"{'effects rows':>12} {'raw read s':>10} {'load s':>8} {'validate s':>10} {'frictionless s':>14} "
        f"{'load/raw':>8} {'valid/raw':>9} {'fl/valid':>8} {'peak MB (raw/load/valid/fl)':>28}"
    )
    for n, r in table.items():
        raw, load, val = r["raw read"]["seconds"], r["typed load_all"]["seconds"], r["validate"]["seconds"]
        fl = r.get("frictionless", {}).get("seconds")
        peaks = "/".join(f"{r[s]['peak_mb']:.0f}" if s in r else "-" for s in STEPS)
        print(
            f"{n:>12} {raw:>10.2f} {load:>8.2f} {val:>10.2f} {fl if fl is None else round(fl, 2)!s:>14} "
            f"{load / raw:>8.2f} {val / raw:>9.2f} {'-' if fl is None else f'{fl / val:.1f}':>8} {peaks:>28}"
        )
    sizes = sorted(table)
    for a, b in zip(sizes, sizes[1:]):
        growth = {s: table[b][s]["seconds"] / table[a][s]["seconds"] for s in table[b] if s in table[a]}
        print(f"growth {a} -> {b} rows ({b // a}x): " + ", ".join(f"{s} {g:.1f}x" for s, g in growth.items()))
    print_targets(table)
    csvs = ", ".join(repr(str(REPO / "data" / f"{t}.csv")) for t in TABLES)
    print(
        f"cold real package: import + load_all {cold('import semax_evidence as s; s.load_all()', args.runs):.2f}s"
        f" vs pandas read_csv {cold(f'import pandas; [pandas.read_csv(f) for f in ({csvs})]', args.runs):.2f}s"
    )


if __name__ == "__main__":
    main()
