package org.amdistill.decoding.scoring;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.amdistill.core.io.AtomicFiles;

/**
 * Per-utterance alignments and per-word confusion counts, in the formats of Kaldi's scoring scripts
 * ({@code align-text | wer_per_utt_details.pl} gives {@code per_utt}, {@code wer_ops_details.pl | sort} gives
 * {@code ops}), with the empty word written {@code ***} as steps/scoring/score_kaldi_wer.sh writes it (its {@code "'***'"} loses the
 * single quotes to the shell that run.pl starts).
 */
public final class ScoringDetails {
    public static final String EPS = "***";

    private ScoringDetails() {}

    /** Lines of per_utt for the utterances of {@code ref} that have a hypothesis (absent ones are empty). */
    public static List<String> perUtterance(Map<String, List<String>> ref, Map<String, List<String>> hyp) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : ref.entrySet()) {
            List<String> h = hyp.getOrDefault(e.getKey(), List.of());
            List<EditDistance.Pair> pairs = EditDistance.align(e.getValue(), h);
            StringBuilder r = new StringBuilder(e.getKey()).append(" ref  ");
            StringBuilder y = new StringBuilder(e.getKey()).append(" hyp  ");
            StringBuilder o = new StringBuilder(e.getKey()).append(" op   ");
            int[] csid = new int[4];
            for (int i = 0; i < pairs.size(); i++) {
                EditDistance.Pair p = pairs.get(i);
                String rw = p.ref() == null ? EPS : p.ref();
                String hw = p.hyp() == null ? EPS : p.hyp();
                String op = String.valueOf(p.op());
                csid["CSID".indexOf(p.op())]++;
                int width = Math.max(rw.length(), Math.max(hw.length(), op.length()));
                if (i > 0) {
                    r.append("  ");
                    y.append("  ");
                    o.append("  ");
                }
                r.append(center(rw, width));
                y.append(center(hw, width));
                o.append(center(op, width));
            }
            out.add(r.toString());
            out.add(y.toString());
            out.add(o.toString());
            out.add(e.getKey() + " #csid " + csid[0] + " " + csid[1] + " " + csid[2] + " " + csid[3]);
        }
        return out;
    }

    /** Lines of the ops file: operation, ref word, hyp word, count; sorted by operation, count (descending), words. */
    public static List<String> ops(Map<String, List<String>> ref, Map<String, List<String>> hyp) {
        Map<String, Map<String, Integer>> counts = new TreeMap<>();
        for (Map.Entry<String, List<String>> e : ref.entrySet()) {
            for (EditDistance.Pair p : EditDistance.align(e.getValue(), hyp.getOrDefault(e.getKey(), List.of()))) {
                String rw = p.ref() == null ? EPS : p.ref();
                String hw = p.hyp() == null ? EPS : p.hyp();
                counts.computeIfAbsent(rw, k -> new TreeMap<>()).merge(hw, 1, Integer::sum);
            }
        }
        int wordLen = 0;
        int opsLen = 0;
        record Op(String kind, String ref, String hyp, int count) {}
        List<Op> list = new ArrayList<>();
        for (var r : counts.entrySet()) {
            for (var h : r.getValue().entrySet()) {
                wordLen = Math.max(
                        wordLen, Math.max(r.getKey().length(), h.getKey().length()));
                opsLen = Math.max(opsLen, String.valueOf(h.getValue()).length());
                String kind = r.getKey().equals(h.getKey())
                        ? "correct"
                        : r.getKey().equals(EPS) ? "insertion" : h.getKey().equals(EPS) ? "deletion" : "substitution";
                list.add(new Op(kind, r.getKey(), h.getKey(), h.getValue()));
            }
        }
        wordLen = Math.min(wordLen, 16);
        list.sort(Comparator.comparing(Op::kind)
                .thenComparing(Op::count, Comparator.reverseOrder())
                .thenComparing(Op::ref)
                .thenComparing(Op::hyp));
        List<String> out = new ArrayList<>();
        for (Op op : list) {
            out.add(String.format(
                    "%-14s%" + wordLen + "s    %" + wordLen + "s    %" + opsLen + "d",
                    op.kind(),
                    op.ref(),
                    op.hyp(),
                    op.count()));
        }
        return out;
    }

    /** Writes per_utt and ops under {@code dir} (atomically). */
    public static void write(Path dir, Map<String, List<String>> ref, Map<String, List<String>> hyp)
            throws IOException {
        AtomicFiles.writeLines(dir.resolve("per_utt"), perUtterance(ref, hyp));
        AtomicFiles.writeLines(dir.resolve("ops"), ops(ref, hyp));
    }

    /** wer_per_utt_details.pl's cjustify: the extra space goes left when the padding is odd. */
    static String center(String s, int width) {
        int right = (width - s.length()) / 2;
        int left = width - s.length() - right;
        return " ".repeat(left) + s + " ".repeat(right);
    }
}
