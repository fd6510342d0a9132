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
source "$(dirname "$0")/lib.sh" "$@"
plugin="$repo/plugins/echo-cli/build/echo-cli"
[ -f "$plugin/plugin.wasm" ] || { echo "missing: $plugin/plugin.wasm (bun run build:plugins)" >&2; exit 2; }

bench_home
# The copy has no .prov: hcp's trust gate refuses unsigned Wasm unless the user opts in.
export HCP_ALLOW_UNSIGNED=1
cp -R "$plugin" "$HELM_DATA_HOME/plugins/echo-cli"

# Same output from both before anything is timed.
want="hello wasm"
[ "$("$hcp" echo-cli hello wasm 2>/dev/null)" = "$want" ] || { echo "hcp output differs" >&2; exit 1; }
[ "$("$helm" echo-cli hello wasm 2>/dev/null)" = "$want" ] || { echo "helm output differs" >&2; exit 1; }

bench() {
  local name="$1" prepare="$2"
  hyperfine -N --warmup 3 --runs "$runs" --prepare "$prepare" --export-json "$OUT/$name.json" \
    "$hcp echo-cli hello wasm" "$helm echo-cli hello wasm" >/dev/null
  read -r hcp_ms helm_ms hcp_med helm_med < <(stats_ms "$OUT/$name.json" mean median)
  echo "$name: mean hcp ${hcp_ms} ms, helm ${helm_ms} ms, ratio $(ratio "$hcp_ms" "$helm_ms")x;" \
    "median hcp ${hcp_med} ms, helm ${helm_med} ms, ratio $(ratio "$hcp_med" "$helm_med")x"
}

echo "== extism/v1 cli/v1 plugin call, hcp vs helm ($runs runs each, one process per run)"
bench extism-cli-warm "true"
bench extism-cli-cold "rm -rf $HELM_CACHE_HOME/wazero-build"
