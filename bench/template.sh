#!/usr/bin/env bash
# Whole-process timing of `hcp template` against the reference Helm, in one run:
#   1. every conformance case (../shared/conformance/bench.sh --baseline helm), per-case
#      ratios of medians and the corpus back to back;
#   2. the scale series N = 10, 100, 1000, 3000 from ../shared/tools/make-scale-chart.py,
#      with mean CPU time and peak RSS (GNU time) of both.
#
#   bench/template.sh [--runs N] [HCP_BINARY]
# Needs hyperfine, python3, GNU time (/usr/bin/time). Builds nothing: run `bun run build` first.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=5
if [ "${1:-}" = "--runs" ]; then runs="$2"; shift 2; fi
hcp="$(realpath "${1:-dist/hcp}")"
helm="${HCP_REF_HELM:-$(bash ../shared/tools/get-helm.sh)}"
shared="$(realpath ../shared)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# The shared copy of kube-prometheus-stack lacks four vendored subcharts (test/fixtures/
# conformance/README.md): time a copy of the corpus completed with them, as the tests do.
corpus="$shared/conformance"
kps=charts/kube-prometheus-stack/charts
if [ ! -f "$corpus/$kps/grafana/Chart.yaml" ] && [ -d test/fixtures/conformance ]; then
  cp -r "$corpus" "$tmp/conformance" && chmod -R u+w "$tmp/conformance"
  cp -r test/fixtures/conformance/kube-prometheus-stack/charts/. "$tmp/conformance/$kps/"
  corpus="$tmp/conformance"
fi

# Other work on the machine skews wall times: say how loaded it was, before and after.
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "## conformance corpus (ratio = hcp / helm, lower is better)"
"$corpus/bench.sh" --runs "$runs" --warmup 1 --corpus-runs 1 --baseline "$helm" "$hcp" \
  | tee "$tmp/corpus.txt"
awk 'NF >= 8 && $NF ~ /^[0-9.]+$/ && $1 != "case" { s += log($NF); n++ }
     END { if (n) printf "geometric mean ratio over %d cases: %.2f\n", n, exp(s / n) }' "$tmp/corpus.txt"

echo
echo "## scale series (make-scale-chart.py N)"
printf '%-6s %12s %12s %8s %12s %12s %14s %14s\n' N hcp_ms helm_ms ratio hcp_cpu_ms helm_cpu_ms hcp_rss_kb helm_rss_kb
for n in 10 100 1000 3000; do
  python3 "$shared/tools/make-scale-chart.py" "$n" "$tmp/scale-$n" >/dev/null
  hyperfine -N -w 1 -r "$runs" --export-json "$tmp/s$n.json" \
    "$hcp template r $tmp/scale-$n" "$helm template r $tmp/scale-$n" >/dev/null 2>&1
  # Median wall time, and mean CPU time (user + system): with other work on the machine the
  # CPU time is the steadier comparison.
  read -r a b ca cb < <(bun -e "const j=require('$tmp/s$n.json'); const r=j.results; console.log([...r.map(x=>(x.median*1000).toFixed(1)), ...r.map(x=>((x.user+x.system)*1000).toFixed(1))].join(' '))")
  ra=$( { /usr/bin/time -f %M "$hcp" template r "$tmp/scale-$n" >/dev/null; } 2>&1 | tail -1)
  rb=$( { /usr/bin/time -f %M "$helm" template r "$tmp/scale-$n" >/dev/null; } 2>&1 | tail -1)
  printf '%-6s %12s %12s %8.2f %12s %12s %14s %14s\n' "$n" "$a" "$b" "$(echo "$a / $b" | bc -l)" "$ca" "$cb" "$ra" "$rb"
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
