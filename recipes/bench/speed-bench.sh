#!/usr/bin/env bash
# Speed of the front end and of the networks, in one run:
#   1. compute-fbank-feats, one thread, whole process (JVM start included), 40 bins, dither 0, on HOURS of 16 kHz
#      audio synthesised with sox (not kept); with --kaldi=PATH (Kaldi's compute-fbank-feats binary) both in turn,
#      REPS times each, interleaved, and the ratio ours / Kaldi of the medians (wall and CPU seconds).
#   2. DNN training frames/s and the share of GEMM (amd bench-dnn).
#   3. With --feats, --student, --member and --ensemble: forward time of each over that feature set (amd bench-forward,
#      the ratios are to the ensemble).
# Usage: recipes/bench/speed-bench.sh [--hours=1] [--reps=3] [--kaldi=/path/to/compute-fbank-feats]
#          [--feats=RSPECIFIER --student=MDL --member=MDL --ensemble=MDL] [--skip-dnn]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
amd="$root/recipes/bin/amd"
hours=1; reps=3; kaldi=""; feats=""; student=""; member=""; ensemble=""; skip_dnn=false
for a in "$@"; do
  case "$a" in
    --hours=*) hours="${a#*=}" ;;
    --reps=*) reps="${a#*=}" ;;
    --kaldi=*) kaldi="${a#*=}" ;;
    --feats=*) feats="${a#*=}" ;;
    --student=*) student="${a#*=}" ;;
    --member=*) member="${a#*=}" ;;
    --ensemble=*) ensemble="${a#*=}" ;;
    --skip-dnn) skip_dnn=true ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "speed-bench: unknown option $a" >&2; exit 1 ;;
  esac
done
[[ "$hours" =~ ^[0-9]+([.][0-9]+)?$ ]] || { echo "speed-bench: --hours must be a number" >&2; exit 1; }
[[ "$reps" =~ ^[1-9][0-9]*$ ]] || { echo "speed-bench: --reps must be a positive integer" >&2; exit 1; }
if [ -n "$kaldi" ] && [ ! -x "$kaldi" ]; then echo "speed-bench: --kaldi=$kaldi is not an executable" >&2; exit 1; fi
command -v sox >/dev/null || { echo "speed-bench: needs sox (apt-get install sox)" >&2; exit 1; }

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
n=$(awk -v h="$hours" 'BEGIN{print int(h*360)}')
for i in $(seq 1 "$n"); do
  f=$(( (i % 7) * 50 + 150 ))
  sox -q -n -r 16000 -b 16 -c 1 "$tmp/u$i.wav" synth 10 pinknoise synth 10 sine mix $f tremolo 3 60 vol 0.3
  echo "utt$(printf %05d "$i") $tmp/u$i.wav"
done > "$tmp/wav.scp"
"$amd" compute-fbank-feats --help >/dev/null   # build the jar first, outside the timing
echo "commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown), $(nproc) cores, $n ten-second utterances ($hours h)"

# one timed run: prints "wall cpu" (seconds)
timed() {
  /usr/bin/time -f "%e %U %S" -o "$tmp/time" "$@" >/dev/null 2>"$tmp/stderr" || { cat "$tmp/stderr" >&2; exit 1; }
  awk '{printf "%.3f %.3f\n", $1, $2 + $3}' "$tmp/time"
}
median() { sort -n | awk '{a[NR]=$1} END{print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
opts=(--num-mel-bins=40 --dither=0)
: > "$tmp/ours"; : > "$tmp/kaldi"
for r in $(seq 1 "$reps"); do
  timed "$amd" compute-fbank-feats "${opts[@]}" --num-threads=1 scp:"$tmp/wav.scp" ark:"$tmp/ours.ark" >> "$tmp/ours"
  if [ -n "$kaldi" ]; then
    timed "$kaldi" "${opts[@]}" scp:"$tmp/wav.scp" ark:"$tmp/kaldi.ark" >> "$tmp/kaldi"
  fi
done
ow=$(cut -d' ' -f1 "$tmp/ours" | median); oc=$(cut -d' ' -f2 "$tmp/ours" | median)
secs=$(awk -v h="$hours" 'BEGIN{print h*3600}')
awk -v w="$ow" -v c="$oc" -v a="$secs" 'BEGIN{printf "fbank ours (1 thread): %.2f s wall, %.2f s CPU (median of the runs), %.0fx real time\n", w, c, a/w}'
if [ -n "$kaldi" ]; then
  kw=$(cut -d' ' -f1 "$tmp/kaldi" | median); kc=$(cut -d' ' -f2 "$tmp/kaldi" | median)
  awk -v w="$kw" -v c="$kc" -v a="$secs" 'BEGIN{printf "fbank Kaldi:           %.2f s wall, %.2f s CPU, %.0fx real time\n", w, c, a/w}'
  awk -v ow="$ow" -v kw="$kw" -v oc="$oc" -v kc="$kc" 'BEGIN{printf "fbank ours / Kaldi:    %.2f (wall), %.2f (CPU)\n", ow/kw, oc/kc}'
  # the same features? (largest difference, through our copy-feats to text)
  "$amd" copy-feats ark:"$tmp/ours.ark" ark,t:"$tmp/ours.txt" 2>/dev/null
  "$amd" copy-feats ark:"$tmp/kaldi.ark" ark,t:"$tmp/kaldi.txt" 2>/dev/null
  paste -d' ' "$tmp/ours.txt" "$tmp/kaldi.txt" | awk '{n=NF/2; for(i=1;i<=n;i++) if ($i ~ /^-?[0-9]/) {d=$i-$(i+n); if(d<0)d=-d; if(d>m)m=d}} END{printf "fbank max |ours - Kaldi| = %.2e\n", m}'
fi

if ! $skip_dnn; then
  echo "--- DNN training (bench-dnn)"
  "$amd" bench-dnn 2>/dev/null
fi
if [ -n "$feats" ] && [ -n "$student" ] && [ -n "$member" ] && [ -n "$ensemble" ]; then
  echo "--- forward passes (bench-forward; ratios to the ensemble)"
  "$amd" bench-forward "$feats" "$student" "$member" "$ensemble" 2>/dev/null
fi
