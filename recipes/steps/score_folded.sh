#!/usr/bin/env bash
# TIMIT's standard scoring (Lee & Hon, 1989): each system's dev and test decodings again, reference and hypotheses
# folded from 48 to 39 phones by <phone-map> (60-48-39 columns; the 48-39 part goes beside it as phones.48-39.map),
# the LM weight and insertion penalty again chosen on dev (`amd score --phone-map`): <dir>/decode_<set>_39/, and
# <exp-dir>/per39.csv (system,per48_test,per39_test), also appended as a section to <exp-dir>/RESULTS.md. The 48-phone
# scoring is left as it is.
set -euo pipefail
help_message="Usage: $0 <phone-map> <dev-set> <test-set> \"<system>:<dir> ...\" <exp-dir>
 e.g.: $0 data/local/phones.60-48-39.map dev test \"baseline:exp/dnn_baseline distilled:exp/distilled\" exp"
. utils/parse_options.sh
if [ $# -ne 5 ]; then printf '%s\n' "$help_message" >&2; exit 1; fi
map=$1; dev_set=$2; test_set=$3; systems=$4; exp=$5
. utils/run_logged.sh
. utils/wer_of.sh
map48=$(dirname $map)/phones.48-39.map
awk 'NF == 3 {print $2, $3}' $map | sort -u > $map48
for s in $systems; do
  d=${s#*:}
  for x in $dev_set $test_set; do
    rm -rf $d/decode_${x}_39; mkdir -p $d/decode_${x}_39
    cp -r $d/decode_$x/scoring $d/decode_${x}_39/
    [ -f $d/decode_$x/hyp.txt ] && cp $d/decode_$x/hyp.txt $d/decode_${x}_39/
  done
  run_logged amd score --phone-map=$map48 $d/decode_${dev_set}_39 > /dev/null
  run_logged amd score --phone-map=$map48 --dev=$d/decode_${dev_set}_39 $d/decode_${test_set}_39 > $d/decode_${test_set}_39/score.log
  per39=$(wer_of $d/decode_${test_set}_39/scoring_kaldi/wer_from_dev)
  per48=$(wer_of $d/decode_$test_set/scoring_kaldi/wer_from_dev)
  echo "${s%%:*} $per48 $per39"
done | amd text-to-csv --header=system,per48_test,per39_test $exp/per39.csv
cat $exp/per39.csv
if [ -f $exp/RESULTS.md ] && ! grep -q "^## Phone error rate on 39 phones" $exp/RESULTS.md; then
  {
    echo; echo "## Phone error rate on 39 phones"; echo
    echo "The standard TIMIT figure: the 48 phones of the transcripts and of the hypotheses folded to 39"
    echo "($map48), the LM weight and insertion penalty chosen on dev ($exp/per39.csv)."; echo
    echo "| System | Test PER, 48 phones | Test PER, 39 phones |"; echo "|---|---:|---:|"
    amd csv-to-text --columns=system,per48_test,per39_test $exp/per39.csv | awk '{printf "| %s | %.2f %% | %.2f %% |\n", $1, $2, $3}'
  } >> $exp/RESULTS.md
fi
