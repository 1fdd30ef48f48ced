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
small_epochs=20               # at most this many epochs for the 3 %-data baseline and student (early stopping, patience 3)
nj=2
dnn_opts=""                   # further options of every train-dnn and train-ensemble (after conf/dnn.conf)
distill_opts=""               # further options of every distill (after conf/distill.conf)
mono_opts=""                  # train-mono options of the task's monophone
num_leaves=""                 # tied triphone states (tree leaves) of tri1, whose states are the DNNs' targets (empty: the
                              # recipe's own size; 0: the monophone's states, without a triphone stage)
tot_gauss=""                  # Gaussians of tri1 (empty: 10 per leaf)
tri_opts=""                   # further options of train-deltas (after conf/tri.conf)

# The --quick settings every recipe shares: each stage once, as small as it goes (a recipe adds its own on top).
quick_defaults() {
  num_members=2
  dnn_opts="$dnn_opts --max-epochs=1 --min-epochs=1"; distill_opts="$distill_opts --max-epochs=1 --min-epochs=1"
  mono_opts="${mono_opts:-} --num-iters=4 --max-iter-inc=3 --totgauss=300 --realign-iters=1,2,3"
  aligner_mono_opts="${aligner_mono_opts:-} --num-iters=4 --max-iter-inc=3 --totgauss=300 --realign-iters=1,2,3"
  sweep_hard_weights=""; sweep_epochs=1; small_fraction=0.1; small_epochs=2
  lm_weights=2,4,8; word_ins_penalties=-1,0
  [ "${num_leaves:-1}" = 0 ] || num_leaves=60
  tri_opts="$tri_opts --num-iters=4 --max-iter-inc=3 --realign-iters=2"
}

# The DNNs' targets and HMMs: with a triphone stage (--num-leaves > 0) tri1's tied states, the same alignments
# (boundaries and HMM states) with each frame's pdf the tree's leaf for its phone in context (convert-ali), so that
# monophone and tied-state targets differ in their classes alone. Call after setting ali_train, ali_dev and
# ali_test to the monophone's alignments; sets hmm (the model whose HMMs and tree the DNNs and the decoder use) and
# keeps the monophone's alignments in mono_ali_*.
use_tied_state_targets() {
  if ! [[ $num_leaves =~ ^[0-9]+$ ]]; then echo "$0: --num-leaves must be a whole number, got '$num_leaves'" >&2; exit 1; fi
  [ -n "$tot_gauss" ] || tot_gauss=$((10 * num_leaves))
  mono_ali_train=$ali_train; mono_ali_dev=$ali_dev; mono_ali_test=$ali_test; hmm=exp/mono/final.mdl
  if [ "$num_leaves" -gt 0 ]; then
    ali_train=exp/tri1_ali_train; ali_dev=exp/tri1_ali_dev; ali_test=exp/tri1_ali_test; hmm=exp/tri1/final.mdl
  fi
}

# --quick on a real corpus: as above, with one student seed and one sweep temperature and small networks (a quick run
# checks the plumbing, not conf/'s sizes).
quick_defaults_real_corpus() {
  quick_defaults
  distill_seeds="1"; sweep_temperatures="$temperature"
  dnn_opts="$dnn_opts --hidden-layers=2 --hidden-dim=256"; distill_opts="$distill_opts --hidden-layers=2 --hidden-dim=256"
  lm_weights=2,4,8; word_ins_penalties=-1,0
}
