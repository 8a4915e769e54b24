#!/usr/bin/env bash
# Spark resource discovery script for GPUs (spark.executor.resource.gpu.discoveryScript, or
# spark.worker.resource.gpu.discoveryScript on a standalone worker): prints the GPUs this process
# can use as {"name": "gpu", "addresses": ["0", "1", ...]}, numbered as CUDA (and so TensorFlow)
# numbers them inside the process:
#  - with CUDA_VISIBLE_DEVICES=a,b,... set, the n devices listed are CUDA's 0..n-1;
#  - otherwise every GPU nvidia-smi lists (in a container that exposes one GPU, just "0").
# Needs nvidia-smi, which comes with the NVIDIA driver.
set -euo pipefail
if [ -n "${CUDA_VISIBLE_DEVICES:-}" ]; then
  count=$(echo "$CUDA_VISIBLE_DEVICES" | tr ',' '\n' | grep -c .)
  indices=$(seq 0 $((count - 1)))
else
  indices=$(nvidia-smi --query-gpu=index --format=csv,noheader)
fi
addresses=$(echo "$indices" | sed 's/ //g; /^$/d; s/.*/"&"/' | paste -sd, -)
echo "{\"name\": \"gpu\", \"addresses\": [${addresses}]}"
