#!/usr/bin/env bash
# Hinton, Vinyals & Dean (2015), "Distilling the Knowledge in a Neural Network", speech experiment, on a synthetic
# multi-voice connected-digits corpus: a baseline DNN, a 10-member ensemble, and one model distilled from it;
# frame accuracy and WER of each, a temperature sweep, and the 3 %-data soft-target experiment.
#
#   ./run.sh                      # the default run (about 30 minutes on 2 cores)
#   ./run.sh --quick true         # a tiny end-to-end run (2 members, 1 epoch): under 3 minutes
#   ./run.sh --stage 4 --stop-stage 6
#
# Each stage writes exp/.done/<stage> when it completes, and is skipped on a rerun; delete that file (or the
# stage's output) to redo it. Logs are in exp/*/log/.
set -euo pipefail

stage=0
stop_stage=100
quick=false
num_utts=1500
seed=1
num_members=10
temperature=2
hard_weight=0.1
sweep_temperatures="1 2 5 10"
sweep_hard_weights="0 0.5"
sweep_epochs=3
lm_weights=1,2,3,4,6,8,10
word_ins_penalties=-2,-1,0,1
small_fraction=0.03
nj=2
help_message="Usage: $0 [--stage N] [--stop-stage N] [--quick true|false] [--num-utts N] [--num-members N] [--seed S] [--temperature T]"

