#!/usr/bin/env python3
"""nixpolicy start-up and batch benchmark.

Prints, from one run:
  - cold `decide` of a shipped example as a whole process (median, min-max of N runs),
    through the launcher target/nixpolicy and through plain `java -jar`;
  - a JVM hello-world run measured alongside (the commands take turns, round by
    round, so a neighbour's changing load weighs on all of them alike), and the ratio;
  - cold `decide` with edited rules (a copy of rules/ with one comment added): the first run,
    which compiles them (an empty cache each round), and a later run, which takes them from
    the cache of compiled rules; every run waits until the background compile an earlier run
    started has finished, as a person editing between runs would;
  - reading one facts file into the facts records in a fresh JVM, with the hand-written mapper
    nixpolicy uses and with Jackson databind (compiled from src/bench/MapperProbe.java against the
    test class path, which Maven prints);
  - `decide` and `generate` over 1,000 facts files (made from the shipped examples with
    distinct service names) as one process each;
  - the peak RSS of each.

Usage: ./mvnw -B -q package -DskipTests && python3 src/bench/bench.py [--runs N] [--services N]
Needs: a JDK (java, javac on PATH) and python3. Nothing is asserted: it prints figures.
"""
import argparse
import os
import pathlib
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

PROJECT = pathlib.Path(__file__).resolve().parents[2]
TARGET = PROJECT / "target"


def run(command, cwd=None, env=None):
    """Runs a command; returns (seconds, peak RSS in MB, exit code). `env` adds variables; a
    callable value is called for each run (e.g. a fresh cache folder)."""
    environment = None
    if env:
        environment = dict(os.environ)
        environment.update({k: (v() if callable(v) else v) for k, v in env.items()})
    # stderr goes to a file, not a pipe: a pipe nobody reads while waiting fills at 64 KiB and
    # stops a batch that reports on every service.
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=environment, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            errors.seek(0)
            sys.stderr.write(errors.read().decode(errors="replace")[-2000:])
    return elapsed, usage.ru_maxrss / 1024.0, code


def background_fills():
    """Process ids of the background compiles of edited rules (CacheFiller) still running."""
    pids = []
    for entry in pathlib.Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if b"dev.nixpolicy.engine.CacheFiller" in (entry / "cmdline").read_bytes():
                    pids.append(int(entry.name))
            except OSError:
                pass
    return pids


def settle():
    """Waits until no background compile from an earlier run is left, so that a measured run has
    the cores to itself, as after an edit that took a person longer than the compile (about 6 s)."""
    while background_fills():
        time.sleep(0.1)


def interleaved(commands, runs):
    """Runs each labelled command `runs` times, one of each per round, so that a neighbour's
    load drifting during the benchmark weighs on every command alike; prints and returns
    {label: (median seconds, peak RSS MB)}."""
    commands = [c if len(c) == 3 else (c[0], c[1], None) for c in commands]
    times = {label: [] for label, _, _ in commands}
    peaks = {label: [] for label, _, _ in commands}
    for _ in range(runs):
        for label, command, env in commands:
            settle()
            seconds, rss, code = run(command, env=env)
            if code not in (0, 1):
                sys.exit(f"{label}: exit code {code} from {' '.join(map(str, command))}")
            times[label].append(seconds)
            peaks[label].append(rss)
    results = {}
    for label, _, _ in commands:
        median = statistics.median(times[label])
        print(f"{label:<34} median {median:6.3f} s   min-max {min(times[label]):.3f}-{max(times[label]):.3f} s   "
              f"peak RSS {max(peaks[label]):6.1f} MB   ({runs} runs)")
        results[label] = (median, max(peaks[label]))
    return results


def fleet(directory, count):
    """Writes `count` facts files cycling through the examples that generate can render."""
    examples = sorted(p for p in (PROJECT / "facts").glob("*.yaml")
                      if p.name != "tubearchivist.yaml" and not p.name.endswith(".expected.yaml"))
    for i in range(count):
        source = examples[i % len(examples)]
        text = source.read_text()
        name = f"{source.stem}-{i:04d}"
        text = re.sub(r"(?m)^service: .*$", f"service: {name}", text, count=1)
        # Each copy its own upstream ports, as distinct services have, each pair in a block of ten
        # of its own: the policy treats a block holding another service's port as busy, and moving
        # a native module's port asks which option takes it (generate would then write nothing).
        text = re.sub(r"(?m)^  port: \d+", f"  port: {20000 + 10 * i}", text, count=1)
        text = re.sub(r"(?m)^  metricsPort: \d+", f"  metricsPort: {20001 + 10 * i}", text, count=1)
        (directory / f"{name}.yaml").write_text(text)


