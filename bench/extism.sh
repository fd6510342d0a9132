#!/usr/bin/env bash
# One extism/v1 cli/v1 plugin call, whole process, `hcp echo-cli` vs `helm echo-cli`, both
# running the same plugin directory (plugins/echo-cli, AssemblyScript, built by
# `bun run build:plugins`) copied into the same HELM_PLUGINS. Two scenarios:
#   warm: Helm's wazero compilation cache ($HELM_CACHE_HOME/wazero-build) is populated;
#   cold: that cache is removed before every run (hcp keeps compiled modules in memory only,
#         per sandbox process, so its cold and warm runs do the same work).
# Goal (issue 2): ratio hcp/helm <= 0.5.
# Needs dist/hcp (bun run build; HCP_BIN overrides it), the built plugin, hyperfine (apt-get install hyperfine) and
# the reference Helm (HCP_REF_HELM or ../shared/tools/get-helm.sh).
# Usage: bench/extism.sh [RUNS]   (one line per scenario; raw hyperfine JSON in $OUT)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-30}"
hcp="${HCP_BIN:-$repo/dist/hcp}"
helm="${HCP_REF_HELM:-${XDG_CACHE_HOME:-$HOME/.cache}/hcp-ref/helm}"
plugin="$repo/plugins/echo-cli/build/echo-cli"
work="$(mktemp -d)"
OUT="${OUT:-$work}"
trap 'rm -rf "$work"' EXIT
for tool in hyperfine "$hcp" "$helm"; do
  command -v "$tool" >/dev/null || [ -x "$tool" ] || { echo "missing: $tool" >&2; exit 2; }
done
[ -f "$plugin/plugin.wasm" ] || { echo "missing: $plugin/plugin.wasm (bun run build:plugins)" >&2; exit 2; }

export HOME="$work/home" HELM_DATA_HOME="$work/data" HELM_CACHE_HOME="$work/cache"
export HELM_CONFIG_HOME="$work/config" NO_COLOR=1 TZ=UTC
# The copy has no .prov: hcp's trust gate refuses unsigned Wasm unless the user opts in.
export HCP_ALLOW_UNSIGNED=1
mkdir -p "$HOME" "$HELM_DATA_HOME/plugins" "$HELM_CACHE_HOME"
cp -R "$plugin" "$HELM_DATA_HOME/plugins/echo-cli"

# Same output from both before anything is timed.
want="hello wasm"
[ "$("$hcp" echo-cli hello wasm 2>/dev/null)" = "$want" ] || { echo "hcp output differs" >&2; exit 1; }
[ "$("$helm" echo-cli hello wasm 2>/dev/null)" = "$want" ] || { echo "helm output differs" >&2; exit 1; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
# mean and median of both commands: "hcp_mean helm_mean hcp_median helm_median" (ms)
stats_ms() { bun -e "const r = (await Bun.file('$1').json()).results; console.log([...r.map((x) => x.mean), ...r.map((x) => x.median)].map((v) => (v * 1000).toFixed(2)).join(' '))"; }

bench() {
  local name="$1" prepare="$2"
  hyperfine -N --warmup 3 --runs "$runs" --prepare "$prepare" --export-json "$OUT/$name.json" \
    "$hcp echo-cli hello wasm" "$helm echo-cli hello wasm" >/dev/null
  read -r hcp_ms helm_ms hcp_med helm_med < <(stats_ms "$OUT/$name.json")
  echo "$name: mean hcp ${hcp_ms} ms, helm ${helm_ms} ms, ratio $(ratio "$hcp_ms" "$helm_ms")x;" \
    "median hcp ${hcp_med} ms, helm ${helm_med} ms, ratio $(ratio "$hcp_med" "$helm_med")x"
}

echo "== extism/v1 cli/v1 plugin call, hcp vs helm ($runs runs each, one process per run)"
bench extism-cli-warm "true"
bench extism-cli-cold "rm -rf $HELM_CACHE_HOME/wazero-build"
