#!/usr/bin/env bash
# LibriSpeech subsets as data directories (`amd prepare-librispeech`, a speaker being a reader-chapter):
# <data-dir>/<subset with _ for ->, and <data-dir>/local/dict over the lexicon's words of every subset given
# (transcript words not in it map to <UNK>); log <log-dir>/prepare_<subset>.log, shown when it fails.
set -euo pipefail
lexicon=
help_message="Usage: $0 --lexicon FILE <corpus-dir> <subset>... <data-dir> <log-dir>
 e.g.: $0 --lexicon librispeech-lexicon.txt /data/LibriSpeech train-clean-100 dev-clean test-clean data exp/log"
. utils/parse_options.sh
if [ $# -lt 4 ] || [ -z "$lexicon" ]; then printf '%s\n' "$help_message" >&2; exit 1; fi
corpus=$1; data=${@: -2:1}; logdir=${!#}; subsets=("${@:2:$#-3}")
. utils/run_logged.sh
mkdir -p $logdir
# Each call rewrites <data-dir>/local/dict over the words of every set prepared so far: after the last, of all.
for s in "${subsets[@]}"; do
  log=$logdir/prepare_${s//-/_}.log
  run_logged amd prepare-librispeech --lexicon="$lexicon" "$corpus/$s" $data 2> $log || { cat $log >&2; exit 1; }
  grep -h "utterances" $log || true
done
