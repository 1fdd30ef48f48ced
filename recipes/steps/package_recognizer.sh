#!/usr/bin/env bash
# A model as one self-contained recognizer (`amd package-recognizer`): the model, the lang directory and its lm.arpa,
# and the decoding options of <config> with the LM weight and insertion penalty best on <dev-decode-dir>
# (scoring_kaldi/best_wer). --fbank-config serves models trained before model files carried their filterbank.
# Writes <out>, <out>.decode.conf; log <out>.log. Use it with `amd recognize --recognizer=<out> WAV...`.
set -euo pipefail
config=conf/decode.conf
fbank_config=conf/fbank.conf
help_message="Usage: $0 [--config conf/decode.conf] [--fbank-config conf/fbank.conf] <model> <lang-dir> <dev-decode-dir> <out>
 e.g.: $0 exp/distilled/final.mdl data/lang exp/distilled/decode_dev exp/distilled/student.rec"
. utils/parse_options.sh
if [ $# -ne 4 ]; then printf '%s\n' "$help_message" >&2; exit 1; fi
model=$1; lang=$2; dev=$3; out=$4
best=$(amd score --print-best $dev)
lmwt=${best% *}; wip=${best#* }
{ grep -v -e '^--acoustic-scale' -e '^--word-ins-penalty' $config
  echo "--acoustic-scale=$(awk -v w="$lmwt" 'BEGIN{print 1/w}')"; echo "--word-ins-penalty=$wip"; } > $out.decode.conf
. utils/run_logged.sh
run_logged amd package-recognizer --model=$model --lang=$lang --lm=$lang/lm.arpa --fbank-config=$fbank_config \
  --decode-config=$out.decode.conf $out 2> $out.log
echo "Wrote $out (LM weight $lmwt, insertion penalty $wip from $dev): amd recognize --recognizer=$out WAV..."
