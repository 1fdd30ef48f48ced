#!/usr/bin/env bash
# Issue 23 experiment (docs/EXPERIMENTS.md), run in the tied-state run's recipe directory (AMD_JAR: the launcher used there).
# issue 23: does unlabelled speech of voices outside training carry more of the ensemble's WER gain to a student than
# as much speech of the training voices? (dev voices here: never trained on, and not the test voices)
set -e
. ./path.sh; : "${AMD_JAR:?set AMD_JAR to the launcher jar}"
x=exp/student_wer/xvoice; mkdir -p $x/log
# 1,200 new utterances of the 3 dev voices (their dev split alone), ids past every other corpus
[ -s $x/corpus/dev/text ] || amd synth-corpus --task=digits --num-utts=1 --dev-utts=1200 --test-utts=0 --seed=2001 \
  --first-index=300000 $x/corpus > $x/log/synth.log 2>&1
rm -rf data/xvoice && cp -r $x/corpus/dev data/xvoice && rm -f data/xvoice/feats.scp data/xvoice/cmvn.scp
bash steps/make_fbank.sh --nj 2 data/xvoice $x/log $x/fbank
bash steps/compute_cmvn_stats.sh data/xvoice $x/log $x/fbank
# the same amount of training-voice speech: 40 % of the transfer set (about 1,200 utterances)
rm -rf data/xtrainv && bash steps/subset_data_dir.sh --fraction 0.4 --seed 1 data/transfer data/xtrainv
bash steps/combine_feats.sh data/train_xvoice data/train data/xvoice
bash steps/combine_feats.sh data/train_xtrainv data/train data/xtrainv
bash steps/make_soft_targets.sh --nj 1 --temperature 2 exp/ensemble/ensemble.mdl data/train_xvoice $x/soft_xvoice
bash steps/make_soft_targets.sh --nj 1 --temperature 2 exp/ensemble/ensemble.mdl data/train_xtrainv $x/soft_xtrainv
for s in xvoice xtrainv; do
  ( run.pl $x/$s/log/train.log amd distill --config=conf/distill.conf --max-epochs=3 --min-epochs=1 \
      --class-frame-counts=exp/distilled/priors_counts.vec --seed=1501 --temperature=2 --hard-weight=0 \
      --soft-targets=$x/soft_$s --hmm-model=exp/tri1/final.mdl scp:data/train_$s/feats.scp none \
      scp:data/dev/feats.scp ark:exp/tri1_ali_dev/ali.1.ark $x/$s \
    && bash steps/decode.sh --lm-weights 4,5,6,8 --word-ins-penalties -1,0,1,2 $x/$s/final.mdl data/lang data/test $x/$s/decode_test_grid ) &
done
wait
