#!/usr/bin/env bash
# One GPU sitting of the pipeline (the device machine: torch with CUDA, no network, results back under $OUT).
# Resumes from what models/pipeline/results holds, works in $OUT, and stops each step at its time budget
# (timeout), so whatever finished comes back: copy $OUT/results over models/pipeline/results and commit it.
#   OUT=/tmp/out bash models/pipeline/gpu-sitting.sh [train-seconds] [attack-seconds]
# (DEVICE=cpu PYTHON=/usr/bin/python3 with small budgets rehearses it here.)
set -uo pipefail
cd "$(dirname "$0")"
out=${OUT:?set OUT to the folder that comes back}
train_s=${1:-300}
attack_s=${2:-360}
mkdir -p "$out"
cp -r results "$out/results"
run=("${PYTHON:-python3}" run_pipeline.py --device "${DEVICE:-cuda}" --threads 8 --work "$out/work" --results "$out/results")
# the mixing net, scaled to the budget (the card states the recipe it was trained with)
timeout "$train_s" "${run[@]}" train mixer --mixer-batches 200 --mixer-batch 256 --steps-df 30 --targets 9
for step in calibrate evaluate frontier; do
  timeout "$attack_s" "${run[@]}" "$step" || echo "$step stopped at its budget; its finished chunks are kept"
done
