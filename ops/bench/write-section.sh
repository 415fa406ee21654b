#!/usr/bin/env bash
# Replaces (or appends) one named section of docs/benchmarks.md with the contents of a file, so that each
# benchmark script owns its own section and a run of one never erases another's figures.
# usage: ops/bench/write-section.sh <section-name> <file-with-markdown>
set -euo pipefail
name=${1:?section name}
body=${2:?markdown file}
root=$(cd "$(dirname "$0")/../.." && pwd)
doc="$root/docs/benchmarks.md"
[ -f "$doc" ] || printf '# Benchmarks\n\nEvery figure below is written by a script in `ops/bench/`; do not edit by hand.\n' > "$doc"
begin="<!-- BEGIN $name -->"
end="<!-- END $name -->"
tmp=$(mktemp)
if grep -qF "$begin" "$doc"; then
  awk -v b="$begin" -v e="$end" -v f="$body" '
    $0 == b { print; while ((getline line < f) > 0) print line; skip = 1; next }
    $0 == e { skip = 0 }
    !skip { print }' "$doc" > "$tmp"
else
  { cat "$doc"; printf '\n%s\n' "$begin"; cat "$body"; printf '%s\n' "$end"; } > "$tmp"
fi
mv "$tmp" "$doc"
echo "updated section '$name' of docs/benchmarks.md"
