#!/usr/bin/env bash
# Chart-defined render/v1 plugins at `template` time (issue 6), whole process per run:
#   (1) `hcp template` of charts/varsubst-chart rendered by its SIGNED varsubst-render plugin
#       (content cache and verification cache warm, --keyring keys/hcp-test.pub.gpg) vs
#       `helm template` of the same chart rewritten as plain Go templates (same manifests).
#       Also `hcp template` of that plain chart, for scale. Goal: ratio (1) <= 1.0x.
#   (3) plugin start, cold vs warm: cold removes hcp's verification cache
#       ($HELM_CACHE_HOME/hcp-provenance) before every run, so the .prov is parsed and the
#       signature checked with openpgp.js again; warm reuses the stored verdict. (Helm's
#       wazero-build compile cache has no Bun equivalent: JSC cannot serialise a compiled
#       WebAssembly.Module, so hcp compiles per sandbox process; see the report.)
# Needs dist/hcp (bun run build), signed plugins (bun run build:plugins), hyperfine and the
# reference Helm (HCP_REF_HELM or ../shared/tools/get-helm.sh).
# Usage: bench/render-plugins.sh [RUNS]   (raw hyperfine JSON in $OUT)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-30}"
hcp="$repo/dist/hcp"
helm="${HCP_REF_HELM:-${XDG_CACHE_HOME:-$HOME/.cache}/hcp-ref/helm}"
tgz="$repo/plugins/varsubst-render/build/varsubst-render-0.1.0.tgz"
keyring="$repo/keys/hcp-test.pub.gpg"
work="$(mktemp -d)"
OUT="${OUT:-$work}"
trap 'rm -rf "$work"' EXIT
for tool in hyperfine "$hcp" "$helm"; do
  command -v "$tool" >/dev/null || [ -x "$tool" ] || { echo "missing: $tool" >&2; exit 2; }
done
[ -f "$tgz.prov" ] || { echo "missing: $tgz.prov (bun run build:plugins)" >&2; exit 2; }

export HOME="$work/home" HELM_DATA_HOME="$work/data" HELM_CACHE_HOME="$work/cache"
export HELM_CONFIG_HOME="$work/config" NO_COLOR=1 TZ=UTC
mkdir -p "$HOME" "$HELM_DATA_HOME/plugins" "$HELM_CACHE_HOME"

# The plugin chart, its file:// repository made absolute, plugin fetched into the cache.
cp -R "$repo/charts/varsubst-chart" "$work/varsubst"
rm -f "$work/varsubst/Chart.lock"
sed -i "s#repository: file://.*#repository: file://$tgz#" "$work/varsubst/Chart.yaml"
"$hcp" dependency update "$work/varsubst" >/dev/null

# The same chart as plain Go templates (no plugins).
mkdir -p "$work/plain/templates"
grep -v -e '^plugins:' -e '^  - name:' -e '^    type:' -e '^    repository:' -e '^    version:' \
  "$work/varsubst/Chart.yaml" >"$work/plain/Chart.yaml"
cp "$work/varsubst/values.yaml" "$work/plain/values.yaml"
for f in deployment service; do
  sed -e 's/\${release\.name}/{{ .Release.Name }}/g' \
    -e 's/\${release\.namespace}/{{ .Release.Namespace }}/g' \
    -e 's/\${chart\.name}/{{ .Chart.Name }}/g' \
    -e 's/\${chart\.version}/{{ .Chart.Version }}/g' \
    -e 's/\${values\.replicas}/{{ .Values.replicas }}/g' \
    -e 's/\${values\.image\.repository}/{{ .Values.image.repository }}/g' \
    -e 's/\${values\.image\.tag}/{{ .Values.image.tag }}/g' \
    "$repo/charts/varsubst-chart/templates/$f.pkl" >"$work/plain/templates/$f.yaml"
done

plugin_cmd="$hcp template demo $work/varsubst --keyring $keyring"
helm_cmd="$helm template demo $work/plain"
plain_cmd="$hcp template demo $work/plain"

# Same manifests (apart from the Source paths) before anything is timed.
strip() { grep -v '^# Source:'; }
diff <($plugin_cmd 2>/dev/null | strip) <($helm_cmd | strip) >/dev/null \
  || { echo "hcp (plugin) and helm (plain) outputs differ" >&2; exit 1; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
# "mean_1 mean_2 ... median_1 median_2 ..." in ms
stats_ms() { bun -e "const r = (await Bun.file('$1').json()).results; console.log([...r.map((x) => x.mean), ...r.map((x) => x.median)].map((v) => (v * 1000).toFixed(2)).join(' '))"; }

echo "== (1) template with a signed render plugin (hcp) vs plain Go templates (helm), $runs runs"
hyperfine -N --warmup 3 --runs "$runs" --export-json "$OUT/render-plugin.json" \
  "$plugin_cmd" "$helm_cmd" "$plain_cmd" >/dev/null
read -r p_mean h_mean g_mean p_med h_med g_med < <(stats_ms "$OUT/render-plugin.json")
echo "mean: hcp+plugin ${p_mean} ms, helm plain ${h_mean} ms, ratio $(ratio "$p_mean" "$h_mean")x;" \
  "hcp plain ${g_mean} ms ($(ratio "$g_mean" "$h_mean")x)"
echo "median: hcp+plugin ${p_med} ms, helm plain ${h_med} ms, ratio $(ratio "$p_med" "$h_med")x;" \
  "hcp plain ${g_med} ms ($(ratio "$g_med" "$h_med")x)"

echo "== (3) plugin start: cold (verification cache removed) vs warm, $runs runs"
hyperfine -N --warmup 3 --runs "$runs" --export-json "$OUT/plugin-start.json" \
  --command-name cold --prepare "rm -rf $HELM_CACHE_HOME/hcp-provenance" "$plugin_cmd" \
  --command-name warm --prepare "true" "$plugin_cmd" >/dev/null
read -r c_mean w_mean c_med w_med < <(stats_ms "$OUT/plugin-start.json")
echo "mean: cold ${c_mean} ms, warm ${w_mean} ms, cold/warm $(ratio "$c_mean" "$w_mean")x;" \
  "median: cold ${c_med} ms, warm ${w_med} ms, $(ratio "$c_med" "$w_med")x"
