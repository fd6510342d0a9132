#!/usr/bin/env bash
# Provenance speed: cold `hcp plugin verify` vs `helm plugin verify` on the same files
# (hyperfine), and the warm (cached) trust check's in-process time (bun, one process per run).
# Goals (issue 3): cold <= 1.0x Helm; warm < 2 ms. Needs dist/hcp (bun run build; HCP_BIN overrides it), hyperfine
# (apt-get install hyperfine), and the reference Helm (HCP_REF_HELM or shared/tools/get-helm.sh).
# Usage: bench/provenance.sh [RUNS]   (prints a summary; raw hyperfine JSON in $OUT)
source "$(dirname "$0")/lib.sh" "$@"
vectors="$repo/test/fixtures/provenance/helm-4.1.4"

echo "== cold verify: hcp vs helm ($runs runs each, warmup 3)"
for case in good-rsa good-ed25519; do
  dir="$vectors/cases/$case"
  tgz="$(cd "$dir" && ls *.tgz)"
  key="signer-a.pub.gpg"; [ "$case" = good-ed25519 ] && key="signer-ed.pub.gpg"
  (cd "$dir" && hyperfine -N --warmup 3 --runs "$runs" --export-json "$OUT/$case.json" \
    "$hcp plugin verify $tgz --keyring ../../keys/$key" \
    "$helm plugin verify $tgz --keyring ../../keys/$key" >/dev/null)
  # The machine is shared: medians and minimums resist load spikes better than means.
  for stat in median min mean; do
    read -r hcp_ms helm_ms < <(stats_ms "$OUT/$case.json" "$stat")
    echo "$case ($stat): hcp ${hcp_ms} ms, helm ${helm_ms} ms, ratio $(ratio "$hcp_ms" "$helm_ms")x"
  done
done

echo "== warm trust check (verification cache hit), in-process"
plugins="$work/plugins"; mkdir -p "$plugins/bench"
printf 'apiVersion: v1\nname: bench\nversion: 1.0.0\ntype: cli/v1\nruntime: extism/v1\n' >"$plugins/bench/plugin.yaml"
head -c 200000 /dev/urandom >"$plugins/bench/plugin.wasm"
tar -C "$plugins" -czf "$plugins/bench-1.0.0.tgz" bench
(cd "$plugins" && "$hcp" plugin sign bench-1.0.0.tgz --key hcp-test-key@example.invalid \
  --keyring "$repo/keys/hcp-test.sec.gpg" >/dev/null)
gate="$repo/test/fixtures/provenance/warm-gate.ts"
cold="$(bun "$gate" "$plugins/bench" "$repo/keys/hcp-test.pub.gpg" "$work/cache")"
echo "cold (fills the cache): $cold"
samples=()
steady=()
for _ in $(seq 1 15); do
  line="$(bun "$gate" "$plugins/bench" "$repo/keys/hcp-test.pub.gpg" "$work/cache" 20)"
  case "$line" in *'"openpgpLoaded":false'*) ;; *) echo "warm run loaded openpgp: $line" >&2; exit 1 ;; esac
  samples+=("$(sed -E 's/.*"ms":([0-9.]+).*/\1/' <<<"$line")")
  steady+=("$(sed -E 's/.*"steadyMs":([0-9.]+).*/\1/' <<<"$line")")
done
summary='{ a[NR] = $1 } END { printf "median %.3f ms, min %.3f ms, max %.3f ms over %d processes\n", a[int((NR + 1) / 2)], a[1], a[NR], NR }'
printf 'warm, first call in a fresh process: '
printf '%s\n' "${samples[@]}" | sort -n | awk "$summary"
printf 'warm, steady state (median of 20 calls per process): '
printf '%s\n' "${steady[@]}" | sort -n | awk "$summary"
echo "(openpgp.js was never loaded by a warm check)"
