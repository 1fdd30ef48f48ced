#!/usr/bin/env bash
# Hinton, Vinyals & Dean (2015), "Distilling the Knowledge in a Neural Network", speech experiment, on LibriSpeech
# (openslr.org/12): a baseline DNN, a 10-member ensemble, and one model distilled from it; frame accuracy and WER of
# each on test-clean, a temperature sweep, and the 3 %-data soft-target experiment.
#
#   ./run.sh --corpus /data/LibriSpeech --lexicon /data/librispeech-lexicon.txt
#   ./run.sh --corpus /data/LibriSpeech --lexicon LEX --quick true     # a small end-to-end run (subsets, 2 members)
#   ./run.sh --corpus DIR --lexicon LEX --train-subset train-clean-360 --stage 5 --stop-stage 7
#
# --corpus is the LibriSpeech folder holding the subsets (train-clean-100/, dev-clean/, test-clean/, SPEAKERS.TXT);
# --lexicon is librispeech-lexicon.txt (openslr.org/11: WORD PHONES..., CMU phones with stress). Kaldi's choices:
# a speaker is a reader-chapter; dev-clean chooses the LM weight and insertion penalty applied to test-clean. The
# alignment is a flat-start monophone GMM (LibriSpeech has no phone labels); the LM is a word bigram of the
# training transcripts over the lexicon's words of all three sets (words unseen in training get a share of the
# probability); transcript words not in the lexicon map to <UNK> (counted in data/local/oov_*.txt).
#
# Stages: 0 data preparation (prepare-librispeech of the train subset, dev-clean and test-clean), 1 lang and LM,
# 2 features, 3 flat-start alignment, 4 triphones (tri1; its tied states become the DNNs' targets), 5 baseline,
# 6 ensemble, 7 soft targets, 8 distilled student (one per seed), 9 temperature sweep, 10 3 %-data experiment,
# 11 decoding, 12 report; each calls steps/*.sh (every one prints its
# usage when called without arguments). Each stage writes exp/.done/<stage> when it completes, and is skipped on a
# rerun; delete that file (or the stage's output) to redo it. Logs are in exp/*/log/; every command is in
# exp/commands.log.
set -euo pipefail

cd "$(dirname "$0")"
. utils/recipe_defaults.sh    # seed, num_members, temperature, sweeps, ... shared by every recipe
corpus=
lexicon=
train_subset=train-clean-100
quick_train_utts=1000         # --quick: the first N utterances of the training subset (whole chapters), and of
quick_test_utts=200           # dev-clean and test-clean
sweep_epochs=2
lm_order=2                    # a word bigram: a trigram's graph over this vocabulary is too big for the decoder
lm_weights=2,4,6,8,10,12
word_ins_penalties=-1,0,1
num_leaves=2000; tot_gauss=10000   # tri1, as Kaldi's egs/librispeech/s5 (0: monophone targets, no triphone stage)
help_message="Usage: $0 --corpus DIR --lexicon FILE [--train-subset train-clean-100] [--stage N] [--stop-stage N] [--quick true|false] [--num-members N] [--seed S] [--num-leaves N] [--tot-gauss N]
  --corpus DIR      the LibriSpeech folder holding the subsets (train-clean-100, dev-clean, test-clean)
  --lexicon FILE    librispeech-lexicon.txt (WORD PHONES...)"

. ./path.sh
. ./cmd.sh
. utils/parse_options.sh
if [ $# -ne 0 ]; then echo "$0: unexpected arguments: $*" >&2; echo "$help_message" >&2; exit 1; fi

if [ "$stage" -le 0 ] && [ ! -f exp/.done/0-data ]; then
  if [ -z "$corpus" ] || [ -z "$lexicon" ]; then
    echo "$0: --corpus DIR and --lexicon FILE are required" >&2; echo "$help_message" >&2; exit 1
  fi
  [ -d "$corpus" ] || { echo "$0: --corpus $corpus: no such directory" >&2; exit 1; }
  [ -f "$lexicon" ] || { echo "$0: --lexicon $lexicon: no such file (librispeech-lexicon.txt, from openslr.org/11)" >&2; exit 1; }
  corpus=$(cd "$corpus" && pwd); lexicon=$(cd "$(dirname "$lexicon")" && pwd)/$(basename "$lexicon")
  for s in $train_subset dev-clean test-clean; do
    [ -d "$corpus/$s" ] || { echo "$0: --corpus $corpus has no $s/ (expected the LibriSpeech subsets in it: $train_subset, dev-clean, test-clean)" >&2; exit 1; }
  done
fi
. utils/stages.sh

if $quick; then
  # Every stage once, each as small as it goes: a JVM start is a good part of most stages' time here.
  quick_defaults_real_corpus
fi
train=data/${train_subset//-/_}; dev=data/dev_clean; test=data/test_clean
# The DNNs' frame targets: the flat-start monophone's own alignments (LibriSpeech has no phone labels).
ali_train=exp/mono; ali_dev=exp/mono_ali_dev_clean; ali_test=exp/mono_ali_test_clean
use_tied_state_targets        # then tri1's tied states, unless --num-leaves 0 (utils/recipe_defaults.sh)

if run_stage 0 data; then
  restart_data_dir
  check_disk 1000
  steps/prepare_librispeech.sh --lexicon "$lexicon" "$corpus" $train_subset dev-clean test-clean data exp/log
  if $quick; then
    steps/quick_subset.sh $train $quick_train_utts
    for x in $dev $test; do steps/quick_subset.sh $x $quick_test_utts; done
  fi
  mark_done 0-data
fi

if run_stage 1 lang; then
  # Words unseen in the training text (the lexicon's words of dev and test) can still be recognised.
  steps/prepare_lang.sh data/local/dict "<UNK>" data/lang
  steps/train_lm.sh --order $lm_order --opts --vocab=data/lang/words.txt $train/text data/lang/lm.arpa exp/log
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
  for x in dev_clean test_clean; do steps/align.sh --cmd "$train_cmd" --nj $nj data/$x data/lang exp/mono exp/mono_ali_$x; done
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
  steps/distill_seeds.sh --cmd "$train_cmd" --nj $nj --seeds "$distill_seeds" --seed-offset $((seed * 1000 + 500)) \
    --opts "$distill_opts" --temperature $temperature --hard-weight $hard_weight \
    data/distill $ali_train $dev $ali_dev $test $ali_test exp/soft_T$temperature $hmm exp/distilled
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
    for x in dev_clean test_clean; do
      steps/decode.sh --cmd "$decode_cmd" --nj $nj --lm-weights $lm_weights --word-ins-penalties $word_ins_penalties \
        $m data/lang data/$x $d/decode_$x
    done
    steps/score.sh $d/decode_dev_clean $d/decode_test_clean
  done
  steps/bench_forward.sh $dev $test exp/dnn_baseline/final.mdl exp/distilled/final.mdl exp/ensemble/ensemble.mdl exp/bench_forward
  mark_done 11-decode
fi

if run_stage 12 report; then
  steps/make_report.sh --title "LibriSpeech ($train_subset; test-clean): baseline vs ensemble vs distilled" test_clean exp
  mark_done 12-report
fi
