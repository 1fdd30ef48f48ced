#!/usr/bin/env bash
# Stage 0's check of what the synthetic corpus needs beyond a JDK and Maven. FreeTTS's voices and the lexicon (CMUdict
# with its letter-to-sound rules) come with the jar; Debian's flite (4 voices, with phone timings) and espeak-ng
# (13 voices) give the rest. Run as root where apt-get is, this installs the missing ones (saying so); otherwise the
# corpus is made without them and synth-corpus lists the voices it lacks. With --engines freetts (the pure-Java
# path) nothing is needed.
#   steps/check_deps.sh [--engines freetts,flite,espeak-ng] <log-dir>    # empty --engines: every engine
set -euo pipefail
engines=""
help_message="Usage: $0 [--engines freetts,flite,espeak-ng] <log-dir>
 e.g.: $0 exp/log"
. utils/parse_options.sh
if [ $# -ne 1 ]; then printf '%s\n' "$help_message" >&2; exit 1; fi
logdir=$1
missing=()
for p in flite espeak-ng; do
  if [ -z "$engines" ] || [[ ",$engines," == *",$p,"* ]]; then
    command -v $p >/dev/null 2>&1 || missing+=($p)
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "$0: installing Debian's TTS packages ${missing[*]} with apt-get (log: $logdir/apt-get.log)"
  mkdir -p $logdir
  if { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"; } > $logdir/apt-get.log 2>&1; then
    exit 0
  fi
  echo "$0: apt-get failed ($logdir/apt-get.log); going on without ${missing[*]}" >&2
fi
echo "$0: ${missing[*]} not installed: the corpus is made without their voices (FreeTTS's need only the JDK; install the Debian" \
  "package(s) ${missing[*]} for the rest, or give --tts-engines freetts to say it is meant)"
