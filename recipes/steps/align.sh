#!/usr/bin/env bash
# Aligns a data directory with a trained GMM-HMM (`amd align` with <src-dir>/final.mdl): <ali-dir>/ali.1.ark and
# <ali-dir>/ali.ctm; log <ali-dir>/log/align.log.
set -euo pipefail
cmd=run.pl
nj=1                          # jobs to split the work into (it runs as one job: the alignment is not split)
help_message="Usage: $0 [--cmd run.pl] [--nj N] <data-dir> <lang-dir> <src-dir> <ali-dir>
 e.g.: $0 data/dev data/lang exp/mono exp/mono_ali_dev"
. utils/parse_options.sh
if [ $# -ne 4 ]; then printf '%s\n' "$help_message" >&2; exit 1; fi
data=$1; lang=$2; srcdir=$3; dir=$4
. utils/run_logged.sh
run_logged $cmd $dir/log/align.log amd align --model=$srcdir/final.mdl --lang=$lang $data $dir
