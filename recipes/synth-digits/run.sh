#!/usr/bin/env bash
# Hinton, Vinyals & Dean (2015), "Distilling the Knowledge in a Neural Network", speech experiment, on a synthetic
# multi-voice corpus: a baseline DNN, a 10-member ensemble, and one model distilled from it; frame accuracy and WER
# of each, a temperature sweep, and the 3 %-data soft-target experiment. The task follows the recipe's directory:
# connected digits in recipes/synth-digits, phonetically rich sentences (every English phone, 246 words) in
# recipes/synth-sentences, whose run.sh is a link to this one (its own conf/, data/ and exp/).
#
#   ./run.sh                      # the default run (digits: about 20 minutes on 2 cores at 05dac1b; untimed since)
#   ./run.sh --quick true         # a tiny end-to-end run (2 members, 1 epoch): under 3 minutes
#   ./run.sh --stage 5 --stop-stage 7
#   ./run.sh --num-leaves 0         # DNNs over the monophone's states (no tied triphone states)
#
# Stages: 0 corpus (and the transfer set; first steps/check_deps.sh: Debian's flite and espeak-ng, installed with
# apt-get when run as root, else FreeTTS's voices alone, which need only the JDK), 1 lang, 2 features, 3 flat-start
# alignment, 4 triphones (tri1's tree and GMM; its tied states become the DNNs' targets unless --num-leaves 0),
# 5 baseline, 6 ensemble, 7 soft targets, 8 distilled student (one per seed), 9 temperature sweep, 10 3 %-data
# experiment, 11 decoding, 12 report, 13 the student packaged as a recognizer (exp/distilled/student.rec); each calls
# steps/*.sh (every one prints its usage when called without arguments).
# Each stage writes exp/.done/<stage> when it completes, and is skipped on a rerun; delete that file (or the
# stage's output) to redo it. Logs are in exp/*/log/; every command is in exp/commands.log.
set -euo pipefail

cd "$(dirname "$0")"
. utils/recipe_defaults.sh    # seed, num_members, temperature, sweeps, ... shared by every recipe
task=digits                   # digits or sentences (default: from the directory name, synth-<task>)
[ "$(basename "$(pwd)")" = synth-sentences ] && task=sentences
num_utts=1200                 # training utterances
dev_utts=150                  # dev and test voices never occur in training
test_utts=3000                # ~12,000 digit words: the 95 % interval of a WER difference about +-0.45 points (EXPERIMENTS.md, issue 21)
transfer_utts=3000            # fresh utterances of the training voices, labelled only by the teacher
tts_engines=""                # TTS engines of the corpus (freetts, flite, espeak-ng); empty: all, installing Debian's where root
lang_opts=""                  # prepare-lang options of the task's lang (its HMMs are the DNNs' and the decoder's)
aligner_utts=""               # phonetically rich sentences of the training voices on which the flat-start aligner is
                              # trained (empty: 1500 for digits, whose 11 words leave a monophone's boundaries free;
                              # 0: the task's own training set, as for sentences)
aligner_lang_opts=""          # prepare-lang options of the aligner's lang
aligner_mono_opts="--delta-order=0"   # the aligner on static cepstra: deltas show a transition before it happens
num_leaves=""                 # tri1's leaves (empty: 300 for digits, 800 for sentences; 0: monophone targets)
help_message="Usage: $0 [--stage N] [--stop-stage N] [--quick true|false] [--task digits|sentences] [--tts-engines freetts,flite,espeak-ng] [--num-utts N] [--dev-utts N] [--test-utts N] [--transfer-utts N] [--aligner-utts N] [--num-members N] [--seed S] [--temperature T] [--distill-seeds \"1 2 3\"] [--lang-opts OPTS] [--mono-opts OPTS] [--aligner-lang-opts OPTS] [--aligner-mono-opts OPTS] [--num-leaves N] [--tot-gauss N]"

