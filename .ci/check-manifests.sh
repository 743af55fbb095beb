#!/usr/bin/env bash
# Lints every YAML file under deploy/ with yamllint (Debian's package; settings in .ci/yamllint.yaml, --strict so
# warnings fail too) and renders every kustomization under deploy/ with kubectl's built-in kustomize, which
# refuses unknown kustomization fields, missing files and patch targets that match nothing. Run by .ci/run.
# The objects themselves are checked by the deploy/ tests of ./mvnw verify (Kubernetes schema, Pod Security,
# probes, drain, claims), which KustomizeParityTest ties to this same kubectl rendering.
# kubectl is not a package this project can install (Debian 12 has only kubectl 1.20, with a kustomize too old
# for resources given as folders); machines of this project's kind carry kubectl 1.32 (kustomize v5.5).
set -euo pipefail
cd "$(dirname "$0")/.."

yamllint --strict -c .ci/yamllint.yaml deploy/
echo "check-manifests: yamllint passed on $(find deploy -name '*.yaml' -o -name '*.yml' | wc -l) files"

if ! command -v kubectl >/dev/null; then
  echo "check-manifests: FAILED: expected kubectl on the PATH to render deploy/'s kustomizations, found none" >&2
  exit 1
fi
for kustomization in $(find deploy -name kustomization.yaml | sort); do
  dir=$(dirname "$kustomization")
  objects=$(kubectl kustomize "$dir" | grep -c '^kind:')
  echo "check-manifests: kubectl kustomize $dir: $objects objects"
done
