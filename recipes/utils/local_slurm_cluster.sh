#!/usr/bin/env bash
# A single-node Slurm cluster on this machine, in a directory of its own (its munge key, slurm.conf, state, logs),
# for trying slurm.pl and for the Slurm integration test. Needs root and Debian's slurm-wlm and munge.
#   local_slurm_cluster.sh start DIR    # writes DIR/slurm.conf, starts munged, slurmctld, slurmd; prints SLURM_CONF=...
#   local_slurm_cluster.sh stop DIR     # stops the three daemons started from DIR
# Then: export SLURM_CONF=DIR/slurm.conf; train_cmd="utils/slurm.pl" ./run.sh
set -euo pipefail
usage="Usage: $0 start|stop <dir>"
[ $# -eq 2 ] || { echo "$usage" >&2; exit 1; }
action=$1; dir=$(mkdir -p "$2" && cd "$2" && pwd)

stop() {
  for pidfile in "$dir/slurmd.pid" "$dir/slurmctld.pid" "$dir/munge-run/munged.pid"; do
    if [ -f "$pidfile" ]; then kill "$(cat "$pidfile")" 2>/dev/null || true; rm -f "$pidfile"; fi
  done
}

start() {
  [ "$(id -u)" = 0 ] || { echo "$0: needs root (munged runs as user munge, slurmd as root)" >&2; exit 1; }
  for p in munged slurmctld slurmd sbatch; do
    command -v $p >/dev/null || { echo "$0: $p not found: install Debian's slurm-wlm and munge" >&2; exit 1; }
  done
  id munge >/dev/null 2>&1 || { echo "$0: no user munge: install Debian's munge" >&2; exit 1; }
  if ! su -s /bin/sh munge -c "test -x '$dir'"; then
    echo "$0: user munge cannot reach $dir: every directory above it must be searchable by others (chmod o+x)" >&2; exit 1
  fi
  stop
  mkdir -p "$dir/state" "$dir/spool" "$dir/munge" "$dir/munge-run"
  # The key is this cluster's own; the socket directory must be searchable by every user.
  head -c 1024 /dev/urandom > "$dir/munge/munge.key"
  chown -R munge:munge "$dir/munge" "$dir/munge-run"; chmod 700 "$dir/munge"; chmod 400 "$dir/munge/munge.key"; chmod 755 "$dir/munge-run"
  su -s /bin/sh munge -c "/usr/sbin/munged --key-file='$dir/munge/munge.key' --socket='$dir/munge-run/munge.socket' \
    --pid-file='$dir/munge-run/munged.pid' --log-file='$dir/munge/munged.log' --seed-file='$dir/munge/munged.seed'"
  local host mem port
  host=$(hostname); mem=$(awk '/MemTotal/ {print int($2 / 1024 * 0.9)}' /proc/meminfo)
  port=$(( 20000 + RANDOM % 20000 ))   # two clusters (or a system one) on one machine do not share ports
  cat > "$dir/slurm.conf" <<CONF
ClusterName=amdlocal
SlurmctldHost=$host
SlurmUser=root
SlurmctldPort=$port
SlurmdPort=$((port + 1))
AuthType=auth/munge
AuthInfo=socket=$dir/munge-run/munge.socket
CredType=cred/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
MpiDefault=none
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
NodeName=$host CPUs=$(nproc) RealMemory=$mem State=UNKNOWN
PartitionName=local Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
  slurmctld -f "$dir/slurm.conf"
  slurmd -f "$dir/slurm.conf"
  for _ in $(seq 60); do
    if SLURM_CONF="$dir/slurm.conf" sinfo -h -o %T 2>/dev/null | grep -qx idle; then echo "SLURM_CONF=$dir/slurm.conf"; return 0; fi
    sleep 1
  done
  echo "$0: the cluster did not come up in 60 s; see $dir/slurmctld.log and $dir/slurmd.log" >&2
  stop; exit 1
}

case "$action" in
  start) start ;;
  stop) stop ;;
  *) echo "$usage" >&2; exit 1 ;;
esac
