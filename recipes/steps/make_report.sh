#!/usr/bin/env bash
# The recipe's report from what stages 3-10 wrote in <exp-dir>: results.csv (steps/collect_results.sh), seeds.csv
# (every trained model's frame accuracy and, where it was decoded, test WER, for means over seeds: the baseline, the
# ensemble, each student, and the ensemble's members, which are baselines with other seeds), significance.csv (`amd
# compare-systems`: every pair's WER difference with its interval and p-values), wer_by_condition.csv (synthetic
# corpora: `amd wer-by-condition` from data/manifest.csv), then RESULTS.md and report.html (`amd make-report`,
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
. utils/wer_of.sh
mkdir -p $exp/log
steps/collect_results.sh $exp $test_set "baseline:$exp/dnn_baseline ensemble:$exp/ensemble distilled:$exp/distilled"
# A model's test WER with the weights best on its dev decoding; nan where the model was not decoded.
test_wer() { wer_of $1/decode_$test_set/scoring_kaldi/wer_from_dev; }
members_dev=$(amd csv-to-text --columns=member,frame_acc $exp/ensemble/members_dev.csv)
members_test=$(amd csv-to-text --columns=frame_acc $exp/ensemble/members_test.csv)
{
  for x in $exp/dnn_baseline $exp/ensemble $exp/distilled $exp/distilled_seed*; do
    [ -s $x/eval/test.acc ] || continue
    sys=$(basename $x); sys=${sys%_seed*}; [ $sys = dnn_baseline ] && sys=baseline
    echo "$sys $x $(awk '/%FRAME_ACC/{print $2}' $x/eval/dev.acc) $(awk '/%FRAME_ACC/{print $2}' $x/eval/test.acc) $(test_wer $x)"
  done
  paste -d' ' <(echo "$members_dev") <(echo "$members_test") | while read -r member dev test; do
    awk -v e=$exp/ensemble/member$member -v w=$(test_wer $exp/ensemble/member$member) -v d=$dev -v t=$test \
      'BEGIN {printf "baseline %s %.2f %.2f %s\n", e, 100*d, 100*t, w}'
  done
} | amd text-to-csv --header=system,model,frame_acc_dev,frame_acc_test,wer_test $exp/seeds.csv
# Every pair of the three systems' test decodings: WER difference, 95 % interval, p-values; the student's share of the gain.
significance=""
if [ -s $exp/dnn_baseline/decode_$test_set/scoring/test_filt.txt ]; then
  run_logged amd compare-systems --ref=$exp/dnn_baseline/decode_$test_set/scoring/test_filt.txt --gain-kept=baseline,ensemble,distilled \
    baseline=$exp/dnn_baseline/decode_$test_set ensemble=$exp/ensemble/decode_$test_set distilled=$exp/distilled/decode_$test_set \
    $exp/significance.csv > $exp/log/compare_systems.log
  significance=$exp/significance.csv
fi
# A synthetic corpus records each utterance's conditions: WER by SNR, reverberation, speed, TTS engine and voice.
by_condition=""
if [ -n "$significance" ] && [ -s data/manifest.csv ]; then
  run_logged amd wer-by-condition --manifest=data/manifest.csv --ref=$exp/dnn_baseline/decode_$test_set/scoring/test_filt.txt \
    baseline=$exp/dnn_baseline/decode_$test_set ensemble=$exp/ensemble/decode_$test_set distilled=$exp/distilled/decode_$test_set \
    $exp/wer_by_condition.csv
  by_condition=$exp/wer_by_condition.csv
fi
# the GMM-HMMs decoded beside the DNNs (stage decode): their sizes and WERs
gmm_systems=""
for x in $exp/mono $exp/tri1; do
  [ -s $x/decode_$test_set/scoring_kaldi/wer_from_dev ] || continue
  info=$(amd gmm-info $x/final.mdl)
  size() { awk -v k="$1" 'index($0, k) == 1 {print $NF}' <<< "$info"; }
  echo "$(basename $x) $x/final.mdl $(size 'number of pdfs') $(size 'number of gaussians') $(wer_of $x/decode_dev/scoring_kaldi/best_wer) $(test_wer $x)"
done > $exp/.gmm.txt
if [ -s $exp/.gmm.txt ]; then
  amd text-to-csv --header=system,model,pdfs,gaussians,wer_dev,wer_test $exp/gmm.csv < $exp/.gmm.txt
  gmm_systems=$exp/gmm.csv
fi
rm -f $exp/.gmm.txt
boundaries=""
[ -s $exp/mono/boundary_accuracy.txt ] && boundaries=$exp/mono/boundary_accuracy.txt
curves=$(ls $exp/dnn_baseline/metrics.csv $exp/ensemble/member*/metrics.csv $exp/distilled/metrics.csv | paste -sd, -)
run_logged amd make-report --title="$title" --results=$exp/results.csv --seeds=$exp/seeds.csv --curves=$curves \
  --members-curve=$exp/ensemble/accuracy_vs_members.csv --temperature-sweep=$exp/sweep/temperature.csv \
  --regulariser=$exp/small_data.csv ${gmm_systems:+--gmm-systems=$gmm_systems} ${significance:+--significance=$significance} ${by_condition:+--wer-by-condition=$by_condition} ${boundaries:+--boundary-accuracy=$boundaries} --commands=$exp/commands.log ${voices:+--voices=$voices} $exp 2> $exp/log/report.log
echo "Wrote $exp/results.csv, $exp/seeds.csv, $exp/RESULTS.md and $exp/report.html"
