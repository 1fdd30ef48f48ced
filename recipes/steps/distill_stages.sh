# The stages every recipe shares once its data directories exist (sourced by recipes/<corpus>/run.sh, as Kaldi's
# recipes share steps/ and utils/): lang, features, alignment, the baseline DNN, the ensemble, soft targets, the
# distilled student (over several seeds), the temperature sweep, the 3 %-data experiment, decoding and the report.
#
# The recipe sets, before sourcing this file and calling its stage 0:
#   train_set dev_set test_set   data directory names under data/ (each with wav.scp, text, utt2spk)
#   transfer_set                 unlabelled data for the teacher to label (empty: the training set only)
#   ctm_alignments               true: DNN targets from the corpus's phone CTMs (data/<set>/ctm, e.g. TIMIT's hand
#                                labels) aligned inside the phone boundaries; false: the flat-start alignment
#   lm_order seed num_members temperature hard_weight distill_seeds sweep_temperatures sweep_hard_weights
#   sweep_epochs lm_weights word_ins_penalties small_fraction nj dnn_opts distill_opts mono_opts quick
# and may set (unset: as for synth-digits):
#   lang_opts    options of prepare-lang (TIMIT: --sil-prob=0, silence is a transcribed "word" there)
#   oov_word     the lexicon's word for out-of-vocabulary words (LibriSpeech: <UNK>); unset: -, none
#   lm_opts      options of train-lm (LibriSpeech: --vocab=data/lang/words.txt, so dev/test words unseen in
#                the training text can still be recognised)
#   aligner_set  a data directory of phonetically rich speech (synth-digits: sentences of the training voices), with
#                data/local/dict_aligner over its words and the task's, on which the flat-start aligner is trained
#                instead of the training set; the DNN targets are then the task monophone's states placed inside
#                that aligner's phone boundaries (ctm_alignments=true takes precedence: hand labels are better
#                still). Unset: the task's own flat start gives the targets.
#   aligner_lang_opts aligner_mono_opts   prepare-lang and train-mono options of that aligner
# and calls `distill_stages` after its own stage 0 (corpus preparation).
#
# Each stage writes exp/.done/<stage> when it completes and is skipped on a rerun; a stage that stopped half way (a
# full disk, a kill) is not marked and is redone; the commands write their outputs atomically or resume
# (train-dnn/train-ensemble/distill --resume continue from their last checkpoint).

for v in stage stop_stage; do
  if ! [[ ${!v} =~ ^[0-9]+$ ]]; then echo "$0: --${v//_/-} must be a stage number (0-11), got '${!v}'" >&2; exit 1; fi
done
mkdir -p exp/.done

stage_done() { [ -f "exp/.done/$1" ]; }
mark_done() { date > "exp/.done/$1.tmp" && mv "exp/.done/$1.tmp" "exp/.done/$1"; }
# run_stage N NAME: true when stage N is selected by --stage/--stop-stage and not yet done.
run_stage() {
  local n=$1 name=$2
  if [ "$stage" -le "$n" ] && [ "$stop_stage" -ge "$n" ]; then
    if stage_done "$n-$name"; then echo "== stage $n ($name): already done, skipping"; return 1; fi
    echo "== stage $n ($name): $(date +%T)"; return 0
  fi
  return 1
}
log() { echo "$*" >> exp/commands.log; }
run() { log "$*"; "$@"; }

# Stops early with a clear message when the file system is nearly full, rather than failing half way through a stage.
check_disk() { # MIN_MB
  local free_mb
  free_mb=$(df -Pm . | awk 'NR==2{print $4}')
  if [ -n "$free_mb" ] && [ "$free_mb" -lt "$1" ]; then
    echo "$0: only ${free_mb} MB free in $(pwd) (need about $1 MB): free some space and rerun; finished stages are kept" >&2
    exit 1
  fi
}

