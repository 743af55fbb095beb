#!/usr/bin/env bash
# One GPU sitting of the pipeline (the device machine: torch with CUDA, no network, results back under $OUT).
# Works in $OUT and resumes from what models/pipeline/results (and a carried work/ checkpoint) hold; each step
# has a time budget inside the sitting's, so whatever finished comes back: copy $OUT/results over
# models/pipeline/results and $OUT/work/*.pt into models/pipeline/work, then package here and commit.
#   OUT=/tmp/out bash models/pipeline/gpu-sitting.sh [sitting-seconds] [mixer-seconds]
# The dataset comes from MIXGUARD_FMNIST_DIR, else models/pipeline/work/fmnist when carried, else Debian's path.
# First a smoke run of every step on a few images (one process, seconds), so a device problem stops the sitting
# before the budget is spent. DEVICE=cpu PYTHON=/usr/bin/python3 MIXER_BATCH=4 STEPS_DF=3 with small budgets
# rehearses it on a CPU.
set -uo pipefail
cd "$(dirname "$0")"
out=${OUT:?set OUT to the folder that comes back}
total=${1:-540}
mixer_s=${2:-200}
device=${DEVICE:-cuda}
python=${PYTHON:-python3}
began=$SECONDS
left() { local s=$(( total - (SECONDS - began) )); echo $(( s > 1 ? s : 1 )); }
if [ -z "${MIXGUARD_FMNIST_DIR:-}" ] && [ -d work/fmnist ]; then export MIXGUARD_FMNIST_DIR=$PWD/work/fmnist; fi
mkdir -p "$out/work"
cp -r results "$out/results"
for kept in work/mixer.ckpt work/mixer.pt; do [ -f "$kept" ] && cp "$kept" "$out/work/"; done
exec > >(tee -a "$out/sitting.log") 2>&1
"$python" -c 'import torch, sys; print("torch", torch.__version__, "cuda", torch.cuda.is_available(), sys.version.split()[0])'

"$python" - "$device" "$out/smoke" <<'SMOKE' || { echo "smoke run failed: sitting stopped"; exit 3; }
import os, sys, time, torch
from mgpipe import frontier, mixer, worstcase
from mgpipe.steps import Pipeline
began = time.time()
worstcase.SQUARE_QUERIES, worstcase.N_ITER = 20, 5
p = Pipeline(os.path.join(sys.argv[2], "work"), os.path.join(sys.argv[2], "results"), sys.argv[2],
             torch.device(sys.argv[1]), chunk=8)
os.makedirs(os.path.join(sys.argv[2], "weights"), exist_ok=True)
for name in ("standard", "robust"):
    os.symlink(os.path.abspath(os.path.join("..", "fashion-mnist", "weights", f"{name}.pt")),
               os.path.join(sys.argv[2], "weights", f"{name}.pt"))
p.train(["mixer"], mixer.Recipe(batches=2, batch=8, steps_df=3, targets=2), mixer_seconds=None)
p.calibrate(8, [frontier.by_name(n) for n in ("g", "fixed-0.5", "fixed-0.8", "adaptive-2.0-0.0-1.0")])
p.evaluate(8, None)
print(f"smoke run passed in {time.time() - began:.0f}s")
SMOKE
rm -rf "$out/smoke"

run=("$python" run_pipeline.py --device "$device" --threads "${THREADS:-8}" --chunk "${CHUNK:-500}" --work "$out/work" --results "$out/results")
timeout $(( mixer_s + 90 )) "${run[@]}" train mixer --mixer-batch "${MIXER_BATCH:-256}" --steps-df "${STEPS_DF:-75}" \
  --mixer-seconds "$mixer_s" \
  || { echo "mixer training stopped before it finished: nothing to evaluate"; exit 4; }
calibrate_s=$(( $(left) * 2 / 5 ))
timeout "$(left)" "${run[@]}" calibrate --images 500 --seconds "$calibrate_s" || { echo "calibration stopped"; exit 5; }
for step in evaluate frontier; do
  [ "$(left)" -gt 60 ] || break
  timeout $(( $(left) - 10 )) "${run[@]}" "$step" --images 1000 --seconds $(( $(left) - 80 )) \
    || echo "$step stopped at the sitting's budget; its finished chunks are kept"
done
echo "sitting done in $(( SECONDS - began ))s"
