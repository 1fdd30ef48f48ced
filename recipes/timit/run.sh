#!/usr/bin/env bash
# Hinton, Vinyals & Dean (2015), "Distilling the Knowledge in a Neural Network", speech experiment, on TIMIT (LDC93S1,
# which you must own): a baseline DNN, a 10-member ensemble, and one model distilled from it; frame accuracy and
# phone error rate of each, a temperature sweep, and the 3 %-data soft-target experiment.
#
#   ./run.sh --timit /data/LDC93S1/timit/TIMIT                  # the full run (hours on a few cores)
#   ./run.sh --timit /data/LDC93S1/timit/TIMIT --quick true     # a small end-to-end run (2 members, 1 epoch, subsets)
#   ./run.sh --timit DIR --stage 5 --stop-stage 7
#
# As in Kaldi's egs/timit/s5: train = the 462 TRAIN speakers (SA sentences left out), dev = the 50-speaker
# development set, test = the 24-speaker core test set; the transcripts are 48-phone sequences and the "words"
# of the lexicon are the phones themselves, so the decoder is a phone recogniser over a phone bigram, and the
# WER column of the results is a phone error rate (PER) on the 48 training phones. Stage 12 also scores on the
# standard 39-phone set (Lee & Hon's folding, data/local/phones.60-48-39.map): exp/per39.csv, and a section
# of exp/RESULTS.md. DNN targets come from TIMIT's hand labels (the .PHN files, a phone CTM per set), the HMM
# states placed inside each hand-labelled phone by the monophone GMM (ctm_alignments=true).
#
# Stages: 0 data preparation (prepare-timit), 1 lang and phone bigram, 2 features, 3 alignment (flat-start
# monophone GMM, then state alignments inside the hand labels), 4 triphones (tri1; its tied states become the DNNs'
# targets, the hand-label boundaries kept), 5 baseline, 6 ensemble, 7 soft targets, 8 distilled student (one per
# seed), 9 temperature sweep, 10 3 %-data experiment, 11 decoding, 12 report, 13 phone error rate on 39 phones; each calls steps/*.sh (every one prints its usage when called without arguments).
# Each stage writes exp/.done/<stage> when it completes, and is skipped on a rerun; delete that file (or the
# stage's output) to redo it. Logs are in exp/*/log/; every command is in exp/commands.log.
set -euo pipefail

cd "$(dirname "$0")"
. utils/recipe_defaults.sh    # seed, num_members, temperature, sweeps, ... shared by every recipe
timit=
quick_train_utts=400          # --quick: the first N utterances of train (whole speakers), and of dev and test:
quick_test_utts=100
lm_order=2                    # a phone bigram, as in Kaldi's TIMIT recipe
num_leaves=2500; tot_gauss=15000   # tri1, as Kaldi's egs/timit/s5 (0: monophone targets, no triphone stage)
help_message="Usage: $0 --timit DIR [--stage N] [--stop-stage N] [--quick true|false] [--num-members N] [--seed S] [--temperature T] [--distill-seeds \"1 2 3\"] [--num-leaves N] [--tot-gauss N]
  --timit DIR   the TIMIT corpus: the directory holding TRAIN and TEST (e.g. .../LDC93S1/timit/TIMIT)"

