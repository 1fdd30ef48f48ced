#!/usr/bin/env bash
# Runs a (job-array) command on a Slurm cluster with the same arguments as run.pl, waiting for it to finish:
#   slurm.pl [--mem 4G] [--num-threads N] [--gpu N] [JOB=1:N] LOGFILE COMMAND...
# Use it by setting train_cmd="utils/slurm.pl --mem 4G" in cmd.sh. Extra sbatch options: SLURM_OPTS.
set -euo pipefail
sb_opts=()
while [[ $# -gt 0 && "$1" == --* ]]; do
  case "$1" in
    --mem) sb_opts+=(--mem="$2"); shift 2 ;;
    --num-threads) sb_opts+=(--cpus-per-task="$2"); shift 2 ;;
    --gpu) [ "$2" != 0 ] && sb_opts+=(--gres=gpu:"$2"); shift 2 ;;
    --max-jobs-run) shift 2 ;;
    *) echo "slurm.pl: unknown option $1" >&2; exit 1 ;;
  esac
done
var=""; first=1; last=1
if [[ "$1" =~ ^([A-Za-z_]+)=([0-9]+):([0-9]+)$ ]]; then var=${BASH_REMATCH[1]}; first=${BASH_REMATCH[2]}; last=${BASH_REMATCH[3]}; shift
elif [[ "$1" =~ ^([A-Za-z_]+)=([0-9]+)$ ]]; then var=${BASH_REMATCH[1]}; first=${BASH_REMATCH[2]}; last=$first; shift; fi
log=$1; shift
cmd="$*"
mkdir -p "$(dirname "$log")/q"
script="$(dirname "$log")/q/$(basename "${log//$var/ALL}").sh"
{
  echo '#!/usr/bin/env bash'
  echo "cd '$PWD'"
  echo "JOBID=\${SLURM_ARRAY_TASK_ID:-$first}"
  if [ -n "$var" ]; then
    echo "log='${log}'; log=\${log//$var/\$JOBID}"
    echo "cmd='${cmd//\'/\'\\\'\'}'; cmd=\${cmd//$var/\$JOBID}"
  else
    echo "log='$log'; cmd='${cmd//\'/\'\\\'\'}'"
  fi
  echo 'echo "# $cmd" > "$log"; ( eval "$cmd" ) >> "$log" 2>&1; rc=$?; echo "# Ended (code $rc) at $(date)" >> "$log"; exit $rc'
} > "$script"
sbatch --wait --array="$first-$last" ${SLURM_OPTS:-} "${sb_opts[@]}" -o /dev/null "$script" >/dev/null
