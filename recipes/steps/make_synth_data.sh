#!/usr/bin/env bash
# Makes a synthetic corpus's data directories: data/{train,dev,test} and data/local/dict from `amd synth-corpus`
# (test and dev voices never occur in training; with --dev-utts and --test-utts, --num-utts counts the training
# utterances and dev and test have their own sizes, so that a test set can be large at little cost), data/local/clean_utts.txt, and, with --transfer-utts N > 0, data/transfer: N fresh utterances
# of the training voices only (new texts, rates, pitches and augmentations), numbered past the corpus's own, for the
# teacher to label, and, with --aligner-utts N > 0, data/aligner: N phonetically rich sentences of the training voices
# only, with data/local/dict_aligner (their lexicon and the task's), on which the flat-start aligner is trained — a
# small vocabulary such as the digits' leaves a monophone free to take any share of its neighbour (README,
# Alignment). Logs go to exp/log/.
#   steps/make_synth_data.sh --task digits --num-utts 1500 --transfer-utts 3000 --aligner-utts 1500 --seed 1 [--engines freetts] data
set -euo pipefail
task=digits
num_utts=1500
dev_utts=""                   # empty: dev and test are shares of --num-utts (synth-corpus's fractions)
test_utts=""
transfer_utts=0
aligner_utts=0
seed=1
engines=""                    # TTS engines (synth-corpus --engines); empty: every installed one
command_line="$0 $*"
help_message="Usage: $0 [--task digits|sentences] [--num-utts N] [--dev-utts N --test-utts N] [--transfer-utts N] [--aligner-utts N] [--seed S] [--engines LIST] <data-dir>"
. utils/parse_options.sh
if [ $# -ne 1 ]; then printf '%s\n' "$help_message" >&2; exit 1; fi
data=$1
echo "$command_line" >> exp/commands.log   # the stage's command, as every step logs its own
mkdir -p exp/log
sizes=""; corpus_utts=$num_utts
if [ -n "$test_utts$dev_utts" ]; then
  sizes="--dev-utts=$dev_utts --test-utts=$test_utts"; corpus_utts=$((num_utts + dev_utts + test_utts))
fi
engine_opt=${engines:+--engines=$engines}
amd synth-corpus $engine_opt --task=$task --num-utts=$num_utts $sizes --seed=$seed $data 2> exp/log/synth_corpus.log || { tail -3 exp/log/synth_corpus.log >&2; exit 1; }
sed -n 's/.* - \(TTS engine .* is not installed: .*\)/\1/p' exp/log/synth_corpus.log   # the voices it lacks
tail -1 exp/log/synth_corpus.log
# The clean utterances (no added noise, no reverberation), on which the flat-start aligner's phone boundaries are
# scored against the TTS timings as well as on all of them.
amd csv-to-text --columns=utt --where=noise=none --where=reverb= $data/manifest.csv | sort > $data/local/clean_utts.txt
# A further corpus of the training voices only (dev and test voices never occur in training): NAME TASK UTTS SEED
# FIRST-INDEX makes $data/NAME from the training part of $data/NAME_corpus, made in place (stage 0 starts again from
# scratch when it did not finish), its WAVs staying where its wav.scp names them.
training_voices_corpus() {
  local name=$1 corpus_task=$2 utts=$3 corpus_seed=$4 first=$5 v
  rm -rf $data/$name $data/${name}_corpus
  amd synth-corpus $engine_opt --task=$corpus_task --num-utts=$utts --seed=$corpus_seed --dev-fraction=0 --test-fraction=0 \
    --first-index=$first $data/${name}_corpus 2> exp/log/synth_$name.log || { tail -3 exp/log/synth_$name.log >&2; exit 1; }
  tail -1 exp/log/synth_$name.log
  for v in $(cut -d' ' -f1 $data/${name}_corpus/train/spk2utt); do
    grep -q "^$v " $data/train/spk2utt || { echo "$0: $name voice $v is not a training voice" >&2; exit 1; }
  done
  mv $data/${name}_corpus/train $data/$name
}
if [ "$transfer_utts" -gt 0 ]; then
  training_voices_corpus transfer $task $transfer_utts $((seed + 100)) $((corpus_utts * 10))
fi
if [ "$aligner_utts" -gt 0 ]; then
  rm -rf $data/local/dict_aligner $data/local/dict_aligner.tmp
  training_voices_corpus aligner sentences $aligner_utts $((seed + 200)) $((corpus_utts * 10 + transfer_utts))
  # The aligner's lexicon: the sentences' and the task's words (it aligns the task's transcripts too), every phone
  # of both; the silence phones are the same in both.
  mkdir -p $data/local/dict_aligner.tmp
  sort -u $data/local/dict/lexicon.txt $data/aligner_corpus/local/dict/lexicon.txt > $data/local/dict_aligner.tmp/lexicon.txt
  sort -u $data/local/dict/nonsilence_phones.txt $data/aligner_corpus/local/dict/nonsilence_phones.txt > $data/local/dict_aligner.tmp/nonsilence_phones.txt
  for f in silence_phones.txt optional_silence.txt; do
    cmp -s $data/local/dict/$f $data/aligner_corpus/local/dict/$f || { echo "$0: $f differs between the task's and the aligner corpus's dict" >&2; exit 1; }
    cp $data/local/dict/$f $data/local/dict_aligner.tmp/
  done
  mv $data/local/dict_aligner.tmp $data/local/dict_aligner
fi
