"""Command line: ``python -m xiplomacy {code,publish,check}``."""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m xiplomacy", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("code", help="recompute the coder's 'level' column of data/statements.csv")
    c.add_argument("--check", action="store_true", help="exit 1 if the stored levels differ from the coder's")
    p = sub.add_parser("publish", help="execute the report notebooks and write offline pages to reports/")
    p.add_argument("--only", action="append", default=[], help="build only reports whose name contains this (repeatable)")
    p.add_argument("--jobs", type=int, default=0, help="parallel notebook runs (default: the number of cores)")
    sub.add_parser("check", help="load and validate data/ and print a summary")
    args = parser.parse_args(argv)
    if args.command == "code":
        from .codeset import recode_file

        changed = recode_file(check=args.check)
        print(f"{changed} level(s) {'differ' if args.check else 'updated'}")
        return 1 if (args.check and changed) else 0
    if args.command == "publish":
        from .publish import publish

        return publish(only=args.only, jobs=args.jobs or None)
    if args.command == "check":
        from .load import DataError, load

        try:
            ds = load()
        except DataError as e:
            print(e, file=sys.stderr)
            return 1
        print(f"dataset {ds.version}: {len(ds.sources)} sources, {len(ds.events)} events, "
              f"{len(ds.statements)} statements, {ds.statements['party'].nunique()} parties")
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main())
