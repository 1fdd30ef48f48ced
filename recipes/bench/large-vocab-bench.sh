#!/usr/bin/env bash
# Large-vocabulary decoding speed (issue 17): a task's test set decoded with a LibriSpeech-sized lexicon and a pruned
# trigram, at several beams, with the search's real-time factor per core, the peak memory, the graph's size and the
# WER against the widest beam's. All of it is made here, from the task's own dict dir and model:
#   1. dict: every CMUdict 0.4 word (amd cmu-dict, the FreeTTS jar's; --num-words to sample fewer) in the task's phone
#      set (words with other phones are left out), the task's words always in; lang: amd prepare-lang.
#   2. LM text: amd synth-lm-text (the task grammar's sentences, --task-share of them, mixed with a Zipf Markov
#      chain's over the whole lexicon); LM: amd train-lm --order=3 --min-counts (count cut-offs); n-grams per order.
#   3. graph: built once (decode's graph cache, in WORK/graph), its build time and size from the log.
#   4. decode of the test set at each beam (one search thread; network time is not the search's), then the widest:
#      search RTF per core (CPU time of the search, and its wall time), max RSS of the whole decode (/usr/bin/time),
#      WER, and the WER's relative loss against --wide-beam.
# Every step's output is kept in WORK and reused when it is there (delete WORK, or a file in it, to redo a step).
# Usage: recipes/bench/large-vocab-bench.sh --task-dir=DIR [--model=exp/tri1/final.mdl] [--data=data/test]
#          [--work=DIR] [--task=sentences] [--num-words=0] [--num-sentences=1000000] [--task-share=0.1]
#          [--min-counts=1,2] [--beams=10,12,14,16] [--wide-beam=24] [--max-active=7000] [--lmwt=10]
#          [--word-ins-penalty=0] [--decode-opts="--lm-look-ahead=false ..."] [--heap=3g] [--seed=1]
# --heap: the decodes' JVM heap (-Xmx; the peak RSS reported is the whole JVM's at that heap).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
amd="$root/recipes/bin/amd"
task_dir=""; model=exp/tri1/final.mdl; data=data/test; work=""; task=sentences; num_words=0
num_sentences=1000000; task_share=0.1; min_counts=1,2; beams=10,12,14,16; wide_beam=24; max_active=7000
lmwt=10; wip=0; decode_opts=""; seed=1; heap=3g
for a in "$@"; do
  case "$a" in
    --task-dir=*) task_dir="${a#*=}" ;;
    --model=*) model="${a#*=}" ;;
    --data=*) data="${a#*=}" ;;
    --work=*) work="${a#*=}" ;;
    --task=*) task="${a#*=}" ;;
    --num-words=*) num_words="${a#*=}" ;;
    --num-sentences=*) num_sentences="${a#*=}" ;;
    --task-share=*) task_share="${a#*=}" ;;
    --min-counts=*) min_counts="${a#*=}" ;;
    --beams=*) beams="${a#*=}" ;;
    --wide-beam=*) wide_beam="${a#*=}" ;;
    --max-active=*) max_active="${a#*=}" ;;
    --lmwt=*) lmwt="${a#*=}" ;;
    --word-ins-penalty=*) wip="${a#*=}" ;;
    --decode-opts=*) decode_opts="${a#*=}" ;;
    --seed=*) seed="${a#*=}" ;;
    --heap=*) heap="${a#*=}" ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "large-vocab-bench: unknown option $a" >&2; exit 1 ;;
  esac
