#!/usr/bin/env bash
# Runs a command, or an array of jobs, on a Slurm cluster with run.pl's arguments, and waits for it, as Kaldi's
# slurm.pl does:
#   slurm.pl [--mem 4G] [--num-threads N] [--gpu N] [--max-jobs-run N] [--time T] [JOB=1:N] LOGFILE COMMAND...
# "JOB" in LOGFILE and COMMAND becomes the array task's index; each task writes its own log (headed by the command,
# ended by its exit code). --max-jobs-run N becomes the array's "%N" limit. Exits 1 if any task failed, naming the
# failed tasks' logs; the tasks that succeeded keep their outputs. The batch scripts are kept in <log dir>/q/.
# Extra sbatch options: the environment variable SLURM_OPTS (e.g. "--partition=gpu --account=x").
set -euo pipefail
usage="Usage: slurm.pl [--mem M] [--num-threads N] [--gpu N] [--max-jobs-run N] [--time T] [JOB=1:N] LOGFILE COMMAND..."
sb_opts=(); limit=""
while [[ $# -gt 0 && "$1" == --* ]]; do
  opt=${1%%=*}; if [[ "$1" == *=* ]]; then val=${1#*=}; shift; else val=${2:-}; shift 2 || { echo "$usage" >&2; exit 1; }; fi
  case "$opt" in
    --mem) sb_opts+=(--mem="$val") ;;
    --num-threads) sb_opts+=(--cpus-per-task="$val") ;;
    --gpu) [ "$val" != 0 ] && sb_opts+=(--gres=gpu:"$val") ;;
    --max-jobs-run) limit="%$val" ;;
    --time) sb_opts+=(--time="$val") ;;
    --config) ;;  # accepted as Kaldi's slurm.pl does; Slurm's own configuration applies
    *) echo "slurm.pl: unknown option $opt" >&2; echo "$usage" >&2; exit 1 ;;
  esac
done
var=""; first=1; last=1
if [[ $# -gt 0 && "$1" =~ ^([A-Za-z_]+)=([0-9]+):([0-9]+)$ ]]; then var=${BASH_REMATCH[1]}; first=${BASH_REMATCH[2]}; last=${BASH_REMATCH[3]}; shift
elif [[ $# -gt 0 && "$1" =~ ^([A-Za-z_]+)=([0-9]+)$ ]]; then var=${BASH_REMATCH[1]}; first=${BASH_REMATCH[2]}; last=$first; shift; fi
if [ $# -lt 2 ]; then echo "$usage" >&2; exit 1; fi
if [ "$last" -lt "$first" ]; then echo "slurm.pl: empty job range $var=$first:$last" >&2; exit 1; fi
log=$1; shift
# Quote the command's words as run.pl does, so that arguments with spaces survive.
cmd=""; for a in "$@"; do
  if [[ "$a" =~ ^[A-Za-z0-9_/.:=,+@%-]+$ ]]; then cmd+="$a "; else cmd+="'${a//\'/\'\\\'\'}' "; fi
done
cmd=${cmd% }
logdir=$(dirname "$log"); mkdir -p "$logdir/q"
name=$(basename "$log"); [ -n "$var" ] && name=${name//$var/ALL}
script="$logdir/q/${name%.log}.sh"
task_log() { if [ -n "$var" ]; then echo "${log//$var/$1}"; else echo "$log"; fi; }
{
  echo '#!/usr/bin/env bash'
  echo "cd '$PWD'"
  echo "task=\${SLURM_ARRAY_TASK_ID:-$first}"
  echo "log='${log//\'/\'\\\'\'}'; cmd='${cmd//\'/\'\\\'\'}'"
  [ -n "$var" ] && echo "log=\${log//$var/\$task}; cmd=\$(printf '%s' \"\$cmd\" | sed -E \"s/(^|[^A-Za-z0-9_])$var([^A-Za-z0-9_]|\$)/\\\\1\$task\\\\2/g\")"
  echo 'mkdir -p "$(dirname "$log")"'
  echo 'start=$(date +%s); { echo "# $cmd"; echo "# Started at $(date) on $(hostname) (Slurm job ${SLURM_JOB_ID:-?}, task $task)"; } > "$log"'
  echo '( eval "$cmd" ) >> "$log" 2>&1; rc=$?'
  echo 'echo "# Accounting: time=$(( $(date +%s) - start )) threads=${SLURM_CPUS_PER_TASK:-1}" >> "$log"'
  echo 'echo "# Ended (code $rc) at $(date)" >> "$log"; exit $rc'
} > "$script"
chmod +x "$script"
# Clear the tasks' old logs so that a task that never ran is not mistaken for one that ended well.
for ((j = first; j <= last; j++)); do rm -f "$(task_log $j)"; done
sbatch_out="$logdir/q/${name%.log}.sbatch.out"
set +e
sbatch --wait --array="$first-$last$limit" --job-name="${name%.log}" ${SLURM_OPTS:-} "${sb_opts[@]}" \
  -o "$logdir/q/${name%.log}.%a.out" "$script" > "$sbatch_out" 2>&1
sb_rc=$?
set -e
failed=()
for ((j = first; j <= last; j++)); do
  l=$(task_log $j)
  if ! [ -f "$l" ] || ! grep -q '^# Ended (code 0)' "$l"; then failed+=("$l"); fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "slurm.pl: ${#failed[@]} / $((last - first + 1)) failed, log is in ${failed[*]}" >&2
  [ "$sb_rc" -ne 0 ] && echo "slurm.pl: sbatch said: $(tail -n 3 "$sbatch_out" | tr '\n' ' ')" >&2
  exit 1
fi
if [ "$sb_rc" -ne 0 ]; then echo "slurm.pl: sbatch failed (code $sb_rc): $(tail -n 3 "$sbatch_out" | tr '\n' ' ')" >&2; exit 1; fi
exit 0
