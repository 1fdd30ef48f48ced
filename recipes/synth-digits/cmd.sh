# How jobs are run, as in Kaldi's cmd.sh: train_cmd for training and the stages over the training data, decode_cmd
# for decoding. Every stage that splits its work calls "$cmd JOB=1:N <log with JOB> <command with JOB>".
# Local (the default): run.pl runs the jobs on this machine, at most --max-jobs-run (default: the cores) at once.
export train_cmd="run.pl"
export decode_cmd="run.pl"
# On a Slurm cluster (utils/slurm.pl: one array job per stage, sbatch --wait, a log per task; extra sbatch options
# in SLURM_OPTS, e.g. export SLURM_OPTS="--partition=cpu"):
#   export train_cmd="slurm.pl --mem 8G"
#   export decode_cmd="slurm.pl --mem 4G"
# Members on GPUs (one member per task of train-ensemble's array; needs the CUDA build: mvn -Pcuda package):
#   export train_cmd="slurm.pl --mem 16G --gpu 1"
# Grid Engine: Kaldi's queue.pl from a Kaldi checkout takes the same arguments.
# Try Slurm on one machine (root, Debian's slurm-wlm and munge): utils/local_slurm_cluster.sh start /tmp/slurm, then
#   export SLURM_CONF=/tmp/slurm/slurm.conf