cd "$(dirname "$0")"
. ./path.sh
. ./cmd.sh
. utils/parse_options.sh
if [ $# -ne 0 ]; then echo "$0: unexpected arguments: $*" >&2; echo "$help_message" >&2; exit 1; fi

dnn_opts=""
distill_opts=""
synth_opts=""
if $quick; then
  num_utts=160; num_members=2; dnn_opts="--max-epochs=1 --min-epochs=1"; distill_opts="--max-epochs=1 --min-epochs=1"
  sweep_temperatures="1 2"; sweep_hard_weights=""; sweep_epochs=1; small_fraction=0.1
fi
mkdir -p exp/.done

# Runs a stage unless it is complete; a stage is complete only when its body finished without error.
stage_done() { [ -f "exp/.done/$1" ]; }
mark_done() { date > "exp/.done/$1"; }
run_stage() { # N NAME
  local n=$1 name=$2
  if [ "$stage" -le "$n" ] && [ "$stop_stage" -ge "$n" ]; then
    if stage_done "$n-$name"; then echo "== stage $n ($name): already done, skipping"; return 1; fi
    echo "== stage $n ($name): $(date +%T)"; return 0
  fi
  return 1
}
log() { echo "$*" >> exp/commands.log; }
run() { log "$*"; "$@"; }

trtr="scp:data/train/feats.scp ark:exp/mono/ali.1.ark scp:data/dev/feats.scp ark:exp/mono_ali_dev/ali.1.ark"

if run_stage 0 corpus; then
  if [ -d data ]; then echo "$0: data/ exists but stage 0 is not marked done: remove data/ and rerun" >&2; exit 1; fi
  mkdir -p exp/log
  run amd synth-corpus --task=digits --num-utts=$num_utts --seed=$seed $synth_opts data 2> exp/log/synth_corpus.log
  tail -1 exp/log/synth_corpus.log
  mark_done 0-corpus
fi

if run_stage 1 lang; then
  run amd prepare-lang data/local/dict - data/lang
  run amd train-lm --order=2 data/train/text data/lang/lm.arpa 2> exp/log/train_lm.log
  mark_done 1-lang
fi

if run_stage 2 features; then
  mkdir -p fbank
  for x in train dev test; do
    run $train_cmd exp/log/make_fbank_$x.log \
      amd compute-fbank-feats --config=conf/fbank.conf --seed=$seed scp:data/$x/wav.scp ark,scp:fbank/raw_fbank_$x.ark,data/$x/feats.scp
    run $train_cmd exp/log/cmvn_$x.log \
      amd compute-cmvn-stats --spk2utt=ark:data/$x/spk2utt scp:data/$x/feats.scp ark,scp:fbank/cmvn_$x.ark,data/$x/cmvn.scp
  done
  mark_done 2-features
fi

if run_stage 3 mono; then
  mono_opts=""; $quick && mono_opts="--num-iters=4 --max-iter-inc=3 --totgauss=300 --realign-iters=1,2,3"
  run $train_cmd exp/mono/log/train_mono.log amd train-mono $mono_opts data/train data/lang exp/mono
  for x in dev test; do
    run $train_cmd exp/mono_ali_$x/log/align.log amd align --model=exp/mono/final.mdl --lang=data/lang data/$x exp/mono_ali_$x
  done
  # How close the flat-start alignment is to the TTS's own phone timings (flite voices).
  run amd score-alignment data/train/ctm exp/mono/ali.ctm | tee exp/mono/boundary_accuracy.txt
  mark_done 3-mono
fi

eval_model() { # DIR MODEL
  mkdir -p $1/eval
  for x in dev test; do
    run amd eval-frame-acc --model=$2 --output=$1/eval/$x.acc scp:data/$x/feats.scp ark:exp/mono_ali_$x/ali.1.ark > /dev/null 2>> $1/log/eval.log
  done
  cat $1/eval/test.acc
}

if run_stage 4 baseline; then
  run $train_cmd exp/dnn_baseline/log/train.log amd train-dnn --config=conf/dnn.conf $dnn_opts --seed=$((seed * 1000)) --resume \
    --hmm-model=exp/mono/final.mdl $trtr exp/dnn_baseline
  eval_model exp/dnn_baseline exp/dnn_baseline/final.mdl
  mark_done 4-baseline
fi

if run_stage 5 ensemble; then
  # Two single-threaded members side by side outrun one two-threaded member on 2 cores.
  OMP_NUM_THREADS=1 run $train_cmd exp/ensemble/log/train.log amd train-ensemble --config=conf/dnn.conf $dnn_opts --seed=$((seed * 1000)) --parallel-members=$nj \
    --num-members=$num_members --hmm-model=exp/mono/final.mdl $trtr exp/ensemble
  eval_model exp/ensemble exp/ensemble/ensemble.mdl
  run amd eval-ensemble --model=exp/ensemble/ensemble.mdl --members-csv=exp/ensemble/members_dev.csv \
    --curve-csv=exp/ensemble/accuracy_vs_members.csv scp:data/dev/feats.scp ark:exp/mono_ali_dev/ali.1.ark > exp/ensemble/eval_members.txt 2>> exp/ensemble/log/eval.log
  tail -2 exp/ensemble/eval_members.txt
  mark_done 5-ensemble
fi

if run_stage 6 soft_targets; then
  for t in $(echo $temperature $sweep_temperatures | tr ' ' '\n' | sort -un); do
    run $train_cmd exp/soft_T$t/log/compute.log amd compute-soft-targets --model=exp/ensemble/ensemble.mdl --temperature=$t \
      scp:data/train/feats.scp exp/soft_T$t
  done
  mark_done 6-soft_targets
fi

if run_stage 7 distill; then
  run $train_cmd exp/distilled/log/train.log amd distill --config=conf/distill.conf $distill_opts --seed=$((seed * 1000 + 500)) --resume \
    --temperature=$temperature --hard-weight=$hard_weight --soft-targets=exp/soft_T$temperature \
    --hmm-model=exp/mono/final.mdl $trtr exp/distilled
  eval_model exp/distilled exp/distilled/final.mdl
  mark_done 7-distill
fi

if run_stage 8 sweep; then
  # Temperature (and hard-label weight) sweep with a shorter schedule; dev frame accuracy of each student.
  mkdir -p exp/sweep
  rows=""
  for tw in $(for t in $sweep_temperatures; do echo $t:$hard_weight; done; for w in $sweep_hard_weights; do echo $temperature:$w; done); do
    t=${tw%%:*}; w=${tw#*:}
    {
      d=exp/sweep/T${t}_w$w
      run $train_cmd $d/log/train.log amd distill --config=conf/distill.conf --max-epochs=$sweep_epochs --min-epochs=1 --seed=$((seed * 1000 + 500)) \
        --resume --temperature=$t --hard-weight=$w --soft-targets=exp/soft_T$t --hmm-model=exp/mono/final.mdl $trtr $d
      acc=$(amd eval-frame-acc --model=$d/final.mdl scp:data/dev/feats.scp ark:exp/mono_ali_dev/ali.1.ark 2>/dev/null | awk '{print $2}')
      rows="$rows$t,$w,$acc\n"
    }
  done
  printf "temperature,hard_weight,frame_acc_dev\n$rows" > exp/sweep/.temperature.csv && mv exp/sweep/.temperature.csv exp/sweep/temperature.csv
  cat exp/sweep/temperature.csv
  mark_done 8-sweep
fi

if run_stage 9 small_data; then
  # Soft targets as a regulariser: a baseline on 3 % of the training data overfits; the same model trained on the
  # ensemble's soft targets for that 3 % (teacher trained on all of it) does not.
  run amd subset-data-dir --fraction=$small_fraction --seed=$seed data/train data/train_small
  small="scp:data/train_small/feats.scp ark:exp/mono/ali.1.ark scp:data/dev/feats.scp ark:exp/mono_ali_dev/ali.1.ark"
  run $train_cmd exp/dnn_small/log/train.log amd train-dnn --config=conf/dnn.conf $dnn_opts --seed=$((seed * 1000)) --resume \
    --max-epochs=20 --patience=3 --hmm-model=exp/mono/final.mdl $small exp/dnn_small
  run $train_cmd exp/distilled_small/log/train.log amd distill --config=conf/distill.conf $distill_opts --seed=$((seed * 1000)) --resume \
    --max-epochs=20 --patience=3 --temperature=$temperature --hard-weight=$hard_weight --soft-targets=exp/soft_T$temperature \
    --hmm-model=exp/mono/final.mdl $small exp/distilled_small
  rows=""
  for s in baseline_small:exp/dnn_small/final.mdl soft_targets_small:exp/distilled_small/final.mdl baseline_full:exp/dnn_baseline/final.mdl; do
    name=${s%%:*}; m=${s#*:}
    tr=$(amd eval-frame-acc --model=$m scp:data/train_small/feats.scp ark:exp/mono/ali.1.ark 2>/dev/null | awk '{print $2}')
    te=$(amd eval-frame-acc --model=$m scp:data/test/feats.scp ark:exp/mono_ali_test/ali.1.ark 2>/dev/null | awk '{print $2}')
    rows="$rows$name,$tr,$te\n"
  done
  printf "system,train_frame_acc,test_frame_acc\n$rows" > exp/.small_data.csv && mv exp/.small_data.csv exp/small_data.csv
  cat exp/small_data.csv
  mark_done 9-small_data
fi

if run_stage 10 decode; then
  for s in dnn_baseline:final.mdl ensemble:ensemble.mdl distilled:final.mdl; do
    d=exp/${s%%:*}; m=$d/${s#*:}
    for x in dev test; do
      run $decode_cmd $d/decode_$x/log/decode.log amd decode --config=conf/decode.conf --model=$m --lang=data/lang \
        --lm=data/lang/lm.arpa --grid-lm-weights=$lm_weights --grid-word-ins-penalties=$word_ins_penalties data/$x $d/decode_$x
    done
    # LM weight and insertion penalty chosen on dev, applied to test (Kaldi's scoring).
    run amd score --dev=$d/decode_dev $d/decode_test > $d/decode_test/log/score.log 2>&1
    echo "$(basename $d): $(cat $d/decode_test/scoring_kaldi/wer_from_dev) | $(cat $d/decode_test/rtf)"
  done
  mark_done 10-decode
fi

if run_stage 11 report; then
  local/collect_results.sh exp "baseline:exp/dnn_baseline ensemble:exp/ensemble distilled:exp/distilled"
  curves=$(ls exp/dnn_baseline/metrics.csv exp/ensemble/member*/metrics.csv exp/distilled/metrics.csv | paste -sd, -)
  run amd make-report --title="synth-digits: baseline vs ensemble vs distilled" --results=exp/results.csv --curves=$curves \
    --members-curve=exp/ensemble/accuracy_vs_members.csv --temperature-sweep=exp/sweep/temperature.csv \
    --regulariser=exp/small_data.csv --commands=exp/commands.log exp 2> exp/log/report.log
  echo "Wrote exp/results.csv, exp/RESULTS.md and exp/report.html"
  mark_done 11-report
fi
