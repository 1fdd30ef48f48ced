# The defaults every distillation recipe shares, in one place: sourced by recipes/<corpus>/run.sh before its own
# defaults (which may override these) and before utils/parse_options.sh (so that each is a --option).
stage=0
stop_stage=100
quick=false
seed=1
num_members=10
temperature=2
hard_weight=0.1
distill_seeds="1 2 3"         # the student is trained once per seed; the report gives mean and spread
sweep_temperatures="1 2 5 10"
sweep_hard_weights="0 0.5"
sweep_epochs=3
lm_order=2
lm_weights=1,2,3,4,6,8,10
word_ins_penalties=-2,-1,0,1
small_fraction=0.03
nj=2
dnn_opts=""                   # further options of every train-dnn and train-ensemble (after conf/dnn.conf)
distill_opts=""               # further options of every distill (after conf/distill.conf)
mono_opts=""                  # train-mono options of the task's monophone

# The --quick settings every recipe shares: each stage once, as small as it goes (a recipe adds its own on top).
quick_defaults() {
  num_members=2
  dnn_opts="$dnn_opts --max-epochs=1 --min-epochs=1"; distill_opts="$distill_opts --max-epochs=1 --min-epochs=1"
  mono_opts="${mono_opts:-} --num-iters=4 --max-iter-inc=3 --totgauss=300 --realign-iters=1,2,3"
  aligner_mono_opts="${aligner_mono_opts:-} --num-iters=4 --max-iter-inc=3 --totgauss=300 --realign-iters=1,2,3"
  sweep_hard_weights=""; sweep_epochs=1; small_fraction=0.1
}

# --quick on a real corpus: as above, with one student seed and one sweep temperature, small networks (a quick run
# checks the plumbing, not conf/'s sizes) and a small decoding grid.
quick_defaults_real_corpus() {
  quick_defaults
  distill_seeds="1"; sweep_temperatures="$temperature"
  dnn_opts="$dnn_opts --hidden-layers=2 --hidden-dim=256"; distill_opts="$distill_opts --hidden-layers=2 --hidden-dim=256"
  lm_weights=2,4,8; word_ins_penalties=-1,0
}
