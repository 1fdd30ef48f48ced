#!/usr/bin/env bash
# Hinton, Vinyals & Dean (2015), "Distilling the Knowledge in a Neural Network", speech experiment, on TIMIT (LDC93S1,
# which you must own): a baseline DNN, a 10-member ensemble, and one model distilled from it; frame accuracy and
# phone error rate of each, a temperature sweep, and the 3 %-data soft-target experiment.
#
#   ./run.sh --timit /data/LDC93S1/timit/TIMIT                  # the full run (hours on a few cores)
#   ./run.sh --timit /data/LDC93S1/timit/TIMIT --quick true     # a small end-to-end run (2 members, 1 epoch, subsets)
#   ./run.sh --timit DIR --stage 4 --stop-stage 6
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
# monophone GMM, then state alignments inside the hand labels), 4 baseline, 5 ensemble, 6 soft targets,
# 7 distilled student (one per seed), 8 temperature sweep, 9 3 %-data experiment, 10 decoding, 11 report,
# 12 phone error rate on 39 phones. Stages 1-11 are steps/distill_stages.sh, shared by every recipe.
# Each stage writes exp/.done/<stage> when it completes, and is skipped on a rerun; delete that file (or the
# stage's output) to redo it. Logs are in exp/*/log/.
set -euo pipefail

timit=
stage=0
stop_stage=100
quick=false
quick_train_utts=400          # --quick: the first N utterances of train (whole speakers), and of dev and test:
quick_test_utts=100
seed=1
num_members=10
temperature=2
hard_weight=0.1
distill_seeds="1 2 3"         # the student is trained once per seed; the report gives mean and spread
sweep_temperatures="1 2 5 10"
sweep_hard_weights="0 0.5"
sweep_epochs=3
lm_order=2                    # a phone bigram, as in Kaldi's TIMIT recipe
lm_weights=1,2,3,4,6,8,10
word_ins_penalties=-2,-1,0,1
small_fraction=0.03
nj=2
help_message="Usage: $0 --timit DIR [--stage N] [--stop-stage N] [--quick true|false] [--num-members N] [--seed S] [--temperature T] [--distill-seeds \"1 2 3\"]
  --timit DIR   the TIMIT corpus: the directory holding TRAIN and TEST (e.g. .../LDC93S1/timit/TIMIT)"

cd "$(dirname "$0")"
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
. steps/distill_stages.sh

train_set=train; dev_set=dev; test_set=test; transfer_set=""
ctm_alignments=true
lang_opts="--sil-prob=0"      # silence is transcribed (the sil "word", from h#, pau, epi): no optional silence
report_title="TIMIT: baseline vs ensemble vs distilled (the WER column is the phone error rate on 48 phones)"
dnn_opts=""; distill_opts=""; mono_opts=""
if $quick; then
  # Every stage once, each as small as it goes: a JVM start is a good part of most stages' time here.
  quick_defaults_real_corpus
fi

if run_stage 0 data; then
  restart_data_dir
  check_disk 1000
  mkdir -p exp/log
  run amd prepare-timit "$timit" data 2> exp/log/prepare_timit.log || { cat exp/log/prepare_timit.log >&2; exit 1; }
  grep -h "utterances" exp/log/prepare_timit.log || true
  if $quick; then
    quick_subsets
  fi
  mark_done 0-data
fi

distill_stages

if run_stage 12 per39; then
  # Standard TIMIT scoring: reference and hypotheses folded from 48 to 39 phones (Lee & Hon, 1989), the LM weight
  # and insertion penalty again chosen on dev. The 48-phone scoring of stage 10 is left as it is.
  awk 'NF == 3 {print $2, $3}' data/local/phones.60-48-39.map | sort -u > data/local/phones.48-39.map
  rows=""
  for s in baseline:exp/dnn_baseline ensemble:exp/ensemble distilled:exp/distilled; do
    d=${s#*:}
    for x in $dev_set $test_set; do
      rm -rf $d/decode_${x}_39; mkdir -p $d/decode_${x}_39
      cp -r $d/decode_$x/scoring $d/decode_${x}_39/
      [ -f $d/decode_$x/hyp.txt ] && cp $d/decode_$x/hyp.txt $d/decode_${x}_39/
    done
    run amd score --phone-map=data/local/phones.48-39.map $d/decode_${dev_set}_39 > /dev/null
    run amd score --phone-map=data/local/phones.48-39.map --dev=$d/decode_${dev_set}_39 $d/decode_${test_set}_39 > $d/decode_${test_set}_39/score.log
    per39=$(sed -n 's/.*%WER \([0-9.]*\).*/\1/p' $d/decode_${test_set}_39/scoring_kaldi/wer_from_dev | head -1)
    per48=$(sed -n 's/.*%WER \([0-9.]*\).*/\1/p' $d/decode_$test_set/scoring_kaldi/wer_from_dev | head -1)
    rows="$rows${s%%:*},$per48,$per39\n"
  done
  printf "system,per48_test,per39_test\n$rows" > exp/.per39.csv && mv exp/.per39.csv exp/per39.csv
  cat exp/per39.csv
  if [ -f exp/RESULTS.md ] && ! grep -q "^## Phone error rate on 39 phones" exp/RESULTS.md; then
    {
      echo; echo "## Phone error rate on 39 phones"; echo
      echo "The standard TIMIT figure: the 48 phones of the transcripts and of the hypotheses folded to 39"
      echo "(data/local/phones.48-39.map), the LM weight and insertion penalty chosen on dev (exp/per39.csv)."; echo
      echo "| System | Test PER, 48 phones | Test PER, 39 phones |"; echo "|---|---:|---:|"
      tail -n +2 exp/per39.csv | awk -F, '{printf "| %s | %.2f %% | %.2f %% |\n", $1, $2, $3}'
    } >> exp/RESULTS.md
  fi
  mark_done 12-per39
fi
