# How jobs are run, as in Kaldi's cmd.sh. Local parallel jobs by default; on a cluster use e.g.
#   export train_cmd="slurm.pl --mem 8G"        (utils/slurm.pl, Slurm's sbatch)
#   export train_cmd="queue.pl --mem 8G"        (Kaldi's queue.pl for Grid Engine, from a Kaldi checkout)
export train_cmd="run.pl"
export decode_cmd="run.pl"