def mapper_classpath(scratch):
    """The test class path with MapperProbe compiled onto it, or None when Maven cannot say."""
    listing = scratch / "classpath.txt"
    result = subprocess.run([str(PROJECT / "mvnw"), "-B", "-q", "-o", "dependency:build-classpath", "-Dmdep.includeScope=test",
                             f"-Dmdep.outputFile={listing}"], cwd=PROJECT, capture_output=True, text=True)
    if result.returncode != 0 or not listing.exists():
        print("read facts: skipped (mvn dependency:build-classpath failed)")
        return None
    classpath = f"{scratch}:{TARGET / 'classes'}:{listing.read_text().strip()}"
    subprocess.run(["javac", "-d", str(scratch), "-cp", classpath, str(PROJECT / "src/bench/MapperProbe.java")], check=True)
    return classpath


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--services", type=int, default=1000)
    args = parser.parse_args()
    launcher = TARGET / "nixpolicy"
    if not launcher.exists() or not (TARGET / "nixpolicy.jar").exists():
        sys.exit("build first: ./mvnw -B -q package -DskipTests")
    java = shutil.which("java")
    version = subprocess.run([java, "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    print(f"machine: {os.cpu_count()} cores, {version}; archive: "
          f"{'yes' if (TARGET / 'nixpolicy.jsa').exists() else 'no'}")

    with tempfile.TemporaryDirectory() as scratch:
        scratch = pathlib.Path(scratch)
        (scratch / "Hello.java").write_text(
            'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n')
        subprocess.run(["javac", "-d", str(scratch), str(scratch / "Hello.java")], check=True)
        example = str(PROJECT / "facts" / "sonarr.yaml")
        edited = scratch / "edited-rules"
        shutil.copytree(PROJECT / "rules", edited)
        with open(edited / "storage.drl", "a") as drl:
            drl.write("\n// an edit: the rules now differ from the build's\n")
        warm_cache = scratch / "cache-warm"
        run([str(launcher), "decide", "--rules", str(edited), example], env={"XDG_CACHE_HOME": str(warm_cache)})
        fresh = iter(range(10**6))
        results = interleaved([
            ("JVM hello world", [java, "-cp", str(scratch), "Hello"]),
            ("cold decide (target/nixpolicy)", [str(launcher), "decide", example]),
            ("cold decide (java -jar)", [java, "-jar", str(TARGET / "nixpolicy.jar"), "decide", example]),
            ("cold decide, edited rules, cached", [str(launcher), "decide", "--rules", str(edited), example],
             {"XDG_CACHE_HOME": str(warm_cache)}),
        ], args.runs)
        first = interleaved([
            ("cold decide, edited rules, first", [str(launcher), "decide", "--rules", str(edited), example],
             {"XDG_CACHE_HOME": lambda: str(scratch / f"cache-empty-{next(fresh)}")}),
        ], max(3, args.runs // 5))
        hello = results["JVM hello world"][0]
        cold = results["cold decide (target/nixpolicy)"][0]
        plain = results["cold decide (java -jar)"][0]
        cached = results["cold decide, edited rules, cached"][0]
        print(f"ratio cold decide / hello world: {cold / hello:.1f}x (launcher), {plain / hello:.1f}x (java -jar)")
        print(f"edited rules: first run {first['cold decide, edited rules, first'][0]:.2f} s; cached run "
              f"{cached / cold:.2f}x the cold decide with the shipped rules")

        classpath = mapper_classpath(scratch)
        if classpath:
            probe = [java, "-cp", classpath, "MapperProbe"]
            mapped = interleaved([
                ("read facts: hand-written mapper", probe + ["hand", example]),
                ("read facts: Jackson databind", probe + ["databind", example]),
            ], args.runs)
            hand = mapped["read facts: hand-written mapper"][0]
            databind = mapped["read facts: Jackson databind"][0]
            print(f"databind minus hand-written mapper, whole process: {databind - hand:+.3f} s")

        facts = scratch / "fleet"
        facts.mkdir()
        fleet(facts, args.services)
        # The fleet's host holds no ports or UIDs yet, so the renamed copies keep their upstream
        # ports (on forge a copy of sonarr would find 8989 taken by sonarr).
        host = scratch / "fleet-host.yaml"
        # Its UID range is wide enough for a thousand new services (a batch gives each its own).
        host.write_text(re.sub(r"(?m)^uidRange: .*$", "uidRange: { min: 10000, max: 60000 }",
                               re.sub(r"(?m)^(ports|uids): *\{.*\}$", r"\1: {}", (PROJECT / "facts/hosts/forge.yaml").read_text())))
        seconds, rss, code = run([str(launcher), "decide", "--host", str(host), str(facts)])
        print(f"decide {args.services} services, one process: {seconds:6.2f} s   peak RSS {rss:6.1f} MB   exit {code}")
        out = scratch / "repo"
        seconds, rss, code = run([str(launcher), "generate", "--host", str(host), str(facts), "--out", str(out)])
        files = sum(1 for p in out.rglob("*") if p.is_file()) if out.exists() else 0
        print(f"generate {args.services} services, one process: {seconds:6.2f} s   peak RSS {rss:6.1f} MB   "
              f"exit {code}, {files} files")


if __name__ == "__main__":
    main()
