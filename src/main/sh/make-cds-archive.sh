#!/usr/bin/env bash
# Build step: put the launcher beside the jar and record two class-data-sharing archives.
# nixpolicy.jsa, for runs with the shipped rules, from a training run of generate --check over
# a shipped example (facts, the precompiled rules, records and every template).
# nixpolicy-edited.jsa, for runs with edited rules (the launcher picks it, see there), from one
# JVM that decides with an edited copy already in the compiled-rules cache and then with
# another edited copy that is not (the classic build of the first run after an edit): its
# compiler classes would make every shipped run relocate twice the archive, so they get their
# own. A JDK that cannot make an archive leaves none; the launcher then starts without it.
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

rm -f "$target/nixpolicy-edited.jsa"
for copy in cached first; do
  cp -r "$project/rules" "$scratch/$copy"
  echo "// $copy: an edit for the archive's training run" >> "$scratch/$copy/storage.drl"
done
cache=(-Dnixpolicy.cache="$scratch/cache")
# The cached copy's executable model, compiled by the background compile a first run starts.
"${JAVA:-java}" -Xlog:disable "${cache[@]}" -Dnixpolicy.cache.fill=now -jar "$target/nixpolicy.jar" \
    decide --rules "$scratch/cached" "$project/facts/sonarr.yaml" >/dev/null 2>&1
for _ in $(seq 240); do
  if compgen -G "$scratch/cache/rules-*" >/dev/null && ! compgen -G "$scratch/cache/.filling-*" >/dev/null; then
    break
  fi
  sleep 0.5
done
if compgen -G "$scratch/cache/rules-*" >/dev/null \
    && "${JAVA:-java}" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xlog:disable "${cache[@]}" -Dnixpolicy.cache.fill=off \
         "-XX:ArchiveClassesAtExit=$target/nixpolicy-edited.jsa" -cp "$target/nixpolicy.jar" dev.nixpolicy.cli.ArchiveTraining \
         decide --rules "$scratch/cached" "$project/facts/sonarr.yaml" -- \
         decide --rules "$scratch/first" "$project/facts/sonarr.yaml" >/dev/null 2>&1 \
    && [ -f "$target/nixpolicy-edited.jsa" ]; then
  echo "nixpolicy: class-data-sharing archive for edited rules $target/nixpolicy-edited.jsa"
else
  rm -f "$target/nixpolicy-edited.jsa"
  echo "nixpolicy: no class-data-sharing archive for edited rules; runs with edited rules use the other"
fi
exit 0
