#!/usr/bin/env bash
# Plugin system speed, whole process, hcp vs Helm 4 in one hyperfine run per scenario:
#   version · plugin list with 50 installed plugins · dispatch of a trivial cli/v1 subprocess
#   plugin, and of an extism/v1 cli/v1 plugin (`hcp NAME` vs `helm NAME`).
#   Goal (issue 2): every ratio <= 0.5.
# Needs dist/hcp (bun run build; HCP_BIN overrides it), hyperfine (apt-get install hyperfine) and the reference Helm
# (HCP_REF_HELM or ../shared/tools/get-helm.sh).
# Usage: bench/plugin.sh [RUNS]   (prints one line per scenario; raw JSON in $OUT)
source "$(dirname "$0")/lib.sh" "$@"

# One deterministic home for both tools: 50 plugins (v1 and legacy) plus a trivial one.
bench_home
plugins="$HELM_DATA_HOME/plugins"
for i in $(seq -w 1 50); do
  dir="$plugins/bench-$i"; mkdir -p "$dir"
  if (( 10#$i % 2 )); then
    printf 'apiVersion: v1\nname: bench-%s\ntype: cli/v1\nruntime: subprocess\nversion: 1.0.%d\nsourceURL: https://example.com/bench-%s\nruntimeConfig:\n  platformCommand:\n    - command: /bin/true\n' "$i" "$((10#$i))" "$i" >"$dir/plugin.yaml"
  else
    printf 'name: bench-%s\nversion: 0.%d.0\nusage: legacy bench plugin\ncommand: /bin/true\n' "$i" "$((10#$i))" >"$dir/plugin.yaml"
  fi
done
mkdir -p "$plugins/trivial"
printf 'apiVersion: v1\nname: trivial\ntype: cli/v1\nruntime: subprocess\nversion: 1.0.0\nruntimeConfig:\n  platformCommand:\n    - command: /bin/true\n' >"$plugins/trivial/plugin.yaml"

# One signed extism/v1 CLI plugin (Helm's vector), installed by hcp with its .prov kept so
# hcp's trust gate accepts it; Helm runs it without any check.
vectors="$repo/test/fixtures/provenance/helm-4.1.4"
export GNUPGHOME="$work/gnupg"; mkdir -p "$GNUPGHOME"
cp "$vectors/keys/signer-a.pub.gpg" "$GNUPGHOME/pubring.gpg"
"$hcp" plugin install "$vectors/packaged/wasm-cli-1.0.0.tgz" >/dev/null

# Both list the same plugins before we time anything.
diff <("$hcp" plugin list) <("$helm" plugin list) >/dev/null || { echo "plugin list differs" >&2; exit 1; }

# CPU time (task-clock of every thread and child process, hcp's sandbox child included, which
# hyperfine's user/sys miss since hcp does not wait for the killed child), when perf exists.
# Under heavy load the wall ratio tends towards this one.
cpu_ms() { perf stat -x, -r "$runs" -e task-clock "$@" 2>&1 >/dev/null | awk -F, '/task-clock/ { printf "%.2f", $1 }'; }

bench() {
  local name="$1"; shift
  hyperfine -N --warmup 3 --runs "$runs" --export-json "$OUT/$name.json" \
    "$hcp $*" "$helm $*" >/dev/null
  read -r hcp_ms helm_ms < <(stats_ms "$OUT/$name.json" mean)
  local cpu="" hcp_cpu helm_cpu
  if command -v perf >/dev/null && hcp_cpu="$(cpu_ms "$hcp" "$@")" && [ -n "$hcp_cpu" ]; then
    helm_cpu="$(cpu_ms "$helm" "$@")"
    cpu="; cpu hcp ${hcp_cpu} ms, helm ${helm_cpu} ms, ratio $(ratio "$hcp_cpu" "$helm_cpu")x"
  fi
  echo "$name: hcp ${hcp_ms} ms, helm ${helm_ms} ms, ratio $(ratio "$hcp_ms" "$helm_ms")x$cpu"
}

echo "== hcp vs helm ($runs runs each, warmup 3, one process per run)"
bench version version
bench plugin-list-50 plugin list
bench dispatch-subprocess trivial
bench dispatch-extism wasm-cli hello
