package org.amdistill.decoding.scoring;

import java.util.List;
import org.amdistill.core.stats.Distributions;

/**
 * NIST's Matched Pair Sentence Segment (Word Error) test, MAPSSWE (Gillick &amp; Cox 1989), as sclite's sc_stats
 * computes it: each utterance's two alignments against the same reference are cut into segments bounded by runs of
 * at least {@code minGood} words both systems got right; the per-segment difference of the error counts is tested
 * against zero by its mean over its standard error (a Z statistic, sample variance over n - 1).
 *
 * <p>The segmentation follows sclite's state machine word for word (mtchprs.c, test_comp_sents), quirks included: a
 * segment's first word is {@code minGood - 1} words before the last word both had right ahead of it; a segment ends
 * with the {@code minGood}-th correct word; the utterance's end closes an open segment, which then runs to the end of
 * both alignments. sclite's step that re-synchronises two alignments of different reference strings (alternations)
 * has no work here: both systems are aligned to the same reference words.
 */
public final class MatchedPairs {
    /** sc_stats's default minimum number of correct boundary words. */
    public static final int DEFAULT_MIN_GOOD = 2;

    /**
     * The test's figures, as sc_stats's verbose MTCH_PR_RESULTS line prints them: segments, sentences, the error
     * rates over the segments' words, the mean and standard deviation of A's minus B's errors per segment, Z, and
     * the two-sided p-value of Z.
     */
    public record Result(
            int segments,
            int sentences,
            int segmentWords,
            int errorsA,
            int errorsB,
            double mean,
            double sd,
            double z,
            double p) {
        public double percentErrorA() {
            return SignTest.sclitePercent(errorsA, segmentWords);
        }

        public double percentErrorB() {
            return SignTest.sclitePercent(errorsB, segmentWords);
        }
    }

    private MatchedPairs() {}

    /** The test over utterances: {@code alignA.get(u)} and {@code alignB.get(u)} align the same reference. */
    public static Result test(List<List<EditDistance.Pair>> alignA, List<List<EditDistance.Pair>> alignB, int minGood) {
        Segments segs = new Segments();
        for (int u = 0; u < alignA.size(); u++) {
            segment(ops(alignA.get(u)), ops(alignB.get(u)), minGood, segs);
        }
        int n = segs.size;
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += segs.diff[i];
        }
        mean /= n;
        double ss = 0;
        for (int i = 0; i < n; i++) {
            ss += (segs.diff[i] - mean) * (segs.diff[i] - mean);
        }
        double sd = 0;
        double z = 0;
        if (n > 1 && ss != 0) {
            sd = Math.sqrt(ss / (n - 1));
            z = mean / (sd / Math.sqrt(n));
        }
        if (n == 0) {
            mean = 0;
        }
        return new Result(
                n, alignA.size(), segs.words, segs.errA, segs.errB, mean, sd, z, Distributions.normalTwoSided(z));
    }

    private static char[] ops(List<EditDistance.Pair> align) {
        char[] o = new char[align.size()];
        for (int i = 0; i < o.length; i++) {
            o[i] = align.get(i).op();
        }
        return o;
    }

    /** sclite's test_comp_sents on two alignments of one utterance (see the class comment). */
    static void segment(char[] s1, char[] s2, int minGood, Segments out) {
        int ind1 = 0;
        int ind2 = 0;
        int eog1 = 0;
        int eog2 = 0;
        int numGood = 0;
        char state = 'b';
        while (ind1 < s1.length) {
            while (ind1 < s1.length && s1[ind1] == 'I') {
                ind1++;
                state = 'e';
            }
            while (ind2 < s2.length && s2[ind2] == 'I') {
                ind2++;
                state = 'e';
            }
            boolean bothCorrect = ind1 < s1.length && s1[ind1] == 'C' && ind2 < s2.length && s2[ind2] == 'C';
            if (state == 'b') {
                if (bothCorrect) {
                    eog1 = ind1;
                    eog2 = ind2;
                } else {
                    state = 'e';
                }
            } else if (bothCorrect) {
                numGood = state == 'e' ? 1 : numGood + 1;
                if (numGood == minGood) {
                    out.add(s1, s2, eog1 - (minGood - 1), eog2 - (minGood - 1), ind1, ind2);
                    eog1 = ind1;
                    eog2 = ind2;
                    state = 'b';
                } else {
                    state = 'g';
                }
            } else if (state == 'g') {
                state = 'e';
            }
            if (ind1 < s1.length) {
                ind1++;
            }
            if (ind2 < s2.length) {
                ind2++;
            }
        }
        // the end of the utterance ends an open segment, and so do the second system's insertions after the last
        // reference word, which the loop (driven by the first system) never reached
        if (state != 'b' || s2.length > ind2) {
            out.add(s1, s2, eog1 - (minGood - 1), eog2 - (minGood - 1), s1.length - 1, s2.length - 1);
        }
    }

    /** The segments found so far: A's minus B's errors of each, and the totals (sclite's count_seg). */
    static final class Segments {
        int[] diff = new int[64];
        int size;
        int words;
        int errA;
        int errB;

        void add(char[] s1, char[] s2, int beg1, int beg2, int end1, int end2) {
            int[] c1 = count(s1, Math.max(0, beg1), end1);
            int[] c2 = count(s2, Math.max(0, beg2), end2);
            if (c1[0] == 0 && c2[0] == 0) {
                return; // sclite warns and drops a segment without errors
            }
            if (size == diff.length) {
                diff = java.util.Arrays.copyOf(diff, 2 * size);
            }
            diff[size++] = c1[0] - c2[0];
            words += (c1[1] + c2[1]) / 2;
            errA += c1[0];
            errB += c2[0];
        }

        /** {errors, reference words} of positions from..to inclusive. */
        private static int[] count(char[] s, int from, int to) {
            int err = 0;
            int ref = 0;
            for (int i = from; i <= to; i++) {
                if (s[i] != 'C') {
                    err++;
                }
                if (s[i] != 'I') {
                    ref++;
                }
            }
            return new int[] {err, ref};
        }
    }
}
