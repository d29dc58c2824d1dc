#!/usr/bin/env python3
"""Shows that every test class can fail: for each row of src/test/seen-red.tsv it breaks the
production code the way the row says (one literal find -> replace in one file), runs that test
class alone, records whether it went red, and puts the file back.

Each row is one plausible bug, the kind a change could bring in, that the test class is there
to catch. A class that stays green under its row guards nothing that row can show; a row whose
find string is not in the file exactly once, or whose change does not compile, is invalid and
proves nothing either.

The Nix tests skip themselves without nix-instantiate and a nixpkgs lib (a skipped class counts
as invalid here): run it in the environment the tests get in CI (see .ci/run).

Usage (from the project root, after `./mvnw -B -q package -DskipTests` once):
  python3 src/bench/seen_red.py            # every row; about half a minute per class
  python3 src/bench/seen_red.py CLASS...   # only these test classes (simple names)
  python3 src/bench/seen_red.py --lint     # checks the table only (each find occurs once)

Prints one line per row (RED, GREEN, INVALID, with the failing test or the reason) and a
summary; exits 0 only if every row went red. Files are restored even when interrupted.
Integration tests (*IT) are run by failsafe after packaging, the others by surefire.
"""
import argparse
import csv
import os
import pathlib
import re
import subprocess
import sys
import time
import xml.etree.ElementTree as ElementTree

PROJECT = pathlib.Path(__file__).resolve().parents[2]
TABLE = pathlib.Path(os.environ.get("SEEN_RED_TABLE", PROJECT / "src" / "test" / "seen-red.tsv"))
COLUMNS = ["test_class", "file", "find", "replace", "why"]


def read_table():
    rows = []
    with open(TABLE, newline="", encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    for number, record in enumerate(csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE), start=1):
        if record == COLUMNS:
            continue
        if len(record) != len(COLUMNS):
            sys.exit(f"{TABLE}: row {number}: {len(record)} fields, expected {len(COLUMNS)} ({' '.join(COLUMNS)})")
        rows.append(dict(zip(COLUMNS, record)))
    return rows


def test_classes():
    root = PROJECT / "src" / "test" / "java"
    return sorted(p.stem for p in root.rglob("*.java") if re.search(r"(Test|IT)$", p.stem))


def lint(rows):
    """Returns a reason per invalid row index; a row is valid when its find string occurs in its
    file exactly once and differs from the replacement."""
    problems = {}
    for index, row in enumerate(rows):
        path = PROJECT / row["file"]
        if not path.is_file():
            problems[index] = f"no file {row['file']}"
            continue
        count = path.read_text(encoding="utf-8").count(row["find"])
        if count != 1:
            problems[index] = f"find string occurs {count} times in {row['file']}"
        elif row["find"] == row["replace"]:
            problems[index] = "replacement equals the find string"
    return problems


def report_verdict(test_class, integration):
    folder = PROJECT / "target" / ("failsafe-reports" if integration else "surefire-reports")
    reports = list(folder.glob(f"TEST-*.{test_class}.xml"))
    if not reports:
        return None, ""
    root = ElementTree.parse(reports[0]).getroot()
    failed = int(root.get("failures", 0)) + int(root.get("errors", 0))
    ran = int(root.get("tests", 0)) - int(root.get("skipped", 0))
    first = ""
    for case in root.iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            first = case.get("name", "")
            break
    return (failed, ran), first


def run_class(test_class):
    integration = test_class.endswith("IT")
    for folder in ("surefire-reports", "failsafe-reports"):
        for stale in (PROJECT / "target" / folder).glob(f"TEST-*.{test_class}.xml"):
            stale.unlink()
    if integration:
        goals = ["verify", "-Dtest=none", f"-Dit.test={test_class}"]
    else:
        goals = ["test", f"-Dtest={test_class}"]
    command = ["./mvnw", "-B", "-q", "-o", *goals, "-Dsurefire.failIfNoSpecifiedTests=false",
               "-Dfailsafe.failIfNoSpecifiedTests=false"]
    result = subprocess.run(command, cwd=PROJECT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    counts, first = report_verdict(test_class, integration)
    if counts is None:
        compile_error = re.search(r"COMPILATION ERROR|Compilation failure", result.stdout)
        return "INVALID", "does not compile" if compile_error else f"no test report (mvn exit {result.returncode})"
    failed, ran = counts
    if failed:
        return "RED", f"{failed} of {ran} failed, first: {first}"
    if ran == 0:
        # A test that skipped itself (no nix-instantiate, no nixpkgs lib) has shown nothing.
        return "INVALID", "every test skipped"
    return "GREEN", f"all {ran} passed"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("classes", nargs="*", help="test classes to check (default: every row)")
    parser.add_argument("--lint", action="store_true", help="check the table without running tests")
    args = parser.parse_args()
    rows = read_table()
    problems = lint(rows)
    covered = {row["test_class"] for row in rows}
    missing = [name for name in test_classes() if name not in covered]
    if args.lint:
        for index, reason in sorted(problems.items()):
            print(f"INVALID  {rows[index]['test_class']}: {reason}")
        for name in missing:
            print(f"MISSING  {name}: no row")
        print(f"{len(rows)} rows, {len(problems)} invalid, {len(missing)} test classes without a row")
        return 0 if not problems and not missing else 1
    chosen = [i for i, row in enumerate(rows) if not args.classes or row["test_class"] in args.classes]
    verdicts = {}
    started = time.monotonic()
    for index in chosen:
        row = rows[index]
        if index in problems:
            verdict, detail = "INVALID", problems[index]
        else:
            path = PROJECT / row["file"]
            original = path.read_bytes()
            try:
                path.write_bytes(original.replace(row["find"].encode(), row["replace"].encode(), 1))
                verdict, detail = run_class(row["test_class"])
            finally:
                path.write_bytes(original)
                for received in (PROJECT / "approvals").rglob("*.received.*"):
                    received.unlink()
        verdicts[index] = verdict
        print(f"{verdict:<8} {row['test_class']:<28} {row['file']}: {row['why']} ({detail})", flush=True)
    minutes = (time.monotonic() - started) / 60
    counts = {v: list(verdicts.values()).count(v) for v in ("RED", "GREEN", "INVALID")}
    print(f"{len(chosen)} rows: {counts['RED']} red, {counts['GREEN']} green, {counts['INVALID']} invalid; "
          f"{len(missing)} test classes without a row; {minutes:.1f} min")
    # The last run compiled sabotaged code; build again so target/ matches the sources.
    subprocess.run(["./mvnw", "-B", "-q", "-o", "test-compile"], cwd=PROJECT,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return 0 if counts["RED"] == len(chosen) and not missing else 1


if __name__ == "__main__":
    sys.exit(main())
