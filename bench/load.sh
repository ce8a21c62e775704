#!/usr/bin/env bash
# Load benchmark of the year's movement at province scale (issue 5), against a release build:
#
#   1. generates the province world (`tdkt demo --scale province --no-serve`: 50 agencies, 3,000
#      units, 100,000 people, ten years of history, the 2024 movement) into a temporary folder,
#      timing it;
#   2. starts `tdkt serve --today 2024-12-16` on it and signs in (curl, cookie jar) as the Office
#      of Sở KH&CN (`vanphong`), a unit head (`truongphong`), a staff member (`canbo`) and the
#      province's administrator (`admin`);
#   3. runs wrk at CONNECTIONS (32) concurrent connections for DURATION on each route, the app's
#      cheapest route first — a small static asset, `/static/app.css?v=…`, anonymous — and prints
#      p50, p99 and requests per second of each, with each route's ratios to the static asset
#      measured in the same run (throughput: route ÷ static; latency: route ÷ static, a multiple).
#
# Routes (each may be overridden; a route that does not answer 200 falls back to the next
# candidate, and the table says which was measured):
#   OFFICE_PATHS   the Office's movement dashboard ({plan} = the 2024 plan of Sở KH&CN)   (vanphong)
#   UNIT_PATHS     a unit's registration list ({unit} = the unit head's unit id)   (truongphong)
#   PERSON_PATHS   a person's page ({person} = canbo's person id)                  (canbo)
#   ADMIN_PATHS    the province-wide overview                   (admin)
# Goals (issue 5): p99 ≤ 50 ms and throughput ratio ≥ 0.2 for the first three; p99 ≤ 200 ms for
# the province overview.
#
# Environment: CARGO_TARGET_DIR is honoured; CONNECTIONS (32), THREADS (2), DURATION (15s),
# WARMUP (3s), DATA (reuse a generated folder instead of a temporary one; generated there when
# missing), KEEP=1 keeps the temporary folder. Installs wrk with apt-get when missing.
# Not part of scripts/test. Prints a Markdown block for BENCHMARKS.md.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
conns="${CONNECTIONS:-32}"
threads="${THREADS:-2}"
duration="${DURATION:-15s}"
warmup="${WARMUP:-3s}"
# (Defaults set apart: a "}" inside "${VAR:-…}" would close the expansion.)
[ -n "${OFFICE_PATHS:-}" ] || OFFICE_PATHS='/ke-hoach/{plan}/theo-doi /'
[ -n "${UNIT_PATHS:-}" ] || UNIT_PATHS='/dang-ky/don-vi/{unit} /don-vi/{unit}'
[ -n "${PERSON_PATHS:-}" ] || PERSON_PATHS='/can-bo/{person}'
ADMIN_PATHS="${ADMIN_PATHS:-/theo-doi-toan-tinh / /don-vi}"

work="$(mktemp -d "${TMPDIR:-/tmp}/tdkt-load.XXXXXX")"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [ "${KEEP:-0}" = 1 ]; then
    echo "bench: kept $work" >&2
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT

say() { echo "bench: $*" >&2; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }
command -v curl >/dev/null || { say "curl is needed"; exit 2; }
command -v python3 >/dev/null || { say "python3 is needed"; exit 2; }
if ! command -v wrk >/dev/null; then
  say "installing wrk (apt-get)"
  if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo); fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null ||
    { "${sudo[@]}" apt-get update -qq && "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
fi

say "release build"
cargo build --release --locked -p tdkt
bin="$CARGO_TARGET_DIR/release/tdkt"

data="${DATA:-$work/data}"
gen_s="(reused)"
if [ ! -f "$data/tdkt.db" ]; then
  say "generating the province world in $data"
  t0=$(now_ms)
  TDKT_LOG="${TDKT_LOG:-info}" "$bin" demo --no-serve --scale province --data "$data" 2>"$work/generate.log"
  t1=$(now_ms)
  gen_s="$(awk "BEGIN { printf \"%.1f\", ($t1 - $t0) / 1000 }")"
  grep -E 'province:|demo database created' "$work/generate.log" | sed 's/^/  /' >&2 || true
  say "generated in ${gen_s} s"
fi
db_mb="$(du -m "$data/tdkt.db" | cut -f1)"

say "starting tdkt serve"
TDKT_LOG=warn "$bin" serve --data "$data" --today 2024-12-16 --listen 127.0.0.1:0 \
  >"$work/server.out" 2>"$work/server.err" &
server_pid=$!
until grep -q '^listening on ' "$work/server.out"; do
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.err" >&2; exit 1; }
  sleep 0.05
done
base="$(sed -n 's/^listening on //p' "$work/server.out")"
# The reminders' scheduler makes its first pass of the day at start-up (on 16/12 it reminds the
# province's unit heads of the rating deadline missed the day before); later passes that day skip
# what it went through. Measure after it: wait until the server's CPU time stops growing.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$server_pid/stat"; }
idle=0
for _ in $(seq 1 600); do
  a="$(cpu_ticks)"; sleep 1; b="$(cpu_ticks)"
  if [ $((b - a)) -le 5 ]; then idle=$((idle + 1)); else idle=0; fi
  [ "$idle" -ge 3 ] && break
done
say "server idle (scheduler's first pass done)"

# login USER: signs in; prints the session cookie ("tdkt_session=…").
login() {
  local jar="$work/jar-$1"
  curl -s -c "$jar" -o /dev/null -d "username=$1&password=demo" "$base/dang-nhap"
  local v
  v="$(awk '$6 == "tdkt_session" { print $7 }' "$jar")"
  [ -n "$v" ] || { say "login as $1 failed"; return 1; }
  echo "tdkt_session=$v"
}
# me COOKIE FIELD: a field of /api/v1/me (person_id, or unit_id of the first role that has one).
me() {
  curl -s -H "Cookie: $1" "$base/api/v1/me" | python3 -c '
import json, sys
me = json.load(sys.stdin)
if sys.argv[1] == "person_id":
    print(me.get("person_id") or "")
else:
    print(next((r["unit_id"] for r in me["roles"] if r.get("unit_id")), ""))' "$2"
}
# pick COOKIE CANDIDATES…: the first path that answers 200 (after redirects: the final path).
pick() {
  local cookie="$1" p r
  shift
  for p in "$@"; do
    r="$(curl -s -L -o /dev/null -w '%{http_code} %{url_effective}' -H "Cookie: $cookie" "$base$p")"
    if [ "${r%% *}" = 200 ]; then
      echo "${r#* }" | sed "s|^$base||"
      return 0
    fi
  done
  say "none of $* answers 200"
  return 1
}
to_ms() { # wrk's "1.23ms", "850.00us", "1.02s" → milliseconds
  awk -v v="$1" 'BEGIN {
    if (v ~ /us$/) { sub(/us$/, "", v); printf "%.2f", v / 1000 }
    else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.2f", v }
    else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.2f", v * 1000 }
    else { printf "%s", v } }'
}
# measure NAME COOKIE PATH: warm-up, then wrk; sets p50 p99 rps errors.
measure() {
  local name="$1" cookie="$2" path="$3" out="$work/wrk-$1.txt" hdr=()
  [ -n "$cookie" ] && hdr=(-H "Cookie: $cookie")
  wrk -t"$threads" -c"$conns" -d"$warmup" "${hdr[@]}" "$base$path" >/dev/null
  wrk -t"$threads" -c"$conns" -d"$duration" --latency "${hdr[@]}" "$base$path" >"$out"
  p50="$(to_ms "$(awk '/Latency Distribution/ { f = 1 } f && $1 == "50%" { print $2; exit }' "$out")")"
  p99="$(to_ms "$(awk '/Latency Distribution/ { f = 1 } f && $1 == "99%" { print $2; exit }' "$out")")"
  rps="$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$out")"
  errors="$(awk '/Non-2xx or 3xx responses:/ { print $5 }' "$out")"
  errors="${errors:-0}"
  say "$name $path: p50 ${p50} ms, p99 ${p99} ms, ${rps} req/s, non-2xx ${errors}"
}

