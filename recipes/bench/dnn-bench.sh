#!/usr/bin/env bash
# DNN training throughput against ND4J's raw GEMM, in one run (see `amd bench-dnn --help`).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
exec "$root/recipes/bin/amd" bench-dnn "$@"
