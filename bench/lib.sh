# Shared preamble of the hyperfine bench scripts (extism.sh, plugin.sh, provenance.sh,
# render-plugins.sh); source it first: `source "$(dirname "$0")/lib.sh" "$@"`.
# Sets repo (the checkout), runs ($1, default 30), hcp (HCP_BIN, else dist/hcp: bun run build),
# helm (HCP_REF_HELM, else where ../shared/tools/get-helm.sh puts it), work (a temp dir removed
# on exit) and OUT (where hyperfine's JSON goes, default $work); stops with exit 2 when
# hyperfine (apt-get install hyperfine), hcp or helm is missing.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-30}"
hcp="${HCP_BIN:-$repo/dist/hcp}"
helm="${HCP_REF_HELM:-${XDG_CACHE_HOME:-$HOME/.cache}/hcp-ref/helm}"
work="$(mktemp -d)"
OUT="${OUT:-$work}"
trap 'rm -rf "$work"' EXIT
for tool in hyperfine "$hcp" "$helm"; do
  command -v "$tool" >/dev/null || [ -x "$tool" ] || { echo "missing: $tool" >&2; exit 2; }
done

# One deterministic home for both tools inside $work: HOME and Helm's data, cache and config.
bench_home() {
  export HOME="$work/home" HELM_DATA_HOME="$work/data" HELM_CACHE_HOME="$work/cache"
  export HELM_CONFIG_HOME="$work/config" NO_COLOR=1 TZ=UTC
  mkdir -p "$HOME" "$HELM_DATA_HOME/plugins" "$HELM_CACHE_HOME"
}

# ratio A B: A / B with two decimals.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

# stats_ms FILE STAT...: for each statistic (mean, median, min, …) in turn, that statistic of
# every command of a hyperfine JSON export, in ms, on one line.
stats_ms() {
  local file="$1"; shift
  bun -e "const r = (await Bun.file('$file').json()).results;
    console.log(process.argv.slice(1).flatMap((s) => r.map((x) => (x[s] * 1000).toFixed(2))).join(' '))" "$@"
}
