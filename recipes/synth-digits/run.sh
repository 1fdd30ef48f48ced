#!/usr/bin/env bash
# Hinton, Vinyals & Dean (2015), "Distilling the Knowledge in a Neural Network", speech experiment, on a synthetic
# multi-voice corpus: a baseline DNN, a 10-member ensemble, and one model distilled from it; frame accuracy and WER
# of each, a temperature sweep, and the 3 %-data soft-target experiment. The task follows the recipe's directory:
# connected digits in recipes/synth-digits, phonetically rich sentences (every English phone, 246 words) in
# recipes/synth-sentences, whose run.sh is a link to this one (its own conf/, data/ and exp/).
#
#   ./run.sh                      # the default run (about 20 minutes on 2 cores for digits)
#   ./run.sh --quick true         # a tiny end-to-end run (2 members, 1 epoch): under 3 minutes
#   ./run.sh --stage 4 --stop-stage 6
#
# Stages: 0 corpus (and the transfer set), 1 lang, 2 features, 3 flat-start alignment, 4 baseline, 5 ensemble,
# 6 soft targets, 7 distilled student (one per seed), 8 temperature sweep, 9 3 %-data experiment, 10 decoding,
# 11 report. Stages 1-11 are steps/distill_stages.sh, shared by every recipe.
# Each stage writes exp/.done/<stage> when it completes, and is skipped on a rerun; delete that file (or the
# stage's output) to redo it. Logs are in exp/*/log/.
set -euo pipefail

stage=0
stop_stage=100
quick=false
task=digits                   # digits or sentences (default: from the directory name, synth-<task>)
[ "$(basename "$(cd "$(dirname "$0")" && pwd)")" = synth-sentences ] && task=sentences
num_utts=1500
transfer_utts=3000            # fresh utterances of the training voices, labelled only by the teacher
seed=1
num_members=10
temperature=2
hard_weight=0.1
distill_seeds="1 2 3"         # the student is trained once per seed; the report gives mean and spread
sweep_temperatures="1 2 5 10"
sweep_hard_weights="0 0.5"
sweep_epochs=3
lm_order=2
lm_weights=1,2,3,4,6,8,10
word_ins_penalties=-2,-1,0,1
small_fraction=0.03
nj=2
lang_opts=""                  # prepare-lang options of the task's lang (its HMMs are the DNNs' and the decoder's)
mono_opts=""                  # train-mono options of the task's monophone
aligner_utts=""               # phonetically rich sentences of the training voices on which the flat-start aligner is
                              # trained (empty: 1500 for digits, whose 11 words leave a monophone's boundaries free;
                              # 0: the task's own training set, as for sentences)
aligner_lang_opts=""          # prepare-lang options of the aligner's lang
aligner_mono_opts="--delta-order=0"   # the aligner on static cepstra: deltas show a transition before it happens
help_message="Usage: $0 [--stage N] [--stop-stage N] [--quick true|false] [--task digits|sentences] [--num-utts N] [--transfer-utts N] [--aligner-utts N] [--num-members N] [--seed S] [--temperature T] [--distill-seeds \"1 2 3\"] [--lang-opts OPTS] [--mono-opts OPTS] [--aligner-lang-opts OPTS] [--aligner-mono-opts OPTS]"

cd "$(dirname "$0")"
. ./path.sh
. ./cmd.sh
. utils/parse_options.sh
if [ $# -ne 0 ]; then echo "$0: unexpected arguments: $*" >&2; echo "$help_message" >&2; exit 1; fi
. steps/distill_stages.sh

if [ -z "$aligner_utts" ]; then aligner_utts=0; [ $task = digits ] && aligner_utts=1500; fi
for v in num_utts transfer_utts aligner_utts; do
  if ! [[ ${!v} =~ ^[0-9]+$ ]]; then echo "$0: --${v//_/-} must be a whole number of utterances, got '${!v}'" >&2; exit 1; fi
done
train_set=train; dev_set=dev; test_set=test; transfer_set=""; [ "$transfer_utts" -gt 0 ] && transfer_set=transfer
ctm_alignments=false
report_title="synth-$task: baseline vs ensemble vs distilled"
dnn_opts=""; distill_opts=""
if $quick; then
  quick_defaults
  num_utts=160; [ "$transfer_utts" -gt 0 ] && transfer_utts=80; distill_seeds="1 2"; sweep_temperatures="1 2"
  [ "$aligner_utts" -gt 0 ] && aligner_utts=160
fi
aligner_set=""; [ "$aligner_utts" -gt 0 ] && aligner_set=aligner

if run_stage 0 corpus; then
  restart_data_dir
  check_disk 1000
  run steps/make_synth_data.sh --task $task --num-utts $num_utts --transfer-utts $transfer_utts --aligner-utts $aligner_utts --seed $seed data
  mark_done 0-corpus
fi

distill_stages
