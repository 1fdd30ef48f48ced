#!/usr/bin/env bash
# compute-fbank-feats alone (see speed-bench.sh): one thread, whole process, on HOURS of synthesised audio, against
# Kaldi's binary when given.   recipes/bench/fbank-bench.sh [--hours=1] [--reps=3] [--kaldi=/path/to/compute-fbank-feats]
set -euo pipefail
exec "$(cd "$(dirname "$0")" && pwd)/speed-bench.sh" --skip-dnn "$@"
