# Sourced by recipes/steps/*.sh that split a data directory into jobs.
# num_jobs DATA NJ [--per-utt]: the number of jobs to run, NJ or, where DATA has fewer speakers (with --per-utt:
# fewer utterances in utt2spk), that many: speakers are never split, so a set with fewer speakers than --nj runs as that
# many jobs, as Kaldi's recipes cap nj. Says so on stderr when it caps.
num_jobs() {
  local data=$1 nj=$2 what=speaker list=spk2utt
  if [ "${3:-}" = --per-utt ]; then what=utterance; list=utt2spk; fi
  local n; n=$(wc -l < $data/$list)
  if [ "$nj" -gt "$n" ]; then echo "$0: $data has $n $what(s): $nj jobs become $n" >&2; nj=$n; fi
  echo $nj
}
