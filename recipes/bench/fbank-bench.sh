#!/usr/bin/env bash
# Throughput of compute-fbank-feats, whole process (JVM start included), on one hour of 16 kHz audio:
# 360 ten-second WAVs synthesised with sox (speech-like noise bursts and tones) into a temporary directory.
# Prints x real time and seconds per hour of audio, with 1 thread and with 2.
#   recipes/bench/fbank-bench.sh [HOURS]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
hours=${1:-1}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
n=$(awk -v h="$hours" 'BEGIN{print int(h*360)}')
command -v sox >/dev/null || { echo "fbank-bench: needs sox (apt-get install sox)" >&2; exit 1; }
for i in $(seq 1 $n); do
  f=$(( (i % 7) * 50 + 150 ))
  sox -q -n -r 16000 -b 16 -c 1 "$tmp/u$i.wav" synth 10 pinknoise synth 10 sine mix $f tremolo 3 60 vol 0.3
  echo "utt$(printf %05d $i) $tmp/u$i.wav"
done > "$tmp/wav.scp"
"$root/recipes/bin/amd" compute-fbank-feats --help >/dev/null   # build the jar first, outside the timing
secs=$(awk -v h="$hours" 'BEGIN{print h*3600}')
for threads in 1 2; do
  start=$(date +%s.%N)
  "$root/recipes/bin/amd" compute-fbank-feats --num-mel-bins=40 --num-threads=$threads scp:"$tmp/wav.scp" ark:/dev/null 2>/dev/null
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" -v a="$secs" -v t="$threads" -v h="$hours" \
    'BEGIN{d=e-s; printf "fbank 40 bins, %d thread(s): %.2f s for %.1f h of audio = %.0fx real time, %.2f s per hour of audio\n", t, d, h, a/d, d/h}'
done
