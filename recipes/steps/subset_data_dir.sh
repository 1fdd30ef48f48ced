#!/usr/bin/env bash
# A random fraction of a data directory's utterances (`amd subset-data-dir`), e.g. the 3 %-data experiment's set.
set -euo pipefail
fraction=
seed=1
help_message="Usage: $0 --fraction F [--seed S] <src-data> <dest-data>
 e.g.: $0 --fraction 0.03 data/train data/train_small"
. utils/parse_options.sh
if [ $# -ne 2 ] || [ -z "$fraction" ]; then printf '%s\n' "$help_message" >&2; exit 1; fi
. utils/run_logged.sh
run_logged amd subset-data-dir --fraction=$fraction --seed=$seed $1 $2
