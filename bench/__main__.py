"""`python -m bench`: build, time and compare; prints a table and writes JSON (see README)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bench.report import table, write_json
from bench.runner import PHASES, RunOptions, run_size

DEFAULT_OUT = Path(__file__).resolve().parent / "out"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line: sizes, quick mode, output folder, which phases."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--sizes", default=None, help="comma-separated, e.g. 10000,100000")
    parser.add_argument("--quick", action="store_true", help="~1,000 articles, few queries (CI)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="results and work files")
    parser.add_argument("--only", default=",".join(PHASES), help=f"subset of {','.join(PHASES)}")
    parser.add_argument(
        "--phase-timeout", type=float, default=120.0, help="minutes before a phase is stopped"
    )
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (same seed, same text)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; 0 unless the arguments were wrong or a phase failed."""
    args = parse_args(argv)
    only = tuple(p.strip() for p in args.only.split(",") if p.strip())
    unknown = [p for p in only if p not in PHASES]
    if unknown:
        print(f"unknown phase(s): {', '.join(unknown)}; choose from {', '.join(PHASES)}")
        return 2
    try:
        sizes = [int(s) for s in (args.sizes or ("1000" if args.quick else "10000")).split(",")]
    except ValueError:
        print("--sizes takes whole numbers separated by commas, e.g. 10000,100000")
        return 2
    options = RunOptions(
        out_dir=args.out.resolve(),
        seed=args.seed,
        only=only,
        quick=args.quick,
        phase_timeout_s=args.phase_timeout * 60,
    )
    runs = []
    for size in sizes:
        run = run_size(size, options)
        runs.append(run)
        print(table(run), flush=True)
    path = write_json(runs, options.out_dir, () if set(only) == set(PHASES) else only)
    print(f"JSON: {path}")
    failed = [k for run in runs for k, v in _sections(run) if "error" in v]
    if failed:
        print(f"failed phases: {', '.join(failed)}")
    return 1 if failed else 0


def _sections(run: dict[str, object]) -> list[tuple[str, dict[str, object]]]:
    found = []
    for key, value in run.items():
        if isinstance(value, dict):
            if "error" in value:
                found.append((key, value))
            found += [(f"{key}.{k}", v) for k, v in value.items() if isinstance(v, dict)]
    return found


if __name__ == "__main__":
    sys.exit(main())
