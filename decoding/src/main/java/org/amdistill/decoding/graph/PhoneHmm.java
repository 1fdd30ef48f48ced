package org.amdistill.decoding.graph;

import java.util.Arrays;

/**
 * The HMM of one phone as the decoder needs it: emitting states 0..n-1 (state 0 is the entry, as in Kaldi's
 * topologies), each with its pdf id and its transitions; a transition to state n leaves the phone.
 * Log probabilities are natural logs. This is the decoder's narrow view of the acoustic model's transition model.
 */
@SuppressWarnings("ArrayRecordComponent") // arrays for speed: equals and hashCode see them by identity
public record PhoneHmm(int[] pdfs, int[][] arcTo, float[][] arcLogProb) {
    public PhoneHmm {
        if (pdfs.length == 0 || arcTo.length != pdfs.length || arcLogProb.length != pdfs.length) {
            throw new IllegalArgumentException("a phone HMM needs at least one state and transitions for each");
        }
        for (int s = 0; s < pdfs.length; s++) {
            if (arcTo[s].length != arcLogProb[s].length) {
                throw new IllegalArgumentException("state " + s + ": targets and probabilities differ in length");
            }
            for (int t : arcTo[s]) {
                if (t < 0 || t > pdfs.length) {
                    throw new IllegalArgumentException(
                            "state " + s + ": transition to " + t + " outside 0.." + pdfs.length);
                }
            }
        }
    }

    public int numStates() {
        return pdfs.length;
    }

    /**
     * A left-to-right HMM (Kaldi's usual 3-state topology): each state loops with {@code selfLoopProb} and moves on
     * with the rest.
     */
    public static PhoneHmm leftToRight(int[] pdfs, double selfLoopProb) {
        int n = pdfs.length;
        int[][] to = new int[n][];
        float[][] lp = new float[n][];
        for (int s = 0; s < n; s++) {
            to[s] = new int[] {s, s + 1};
            lp[s] = new float[] {(float) Math.log(selfLoopProb), (float) Math.log(1 - selfLoopProb)};
        }
        return new PhoneHmm(pdfs, to, lp);
    }

    /** A stable text form used in the graph cache key. */
    String describe() {
        return Arrays.toString(pdfs) + Arrays.deepToString(arcTo) + Arrays.deepToString(arcLogProb);
    }
}
