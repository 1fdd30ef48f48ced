#!/usr/bin/env bash
# The temperature sweep's table: the dev frame accuracy of each student, each <model-dir> named T<temperature>_w<hard-
# weight> as stage 8 names them, one row each in the order given: <csv> (temperature,hard_weight,frame_acc_dev;
# make-report --temperature-sweep reads it). Shows the table.
set -euo pipefail
help_message="Usage: $0 <dev-data> <dev-ali-dir> <model-dir>... <csv>
 e.g.: $0 data/dev exp/mono_ali_dev exp/sweep/T1_w0.1 exp/sweep/T2_w0.1 exp/sweep/temperature.csv"
. utils/parse_options.sh
if [ $# -lt 4 ]; then printf '%s\n' "$help_message" >&2; exit 1; fi
dev=$1; dev_ali=$2; csv=${!#}; dirs=("${@:3:$#-3}")
for d in "${dirs[@]}"; do
  name=$(basename $d)
  if ! [[ $name =~ ^T([0-9.]+)_w([0-9.]+)$ ]]; then echo "$0: $d: expected a directory named T<temperature>_w<hard-weight>" >&2; exit 1; fi
  acc=$(amd eval-frame-acc --model=$d/final.mdl scp:$dev/feats.scp ark:$dev_ali/ali.1.ark 2>/dev/null | awk '{print $2}')
  echo "${BASH_REMATCH[1]} ${BASH_REMATCH[2]} $acc"
done | amd text-to-csv --header=temperature,hard_weight,frame_acc_dev $csv
cat $csv
