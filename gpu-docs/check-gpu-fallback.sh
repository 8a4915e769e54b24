#!/usr/bin/env bash
# Checks the GPU build's automatic CPU fallback end to end, on a machine WITHOUT a usable GPU:
#   1. builds the jar with -Pgpu (TensorFlow's CUDA natives) in a scratch copy of the work tree,
#      so the CPU jar pipeline/target/loss-landscape.jar is left exactly as it was, and copies the
#      result to pipeline/target/loss-landscape-gpu.jar;
#   2. runs a small study with --device cuda on the committed Fashion-MNIST test subset and checks
#      that it succeeds on the CPU, logs the fallback line and records it in summary.json;
#   3. runs once more with --require-gpu and checks for exit code 3.
#
# Usage: gpu-docs/check-gpu-fallback.sh [OUT_DIR]
# Env:   MVN_ARGS   extra Maven arguments (e.g. "-o" once the GPU natives are in ~/.m2)
#        SKIP_BUILD=1  reuse an existing pipeline/target/loss-landscape-gpu.jar
# Exit:  0 fallback verified; 1 a check failed; 2 a GPU is usable here (the fallback cannot be
#        exercised; run the study with --device cuda to use it instead).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-$(mktemp -d -t gpu-fallback-XXXXXX)}"
GPU_JAR="$ROOT/pipeline/target/loss-landscape-gpu.jar"
CPU_JAR="$ROOT/pipeline/target/loss-landscape.jar"
DATA="$ROOT/pipeline/src/test/resources/fashion-mnist-subset"
# The line DeviceChoice.logLine() produces for a --device cuda fallback.
FALLBACK_LINE='Device: requested cuda, falling back to cpu (/device:CPU:0): '
# TensorFlow's native start-up chatter is not what is being checked.
export TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-2}"

fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "== $*"; }

mkdir -p "$OUT"

cpu_jar_sum() { if [[ -f "$CPU_JAR" ]]; then sha256sum "$CPU_JAR" | cut -d' ' -f1; else echo none; fi; }
cpu_before="$(cpu_jar_sum)"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  step "building with -Pgpu in a scratch copy (the CPU jar is not touched)"
  build_dir="$(mktemp -d -t gpu-build-XXXXXX)"
  trap 'rm -rf "$build_dir"' EXIT
  # Copy the work tree as it is (uncommitted edits included), without build output or results.
  tar -C "$ROOT" --exclude=./.git --exclude='*/target' --exclude=./target --exclude=./results \
    -cf - . | tar -C "$build_dir" -xf -
  start=$SECONDS
  # shellcheck disable=SC2086 # MVN_ARGS is a list of arguments on purpose
  (cd "$build_dir" && mvn -B -q -Pgpu -DskipTests ${MVN_ARGS:-} package)
  mkdir -p "$(dirname "$GPU_JAR")"
  cp "$build_dir/pipeline/target/loss-landscape.jar" "$GPU_JAR"
  echo "built $GPU_JAR ($(du -h "$GPU_JAR" | cut -f1)) in $((SECONDS - start)) s"
fi
[[ -f "$GPU_JAR" ]] || fail "no $GPU_JAR; run without SKIP_BUILD=1"
# unzip exits non-zero when the member is absent (a pipe into grep -q would trip pipefail).
unzip -l "$GPU_JAR" 'org/tensorflow/internal/c_api/linux-x86_64-gpu/libjnitensorflow.so' > /dev/null \
  || fail "$GPU_JAR holds no GPU natives (was it built with -Pgpu?)"

study() {
  java -jar "$GPU_JAR" --device cuda "$@" --data-dir "$DATA" --configs high_lr_small_batch \
    --epochs 1 --grid-size 5 --landscape-samples 500
}

step "small study with --device cuda (expect the CPU fallback)"
[[ -d "$DATA" ]] || fail "test subset not found at $DATA"
start=$SECONDS
rc=0
study --out "$OUT/study" > "$OUT/study.log" 2>&1 || rc=$?
if [[ $rc -ne 0 ]]; then
  tail -n 30 "$OUT/study.log" >&2
  fail "study exited $rc (a fallback must not fail the run); log: $OUT/study.log"
fi
echo "study finished in $((SECONDS - start)) s; log: $OUT/study.log"

if grep -qF 'Device: requested cuda, using cuda (/device:GPU:0)' "$OUT/study.log"; then
  echo "A GPU is usable on this machine, so the fallback cannot be exercised here." >&2
  exit 2
fi
fallback="$(grep -F "$FALLBACK_LINE" "$OUT/study.log" | head -n 1 || true)"
[[ -n "$fallback" ]] || fail "no line containing '$FALLBACK_LINE' in $OUT/study.log"
echo "log: ${fallback#*Device: }" | cut -c1-240
reason="${fallback#*"$FALLBACK_LINE"}"
case "$reason" in
  "no GPU natives in this jar"*) fail "the -Pgpu jar reported no GPU natives: $reason" ;;
  "CUDA libraries not found"* | "no GPU device visible to TensorFlow"*) ;;
  *) fail "unexpected fallback reason: $reason" ;;
esac

summary="$(find "$OUT/study" -name summary.json -print -quit)"
[[ -n "$summary" ]] || fail "no summary.json under $OUT/study"
grep -Eq '"device"[[:space:]]*:[[:space:]]*"cpu"' "$summary" \
  || fail "$summary does not record \"device\" : \"cpu\""
grep -Eq '"device_reason"[[:space:]]*:[[:space:]]*"(CUDA libraries not found|no GPU device visible to TensorFlow)' "$summary" \
  || fail "$summary has no device_reason naming the fallback cause"
grep -Eq '"device_fell_back"[[:space:]]*:[[:space:]]*true' "$summary" \
  || fail "$summary does not record device_fell_back: true"
echo "summary: $summary records device cpu, its device_reason and device_fell_back"

step "same study with --require-gpu (expect exit code 3)"
rc=0
study --require-gpu --out "$OUT/study-require-gpu" > "$OUT/require-gpu.log" 2>&1 || rc=$?
[[ $rc -eq 3 ]] || fail "--require-gpu exited $rc, expected 3; log: $OUT/require-gpu.log"
grep -qF -- '--require-gpu: a GPU is required but none is usable for device request cuda: ' "$OUT/require-gpu.log" \
  || fail "--require-gpu log does not say why; log: $OUT/require-gpu.log"

[[ "$(cpu_jar_sum)" == "$cpu_before" ]] || fail "$CPU_JAR changed during the check"
echo "OK: GPU build falls back to the CPU, records why, and --require-gpu exits 3"