done
die() { echo "large-vocab-bench: $*" >&2; exit 1; }
[ -n "$task_dir" ] || die "--task-dir is required (a recipe directory with data/ and exp/, e.g. recipes/synth-sentences)"
[ -d "$task_dir" ] || die "--task-dir=$task_dir is not a directory"
task_dir="$(cd "$task_dir" && pwd)"
case "$model" in /*) ;; *) model="$task_dir/$model" ;; esac
case "$data" in /*) ;; *) data="$task_dir/$data" ;; esac
[ -f "$model" ] || die "no model $model (--model; the task's tri1 is made by its run.sh stage 4)"
[ -f "$data/feats.scp" ] || die "no $data/feats.scp (--data: a data dir with features)"
[ -f "$data/text" ] || die "no $data/text: the test set needs transcripts for the WER"
dict_src="$task_dir/data/local/dict"
[ -f "$dict_src/nonsilence_phones.txt" ] || die "no $dict_src/nonsilence_phones.txt: the task's dict dir gives the phone set"
for v in num_words num_sentences max_active; do
  [[ "${!v}" =~ ^[0-9]+$ ]] || die "--${v//_/-} must be a non-negative integer, got '${!v}'"
done
[[ "$beams" =~ ^[0-9.]+(,[0-9.]+)*$ ]] || die "--beams must be numbers separated by commas, got '$beams'"
[[ "$wide_beam" =~ ^[0-9.]+$ ]] || die "--wide-beam must be a number, got '$wide_beam'"
[[ "$lmwt" =~ ^[0-9.]+$ ]] || die "--lmwt must be a number, got '$lmwt'"
[[ "$heap" =~ ^[0-9]+[kmgKMG]$ ]] || die "--heap must be a JVM size such as 3g, got '$heap'"
[[ "$min_counts" =~ ^[0-9]+(,[0-9]+)?$ ]] || die "--min-counts must be C2 or C2,C3, got '$min_counts'"
command -v /usr/bin/time >/dev/null || die "needs /usr/bin/time (apt-get install time) for the peak memory"
work="${work:-$task_dir/exp/large_vocab}"
mkdir -p "$work"; work="$(cd "$work" && pwd)"
log="$work/log"; mkdir -p "$log"
cd "$task_dir"   # a data dir's feats.scp names its archives relative to its recipe directory, as Kaldi's do
export OMP_WAIT_POLICY=PASSIVE
"$amd" decode --help >/dev/null   # build the jar first, outside every timing

echo "commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)${AMD_JAR:+ (jar pinned: $AMD_JAR)}, $(nproc) cores, task $task_dir"
echo "model $model, test set $data ($(wc -l < "$data/text") utterances)"

# 1. dict and lang
if [ ! -f "$work/lang/words.txt" ]; then
  "$amd" cmu-dict --task="$task" --num-words="$num_words" --seed="$seed" --phones-of="$dict_src" "$work/dict" \
    2> "$log/cmu_dict.log" || { cat "$log/cmu_dict.log" >&2; die "cmu-dict failed"; }
  "$amd" prepare-lang "$work/dict" - "$work/lang" 2> "$log/prepare_lang.log" \
    || { cat "$log/prepare_lang.log" >&2; die "prepare-lang failed"; }
  [ ! -f "$task_dir/data/lang/sil_prob.txt" ] || cp "$task_dir/data/lang/sil_prob.txt" "$work/lang/sil_prob.txt"
fi
grep -h "Wrote" "$log/cmu_dict.log" | sed 's/^INFO [A-Za-z]* - /dict: /'
oov=$(awk 'NR==FNR{w[$1]=1; next} {for(i=2;i<=NF;i++) if(!($i in w)) n++} END{print n+0}' "$work/dict/lexicon.txt" "$data/text")
echo "vocabulary: $(grep -vc '^<' "$work/dict/lexicon.txt") words; test-set words not in it: $oov"

# 2. LM text and trigram
if [ ! -f "$work/lang/lm.arpa" ]; then
  "$amd" synth-lm-text --task="$task" --num-sentences="$num_sentences" --task-share="$task_share" --seed="$seed" \
    "$work/dict/lexicon.txt" "$work/lm_text" 2> "$log/lm_text.log" || { cat "$log/lm_text.log" >&2; die "synth-lm-text failed"; }
  # every lexicon word gets probability, seen or not; <sil> and the like are no words of the LM
  awk '$1 !~ /^</{print $1}' "$work/dict/lexicon.txt" > "$work/vocab.txt"
  /usr/bin/time -f "%e %M" -o "$log/train_lm.time" "$amd" train-lm --order=3 --min-counts="$min_counts" \
    --vocab="$work/vocab.txt" "$work/lm_text" "$work/lang/lm.arpa" 2> "$log/train_lm.log" \
    || { cat "$log/train_lm.log" >&2; die "train-lm failed"; }
fi
grep -h "Wrote" "$log/lm_text.log" | sed 's/^INFO [A-Za-z]* - /LM text: /'
grep -h "Trained" "$log/train_lm.log" | sed 's/^INFO [A-Za-z]* - /LM: /'
[ ! -f "$log/train_lm.time" ] || awk '{printf "train-lm: %.0f s, max RSS %.2f GB\n", $1, $2/1048576}' "$log/train_lm.time"
awk '/^ngram [0-9]+=/{split($2,a,"="); printf "%s%s-grams %s", (n++ ? ", " : "n-grams per order: "), a[1], a[2]} END{print ""}' "$work/lang/lm.arpa"

# 3 and 4. decodes: the first builds the graph (its time reported apart), the widest last
decode() {  # decode BEAM DIR: writes DIR/{wer,rtf} and DIR/time (wall s, max RSS KB)
  local beam=$1 dir=$2
  if [ ! -f "$dir/rtf" ] || [ ! -f "$dir/wer" ]; then
    mkdir -p "$dir"
    # shellcheck disable=SC2086  # decode_opts is a list of options
    AMD_JAVA_OPTS="-Xmx$heap" /usr/bin/time -f "%e %M" -o "$dir/time" "$amd" decode --model="$model" --lang="$work/lang" \
      --lm="$work/lang/lm.arpa" --graph-dir="$work/graph" --num-threads=1 --beam="$beam" --max-active="$max_active" \
      --acoustic-scale="$(awk -v l="$lmwt" 'BEGIN{printf "%.6f", 1/l}')" --lm-weight=1 --word-ins-penalty="$wip" \
      $decode_opts "$data" "$dir" > "$dir/decode.log" 2>&1 || { tail -20 "$dir/decode.log" >&2; die "decode at beam $beam failed"; }
  fi
}
opts_tag=$(echo "lmwt${lmwt}_wip${wip}_ma${max_active}${decode_opts}" | tr -c 'A-Za-z0-9_.=\n-' '_')
first=${beams%%,*}
decode "$first" "$work/decode_${opts_tag}_beam$first"
# the decode that built the graph logged its size and build time; kept, as later runs load it from the cache
if [ ! -s "$log/graph.log" ]; then
  grep -hi -e "decoding graph: .* words" -e "Built and cached the decoding graph" "$work"/decode_*/decode.log \
    > "$log/graph.log" || true
