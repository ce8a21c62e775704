#!/usr/bin/env bash
# Benchmarks of the foundation (issue 2), against a release build of tdkt on this machine:
#   - start-up: `tdkt serve` on the demo database, from launch to its `listening on` line and to
#     the first 200 from /healthz (median of RUNS);
#   - the import of 10,000 people (ROWS) from an .xlsx made with tdkt_sheets, through the JSON
#     API as the office (vanphong) of the demo: the check alone (`commit=false`), then the check
#     and the write (`commit=true`), each on a fresh copy of the demo database (median of
#     IMPORT_RUNS).
# SQLite always; PostgreSQL too when BENCH_PG_URL names a server where databases may be created
# (postgres://user@host:port/postgres). Not part of scripts/test. Prints a Markdown block for
# BENCHMARKS.md.
#
#   bench/import.sh                      # ROWS=10000 RUNS=5 IMPORT_RUNS=3
#   CARGO_TARGET_DIR is honoured; the release build is made once and reused.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
rows="${ROWS:-10000}"
runs="${RUNS:-5}"
import_runs="${IMPORT_RUNS:-3}"
work="$(mktemp -d "${TMPDIR:-/tmp}/tdkt-bench.XXXXXX")"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

say() { echo "bench: $*" >&2; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }
median() { sort -n | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
command -v curl >/dev/null || { echo "bench: curl is needed" >&2; exit 2; }

say "release build (once; typst makes the first one slow)"
cargo build --release --locked -p tdkt
bin="$CARGO_TARGET_DIR/release/tdkt"

say "writing $rows people to an .xlsx with tdkt_sheets"
TDKT_BENCH_XLSX="$work/people.xlsx" TDKT_BENCH_ROWS="$rows" \
  cargo test --quiet --locked -p tdkt-web --test integration -- --ignored --exact bench::write_import_workbook >/dev/null
ls -l "$work/people.xlsx" >&2

# start_server DATA_DIR [ENV…]: starts `tdkt serve` on port 0; sets server_pid and addr, and
# prints "ms-to-listening ms-to-healthz".
start_server() {
  local data="$1"
  shift
  local out="$work/server.out"
  : >"$out"
  local t0
  t0=$(now_ms)
  env "$@" "$bin" serve --data "$data" --listen 127.0.0.1:0 >"$out" 2>"$work/server.err" &
  server_pid=$!
  until grep -q '^listening on ' "$out"; do
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.err" >&2; return 1; }
    sleep 0.002
  done
  local t1
  t1=$(now_ms)
  addr="$(sed -n 's/^listening on http:\/\///p' "$out")"
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://$addr/healthz")" = 200 ]; do sleep 0.002; done
  local t2
  t2=$(now_ms)
  echo "$((t1 - t0)) $((t2 - t0))"
}
stop_server() {
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
}

# import_once: signs in as the office and imports; prints "check-seconds commit-seconds".
import_once() {
  local jar="$work/cookies" csrf r_check r_commit
  rm -f "$jar"
  curl -s -c "$jar" -o /dev/null -d 'username=vanphong&password=demo' "http://$addr/dang-nhap"
  csrf="$(curl -s -b "$jar" "http://$addr/tai-khoan" | grep -o 'name="_csrf" value="[^"]*"' | head -n 1 | sed 's/.*value="//; s/"$//')"
  [ -n "$csrf" ] || { say "login failed"; return 1; }
  local post=(curl -s -b "$jar" -H "X-CSRF-Token: $csrf"
    -H 'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    --data-binary "@$work/people.xlsx" -o "$work/import.json" -w '%{http_code} %{time_total}')
  r_check="$("${post[@]}" "http://$addr/api/v1/people/import")"
  [ "${r_check%% *}" = 200 ] || { say "check: $r_check $(head -c 300 "$work/import.json")"; return 1; }
  r_commit="$("${post[@]}" "http://$addr/api/v1/people/import?commit=true")"
  [ "${r_commit%% *}" = 200 ] || { say "commit: $r_commit $(head -c 300 "$work/import.json")"; return 1; }
  grep -q "\"imported\":$rows" "$work/import.json" || { say "not all imported: $(cat "$work/import.json")"; return 1; }
  echo "${r_check#* } ${r_commit#* }"
}

# bench BACKEND MAKE_DATA: MAKE_DATA prints the data dir and the env of a fresh demo database.
results=()
bench() {
  local backend="$1" make="$2" listen=() ready=() check=() commit=() data envs t
  for i in $(seq "$runs"); do
    read -r data envs < <("$make" "start-$i")
    # In this shell, not a subshell: stop_server needs the pid.
    # shellcheck disable=SC2086
    start_server "$data" $envs >"$work/times"
    stop_server
    read -r a b <"$work/times"
    listen+=("$a")
    ready+=("$b")
  done
  for i in $(seq "$import_runs"); do
    read -r data envs < <("$make" "import-$i")
    # shellcheck disable=SC2086
    start_server "$data" $envs >/dev/null
    read -r a b < <(import_once)
    stop_server
    check+=("$a")
    commit+=("$b")
    say "$backend import run $i: check ${a}s, check+write ${b}s"
  done
  t="$(printf '%s\n' "${listen[@]}" | median)"
  results+=("| $backend | start-up to \`listening on\` | ${t} ms | median of $runs (${listen[*]}) |")
  t="$(printf '%s\n' "${ready[@]}" | median)"
  results+=("| $backend | start-up to the first 200 on /healthz | ${t} ms | median of $runs (${ready[*]}) |")
  t="$(printf '%s\n' "${check[@]}" | median)"
  results+=("| $backend | check $rows people (import, \`commit=false\`) | ${t} s | median of $import_runs (${check[*]}) |")
  t="$(printf '%s\n' "${commit[@]}" | median)"
  results+=("| $backend | import $rows people (check + write, \`commit=true\`) | ${t} s | median of $import_runs (${commit[*]}) |")
}

say "the demo database (SQLite)"
"$bin" demo --no-serve --data "$work/demo" 2>/dev/null
sqlite_data() {
  local d="$work/sqlite-$1"
  mkdir -p "$d"
  # The whole folder: `demo --no-serve` leaves its last writes in the WAL file beside tdkt.db.
  cp -r "$work/demo/." "$d/"
  echo "$d TDKT_LOG=warn"
}
bench SQLite sqlite_data

if [ -n "${BENCH_PG_URL:-}" ]; then
  command -v psql >/dev/null || { say "psql is needed for BENCH_PG_URL"; exit 2; }
  pg_data() {
    local name="tdkt_bench_$$_${1//-/_}" url
    psql -q "$BENCH_PG_URL" -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" >/dev/null
    url="${BENCH_PG_URL%/*}/$name"
    DATABASE_URL="$url" "$bin" demo --no-serve --data "$work/pg-$1" 2>/dev/null
    echo "$work/pg-$1 DATABASE_URL=$url TDKT_LOG=warn"
  }
  bench PostgreSQL pg_data
  psql -qAt "$BENCH_PG_URL" -c "SELECT datname FROM pg_database WHERE datname LIKE 'tdkt_bench_$$_%'" |
    while read -r d; do psql -q "$BENCH_PG_URL" -c "DROP DATABASE $d WITH (FORCE)" >/dev/null; done
fi

cpu="$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //') × $(nproc)"
echo
echo "Measured $(date -u +%Y-%m-%d) on $cpu, release build of ${BENCH_REV:-$(git rev-parse --short HEAD 2>/dev/null || echo "?")}, \`bench/import.sh\` (ROWS=$rows RUNS=$runs IMPORT_RUNS=$import_runs):"
echo
echo "| Database | What | Time | Runs |"
echo "|---|---|---|---|"
printf '%s\n' "${results[@]}"