. ./path.sh
. ./cmd.sh
. utils/parse_options.sh
if [ $# -ne 0 ]; then echo "$0: unexpected arguments: $*" >&2; echo "$help_message" >&2; exit 1; fi
. utils/stages.sh

if [ -z "$aligner_utts" ]; then aligner_utts=0; [ $task = digits ] && aligner_utts=1500; fi
if [ -z "$num_leaves" ]; then num_leaves=800; [ $task = digits ] && num_leaves=300; fi
for v in num_utts dev_utts test_utts transfer_utts aligner_utts; do
  if ! [[ ${!v} =~ ^[0-9]+$ ]]; then echo "$0: --${v//_/-} must be a whole number of utterances, got '${!v}'" >&2; exit 1; fi
done
if $quick; then
  quick_defaults
  num_utts=128; dev_utts=16; test_utts=16; [ "$transfer_utts" -gt 0 ] && transfer_utts=80; distill_seeds="1 2"; sweep_temperatures="1 2"
  [ "$aligner_utts" -gt 0 ] && aligner_utts=160
fi
train=data/train; dev=data/dev; test=data/test
transfer=""; [ "$transfer_utts" -gt 0 ] && transfer=data/transfer      # unlabelled: the teacher labels it
aligner=""; [ "$aligner_utts" -gt 0 ] && aligner=data/aligner          # the flat-start aligner's sentences
# The DNNs' frame targets: with an aligner, the task monophone's states placed inside the aligner's phone boundaries
# (a small vocabulary such as the digits' leaves a monophone free to take any share of its neighbour); without one,
# the task monophone's own alignments.
if [ -n "$aligner" ]; then
  ali_train=exp/ctm_ali_train; ali_dev=exp/ctm_ali_dev; ali_test=exp/ctm_ali_test
else
  ali_train=exp/mono; ali_dev=exp/mono_ali_dev; ali_test=exp/mono_ali_test
fi
use_tied_state_targets        # the DNNs' targets: tri1's tied states unless --num-leaves 0 (utils/recipe_defaults.sh)
# With a transfer set the student learns from soft targets alone (w = 0: the transfer set has no labels).
student_ali=$ali_train; student_weight=$hard_weight
[ -n "$transfer" ] && { student_ali=none; student_weight=0; }

if run_stage 0 corpus; then
  restart_data_dir
  check_disk 1000
  steps/check_deps.sh ${tts_engines:+--engines $tts_engines} exp/log
  steps/make_synth_data.sh ${tts_engines:+--engines $tts_engines} --task $task --num-utts $num_utts --dev-utts $dev_utts --test-utts $test_utts --transfer-utts $transfer_utts --aligner-utts $aligner_utts --seed $seed data
  mark_done 0-corpus
fi

if run_stage 1 lang; then
  steps/prepare_lang.sh --opts "$lang_opts" data/local/dict - data/lang
  [ -z "$aligner" ] || steps/prepare_lang.sh --opts "$aligner_lang_opts" data/local/dict_aligner - data/lang_aligner
  steps/train_lm.sh --order $lm_order $train/text data/lang/lm.arpa exp/log
  mark_done 1-lang
fi

if run_stage 2 features; then
  check_disk 500
  for x in $train $dev $test $transfer $aligner; do
    steps/make_fbank.sh --cmd "$train_cmd" --nj $nj --seed $seed $x exp/log fbank
    steps/compute_cmvn_stats.sh --cmd "$train_cmd" --nj $nj $x exp/log fbank
    steps/validate_data_dir.sh $x exp/log
  done
  mark_done 2-features
fi

if run_stage 3 alignment; then
  steps/train_mono.sh --cmd "$train_cmd" --nj $nj --opts "$mono_opts" $train data/lang exp/mono
  if [ -z "$aligner" ]; then
    for x in dev test; do steps/align.sh --cmd "$train_cmd" --nj $nj data/$x data/lang exp/mono exp/mono_ali_$x; done
  else
    steps/train_mono.sh --cmd "$train_cmd" --nj $nj --opts "$aligner_mono_opts" $aligner data/lang_aligner exp/mono_aligner
    for x in train dev test; do
      steps/align.sh --cmd "$train_cmd" --nj $nj data/$x data/lang_aligner exp/mono_aligner exp/mono_aligner/ali_$x
    done
    for x in train dev test; do
      steps/align_from_ctm.sh --cmd "$train_cmd" --nj $nj exp/mono_aligner/ali_$x/ali.ctm data/$x data/lang exp/mono exp/ctm_ali_$x
    done
  fi
  # How close the flat-start alignments are to the TTS's phone timings: the task's own, and the aligner's.
  # (FreeTTS gives no phone timings: a corpus of its voices alone has none to score against.)
  if [ -s $train/ctm ]; then
    steps/score_alignment.sh --clean-utts data/local/clean_utts.txt $train/ctm exp/mono/ali.ctm \
      ${aligner:+exp/mono_aligner/ali_train/ali.ctm} exp/mono/boundary_accuracy.txt
  fi
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
  # The teacher labels the training set and the transfer set once (the student's targets at $temperature); the
  # sweep's other temperatures label the training set only.
  check_disk 1000
  steps/combine_feats.sh data/distill $train $transfer
  steps/make_soft_targets.sh --cmd "$train_cmd" --nj $nj --temperature $temperature exp/ensemble/ensemble.mdl data/distill exp/soft_T$temperature
  for t in $sweep_temperatures; do
    [ $t = $temperature ] || steps/make_soft_targets.sh --cmd "$train_cmd" --nj $nj --temperature $t exp/ensemble/ensemble.mdl $train exp/soft_T$t
  done
  mark_done 7-soft_targets
fi

if run_stage 8 distill; then
  # One student per seed, as one job array: exp/distilled, exp/distilled_seed2, ...
  # Its priors are the training alignments' state counts, as the baseline's and the ensemble's: on a transfer set it
  # would take the dev set's, whose few hundred words miscount the digits (issue 23, docs/EXPERIMENTS.md).
  steps/distill_seeds.sh --cmd "$train_cmd" --nj $nj --seeds "$distill_seeds" --seed-offset $((seed * 1000 + 500)) \
    --opts "$distill_opts" --temperature $temperature --priors-ali $ali_train --hard-weight $student_weight \
    data/distill $student_ali $dev $ali_dev $test $ali_test exp/soft_T$temperature $hmm exp/distilled
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
  # Every student seed and three of the ensemble's members (baselines with other seeds) are decoded too, for the WER
  # over seeds, and the GMMs whose states the DNNs predict (mono, tri1). The LM weight and penalty of each come from
  # its own dev decoding; the test set is decoded at that point alone.
  members=$(ls -d exp/ensemble/member* | sort -V | head -3)
  for d in exp/mono exp/tri1 exp/dnn_baseline exp/ensemble exp/distilled exp/distilled_seed* $members; do
    m=$d/final.mdl; [ $d = exp/ensemble ] && m=$d/ensemble.mdl
    [ -f $m ] || continue
    steps/decode.sh --cmd "$decode_cmd" --nj $nj --lm-weights $lm_weights --word-ins-penalties $word_ins_penalties \
      $m data/lang $dev $d/decode_dev
    steps/decode.sh --cmd "$decode_cmd" --nj $nj --weights-from-dev $d/decode_dev $m data/lang $test $d/decode_test
    steps/score.sh $d/decode_dev $d/decode_test
  done
  steps/bench_forward.sh $dev $test exp/dnn_baseline/final.mdl exp/distilled/final.mdl exp/ensemble/ensemble.mdl exp/bench_forward
  mark_done 11-decode
fi

if run_stage 12 report; then
  steps/make_report.sh --title "synth-$task: baseline vs ensemble vs distilled" --voices data/voices.csv test exp
  mark_done 12-report
fi

if run_stage 13 package; then
  steps/package_recognizer.sh exp/distilled/final.mdl data/lang exp/distilled/decode_dev exp/distilled/student.rec
  mark_done 13-package
fi
