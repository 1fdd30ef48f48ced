#!/usr/bin/env bash
# Makes a lang directory (phones, words, lexicon FST, HMM topology) from a dict directory, with `amd prepare-lang`.
set -euo pipefail
opts=""                       # further options of prepare-lang (e.g. TIMIT's --sil-prob=0)
help_message="Usage: $0 [--opts OPTS] <dict-dir> <oov-word> <lang-dir>
 e.g.: $0 --opts --sil-prob=0 data/local/dict - data/lang     (oov-word -: none)"
. utils/parse_options.sh
if [ $# -ne 3 ]; then printf '%s\n' "$help_message" >&2; exit 1; fi
dict=$1; oov=$2; lang=$3
. utils/run_logged.sh
run_logged amd prepare-lang $opts $dict "$oov" $lang