# Stage 0's output without its mark is half-made (a kill, a full disk): it is made again from scratch, never trusted.
restart_data_dir() {
  if [ -d data ]; then echo "$0: data/ is incomplete (stage 0 did not finish): removing it and starting again"; rm -rf data; fi
}

# The --quick settings every recipe shares: each stage once, as small as it goes (a recipe adds its own on top).
quick_defaults() {
  num_members=2
  dnn_opts="--max-epochs=1 --min-epochs=1"; distill_opts="$dnn_opts"
  mono_opts="${mono_opts:-} --num-iters=4 --max-iter-inc=3 --totgauss=300 --realign-iters=1,2,3"
  aligner_mono_opts="${aligner_mono_opts:-} --num-iters=4 --max-iter-inc=3 --totgauss=300 --realign-iters=1,2,3"
  sweep_hard_weights=""; sweep_epochs=1; small_fraction=0.1
}

# --quick on a real corpus: as above, with one student seed and one sweep temperature, small networks (a quick run
# checks the plumbing, not conf/'s sizes) and a small decoding grid.
quick_defaults_real_corpus() {
  quick_defaults
  distill_seeds="1"; sweep_temperatures="$temperature"
  dnn_opts="$dnn_opts --hidden-layers=2 --hidden-dim=256"; distill_opts="$dnn_opts"
  lm_weights=2,4,8; word_ins_penalties=-1,0
}

# --quick on a real corpus: the first $quick_train_utts utterances of the training set and $quick_test_utts of dev
# and test (whole speakers).
quick_subsets() {
  steps/quick_subset.sh data/$train_set $quick_train_utts
  local x
  for x in $dev_set $test_set; do steps/quick_subset.sh data/$x $quick_test_utts; done
}

eval_model() { # DIR MODEL
  mkdir -p $1/eval $1/log
  for x in dev test; do
    local set_var=${x}_set ali_var=ali_$x
    run amd eval-frame-acc --model=$2 --output=$1/eval/$x.acc scp:data/${!set_var}/feats.scp ark:${!ali_var}/ali.1.ark > /dev/null 2>> $1/log/eval.log
  done
  cat $1/eval/test.acc
}

# mean and sample standard deviation of the numbers on stdin
mean_sd() { awk '{s+=$1; q+=$1*$1; n++} END {m=s/n; v=(n>1)?(q-n*m*m)/(n-1):0; if (v<0) v=0; printf "%.2f,%.2f,%d", m, sqrt(v), n}'; }