office="$(login vanphong)"
head="$(login truongphong)"
staff="$(login canbo)"
admin="$(login admin)"
unit_id="$(me "$head" unit_id)"
person_id="$(me "$staff" person_id)"
plan_id="$(curl -s -H "Cookie: $office" "$base/ke-hoach" | grep -o '/ke-hoach/[0-9]*' | head -n 1 | cut -d/ -f3)"
subst() { local p="$1"; p="${p//\{unit\}/$unit_id}"; p="${p//\{plan\}/$plan_id}"; echo "${p//\{person\}/$person_id}"; }
read -r -a office_c <<<"$(for p in $OFFICE_PATHS; do printf '%s ' "$(subst "$p")"; done)"
read -r -a unit_c <<<"$(for p in $UNIT_PATHS; do printf '%s ' "$(subst "$p")"; done)"
read -r -a person_c <<<"$(for p in $PERSON_PATHS; do printf '%s ' "$(subst "$p")"; done)"
read -r -a admin_c <<<"$ADMIN_PATHS"
office_path="$(pick "$office" "${office_c[@]}")"
unit_path="$(pick "$head" "${unit_c[@]}")"
person_path="$(pick "$staff" "${person_c[@]}")"
admin_path="$(pick "$admin" "${admin_c[@]}")"
css="$(curl -s "$base/dang-nhap" | grep -o '/static/app.css?v=[^"]*' | head -n 1)"
css_bytes="$(curl -s "$base$css" | wc -c)"

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
rows=()
measure static "" "$css"
s_p50=$p50 s_p99=$p99 s_rps=$rps
rows+=("| static asset \`$css\` ($css_bytes bytes), anonymous | — | $p50 | $p99 | $rps | 1 | 1 | 1 | $errors |")
row() { # LABEL WHO COOKIE PATH
  measure "$2" "$3" "$4"
  local r_rps r_p50 r_p99
  r_rps="$(awk "BEGIN { printf \"%.3f\", $rps / $s_rps }")"
  r_p50="$(awk "BEGIN { printf \"%.1f\", $p50 / $s_p50 }")"
  r_p99="$(awk "BEGIN { printf \"%.1f\", $p99 / $s_p99 }")"
  rows+=("| $1 \`$4\` | $2 | $p50 | $p99 | $rps | $r_rps | $r_p50× | $r_p99× | $errors |")
}
row "the Office's dashboard" vanphong "$office" "$office_path"
row "a unit's registration list" truongphong "$head" "$unit_path"
row "a person's page" canbo "$staff" "$person_path"
row "the province overview" admin "$admin" "$admin_path"
[ "$admin_path" = /don-vi ] || row "the province's units" admin "$admin" /don-vi

cpu="$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //') × $(nproc)"
echo
echo "Measured $(date -u +%Y-%m-%d) on $cpu ($(free -g | awk '/^Mem:/ { print $2 }') GiB; load average before the run: $load_before), release build of $(git rev-parse --short HEAD 2>/dev/null || echo '?'), \`bench/load.sh\` (wrk $threads threads, $conns connections, $duration per route after $warmup of warm-up):"
echo
echo "- generation (\`tdkt demo --scale province --no-serve\`, SQLite): **${gen_s} s**, database ${db_mb} MB"
echo
echo "| Route | As | p50 ms | p99 ms | req/s | req/s ÷ static | p50 ÷ static | p99 ÷ static | non-2xx |"
echo "|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
