#!/usr/bin/env bash
# One GPU sitting of the pipeline (the device machine: torch with CUDA, no network, results back under $OUT).
#   OUT=/tmp/out bash models/pipeline/gpu-sitting.sh [sitting-seconds] [mixer-seconds]
#
# 1. A smoke run of every step on a few images (one process, seconds): a device problem stops the sitting before
#    the budget is spent.
# 2. The mixing net. With MIXER_BATCHES=N it trains the recipe of N loader batches across sittings: it resumes from
#    the committed results/mixer-training/mixer.ckpt, stops at a checkpoint when mixer-seconds are spent, and the
#    sitting ends there until the last batch is done. Without it, as many batches as fit in mixer-seconds.
# 3. Once the net is trained: calibrate on 500 held-out images, then evaluate and frontier on 1000 test images,
#    each within what is left of the sitting (a started candidate finishes; finished chunks are kept).
#
# What comes back under $OUT: sitting.log, results.tar (results/ as it stands, resumed from the committed one),
# mixer-training/mixer.ckpt and work/mixer.pt when trained. Here: `tar -xf $OUT/results.tar -C models/pipeline`,
# copy mixer.ckpt to models/pipeline/results/mixer-training/ and mixer.pt to models/pipeline/work/, then
# `run_pipeline.py package` and commit.
# The dataset comes from MIXGUARD_FMNIST_DIR, else models/pipeline/work/fmnist when carried, else Debian's path.
# DEVICE=cpu PYTHON=/usr/bin/python3 MIXER_BATCH=4 STEPS_DF=3 THREADS=1 CHUNK=100 with small budgets rehearses it on
# a CPU.
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
mkdir -p "$out/work" "$out/mixer-training"
cp -r results "$out/results"
[ -f results/mixer-training/mixer.ckpt ] && cp results/mixer-training/mixer.ckpt "$out/work/"
pack() {
  [ -f "$out/work/mixer.ckpt" ] && cp "$out/work/mixer.ckpt" "$out/mixer-training/"
  rm -f "$out/results/mixer-training/mixer.ckpt"
  tar -C "$out" -cf "$out/results.tar" results && rm -rf "$out/results"
}
trap pack EXIT
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
p.train(["mixer"], mixer.Recipe(batches=2, batch=8, steps_df=3, targets=2), stop_after=0.0)
p.train(["mixer"], mixer.Recipe(batches=2, batch=8, steps_df=3, targets=2))
p.calibrate(8, [frontier.by_name(n) for n in ("g", "fixed-0.5", "fixed-0.8", "adaptive-2.0-0.0-1.0")])
p.evaluate(8, None)
print(f"smoke run passed in {time.time() - began:.0f}s")
SMOKE
rm -rf "$out/smoke"

run=("$python" run_pipeline.py --device "$device" --threads "${THREADS:-8}" --chunk "${CHUNK:-500}" --work "$out/work"
     --results "$out/results")
if [ -n "${MIXER_BATCHES:-}" ]; then size=(--mixer-batches "$MIXER_BATCHES" --stop-after "$mixer_s"); else
  size=(--mixer-seconds "$mixer_s"); fi
timeout $(( mixer_s + 90 )) "${run[@]}" train mixer --mixer-batch "${MIXER_BATCH:-256}" --steps-df "${STEPS_DF:-75}" \
  "${size[@]}" || { echo "mixer training failed or ran past its budget"; exit 4; }
[ -f "$out/work/mixer.pt" ] || { echo "mixer training goes on next sitting (mixer-training/mixer.ckpt)"; exit 0; }
calibrate_s=$(( $(left) * 2 / 5 ))
timeout "$(left)" "${run[@]}" calibrate --images 500 --seconds "$calibrate_s" || { echo "calibration stopped"; exit 5; }
for step in evaluate frontier; do
  [ "$(left)" -gt 60 ] || break
  timeout $(( $(left) - 10 )) "${run[@]}" "$step" --images 1000 --seconds $(( $(left) - 80 )) \
    || echo "$step stopped at the sitting's budget; its finished chunks are kept"
done
echo "sitting done in $(( SECONDS - began ))s"
