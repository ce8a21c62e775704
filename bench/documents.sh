#!/usr/bin/env bash
# Issue 4 benchmark: a decision (quyết định) with an annexed list of 1,000 names.
#   DOCX target ≤ 200 ms, PDF ≤ 1 s (release build), and the ratio to LibreOffice converting
#   the same DOCX to PDF.
# Usage: bench/documents.sh [NAMES]        (from the repository root)
# Prints a Markdown table to paste under "## Documents (issue 4)" in BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
names="${1:-1000}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

cargo build --quiet --release -p tdkt-docs --example bench_documents
"$CARGO_TARGET_DIR/release/examples/bench_documents" "$out" "$names" | tee "$out/figures.txt"
fig() { awk -v k="$1" '$1 == k { print $2 }' "$out/figures.txt"; }

if ! command -v soffice >/dev/null; then
  echo "soffice missing: apt-get install -y libreoffice-writer" >&2
  exit 1
fi
# A private profile, warmed once, so the timed runs measure the conversion, not the first start.
profile="-env:UserInstallation=file://$out/lo-profile"
soffice "$profile" --headless --convert-to pdf --outdir "$out/lo" "$out/quyet-dinh-$names.docx" >/dev/null 2>&1
lo_runs=()
for _ in 1 2 3; do
  start=$(date +%s%N)
  soffice "$profile" --headless --convert-to pdf --outdir "$out/lo" "$out/quyet-dinh-$names.docx" >/dev/null 2>&1
  end=$(date +%s%N)
  lo_runs+=($(( (end - start) / 1000000 )))
done
lo_ms=$(printf '%s\n' "${lo_runs[@]}" | sort -n | sed -n 2p)
lo_pages=$(pdfinfo "$out/lo/quyet-dinh-$names.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }' || echo "?")
our_pages=$(pdfinfo "$out/quyet-dinh-$names.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }' || echo "?")
pdf_ms=$(fig pdf_median_ms)
docx_ms=$(fig docx_median_ms)
ratio=$(awk -v a="$lo_ms" -v b="$pdf_ms" 'BEGIN { printf "%.1f", a / b }')

cat <<TABLE

| Measure ($names names, release, $(nproc) cores) | Result | Target |
|---|---|---|
| DOCX, median of 21 | ${docx_ms} ms ($(fig docx_bytes) bytes) | ≤ 200 ms |
| PDF, median of 5 (engine warm) | ${pdf_ms} ms ($(fig pdf_bytes) bytes, $our_pages pages) | ≤ 1 s |
| PDF, first in the process (engine start) | $(fig pdf_first_ms) ms | |
| LibreOffice \`soffice --headless --convert-to pdf\` of the same DOCX, median of 3 (warm profile) | ${lo_ms} ms ($lo_pages pages) | |
| Ratio LibreOffice / our PDF | ${ratio}× | |
TABLE
