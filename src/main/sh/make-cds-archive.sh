#!/usr/bin/env bash
# Build step: put the launcher beside the jar and record a class-data-sharing archive from a
# training run (generate --check over a shipped example exercises facts, rules, records and
# every template). A JDK that cannot make the archive leaves none; the launcher then starts
# without it.
set -u
target="$1"
project="$(cd "$target/.." && pwd)"
install -m 755 "$project/src/main/sh/nixpolicy" "$target/nixpolicy"
rm -f "$target/nixpolicy.jsa"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
if "${JAVA:-java}" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xlog:disable \
    "-XX:ArchiveClassesAtExit=$target/nixpolicy.jsa" \
    -jar "$target/nixpolicy.jar" generate "$project/facts/sonarr.yaml" --out "$scratch" --check \
    >/dev/null 2>&1 || [ $? -eq 1 ]; then
  if [ -f "$target/nixpolicy.jsa" ]; then
    echo "nixpolicy: class-data-sharing archive $target/nixpolicy.jsa"
  else
    echo "nixpolicy: this JDK made no class-data-sharing archive; the launcher starts without one"
  fi
else
  rm -f "$target/nixpolicy.jsa"
  echo "nixpolicy: the class-data-sharing training run failed; the launcher starts without an archive"
fi
exit 0
