#!/usr/bin/env bash
# Makes <dest-data>/feats.scp and utt2spk of all the source data directories (sorted), e.g. the training set and the
# transfer set that the teacher labels and the student learns from: a data directory of features alone, which
# split-data-dir can split for a job array.
set -euo pipefail
help_message="Usage: $0 <dest-data> <src-data>...
 e.g.: $0 data/distill data/train data/transfer"
. utils/parse_options.sh
if [ $# -lt 2 ]; then printf '%s\n' "$help_message" >&2; exit 1; fi
dest=$1; shift
mkdir -p $dest
for f in feats.scp utt2spk; do
  for x in "$@"; do cat $x/$f; done | sort > $dest/.$f && mv $dest/.$f $dest/$f
done
