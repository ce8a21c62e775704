#!/usr/bin/env bash
# Rule engine benchmark (issue 3): a province — 100,000 people, 3,000 units, ten years of history
# (2015–2024) — through `tdkt rules evaluate`, pinned to one core, against only reading and
# parsing the same case file into the engine's input types.
#
#   bench/rules.sh [PEOPLE [UNITS]]        (RUNS=10, BENCH_DIR=target/bench-rules by default)
#
# Times, with hyperfine when installed (else /usr/bin/time, best of RUNS):
#   parse  examples/parse_only CASE                    read + parse + validate into tdkt_rules::Case
#   none   tdkt rules evaluate CASE --reasons none
#   all    tdkt rules evaluate CASE --reasons all
# The evaluator is `target/release/tdkt rules evaluate` when that binary has the subcommand,
# otherwise the rule engine's `evaluate` example, which runs the same library function.
set -euo pipefail
cd "$(dirname "$0")/.."

PEOPLE=${1:-100000}
UNITS=${2:-3000}
RUNS=${RUNS:-10}
TARGET=${CARGO_TARGET_DIR:-target}
OUT=${BENCH_DIR:-$TARGET/bench-rules}
PIN=(taskset -c 0)
mkdir -p "$OUT"

cargo build --release --quiet -p tdkt-rules --examples
EX="$TARGET/release/examples"
CASE="$OUT/province-$PEOPLE.json"
"$EX/gen_province" "$PEOPLE" "$UNITS" >"$CASE"

EVAL="$EX/evaluate"
for tdkt in "$TARGET/release/tdkt" target/release/tdkt; do
  if [ -x "$tdkt" ] && "$tdkt" rules evaluate crates/rules/tests/golden/spec_example.json --reasons none >/dev/null 2>&1; then
    EVAL="$tdkt rules evaluate"
    break
  fi
done
echo "case: $CASE ($(du -h "$CASE" | cut -f1), $PEOPLE people, $UNITS units)"
echo "evaluator: $EVAL"
echo "output sizes: none $("${PIN[@]}" $EVAL "$CASE" --reasons none | wc -c) bytes, all $("${PIN[@]}" $EVAL "$CASE" --reasons all | wc -c) bytes"

if command -v hyperfine >/dev/null; then
  hyperfine -N --warmup 2 --runs "$RUNS" --export-json "$OUT/rules.json" \
    -n parse "${PIN[*]} $EX/parse_only $CASE" \
    -n none "${PIN[*]} $EVAL $CASE --reasons none" \
    -n all "${PIN[*]} $EVAL $CASE --reasons all"
  python3 - "$OUT/rules.json" <<'PY'
import json, sys
res = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
def cpu(r):
    return r["user"] + r["system"]
print()
print("| run | median wall (s) | min wall (s) | mean user+sys (s) |")
print("|---|---|---|---|")
for name in ("parse", "none", "all"):
    r = res[name]
    print(f"| {name} | {r['median']:.3f} | {r['min']:.3f} | {cpu(r):.3f} |")
p, n = res["parse"], res["none"]
print()
print(f"ratio none/parse: median wall {n['median'] / p['median']:.2f}, min wall {n['min'] / p['min']:.2f}, "
      f"user+sys {cpu(n) / cpu(p):.2f}")
PY
else
  best() { # best of RUNS: "wall user+sys"
    local b=""
    for _ in $(seq "$RUNS"); do
      local t
      t=$( { /usr/bin/time -f "%e %U %S" "${PIN[@]}" "$@" >/dev/null 2>/dev/null; } 2>&1 | tail -1)
      b=$(printf '%s\n%s\n' "$b" "$t" | awk 'NF==3 {print $1, $2 + $3}' | sort -n | head -1)
    done
    echo "$b"
  }
  parse=$(best "$EX/parse_only" "$CASE")
  none=$(best $EVAL "$CASE" --reasons none)
  all=$(best $EVAL "$CASE" --reasons all)
  echo "best of $RUNS (wall s, user+sys s): parse $parse | none $none | all $all"
  awk -v p="$parse" -v n="$none" 'BEGIN { split(p, a, " "); split(n, b, " "); printf "ratio none/parse: wall %.2f, user+sys %.2f\n", b[1] / a[1], b[2] / a[2] }'
fi
