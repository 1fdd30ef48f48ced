#!/usr/bin/env bash
# Hinton, Vinyals & Dean (2015), "Distilling the Knowledge in a Neural Network", speech experiment, on LibriSpeech
# (openslr.org/12): a baseline DNN, a 10-member ensemble, and one model distilled from it; frame accuracy and WER of
# each on test-clean, a temperature sweep, and the 3 %-data soft-target experiment.
#
#   ./run.sh --corpus /data/LibriSpeech --lexicon /data/librispeech-lexicon.txt
#   ./run.sh --corpus /data/LibriSpeech --lexicon LEX --quick true     # a small end-to-end run (subsets, 2 members)
#   ./run.sh --corpus DIR --lexicon LEX --train-subset train-clean-360 --stage 4 --stop-stage 6
#
# --corpus is the LibriSpeech folder holding the subsets (train-clean-100/, dev-clean/, test-clean/, SPEAKERS.TXT);
# --lexicon is librispeech-lexicon.txt (openslr.org/11: WORD PHONES..., CMU phones with stress). Kaldi's choices:
# a speaker is a reader-chapter; dev-clean chooses the LM weight and insertion penalty applied to test-clean. The
# alignment is a flat-start monophone GMM (LibriSpeech has no phone labels); the LM is a word bigram of the
# training transcripts over the lexicon's words of all three sets (words unseen in training get a share of the
# probability); transcript words not in the lexicon map to <UNK> (counted in data/local/oov_*.txt).
#
# Stages: 0 data preparation (prepare-librispeech of the train subset, dev-clean and test-clean), 1 lang and LM,
# 2 features, 3 flat-start alignment, 4 baseline, 5 ensemble, 6 soft targets, 7 distilled student (one per seed),
# 8 temperature sweep, 9 3 %-data experiment, 10 decoding, 11 report. Stages 1-11 are steps/distill_stages.sh,
# shared by every recipe. Each stage writes exp/.done/<stage> when it completes, and is skipped on a rerun; delete
# that file (or the stage's output) to redo it. Logs are in exp/*/log/.
set -euo pipefail

corpus=
lexicon=
train_subset=train-clean-100
stage=0
stop_stage=100
quick=false
quick_train_utts=1000         # --quick: the first N utterances of the training subset (whole chapters), and of
quick_test_utts=200           # dev-clean and test-clean
seed=1
num_members=10
temperature=2
hard_weight=0.1
distill_seeds="1 2 3"         # the student is trained once per seed; the report gives mean and spread
sweep_temperatures="1 2 5 10"
sweep_hard_weights="0 0.5"
sweep_epochs=2
lm_order=2                    # a word bigram: a trigram's graph over this vocabulary is too big for the decoder
lm_weights=2,4,6,8,10,12
word_ins_penalties=-1,0,1
small_fraction=0.03
nj=2
help_message="Usage: $0 --corpus DIR --lexicon FILE [--train-subset train-clean-100] [--stage N] [--stop-stage N] [--quick true|false] [--num-members N] [--seed S]
  --corpus DIR      the LibriSpeech folder holding the subsets (train-clean-100, dev-clean, test-clean)
  --lexicon FILE    librispeech-lexicon.txt (WORD PHONES...)"

cd "$(dirname "$0")"
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
. steps/distill_stages.sh

train_set=${train_subset//-/_}; dev_set=dev_clean; test_set=test_clean; transfer_set=""
ctm_alignments=false
oov_word="<UNK>"
lm_opts="--vocab=data/lang/words.txt"
report_title="LibriSpeech ($train_subset; test-clean): baseline vs ensemble vs distilled"
dnn_opts=""; distill_opts=""; mono_opts=""
if $quick; then
  # Every stage once, each as small as it goes: a JVM start is a good part of most stages' time here.
  quick_defaults_real_corpus
fi

if run_stage 0 data; then
  restart_data_dir
  check_disk 1000
  mkdir -p exp/log
  # Each call rewrites data/local/dict over the words of every set prepared so far: after the last, of all three.
  for s in $train_subset dev-clean test-clean; do
    run amd prepare-librispeech --lexicon="$lexicon" "$corpus/$s" data 2> exp/log/prepare_${s//-/_}.log \
      || { cat exp/log/prepare_${s//-/_}.log >&2; exit 1; }
    grep -h "utterances" exp/log/prepare_${s//-/_}.log || true
  done
  if $quick; then
    quick_subsets
  fi
  mark_done 0-data
fi

distill_stages
