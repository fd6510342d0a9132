#!/usr/bin/env bash
# Chart-defined render/v1 plugins at `template` time (issue 6), whole process per run:
#   (1) `hcp template` of charts/varsubst-chart rendered by its SIGNED varsubst-render plugin
#       (content cache and verification cache warm, --keyring keys/hcp-test.pub.gpg) vs
#       `helm template` of the same chart rewritten as plain Go templates (same manifests).
#       Also `hcp template` of that plain chart, for scale. Goal: ratio (1) <= 1.0x.
#       The sandbox child starts before hcp's CLI loads (Chart.yaml declares render/v1 plugins)
#       and runs hcp's own warm-up module while it waits; see src/action/render-sandbox.ts.
#   (3) plugin start, cold vs warm: cold removes hcp's verification cache
#       ($HELM_CACHE_HOME/hcp-provenance) before every run, so the .prov is parsed and the
#       signature checked with openpgp.js again; warm reuses the stored verdict. (Helm's
#       wazero-build compile cache has no Bun equivalent: JSC cannot serialise a compiled
#       WebAssembly.Module, so hcp compiles per sandbox process; see the report.)
# Needs dist/hcp (bun run build; HCP_BIN overrides it), signed plugins (bun run build:plugins), hyperfine and the
# reference Helm (HCP_REF_HELM or ../shared/tools/get-helm.sh).
# Usage: bench/render-plugins.sh [RUNS]   (raw hyperfine JSON in $OUT)
source "$(dirname "$0")/lib.sh" "$@"
tgz="$repo/plugins/varsubst-render/build/varsubst-render-0.1.0.tgz"
keyring="$repo/keys/hcp-test.pub.gpg"
[ -f "$tgz.prov" ] || { echo "missing: $tgz.prov (bun run build:plugins)" >&2; exit 2; }

bench_home

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

echo "== (1) template with a signed render plugin (hcp) vs plain Go templates (helm), $runs runs"
hyperfine -N --warmup 3 --runs "$runs" --export-json "$OUT/render-plugin.json" \
  "$plugin_cmd" "$helm_cmd" "$plain_cmd" >/dev/null
read -r p_mean h_mean g_mean p_med h_med g_med < <(stats_ms "$OUT/render-plugin.json" mean median)
echo "mean: hcp+plugin ${p_mean} ms, helm plain ${h_mean} ms, ratio $(ratio "$p_mean" "$h_mean")x;" \
  "hcp plain ${g_mean} ms ($(ratio "$g_mean" "$h_mean")x)"
echo "median: hcp+plugin ${p_med} ms, helm plain ${h_med} ms, ratio $(ratio "$p_med" "$h_med")x;" \
  "hcp plain ${g_med} ms ($(ratio "$g_med" "$h_med")x)"

# CPU time per run (perf task-clock, counting the sandbox child too, which hyperfine's user/sys
# miss since hcp does not wait for the killed child), when perf exists.
if command -v perf >/dev/null; then
  cpu_ms() { perf stat -x, -r "$runs" -e task-clock "$@" 2>&1 >/dev/null | awk -F, '/task-clock/ { printf "%.2f", $1 }'; }
  p_cpu="$(cpu_ms $plugin_cmd)" h_cpu="$(cpu_ms $helm_cmd)"
  echo "cpu: hcp+plugin ${p_cpu} ms, helm plain ${h_cpu} ms, ratio $(ratio "$p_cpu" "$h_cpu")x"
fi

echo "== (3) plugin start: cold (verification cache removed) vs warm, $runs runs"
hyperfine -N --warmup 3 --runs "$runs" --export-json "$OUT/plugin-start.json" \
  --command-name cold --prepare "rm -rf $HELM_CACHE_HOME/hcp-provenance" "$plugin_cmd" \
  --command-name warm --prepare "true" "$plugin_cmd" >/dev/null
read -r c_mean w_mean c_med w_med < <(stats_ms "$OUT/plugin-start.json" mean median)
echo "mean: cold ${c_mean} ms, warm ${w_mean} ms, cold/warm $(ratio "$c_mean" "$w_mean")x;" \
  "median: cold ${c_med} ms, warm ${w_med} ms, $(ratio "$c_med" "$w_med")x"
