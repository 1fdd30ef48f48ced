#!/usr/bin/env bash
# The teacher's soft targets at a temperature for every frame of a data directory (`amd compute-soft-targets`):
# <dir>/; log <dir>/log/compute.log.
set -euo pipefail
cmd=run.pl
nj=1                          # jobs to split the work into (it runs as one job: the targets are not split)
temperature=
help_message="Usage: $0 [--cmd run.pl] [--nj N] --temperature T <teacher-model> <data-dir> <dir>
 e.g.: $0 --temperature 2 exp/ensemble/ensemble.mdl data/distill exp/soft_T2"
. utils/parse_options.sh
if [ $# -ne 3 ] || [ -z "$temperature" ]; then printf '%s\n' "$help_message" >&2; exit 1; fi
model=$1; data=$2; dir=$3
. utils/run_logged.sh
run_logged $cmd $dir/log/compute.log amd compute-soft-targets --model=$model --temperature=$temperature scp:$data/feats.scp $dir
