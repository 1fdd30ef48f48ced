#!/usr/bin/env bash
# How close alignments' phone boundaries are to a reference CTM (`amd score-alignment`): one %BOUNDARY line per
# alignment, followed by "all" and the alignment's CTM, written to <out-file> (make-report --boundary-accuracy reads
# it) and shown; with --clean-utts, when the reference has any of them, a second line over those utterances only
# ("clean": no added noise, no reverberation).
set -euo pipefail
clean_utts=""
help_message="Usage: $0 [--clean-utts FILE] <ref-ctm> <hyp-ctm>... <out-file>
 e.g.: $0 --clean-utts data/local/clean_utts.txt data/train/ctm exp/mono/ali.ctm exp/mono/boundary_accuracy.txt"
. utils/parse_options.sh
if [ $# -lt 3 ]; then printf '%s\n' "$help_message" >&2; exit 1; fi
ref=$1; out=${!#}; hyps=("${@:2:$#-2}")
. utils/run_logged.sh
clean=false
[ -n "$clean_utts" ] && [ -s "$clean_utts" ] && awk 'NR == FNR { c[$1]; next } $1 in c { f = 1; exit } END { exit !f }' \
  "$clean_utts" $ref && clean=true
rm -f $out
for hyp in "${hyps[@]}"; do
  run_logged amd score-alignment $ref $hyp | sed "s|\$| all $hyp|" | tee -a $out
  if $clean; then
    run_logged amd score-alignment --utt-list=$clean_utts $ref $hyp | sed "s|\$| clean $hyp|" | tee -a $out
  fi
done
