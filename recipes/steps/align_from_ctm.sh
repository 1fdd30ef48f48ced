#!/usr/bin/env bash
# State alignments inside given phone boundaries (`amd ali-from-ctm`): the phones of <ctm> (a corpus's hand labels, or
# another aligner's CTM), the states of <src-dir>/final.mdl placed inside each by Viterbi: <ali-dir>/ali.1.ark; log
# <ali-dir>/log/ali_from_ctm.log. --frame-offset: seconds to add to the CTM's times before they become frames (0 for
# a CTM in Kaldi's frame convention; 0.0075 for times in the audio, where two 25 ms windows' centres meet).
set -euo pipefail
cmd=run.pl
nj=1                          # jobs to split the work into (it runs as one job)
frame_offset=0
help_message="Usage: $0 [--cmd run.pl] [--nj N] [--frame-offset S] <ctm> <data-dir> <lang-dir> <src-dir> <ali-dir>
 e.g.: $0 --frame-offset 0.0075 data/train/ctm data/train data/lang exp/mono exp/ctm_ali_train"
. utils/parse_options.sh
if [ $# -ne 5 ]; then printf '%s\n' "$help_message" >&2; exit 1; fi
ctm=$1; data=$2; lang=$3; srcdir=$4; dir=$5
. utils/run_logged.sh
run_logged $cmd $dir/log/ali_from_ctm.log amd ali-from-ctm --lang=$lang --model=$srcdir/final.mdl --frame-offset=$frame_offset \
  $ctm $data $dir
cp $srcdir/final.mdl $dir/final.mdl   # as Kaldi's alignment dirs: the model the pdf ids refer to