fi
if [ -s "$log/graph.log" ]; then
  sed 's/^INFO [A-Za-z]* - /graph: /' "$log/graph.log"
else
  echo "graph: $(grep -h "Loaded the cached decoding graph" "$work/decode_${opts_tag}_beam$first/decode.log" \
    | sed 's/^INFO [A-Za-z]* - //') (built by an earlier run: delete $work/graph to time its build)"
fi
for b in ${beams//,/ } "$wide_beam"; do
  decode "$b" "$work/decode_${opts_tag}_beam$b"
done
wide_wer=$(awk '/%WER/{print $2}' "$work/decode_${opts_tag}_beam$wide_beam/wer")
echo "decode options (heap -Xmx$heap): --acoustic-scale=1/$lmwt --lm-weight=1 --word-ins-penalty=$wip --max-active=$max_active $decode_opts; one search thread"
printf "%-6s %-12s %-12s %-9s %-8s %-14s %s\n" beam "search_RTF" "(wall)" "maxRSS_GB" "WER_%" "vs_wide_rel_%" "errors"
for b in ${beams//,/ } "$wide_beam"; do
  d="$work/decode_${opts_tag}_beam$b"
  cpu=$(sed -n 's/.*search CPU time \([0-9.]*\).*/\1/p' "$d/rtf")
  wall=$(sed -n 's/.*, search \([0-9.]*\) (.*/\1/p' "$d/rtf")
  wer=$(awk '/%WER/{print $2}' "$d/wer")
  errs=$(awk '/%WER/{print $4 "/" $6}' "$d/wer" | tr -d ',')
  rss=$(awk '{printf "%.2f", $2/1048576}' "$d/time")
  rel=$(awk -v w="$wer" -v r="$wide_wer" 'BEGIN{ if (r > 0) printf "%+.1f", 100*(w-r)/r; else print (w == r ? "+0.0" : "inf") }')
  printf "%-6s %-12s %-12s %-9s %-8s %-14s %s\n" "$b" "$cpu" "$wall" "$rss" "$wer" "$rel" "$errs"
done
