#!/usr/bin/env bash
# Kaldi's scoring: the LM weight and insertion penalty best on the dev decoding, applied to the test decoding
# (`amd score`): <test-decode-dir>/scoring_kaldi/wer_from_dev; log <test-decode-dir>/log/score.log. Shows the
# model directory's name, that WER and the decoding's real-time factor.
set -euo pipefail
help_message="Usage: $0 <dev-decode-dir> <test-decode-dir>
 e.g.: $0 exp/distilled/decode_dev exp/distilled/decode_test"
. utils/parse_options.sh
if [ $# -ne 2 ]; then printf '%s\n' "$help_message" >&2; exit 1; fi
dev=$1; test=$2
. utils/run_logged.sh
run_logged amd score --dev=$dev $test > $test/log/score.log 2>&1
echo "$(basename $(dirname $test)): $(cat $test/scoring_kaldi/wer_from_dev) | $(cat $test/rtf)"
