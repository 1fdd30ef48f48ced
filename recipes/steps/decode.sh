#!/usr/bin/env bash
# Viterbi decoding of a data directory with a hybrid acoustic model, the lang's lexicon and <lang-dir>/lm.arpa, over
# a grid of LM weights and word insertion penalties (`amd decode`; one core per forward pass, utterances side by side
# as Kaldi decodes: a small network's pass is too short for two threads to pay): <decode-dir>/scoring/, hyp.txt, rtf;
# log <decode-dir>/log/decode.log. With --weights-from-dev DIR, a test set is decoded only at the LM weight and
# penalty best on that dev decoding (scored here if it was not yet), the point its WER is reported at: the grid's
# other points would cost a search each and tell nothing about the test set that is allowed to be used.
# With --nj N > 1, N jobs (JOB=1:N through --cmd) decode <data-dir>/splitNutt at every grid point into
# <decode-dir>/split/JOB/ (logs decode.JOB.log), and `amd merge-decodes` joins their hypotheses in job order and
# scores them once, as Kaldi does: the same hypotheses, WER and best LM weight as one job's (rtf sums the jobs' times).
set -euo pipefail
cmd=run.pl
nj=1                          # jobs to split the work into (by utterance)
config=conf/decode.conf
lm_weights=1,2,3,4,6,8,10
word_ins_penalties=-2,-1,0,1
weights_from_dev=""           # a dev decode dir: decode only at its best LM weight and penalty
opts=""                       # further options of decode (after --config), e.g. --prior-scale=0
help_message="Usage: $0 [--cmd run.pl] [--nj N] [--config conf/decode.conf] [--lm-weights 1,2,...] [--word-ins-penalties -1,0,...] [--weights-from-dev DEV-DECODE-DIR] [--opts OPTS] <model> <lang-dir> <data-dir> <decode-dir>
 e.g.: $0 exp/distilled/final.mdl data/lang data/test exp/distilled/decode_test"
. utils/parse_options.sh
if [ $# -ne 4 ]; then printf '%s\n' "$help_message" >&2; exit 1; fi
model=$1; lang=$2; data=$3; dir=$4
. utils/run_logged.sh
if [ -n "$weights_from_dev" ]; then
  point=$(amd score --print-best $weights_from_dev)
  lm_weights=${point% *}; word_ins_penalties=${point#* }
fi
decode=(amd decode --config=$config $opts --model=$model --lang=$lang --lm=$lang/lm.arpa
  --grid-lm-weights=$lm_weights --grid-word-ins-penalties=$word_ins_penalties)
. utils/num_jobs.sh
nj=$(num_jobs $data $nj --per-utt)
if [ "$nj" -le 1 ]; then
  run_logged $cmd $dir/log/decode.log env OMP_NUM_THREADS=1 "${decode[@]}" $data $dir
  exit 0
fi
run_logged amd split-data-dir --per-utt $data $nj
# one decoding thread per job: the array is the parallelism
run_logged $cmd --max-jobs-run $nj JOB=1:$nj $dir/log/decode.JOB.log \
  env OMP_NUM_THREADS=1 "${decode[@]}" --num-threads=1 $data/split${nj}utt/JOB $dir/split/JOB
run_logged amd merge-decodes $data $dir $(for ((j = 1; j <= nj; j++)); do echo $dir/split/$j; done) \
  > $dir/log/merge.log 2>&1 || { cat $dir/log/merge.log >&2; exit 1; }
rm -rf $dir/split
