# Sourced by recipes/steps/*.sh that read a WER figure.
# wer_of FILE: the figure of the first %WER line of FILE (a best_wer, wer_from_dev or wer_* file); nan where FILE is
# missing or empty (a system not decoded), so that results tables keep their columns.
wer_of() {
  if [ -s "$1" ]; then sed -n 's/.*%WER \([0-9.]*\).*/\1/p' "$1" | head -1; else echo nan; fi
}
