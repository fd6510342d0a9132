#!/usr/bin/env bash
# Regenerates the goldens of the plain reference charts (no render plugins) with the real
# Helm 4 binary: `helm template my-release charts/<name>`. Test data only.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
helm="${HCP_REF_HELM:-$(bash "$repo/../shared/tools/get-helm.sh")}"
"$helm" version --short > "$here/HELM_VERSION"
for chart in hello-chart gotemplate-chart; do
  (cd "$repo" && "$helm" template my-release "charts/$chart") > "$here/$chart.yaml"
done
