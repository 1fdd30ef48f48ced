#!/usr/bin/env bash
# Why the student keeps (or does not keep) the ensemble's WER gain (issue 23), on a recipe's exp dir: where the
# frame-accuracy gain lies (silence vs speech, phone, position in the phone; calibration), and the WER of baseline,
# ensemble and student with three kinds of hybrid priors: the training alignments' state counts (the models' own),
# each model's mean posterior over the training set (Kaldi's way for a DNN), and none. Each system at each prior is
# decoded on dev over the LM-weight grid (which also tunes the acoustic scale: only their ratio matters to the search)
# and on test at its dev-best point; compare-systems gives the pairwise tests and the share of the ensemble's WER gain
# the student keeps, with its interval. Writes <dir>/frame_acc.txt, <dir>/<priors>/{<system>/decode_*,significance.csv},
# and <dir>/summary.csv (priors, system, dev and test WER; the student's kept share of the ensemble's test WER gain
# and its 95 % interval, the same on the three rows of one kind of priors).
set -euo pipefail
cmd=run.pl
lm_weights=1,2,3,4,6,8,10
word_ins_penalties=-2,-1,0,1
help_message="Usage: $0 [--cmd run.pl] [--lm-weights 1,2,...] [--word-ins-penalties -1,0,...] <lang-dir> <train-data> <dev-data> <test-data> <test-ali-dir> <exp-dir> <dir>
 e.g.: $0 data/lang data/train data/dev data/test exp/tri1_ali_test exp exp/student_wer"
. utils/parse_options.sh
if [ $# -ne 7 ]; then printf '%s\n' "$help_message" >&2; exit 1; fi
lang=$1; train=$2; dev=$3; test=$4; test_ali=$5; exp=$6; dir=$7
. utils/run_logged.sh
. utils/wer_of.sh
mkdir -p $dir/log
systems="baseline:$exp/dnn_baseline/final.mdl ensemble:$exp/ensemble/ensemble.mdl distilled:$exp/distilled/final.mdl"
models=$(for s in $systems; do printf '%s,' ${s#*:}; done); models=${models%,}
run_logged amd analyze-frame-acc --models=$models --names=baseline,ensemble,distilled --output=$dir/frame_acc.txt \
  scp:$test/feats.scp ark:$test_ali/ali.1.ark > $dir/log/analyze_frame_acc.log 2>&1
for s in $systems; do
  name=${s%%:*}; model=${s#*:}
  [ -s $dir/$name.post_counts.vec ] || run_logged amd compute-posterior-counts --model=$model scp:$train/feats.scp \
    $dir/$name.post_counts.vec 2> $dir/log/post_counts_$name.log
done
for priors in alignment posterior none; do
  for s in $systems; do
    name=${s%%:*}; model=${s#*:}
    case $priors in
      alignment) opts="" ;;
      posterior) opts="--class-frame-counts=$dir/$name.post_counts.vec" ;;
      none) opts="--prior-scale=0" ;;
    esac
    d=$dir/$priors/$name
    [ -s $d/decode_test/scoring_kaldi/wer_from_dev ] && continue
    steps/decode.sh --cmd "$cmd" --opts "$opts" --lm-weights $lm_weights --word-ins-penalties $word_ins_penalties \
      $model $lang $dev $d/decode_dev
    steps/decode.sh --cmd "$cmd" --opts "$opts" --weights-from-dev $d/decode_dev $model $lang $test $d/decode_test
    steps/score.sh $d/decode_dev $d/decode_test
  done
  run_logged amd compare-systems --ref=$dir/$priors/baseline/decode_test/scoring/test_filt.txt \
    --gain-kept=baseline,ensemble,distilled baseline=$dir/$priors/baseline/decode_test \
    ensemble=$dir/$priors/ensemble/decode_test distilled=$dir/$priors/distilled/decode_test \
    $dir/$priors/significance.csv > $dir/$priors/compare_systems.txt
done
for priors in alignment posterior none; do
  kept=$(amd csv-to-text --columns=value,ci_low,ci_high \
    --where="comparison=WER gain kept by distilled (% of ensemble vs baseline)" $dir/$priors/significance.csv)
  for name in baseline ensemble distilled; do
    d=$dir/$priors/$name
    echo "$priors $name $(wer_of $d/decode_dev/scoring_kaldi/best_wer) $(wer_of $d/decode_test/scoring_kaldi/wer_from_dev) ${kept:-nan nan nan}"
  done
done | amd text-to-csv --header=priors,system,wer_dev,wer_test,kept_wer_gain,kept_low,kept_high $dir/summary.csv
amd csv-to-text $dir/summary.csv
