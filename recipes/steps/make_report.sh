#!/usr/bin/env bash
# The recipe's report from what stages 3-10 wrote in <exp-dir>: results.csv (steps/collect_results.sh), kept_gain.txt
# (the share of the ensemble's WER gain the student keeps, `amd kept-gain`), seeds.csv
# (every trained model's frame accuracy, for means over seeds: the baseline, the ensemble, each student, and the
# ensemble's members, which are baselines with other seeds), then RESULTS.md and report.html (`amd make-report`,
# which copies <exp-dir>/commands.log); log <exp-dir>/log/report.log.
set -euo pipefail
title="baseline vs ensemble vs distilled"
voices=""                     # a synthetic corpus's voices.csv: the report says which voices and TTS engines made it
help_message="Usage: $0 [--title TITLE] [--voices data/voices.csv] <test-set> <exp-dir>
 e.g.: $0 --title \"synth-digits: baseline vs ensemble vs distilled\" test exp"
. utils/parse_options.sh
if [ $# -ne 2 ]; then printf '%s\n' "$help_message" >&2; exit 1; fi
test_set=$1; exp=$2
. utils/run_logged.sh
mkdir -p $exp/log
steps/collect_results.sh $exp $test_set "baseline:$exp/dnn_baseline ensemble:$exp/ensemble distilled:$exp/distilled"
members_dev=$(amd csv-to-text --columns=member,frame_acc $exp/ensemble/members_dev.csv)
members_test=$(amd csv-to-text --columns=frame_acc $exp/ensemble/members_test.csv)
{
  for x in $exp/dnn_baseline $exp/ensemble $exp/distilled $exp/distilled_seed*; do
    [ -s $x/eval/test.acc ] || continue
    sys=$(basename $x); sys=${sys%_seed*}; [ $sys = dnn_baseline ] && sys=baseline
    echo "$sys $x $(awk '/%FRAME_ACC/{print $2}' $x/eval/dev.acc) $(awk '/%FRAME_ACC/{print $2}' $x/eval/test.acc)"
  done
  paste -d' ' <(echo "$members_dev") <(echo "$members_test") | awk -v e=$exp/ensemble '{printf "baseline %s/member%s %.2f %.2f\n", e, $1, 100*$2, 100*$3}'
} | amd text-to-csv --header=system,model,frame_acc_dev,frame_acc_test $exp/seeds.csv
# The share of the ensemble's WER gain the student keeps, each system at the weights it chose on dev, with paired
# bootstrap intervals over the test utterances.
run_logged amd kept-gain --names=baseline,ensemble,distilled --output=$exp/kept_gain.txt \
  $exp/dnn_baseline/decode_$test_set/scoring/test_filt.txt $exp/dnn_baseline/decode_$test_set $exp/ensemble/decode_$test_set \
  $exp/distilled/decode_$test_set > /dev/null
sed -n 7p $exp/kept_gain.txt
boundaries=""
[ -s $exp/mono/boundary_accuracy.txt ] && boundaries=$exp/mono/boundary_accuracy.txt
curves=$(ls $exp/dnn_baseline/metrics.csv $exp/ensemble/member*/metrics.csv $exp/distilled/metrics.csv | paste -sd, -)
run_logged amd make-report --title="$title" --results=$exp/results.csv --seeds=$exp/seeds.csv --curves=$curves \
  --members-curve=$exp/ensemble/accuracy_vs_members.csv --temperature-sweep=$exp/sweep/temperature.csv \
  --regulariser=$exp/small_data.csv ${boundaries:+--boundary-accuracy=$boundaries} --kept-gain=$exp/kept_gain.txt --commands=$exp/commands.log ${voices:+--voices=$voices} $exp 2> $exp/log/report.log
echo "Wrote $exp/results.csv, $exp/seeds.csv, $exp/RESULTS.md and $exp/report.html"
