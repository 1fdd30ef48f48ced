# Stage bookkeeping for recipes/<corpus>/run.sh (sourced after utils/parse_options.sh): --stage/--stop-stage select
# the stages; each writes exp/.done/<N>-<name> when it completes and is skipped on a rerun; a stage that stopped half
# way (a full disk, a kill) is not marked and is redone. Its steps write their outputs atomically or resume.
for v in stage stop_stage; do
  if ! [[ ${!v} =~ ^[0-9]+$ ]]; then echo "$0: --${v//_/-} must be a stage number (0-12), got '${!v}'" >&2; exit 1; fi
done
mkdir -p exp/.done

# run_stage N NAME: true when stage N is selected by --stage/--stop-stage and not yet done.
run_stage() {
  local n=$1 name=$2
  if [ "$stage" -le "$n" ] && [ "$stop_stage" -ge "$n" ]; then
    if [ -f "exp/.done/$n-$name" ]; then echo "== stage $n ($name): already done, skipping"; return 1; fi
    echo "== stage $n ($name): $(date +%T)"; return 0
  fi
  return 1
}
# mark_done N-NAME: stage N completed.
mark_done() { date > "exp/.done/$1.tmp" && mv "exp/.done/$1.tmp" "exp/.done/$1"; }

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