distill_stages() {
  # Where the DNN targets' phone boundaries come from: the task monophone's own alignment (none), the corpus's phone
  # CTMs (corpus) or the phonetically rich aligner's (aligner); in the last two the monophone's states go inside them.
  boundaries_from=none
  if $ctm_alignments; then boundaries_from=corpus; elif [ -n "${aligner_set:-}" ]; then boundaries_from=aligner; fi
  ali_train=exp/mono; ali_dev=exp/mono_ali_$dev_set; ali_test=exp/mono_ali_$test_set
  if [ $boundaries_from != none ]; then
    ali_train=exp/ctm_ali_$train_set; ali_dev=exp/ctm_ali_$dev_set; ali_test=exp/ctm_ali_$test_set
  fi
  trtr="scp:data/$train_set/feats.scp ark:$ali_train/ali.1.ark scp:data/$dev_set/feats.scp ark:$ali_dev/ali.1.ark"
  distill_sets=$train_set; [ -n "$transfer_set" ] && distill_sets="$train_set $transfer_set"

  if run_stage 1 lang; then
    run amd prepare-lang ${lang_opts:-} data/local/dict "${oov_word:--}" data/lang
    [ -z "${aligner_set:-}" ] || run amd prepare-lang ${aligner_lang_opts:-} data/local/dict_aligner "${oov_word:--}" data/lang_aligner
    run amd train-lm --order=$lm_order ${lm_opts:-} data/$train_set/text data/lang/lm.arpa 2> exp/log/train_lm.log
    mark_done 1-lang
  fi

  if run_stage 2 features; then
    check_disk 500
    mkdir -p fbank
    for x in $train_set $dev_set $test_set $transfer_set ${aligner_set:-}; do
      run $train_cmd exp/log/make_fbank_$x.log \
        amd compute-fbank-feats --config=conf/fbank.conf --seed=$seed scp:data/$x/wav.scp ark,scp:fbank/raw_fbank_$x.ark,data/$x/feats.scp
      run $train_cmd exp/log/cmvn_$x.log \
        amd compute-cmvn-stats --spk2utt=ark:data/$x/spk2utt scp:data/$x/feats.scp ark,scp:fbank/cmvn_$x.ark,data/$x/cmvn.scp
      # As Kaldi's recipes run utils/validate_data_dir.sh: every file consistent, every audio file readable.
      run amd validate-data-dir data/$x > exp/log/validate_$x.log 2>&1 || { cat exp/log/validate_$x.log >&2; exit 1; }
    done
    mark_done 2-features
  fi

  if run_stage 3 alignment; then
    local x ctm offset
    run $train_cmd exp/mono/log/train_mono.log amd train-mono $mono_opts data/$train_set data/lang exp/mono
    if [ $boundaries_from = none ]; then
      for x in $dev_set $test_set; do
        run $train_cmd exp/mono_ali_$x/log/align.log amd align --model=exp/mono/final.mdl --lang=data/lang data/$x exp/mono_ali_$x
      done
    fi
    # Phone boundaries from elsewhere, and the task monophone's states placed inside them by Viterbi: the corpus's own
    # (hand labels; times in the audio, so a frame boundary counts where the two windows' centres meet), or those of
    # a flat-start aligner trained on phonetically rich speech (frame times in Kaldi's convention).
    if [ -n "${aligner_set:-}" ]; then
      run $train_cmd exp/mono_aligner/log/train_mono.log amd train-mono ${aligner_mono_opts:-} data/$aligner_set data/lang_aligner exp/mono_aligner
      for x in $train_set $dev_set $test_set; do
        run $train_cmd exp/mono_aligner/ali_$x/log/align.log amd align --model=exp/mono_aligner/final.mdl --lang=data/lang_aligner \
          data/$x exp/mono_aligner/ali_$x
      done
    fi
    if [ $boundaries_from != none ]; then
      for x in $train_set $dev_set $test_set; do
        if [ $boundaries_from = corpus ]; then ctm=data/$x/ctm; offset=0.0075; else ctm=exp/mono_aligner/ali_$x/ali.ctm; offset=0; fi
        run $train_cmd exp/ctm_ali_$x/log/ali_from_ctm.log amd ali-from-ctm --lang=data/lang --model=exp/mono/final.mdl \
          --frame-offset=$offset $ctm data/$x exp/ctm_ali_$x
      done
    fi
    # How close the flat-start alignments are to the corpus's phone timings (TTS timings or hand labels), if it has
    # any: the task's own flat start, and the aligner's.
    if [ -s data/$train_set/ctm ]; then
      rm -f exp/mono/boundary_accuracy.txt
      local hyp clean=false
      [ -s data/local/clean_utts.txt ] && awk 'NR == FNR { c[$1]; next } $1 in c { f = 1; exit } END { exit !f }' \
        data/local/clean_utts.txt data/$train_set/ctm && clean=true
      for hyp in exp/mono/ali.ctm ${aligner_set:+exp/mono_aligner/ali_$train_set/ali.ctm}; do
        run amd score-alignment data/$train_set/ctm $hyp | sed "s|\$| all $hyp|" | tee -a exp/mono/boundary_accuracy.txt
        if $clean; then
          run amd score-alignment --utt-list=data/local/clean_utts.txt data/$train_set/ctm $hyp | sed "s|\$| clean $hyp|" \
            | tee -a exp/mono/boundary_accuracy.txt
        fi
      done
    fi
    mark_done 3-alignment
  fi

  if run_stage 4 baseline; then
    run $train_cmd exp/dnn_baseline/log/train.log amd train-dnn --config=conf/dnn.conf $dnn_opts --seed=$((seed * 1000)) --resume \
      --hmm-model=exp/mono/final.mdl $trtr exp/dnn_baseline
    eval_model exp/dnn_baseline exp/dnn_baseline/final.mdl
    mark_done 4-baseline
  fi

  if run_stage 5 ensemble; then
    # Two single-threaded members side by side outrun one two-threaded member on 2 cores.
    run $train_cmd exp/ensemble/log/train.log env OMP_NUM_THREADS=1 amd train-ensemble --config=conf/dnn.conf $dnn_opts --seed=$((seed * 1000)) \
      --parallel-members=$nj --num-members=$num_members --hmm-model=exp/mono/final.mdl $trtr exp/ensemble
    eval_model exp/ensemble exp/ensemble/ensemble.mdl
    for x in dev test; do
      local set_var=${x}_set ali_var=ali_$x
      run amd eval-ensemble --model=exp/ensemble/ensemble.mdl --members-csv=exp/ensemble/members_$x.csv \
        --curve-csv=exp/ensemble/accuracy_vs_members_$x.csv scp:data/${!set_var}/feats.scp ark:${!ali_var}/ali.1.ark \
        > exp/ensemble/eval_members_$x.txt 2>> exp/ensemble/log/eval.log
    done
    cp exp/ensemble/accuracy_vs_members_dev.csv exp/ensemble/accuracy_vs_members.csv
    tail -1 exp/ensemble/eval_members_dev.txt
    mark_done 5-ensemble
  fi

  if run_stage 6 soft_targets; then
    check_disk 1000
    # The teacher labels the training set and the transfer set once (the student's targets at $temperature); the
    # sweep's other temperatures label the training set only.
    mkdir -p data/distill
    for x in $distill_sets; do cat data/$x/feats.scp; done | sort > data/distill/.feats.scp && mv data/distill/.feats.scp data/distill/feats.scp
    run $train_cmd exp/soft_T$temperature/log/compute.log amd compute-soft-targets --model=exp/ensemble/ensemble.mdl \
      --temperature=$temperature scp:data/distill/feats.scp exp/soft_T$temperature
    for t in $sweep_temperatures; do
      [ "$t" = "$temperature" ] && continue
      run $train_cmd exp/soft_T$t/log/compute.log amd compute-soft-targets --model=exp/ensemble/ensemble.mdl --temperature=$t \
        scp:data/$train_set/feats.scp exp/soft_T$t
    done
    mark_done 6-soft_targets
  fi

  if run_stage 7 distill; then
    # With a transfer set the student learns from soft targets alone (w = 0: the transfer set has no labels).
    local train_ali="ark:$ali_train/ali.1.ark" w=$hard_weight
    if [ -n "$transfer_set" ]; then train_ali=none; w=0; fi
    local rows="" first=true
    for s in $distill_seeds; do
      local d=exp/distilled_seed$s
      $first && d=exp/distilled
      run $train_cmd $d/log/train.log amd distill --config=conf/distill.conf $distill_opts --seed=$((seed * 1000 + 500 + s)) --resume \
        --temperature=$temperature --hard-weight=$w --soft-targets=exp/soft_T$temperature --hmm-model=exp/mono/final.mdl \
        scp:data/distill/feats.scp $train_ali scp:data/$dev_set/feats.scp ark:$ali_dev/ali.1.ark $d
      eval_model $d $d/final.mdl
      first=false
    done
    mark_done 7-distill
  fi

  if run_stage 8 sweep; then
    # Temperature (and hard-label weight) sweep on the training set with a shorter schedule; dev frame accuracy.
    mkdir -p exp/sweep
    local rows="" tw t w d acc
    for tw in $(for t in $sweep_temperatures; do echo $t:$hard_weight; done; for w in $sweep_hard_weights; do echo $temperature:$w; done); do
      t=${tw%%:*}; w=${tw#*:}; d=exp/sweep/T${t}_w$w
      run $train_cmd $d/log/train.log amd distill --config=conf/distill.conf $distill_opts --max-epochs=$sweep_epochs --min-epochs=1 \
        --seed=$((seed * 1000 + 500)) --resume --temperature=$t --hard-weight=$w --soft-targets=exp/soft_T$t --hmm-model=exp/mono/final.mdl \
        $trtr $d
      acc=$(amd eval-frame-acc --model=$d/final.mdl scp:data/$dev_set/feats.scp ark:$ali_dev/ali.1.ark 2>/dev/null | awk '{print $2}')
      rows="$rows$t,$w,$acc\n"
    done
    printf "temperature,hard_weight,frame_acc_dev\n$rows" > exp/sweep/.temperature.csv && mv exp/sweep/.temperature.csv exp/sweep/temperature.csv
    cat exp/sweep/temperature.csv
    mark_done 8-sweep
  fi

  if run_stage 9 small_data; then
    # Soft targets as a regulariser: a baseline on 3 % of the training data overfits; the same model trained on the
    # ensemble's soft targets for that 3 % (teacher trained on all of it) does not.
    run amd subset-data-dir --fraction=$small_fraction --seed=$seed data/$train_set data/${train_set}_small
    local small="scp:data/${train_set}_small/feats.scp ark:$ali_train/ali.1.ark scp:data/$dev_set/feats.scp ark:$ali_dev/ali.1.ark"
    run $train_cmd exp/dnn_small/log/train.log amd train-dnn --config=conf/dnn.conf $dnn_opts --seed=$((seed * 1000)) --resume \
      --max-epochs=20 --patience=3 --hmm-model=exp/mono/final.mdl $small exp/dnn_small
    run $train_cmd exp/distilled_small/log/train.log amd distill --config=conf/distill.conf $distill_opts --seed=$((seed * 1000)) --resume \
      --max-epochs=20 --patience=3 --temperature=$temperature --hard-weight=$hard_weight --soft-targets=exp/soft_T$temperature \
      --hmm-model=exp/mono/final.mdl $small exp/distilled_small
    local rows="" s name m tr te
    for s in baseline_small:exp/dnn_small/final.mdl soft_targets_small:exp/distilled_small/final.mdl baseline_full:exp/dnn_baseline/final.mdl; do
      name=${s%%:*}; m=${s#*:}
      tr=$(amd eval-frame-acc --model=$m scp:data/${train_set}_small/feats.scp ark:$ali_train/ali.1.ark 2>/dev/null | awk '{print $2}')
      te=$(amd eval-frame-acc --model=$m scp:data/$test_set/feats.scp ark:$ali_test/ali.1.ark 2>/dev/null | awk '{print $2}')
      rows="$rows$name,$tr,$te\n"
    done
    printf "system,train_frame_acc,test_frame_acc\n$rows" > exp/.small_data.csv && mv exp/.small_data.csv exp/small_data.csv
    cat exp/small_data.csv
    mark_done 9-small_data
  fi

  if run_stage 10 decode; then
    local s d m x
    for s in dnn_baseline:final.mdl ensemble:ensemble.mdl distilled:final.mdl; do
      d=exp/${s%%:*}; m=$d/${s#*:}
      for x in $dev_set $test_set; do
        # One core per forward pass, utterances side by side (as Kaldi decodes): a small network's pass is too short
        # for two threads to pay, and on 2 cores two decoder threads of two ND4J threads each tripled its time.
        run $decode_cmd $d/decode_$x/log/decode.log env OMP_NUM_THREADS=1 amd decode --config=conf/decode.conf --model=$m --lang=data/lang \
          --lm=data/lang/lm.arpa --grid-lm-weights=$lm_weights --grid-word-ins-penalties=$word_ins_penalties data/$x $d/decode_$x
      done
      # LM weight and insertion penalty chosen on dev, applied to test (Kaldi's scoring).
      run amd score --dev=$d/decode_$dev_set $d/decode_$test_set > $d/decode_$test_set/log/score.log 2>&1
      echo "$(basename $d): $(cat $d/decode_$test_set/scoring_kaldi/wer_from_dev) | $(cat $d/decode_$test_set/rtf)"
    done
    # Inference cost in seconds, apart from the search: forward passes over dev and test on one core, the models
    # taken in turn, best of 5; every ratio is to the ensemble (the last model). Then again with the caches emptied
    # before every utterance, as a decoder that searches between passes leaves them.
    mkdir -p exp/bench_forward
    cat data/$dev_set/feats.scp data/$test_set/feats.scp > exp/bench_forward/feats.scp
    local models="exp/dnn_baseline/final.mdl exp/distilled/final.mdl exp/ensemble/ensemble.mdl"
    run env OMP_NUM_THREADS=1 amd bench-forward --csv=exp/bench_forward/forward.csv scp:exp/bench_forward/feats.scp $models \
      2> exp/bench_forward/log | tee exp/bench_forward/forward.txt
    run env OMP_NUM_THREADS=1 amd bench-forward --evict-mb=64 --csv=exp/bench_forward/forward_cold.csv \
      scp:exp/bench_forward/feats.scp $models 2>> exp/bench_forward/log | sed 's/$/ (caches emptied)/' | tee -a exp/bench_forward/forward.txt
    mark_done 10-decode
  fi

  if run_stage 11 report; then
    steps/collect_results.sh exp $test_set "baseline:exp/dnn_baseline ensemble:exp/ensemble distilled:exp/distilled"
    # Every trained model's frame accuracy, for means over seeds (the ensemble members are baselines with other seeds).
    {
      echo "system,model,frame_acc_dev,frame_acc_test"
      local x sys
      for x in exp/dnn_baseline exp/ensemble exp/distilled exp/distilled_seed*; do
        [ -s $x/eval/test.acc ] || continue
        sys=$(basename $x); sys=${sys%_seed*}; [ $sys = dnn_baseline ] && sys=baseline
        echo "$sys,$x,$(awk '/%FRAME_ACC/{print $2}' $x/eval/dev.acc),$(awk '/%FRAME_ACC/{print $2}' $x/eval/test.acc)"
      done
      paste -d, exp/ensemble/members_dev.csv exp/ensemble/members_test.csv | tail -n +2 \
        | awk -F, '{printf "baseline,exp/ensemble/member%s,%.2f,%.2f\n", $1, 100*$2, 100*$4}'
    } > exp/.seeds.csv && mv exp/.seeds.csv exp/seeds.csv
    local curves boundaries=""
    [ -s exp/mono/boundary_accuracy.txt ] && boundaries=exp/mono/boundary_accuracy.txt
    curves=$(ls exp/dnn_baseline/metrics.csv exp/ensemble/member*/metrics.csv exp/distilled/metrics.csv | paste -sd, -)
    run amd make-report --title="$report_title" --results=exp/results.csv --seeds=exp/seeds.csv --curves=$curves \
      --members-curve=exp/ensemble/accuracy_vs_members.csv --temperature-sweep=exp/sweep/temperature.csv \
      --regulariser=exp/small_data.csv ${boundaries:+--boundary-accuracy=$boundaries} --commands=exp/commands.log exp 2> exp/log/report.log
    echo "Wrote exp/results.csv, exp/seeds.csv, exp/RESULTS.md and exp/report.html"
    mark_done 11-report
  fi
}
