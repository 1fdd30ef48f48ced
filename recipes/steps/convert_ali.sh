#!/usr/bin/env bash
# Alignments moved to another model's pdf ids with the same phones and HMMs (`amd convert-ali`, as Kaldi's
# convert-ali): typically a monophone alignment turned into tied triphone states through <model-dir>'s tree, each
# frame's phone and HMM state kept. Writes <ali-dir>/ali.1.ark, and copies ali.ctm and unaligned.txt (the phone
# segments do not change) and <model-dir>/final.mdl; log <ali-dir>/log/convert_ali.log.
set -euo pipefail
help_message="Usage: $0 <src-ali-dir> <model-dir> <ali-dir>
 e.g.: $0 exp/ctm_ali_dev exp/tri1 exp/tri1_ali_dev"
. utils/parse_options.sh
if [ $# -ne 3 ]; then printf '%s\n' "$help_message" >&2; exit 1; fi
srcali=$1; modeldir=$2; dir=$3
. utils/run_logged.sh
mkdir -p $dir/log
run_logged amd convert-ali $srcali/final.mdl $modeldir/final.mdl ark:$srcali/ali.1.ark ark:$dir/ali.1.ark \
  2> $dir/log/convert_ali.log || { cat $dir/log/convert_ali.log >&2; exit 1; }
for f in ali.ctm unaligned.txt; do cp $srcali/$f $dir/.$f.tmp; mv $dir/.$f.tmp $dir/$f; done
cp $modeldir/final.mdl $dir/final.mdl
