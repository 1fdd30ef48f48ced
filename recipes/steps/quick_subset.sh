#!/usr/bin/env bash
# For a recipe's --quick run on a real corpus: cuts data/<set> down to its first N utterances (whole speakers first,
# as the utterances are sorted by speaker), with its phone CTM if it has one. A set of N or fewer is left as it is.
# Usage: steps/quick_subset.sh <data-dir> <N>
set -euo pipefail
if [ $# -ne 2 ]; then echo "Usage: $0 <data-dir> <N>" >&2; exit 1; fi
dir=$1; n=$2
have=$(wc -l < "$dir/wav.scp")
if [ "$have" -le "$n" ]; then exit 0; fi
amd subset-data-dir --first="$n" "$dir" "$dir.quick"
for f in ctm text.words; do
  if [ -f "$dir/$f" ] && [ ! -f "$dir.quick/$f" ]; then
    awk 'NR==FNR{keep[$1]; next} $1 in keep' "$dir.quick/wav.scp" "$dir/$f" > "$dir.quick/$f"
  fi
done
if [ -f "$dir/spk2gender" ] && [ ! -f "$dir.quick/spk2gender" ]; then
  awk 'NR==FNR{keep[$1]; next} $1 in keep' "$dir.quick/spk2utt" "$dir/spk2gender" > "$dir.quick/spk2gender"
fi
rm -rf "$dir.full"; mv "$dir" "$dir.full"; mv "$dir.quick" "$dir"
echo "$0: --quick: $dir cut to $n of its $have utterances (all of them in $dir.full)"
