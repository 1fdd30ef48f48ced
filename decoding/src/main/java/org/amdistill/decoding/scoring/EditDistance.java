package org.amdistill.decoding.scoring;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Levenshtein distance between a reference and a hypothesis word sequence, with Kaldi's tie-breaking so that the
 * insertion / deletion / substitution split matches {@code compute-wer} and the alignment matches {@code align-text}
 * (Kaldi's util/edit-distance-inl.h): the counting recursion runs over the hypothesis in the outer loop and prefers,
 * on equal cost, deletion over insertion and substitution only when strictly cheaper; the alignment trace-back
 * prefers match/substitution, then deletion, then insertion.
 */
public final class EditDistance {
    private EditDistance() {}

    /** Total errors and their split. */
    public record Counts(int errors, int insertions, int deletions, int substitutions) {}

    /** One aligned pair; {@code null} on one side marks an insertion (ref null) or deletion (hyp null). */
    public record Pair(String ref, String hyp) {
        public char op() {
            if (ref == null) {
                return 'I';
            }
            if (hyp == null) {
                return 'D';
            }
            return ref.equals(hyp) ? 'C' : 'S';
        }
    }

    public static Counts counts(List<String> ref, List<String> hyp) {
        int n = ref.size();
        // per reference position: ins, del, sub, total for the previous and the current hypothesis prefix
        int[][] prev = new int[n + 1][4];
        int[][] cur = new int[n + 1][4];
        for (int i = 0; i <= n; i++) {
            prev[i][1] = i;
            prev[i][3] = i;
        }
        for (int h = 1; h <= hyp.size(); h++) {
            System.arraycopy(prev[0], 0, cur[0], 0, 4);
            cur[0][0]++;
            cur[0][3]++;
            String hw = hyp.get(h - 1);
            for (int r = 1; r <= n; r++) {
                boolean differ = !Objects.equals(hw, ref.get(r - 1));
                int insErr = prev[r][3] + 1;
                int delErr = cur[r - 1][3] + 1;
                int subErr = prev[r - 1][3] + (differ ? 1 : 0);
                if (subErr < insErr && subErr < delErr) {
                    System.arraycopy(prev[r - 1], 0, cur[r], 0, 4);
                    if (differ) {
                        cur[r][2]++;
                    }
                    cur[r][3] = subErr;
                } else if (delErr < insErr) {
                    System.arraycopy(cur[r - 1], 0, cur[r], 0, 4);
                    cur[r][3] = delErr;
                    cur[r][1]++;
                } else {
                    System.arraycopy(prev[r], 0, cur[r], 0, 4);
                    cur[r][3] = insErr;
                    cur[r][0]++;
                }
            }
            int[][] t = prev;
            prev = cur;
            cur = t;
        }
        int[] e = prev[n];
        return new Counts(e[3], e[0], e[1], e[2]);
    }

    /** Kaldi's LevenshteinAlignment of ref against hyp. */
    public static List<Pair> align(List<String> ref, List<String> hyp) {
        int m1 = ref.size();
        int n1 = hyp.size();
        int[][] e = new int[m1 + 1][n1 + 1];
        for (int n = 0; n <= n1; n++) {
            e[0][n] = n;
        }
        for (int m = 1; m <= m1; m++) {
            e[m][0] = e[m - 1][0] + 1;
            for (int n = 1; n <= n1; n++) {
                int subOrOk = e[m - 1][n - 1] + (ref.get(m - 1).equals(hyp.get(n - 1)) ? 0 : 1);
                int del = e[m - 1][n] + 1;
                int ins = e[m][n - 1] + 1;
                e[m][n] = Math.min(subOrOk, Math.min(del, ins));
            }
        }
        List<Pair> out = new ArrayList<>();
        int m = m1;
        int n = n1;
        while (m != 0 || n != 0) {
            int lastM;
            int lastN;
            if (m == 0) {
                lastM = m;
                lastN = n - 1;
            } else if (n == 0) {
                lastM = m - 1;
                lastN = n;
            } else {
                int subOrOk = e[m - 1][n - 1] + (ref.get(m - 1).equals(hyp.get(n - 1)) ? 0 : 1);
                int del = e[m - 1][n] + 1;
                int ins = e[m][n - 1] + 1;
                if (subOrOk <= Math.min(del, ins)) {
                    lastM = m - 1;
                    lastN = n - 1;
                } else if (del <= ins) {
                    lastM = m - 1;
                    lastN = n;
                } else {
                    lastM = m;
                    lastN = n - 1;
                }
            }
            out.add(new Pair(lastM == m ? null : ref.get(lastM), lastN == n ? null : hyp.get(lastN)));
            m = lastM;
            n = lastN;
        }
        Collections.reverse(out);
        return out;
    }
}
