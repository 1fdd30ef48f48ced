#!/usr/bin/env bash
# Each member's frame accuracy and the ensemble's as members are added to the average (`amd eval-ensemble` of
# <dir>/ensemble.mdl), on dev and test: <dir>/members_{dev,test}.csv, <dir>/accuracy_vs_members_{dev,test}.csv (and
# the dev curve as <dir>/accuracy_vs_members.csv, for the report), <dir>/eval_members_{dev,test}.txt; log
# <dir>/log/eval.log. Shows the dev summary.
set -euo pipefail
help_message="Usage: $0 <dev-data> <dev-ali-dir> <test-data> <test-ali-dir> <dir>
 e.g.: $0 data/dev exp/mono_ali_dev data/test exp/mono_ali_test exp/ensemble"
. utils/parse_options.sh
if [ $# -ne 5 ]; then printf '%s\n' "$help_message" >&2; exit 1; fi
dir=$5
. utils/run_logged.sh
mkdir -p $dir/log
for x in dev test; do
  if [ $x = dev ]; then data=$1; ali=$2; else data=$3; ali=$4; fi
  run_logged amd eval-ensemble --model=$dir/ensemble.mdl --members-csv=$dir/members_$x.csv \
    --curve-csv=$dir/accuracy_vs_members_$x.csv scp:$data/feats.scp ark:$ali/ali.1.ark \
    > $dir/eval_members_$x.txt 2>> $dir/log/eval.log
done
cp $dir/accuracy_vs_members_dev.csv $dir/accuracy_vs_members.csv
tail -1 $dir/eval_members_dev.txt
