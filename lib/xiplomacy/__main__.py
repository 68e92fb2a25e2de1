"""Command line: ``python -m xiplomacy {clean,check,code,publish}``."""

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
    k = sub.add_parser("clean", help="clean a table; rejected rows go to quarantine/<table>.csv with a reason")
    k.add_argument("file", help="the CSV to clean, e.g. data/statements.csv")
    k.add_argument("--table", help="which table it is (default: from the file name)")
    k.add_argument("--out", help="where to write the cleaned table (default: overwrite FILE)")
    args = parser.parse_args(argv)
    if args.command == "code":
        from .codeset import recode_file

        changed = recode_file(check=args.check)
        print(f"{changed} level(s) {'differ' if args.check else 'updated'}")
        return 1 if (args.check and changed) else 0
    if args.command == "publish":
        from .publish import publish

        return publish(only=args.only, jobs=args.jobs or None)
    if args.command == "clean":
        from .clean import clean_file
        from .load import DataError

        try:
            result = clean_file(args.file, args.table)
        except DataError as e:
            print(e, file=sys.stderr)
            return 1
        written = result.write(args.out or args.file)
        for note in result.file_notes:
            print(f"file: {note}")
        n = result.counts
        print(f"{n['input']} rows: {n['kept']} kept, {n['corrected']} corrected, {n['rejected']} rejected")
        print(f"cleaned table: {written['table']}\nrejected rows: {written['quarantine']}\nlog: {written['log']}")
        return 1 if n["rejected"] else 0
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
