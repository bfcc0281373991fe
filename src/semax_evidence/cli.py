"""Command line: semax-evidence validate | build | tables | release | diff | export | serve | cite."""

import argparse
import importlib.util
import os
import sys
from pathlib import Path

PROBLEM_FIELDS = ["code", "table", "line", "column", "value", "message"]


def _print_problems(problems, fmt: str) -> None:
    if fmt == "json":
        import json

        print(json.dumps([p.as_dict() for p in problems], indent=2, ensure_ascii=False))
    elif fmt == "csv":
        import csv

        writer = csv.DictWriter(sys.stdout, PROBLEM_FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(p.as_dict() for p in problems)
    else:
        for problem in problems:
            print(problem)


def _validate(args) -> int:
    from .validation import validate

    problems = validate(args.root, frictionless=not args.no_frictionless)
    _print_problems(problems, args.format)
    print(f"{len(problems)} problem(s) found" if problems else "valid: 0 problems", file=sys.stderr)
    return 1 if problems else 0


def _build(args) -> int:
    from .build import build, stale

    if args.check:
        files = stale(args.root)
        for file in files:
            print(f"stale: {file} (run `semax-evidence build` and commit)")
        return 1 if files else 0
    for file in build(args.root):
        print(f"wrote {file}")
    return 0


def _tables(args) -> int:
    from .tables import load_all

    for name, frame in load_all(args.root).items():
        print(f"{name}: {len(frame)} rows x {frame.shape[1]} columns")
    return 0


def _release(args) -> int:
    from . import export
    from ._version import __version__
    from .archive import build_archive, sha256
    from .datasette import METADATA_FILE, write_metadata
    from .remote import record_release

    root = args.root or _default_root()
    export.to_sqlite(root / "dist" / "exports" / "semax-evidence.sqlite", root)  # exports ship in the archive
    export.to_parquet(root / "dist" / "exports" / "parquet", root)
    export.to_claimreview(root / "dist" / "exports" / "claimreview.jsonld", root)
    # the Datasette metadata lives in dist/exports too: write it here so every archive has the same files
    write_metadata(root / "dist" / "exports" / METADATA_FILE, root)
    archive = build_archive(root)
    digest = sha256(archive)
    registry = record_release(__version__, digest)  # so that se.load(..., version=...) can check it
    print(f"{archive}  sha256:{digest}  (recorded in {registry})")
    return 0


def _diff(args) -> int:
    from .diff import NotAPackage, diff, format_diff

    try:
        print(format_diff(diff(args.old, args.new)), end="")
    except NotAPackage as err:
        print(err, file=sys.stderr)
        return 2
    return 0


def _cite(args) -> int:
    from .citation import cite

    print(cite(args.format), end="")
    return 0


def _export(args) -> int:
    from . import export

    out = args.out or (args.root or _default_root()) / "dist" / "exports"
    if args.format == "sqlite":
        print(export.to_sqlite(out / "semax-evidence.sqlite", args.root))
    elif args.format == "claimreview":
        print(export.to_claimreview(out / "claimreview.jsonld", args.root))
    else:
        for file in export.to_parquet(out / "parquet", args.root):
            print(file)
    return 0


def serve_command(database: Path, metadata: Path, port: int) -> list[str]:
    """Datasette over the exported database, reachable from this machine only."""
    return [
        sys.executable,
        "-m",
        "datasette",
        "serve",
        str(database),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--metadata",
        str(metadata),
    ]


def _serve(args) -> int:
    from . import export
    from .datasette import DATABASE, METADATA_FILE, write_metadata

    if importlib.util.find_spec("datasette") is None:
        raise ModuleNotFoundError("datasette is not installed", name="datasette")
    out = args.out or (args.root or _default_root()) / "dist" / "exports"
    database = export.to_sqlite(out / f"{DATABASE}.sqlite", args.root)
    metadata = write_metadata(out / METADATA_FILE, args.root)
    command = serve_command(database, metadata, args.port)
    print(f"serving {database} at http://127.0.0.1:{args.port}/", file=sys.stderr, flush=True)
    os.execv(command[0], command)  # Datasette takes over this process: stopping it stops the server


def _refuse_invalid(args) -> int | None:
    """Validate first: an invalid package is refused with the report, and nothing is written (build may still
    repair what it generates)."""
    from .validation import validate

    problems = validate(args.root, frictionless=False)
    if args.command == "build":
        problems = [p for p in problems if p.code not in BUILD_REPAIRS]
    if not problems:
        return None
    _print_problems(problems, "text")
    print(
        f"semax-evidence {args.command} refused: {len(problems)} problem(s) in {args.root}; nothing was written",
        file=sys.stderr,
    )
    return 1


def _default_root():
    from .tables import default_root

    return default_root()


WRITING = {"build", "release", "export", "serve"}  # commands that write files
GATED = {"build", "tables", "release", "export", "serve"}  # commands that refuse an invalid package
# what `build` itself repairs: files it generates, columns and tables the registry adds
BUILD_REPAIRS = {
    "schema-stale",
    "descriptor-stale",
    "descriptor-missing",
    "missing-column",
    "file-missing",
    "empty-table",
}
# optional module -> the extra that installs it (the core install only loads tables)
EXTRA_OF_MODULE = {
    "pandera": "validate",
    "frictionless": "validate",
    "stdnum": "validate",
    "pint": "build",
    "pyteomics": "build",
    "yaml": "build",
    "datasette": "serve",
    "matplotlib": "figures",
}


class NoPackage(Exception):
    """The folder given is not a package."""


def _is_package(folder: Path) -> bool:
    """A folder holding this dataset's descriptor (or a descriptor too broken to tell: validate will say so)."""
    import json

    descriptor = folder / "datapackage.json"
    if not descriptor.is_file():
        return False
    try:
        return json.loads(descriptor.read_text("utf-8")).get("name") == "semax-evidence"
    except (ValueError, AttributeError, OSError):
        return True


def locate(root: Path | None, cwd: Path, fallback: Path, read_only: Path) -> tuple[Path, bool]:
    """The package to work on, as git finds its repository: `--root`; else the nearest folder from the working
    directory upward that holds the dataset's datapackage.json; else `fallback` (the installed copy, or the
    checkout of an editable install). Returns the folder and whether it may be written: nothing inside
    `read_only` (the installed Python package) may be."""

    def writable(folder: Path) -> bool:
        return not folder.resolve().is_relative_to(read_only.resolve())

    if root is not None:
        if not (root / "datapackage.json").is_file():
            raise NoPackage(f"no package here: {root} holds no datapackage.json")
        return root, writable(root)
    for folder in [cwd, *cwd.parents]:
        if _is_package(folder):
            return folder, writable(folder)
    return fallback, writable(fallback)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="semax-evidence", description="Semax Evidence Dataset tools")
    parser.add_argument(
        "--root",
        type=Path,
        default=None,
        help="package folder (default: the nearest folder upward holding datapackage.json, else the installed copy)",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("validate", help="check every table, key, rule and the descriptor; exit 1 on any problem")
    p.add_argument("--no-frictionless", action="store_true", help="skip the (slow) Frictionless pass")
    p.add_argument(
        "--format",
        choices=["text", "json", "csv"],
        default="text",
        help="text (default): one line per problem; json or csv: records with code, table, line, "
        "column, value and message",
    )
    p.set_defaults(func=_validate)
    p = sub.add_parser("build", help="compute derived data and regenerate schemas and datapackage.json")
    p.add_argument("--check", action="store_true", help="write nothing; exit 1 if any file is stale")
    p.set_defaults(func=_build)
    sub.add_parser("tables", help="list the tables and their shapes").set_defaults(func=_tables)
    sub.add_parser("release", help="build dist/semax-evidence-<version>.zip with SHA256SUMS").set_defaults(
        func=_release
    )
    p = sub.add_parser("diff", help="row-level changes between two package folders or release archives")
    p.add_argument("old", type=Path)
    p.add_argument("new", type=Path)
    p.set_defaults(func=_diff)
    p = sub.add_parser(
        "export",
        help="write the tables as one SQLite database or Parquet files, or the claims "
        "ledger as schema.org ClaimReview JSON-LD",
    )
    p.add_argument("format", choices=["sqlite", "parquet", "claimreview"])
    p.add_argument("--out", type=Path, default=None, help="folder (default: dist/exports)")
    p.set_defaults(func=_export)
    p = sub.add_parser("serve", help="export SQLite and browse it with Datasette on 127.0.0.1")
    p.add_argument("--port", type=int, default=8001, help="port on 127.0.0.1 (default: 8001)")
    p.add_argument(
        "--out", type=Path, default=None, help="folder for the database and metadata (default: dist/exports)"
    )
    p.set_defaults(func=_serve)
    p = sub.add_parser("cite", help="print the citation of this release")
    p.add_argument("--format", choices=["bibtex", "apa"], default="bibtex")
    p.set_defaults(func=_cite)
    args = parser.parse_args(argv)
    try:
        args.root, writable = locate(args.root, Path.cwd(), _default_root(), Path(__file__).parent)
    except NoPackage as err:
        print(err, file=sys.stderr)
        return 2
    if args.command in WRITING and not writable:
        out = getattr(args, "out", None)
        if args.command in ("export", "serve") and out is None:
            args.out = Path.cwd() / "dist" / "exports"  # read the installed copy, write where the user stands
        elif args.command in ("build", "release"):
            print(
                f"semax-evidence {args.command} writes into a package checkout, and none was found from "
                f"{Path.cwd()} upward: the installed copy ({args.root}) is read-only. Run it inside a clone of "
                "the repository, or give --root.",
                file=sys.stderr,
            )
            return 2
    try:
        if args.command in GATED and (refused := _refuse_invalid(args)) is not None:
            return refused
        return args.func(args)
    except ModuleNotFoundError as err:
        top = (err.name or "").split(".")[0]
        if top not in EXTRA_OF_MODULE:
            raise
        print(
            f"semax-evidence {args.command} needs {top}, which the core install leaves out: "
            f"pip install 'semax-evidence[{EXTRA_OF_MODULE[top]}]'",
            file=sys.stderr,
        )
        return 2


if __name__ == "__main__":
    sys.exit(main())