. ./path.sh
. ./cmd.sh
. utils/parse_options.sh
if [ $# -ne 0 ]; then echo "$0: unexpected arguments: $*" >&2; echo "$help_message" >&2; exit 1; fi

if [ "$stage" -le 0 ] && [ ! -f exp/.done/0-data ]; then
  if [ -z "$timit" ]; then
    echo "$0: --timit DIR is required: the TIMIT corpus (LDC93S1), the directory holding TRAIN and TEST" >&2
    echo "$help_message" >&2; exit 1
  fi
  if [ ! -d "$timit" ]; then echo "$0: --timit $timit: no such directory" >&2; exit 1; fi
  timit=$(cd "$timit" && pwd)
  # TRAIN and TEST (any case) here or in a timit/ directory below, as on the LDC93S1 disc.
  if [ -z "$(find "$timit" -maxdepth 3 -type d -ipath '*/train/dr[1-8]' -print -quit)" ] || \
     [ -z "$(find "$timit" -maxdepth 3 -type d -ipath '*/test/dr[1-8]' -print -quit)" ]; then
    echo "$0: --timit $timit does not look like TIMIT: expected TRAIN/DR1..DR8/ and TEST/DR1..DR8/ in it (or in its timit/), with <speaker>/*.WAV, .PHN, .WRD" >&2
    exit 1
  fi
fi
. utils/stages.sh

if $quick; then
  # Every stage once, each as small as it goes: a JVM start is a good part of most stages' time here.
  quick_defaults_real_corpus
fi
train=data/train; dev=data/dev; test=data/test
# The DNNs' frame targets: the monophone's states placed inside TIMIT's hand-labelled phones (the .PHN files).
ali_train=exp/ctm_ali_train; ali_dev=exp/ctm_ali_dev; ali_test=exp/ctm_ali_test
use_tied_state_targets        # then tri1's tied states, unless --num-leaves 0 (utils/recipe_defaults.sh)

if run_stage 0 data; then
  restart_data_dir
  check_disk 1000
  steps/prepare_timit.sh "$timit" data exp/log
  if $quick; then
    steps/quick_subset.sh $train $quick_train_utts
    for x in $dev $test; do steps/quick_subset.sh $x $quick_test_utts; done
  fi
  mark_done 0-data
fi

if run_stage 1 lang; then
  # Silence is transcribed (the sil "word", from h#, pau, epi): no optional silence.
  steps/prepare_lang.sh --opts --sil-prob=0 data/local/dict - data/lang
  steps/train_lm.sh --order $lm_order $train/text data/lang/lm.arpa exp/log
  mark_done 1-lang
fi

if run_stage 2 features; then
  check_disk 500
  for x in $train $dev $test; do
    steps/make_fbank.sh --cmd "$train_cmd" --nj $nj --seed $seed $x exp/log fbank
    steps/compute_cmvn_stats.sh --cmd "$train_cmd" --nj $nj $x exp/log fbank
    steps/validate_data_dir.sh $x exp/log
  done
  mark_done 2-features
fi

if run_stage 3 alignment; then
  steps/train_mono.sh --cmd "$train_cmd" --nj $nj --opts "$mono_opts" $train data/lang exp/mono
  # The hand labels' times are in the audio: a frame boundary counts where the two windows' centres meet.
  for x in train dev test; do
    steps/align_from_ctm.sh --cmd "$train_cmd" --nj $nj --frame-offset 0.0075 data/$x/ctm data/$x data/lang exp/mono exp/ctm_ali_$x
  done
  # How close the flat-start alignment is to the hand labels.
  steps/score_alignment.sh $train/ctm exp/mono/ali.ctm exp/mono/boundary_accuracy.txt
  mark_done 3-alignment
fi

if run_stage 4 triphone; then
  # Kaldi's tri1 (conf/tri.conf), whose tied states become the DNNs' targets (unless --num-leaves 0)
  steps/tied_state_targets.sh --cmd "$train_cmd" --nj $nj --opts "--config=conf/tri.conf $tri_opts" $num_leaves $tot_gauss \
    $train data/lang $mono_ali_train $mono_ali_dev $mono_ali_test exp/tri1
  mark_done 4-triphone
fi

if run_stage 5 baseline; then
  steps/train_dnn.sh --cmd "$train_cmd" --opts "$dnn_opts" --seed $((seed * 1000)) \
    $train $ali_train $dev $ali_dev $hmm exp/dnn_baseline
  steps/eval_frame_acc.sh exp/dnn_baseline/final.mdl $dev $ali_dev $test $ali_test exp/dnn_baseline
  mark_done 5-baseline
fi

if run_stage 6 ensemble; then
  steps/train_ensemble.sh --cmd "$train_cmd" --nj $nj --num-members $num_members --opts "$dnn_opts" --seed $((seed * 1000)) \
    $train $ali_train $dev $ali_dev $hmm exp/ensemble
  steps/eval_frame_acc.sh exp/ensemble/ensemble.mdl $dev $ali_dev $test $ali_test exp/ensemble
  steps/eval_ensemble.sh $dev $ali_dev $test $ali_test exp/ensemble
  mark_done 6-ensemble
fi

if run_stage 7 soft_targets; then
  # The teacher labels the training set at $temperature (the student's targets) and at the sweep's other temperatures.
  check_disk 1000
  steps/combine_feats.sh data/distill $train
  steps/make_soft_targets.sh --cmd "$train_cmd" --nj $nj --temperature $temperature exp/ensemble/ensemble.mdl data/distill exp/soft_T$temperature
  for t in $sweep_temperatures; do
    [ $t = $temperature ] || steps/make_soft_targets.sh --cmd "$train_cmd" --nj $nj --temperature $t exp/ensemble/ensemble.mdl $train exp/soft_T$t
  done
  mark_done 7-soft_targets
fi

if run_stage 8 distill; then
  # One student per seed (exp/distilled, exp/distilled_seed2, ...), on soft targets and hard labels.
  first=true
  for s in $distill_seeds; do
    d=exp/distilled_seed$s; $first && d=exp/distilled
    steps/distill.sh --cmd "$train_cmd" --opts "$distill_opts" --seed $((seed * 1000 + 500 + s)) --temperature $temperature \
      --hard-weight $hard_weight data/distill $ali_train $dev $ali_dev exp/soft_T$temperature $hmm $d
    steps/eval_frame_acc.sh $d/final.mdl $dev $ali_dev $test $ali_test $d
    first=false
  done
  mark_done 8-distill
fi

if run_stage 9 sweep; then
  # Temperature (and hard-label weight) sweep on the training set with a shorter schedule; dev frame accuracy.
  points=$(for t in $sweep_temperatures; do echo T${t}_w$hard_weight; done; for w in $sweep_hard_weights; do echo T${temperature}_w$w; done)
  for p in $points; do
    t=${p%_w*}; t=${t#T}; w=${p#*_w}
    steps/distill.sh --cmd "$train_cmd" --opts "$distill_opts --max-epochs=$sweep_epochs --min-epochs=1" --seed $((seed * 1000 + 500)) \
      --temperature $t --hard-weight $w $train $ali_train $dev $ali_dev exp/soft_T$t $hmm exp/sweep/$p
  done
  steps/eval_sweep.sh $dev $ali_dev $(for p in $points; do echo exp/sweep/$p; done) exp/sweep/temperature.csv
  mark_done 9-sweep
fi

if run_stage 10 small_data; then
  # Soft targets as a regulariser: a baseline on 3 % of the training data overfits; the same model trained on the
  # ensemble's soft targets for that 3 % (teacher trained on all of it) does not.
  steps/subset_data_dir.sh --fraction $small_fraction --seed $seed $train ${train}_small
  steps/train_dnn.sh --cmd "$train_cmd" --opts "$dnn_opts --max-epochs=$small_epochs --patience=3" --seed $((seed * 1000)) \
    ${train}_small $ali_train $dev $ali_dev $hmm exp/dnn_small
  steps/distill.sh --cmd "$train_cmd" --opts "$distill_opts --max-epochs=$small_epochs --patience=3" --seed $((seed * 1000)) \
    --temperature $temperature --hard-weight $hard_weight ${train}_small $ali_train $dev $ali_dev exp/soft_T$temperature \
    $hmm exp/distilled_small
  steps/eval_small_data.sh ${train}_small $ali_train $test $ali_test baseline_small:exp/dnn_small/final.mdl \
    soft_targets_small:exp/distilled_small/final.mdl baseline_full:exp/dnn_baseline/final.mdl exp/small_data.csv
  mark_done 10-small_data
fi

if run_stage 11 decode; then
  for m in exp/dnn_baseline/final.mdl exp/ensemble/ensemble.mdl exp/distilled/final.mdl; do
    d=$(dirname $m)
    for x in dev test; do
      steps/decode.sh --cmd "$decode_cmd" --nj $nj --lm-weights $lm_weights --word-ins-penalties $word_ins_penalties \
        $m data/lang data/$x $d/decode_$x
    done
    steps/score.sh $d/decode_dev $d/decode_test
  done
  steps/bench_forward.sh $dev $test exp/dnn_baseline/final.mdl exp/distilled/final.mdl exp/ensemble/ensemble.mdl exp/bench_forward
  mark_done 11-decode
fi

if run_stage 12 report; then
  steps/make_report.sh --title "TIMIT: baseline vs ensemble vs distilled (the WER column is the phone error rate on 48 phones)" test exp
  mark_done 12-report
fi

if run_stage 13 per39; then
  # Standard TIMIT scoring: reference and hypotheses folded from 48 to 39 phones (Lee & Hon, 1989), the LM weight
  # and insertion penalty again chosen on dev. The 48-phone scoring of stage 10 is left as it is.
  steps/score_folded.sh data/local/phones.60-48-39.map dev test "baseline:exp/dnn_baseline ensemble:exp/ensemble distilled:exp/distilled" exp
  mark_done 13-per39
fi
