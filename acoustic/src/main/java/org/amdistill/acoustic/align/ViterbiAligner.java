package org.amdistill.acoustic.align;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.amdistill.core.table.Matrix;

/**
 * Viterbi forced alignment of an utterance's frames to its {@link AlignmentGraph}, with a beam (states worse than
 * the frame's best by more than the beam are dropped) and a retry with a wider beam, as Kaldi's aligners do.
 */
public final class ViterbiAligner {
    private final double beam;
    private final double retryBeam;
    private final double acousticScale;

    public ViterbiAligner(double beam, double retryBeam, double acousticScale) {
        this.beam = beam;
        this.retryBeam = retryBeam;
        this.acousticScale = acousticScale;
    }

    /** A frame-level path: pdf and graph node per frame, and its total score. */
    @SuppressWarnings("ArrayRecordComponent") // arrays for speed: equals and hashCode see them by identity
    public record Alignment(int[] pdfs, int[] nodes, double score, AlignmentGraph graph) {
        /** Phone instance index of each frame (into {@code graph.slotPhones}). */
        public int[] phoneSlots() {
            int[] s = new int[nodes.length];
            for (int t = 0; t < nodes.length; t++) {
                s[t] = graph.phoneSlot[nodes[t]];
            }
            return s;
        }

        /** Phone segments: [phone, first frame, frame count] in order. */
        public List<Object[]> phoneSegments() {
            List<Object[]> segs = new ArrayList<>();
            int[] slots = phoneSlots();
            int start = 0;
            for (int t = 1; t <= slots.length; t++) {
                if (t == slots.length || slots[t] != slots[t - 1]) {
                    segs.add(new Object[] {graph.slotPhones.get(slots[start]), start, t - start});
                    start = t;
                }
            }
            return segs;
        }

        /** Adds the arcs this path takes to transition counts (phone -> [state][arc]). */
        public void countTransitions(Map<String, double[][]> counts) {
            AlignmentGraph g = graph;
            for (int t = 0; t + 1 < nodes.length; t++) {
                int a = nodes[t];
                int b = nodes[t + 1];
                int[] to = g.arcTo[a];
                for (int k = 0; k < to.length; k++) {
                    if (to[k] == b) {
                        counts.get(g.slotPhones.get(g.phoneSlot[a]))[g.stateInPhone[a]][g.arcIndex[a][k]] += 1;
                        break;
                    }
                }
            }
        }
    }

    /** Aligns, retrying with the wider beam; null if no path reaches the end (utterance too short, or beam failure). */
    public Alignment align(AlignmentGraph g, Matrix logLikes) {
        Alignment a = align(g, logLikes, beam);
        if (a == null && retryBeam > beam) {
            a = align(g, logLikes, retryBeam);
        }
        return a;
    }

    Alignment align(AlignmentGraph g, Matrix ll, double beamWidth) {
        int frames = ll.rows();
        int n = g.numNodes();
        if (frames == 0 || n == 0) {
            return null;
        }
        int numPdfs = ll.cols();
        float[] like = ll.data();
        double[] prev = new double[n];
        double[] cur = new double[n];
        int[][] back = new int[frames][n];
        Arrays.fill(prev, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            if (g.startLogProb[i] > Double.NEGATIVE_INFINITY) {
                prev[i] = g.startLogProb[i] + acousticScale * like[g.pdf[i]];
                back[0][i] = -1;
            }
        }
        for (int t = 1; t < frames; t++) {
            advance(g, prev, cur, back[t], like, t * numPdfs, beamWidth);
            double[] tmp = prev;
            prev = cur;
            cur = tmp;
        }
        int bestNode = bestFinalNode(g, prev);
        if (bestNode < 0) {
            return null;
        }
        int[] nodes = new int[frames];
        int[] pdfs = new int[frames];
        int s = bestNode;
        for (int t = frames - 1; t >= 0; t--) {
            nodes[t] = s;
            pdfs[t] = g.pdf[s];
            s = back[t][s];
        }
        return new Alignment(pdfs, nodes, prev[bestNode] + g.endLogProb[bestNode], g);
    }

    /**
     * One frame of the recursion: {@code cur} from {@code prev} through the arcs of the nodes within the beam, the
     * best predecessor of each node in {@code bt}, then the frame's acoustic scores (row offset {@code row}).
     */
    private void advance(
            AlignmentGraph g, double[] prev, double[] cur, int[] bt, float[] like, int row, double beamWidth) {
        double best = Double.NEGATIVE_INFINITY;
        for (double v : prev) {
            best = Math.max(best, v);
        }
        double cutoff = best - beamWidth;
        Arrays.fill(cur, Double.NEGATIVE_INFINITY);
        for (int s = 0; s < prev.length; s++) {
            double v = prev[s];
            if (v < cutoff || v == Double.NEGATIVE_INFINITY) {
                continue;
            }
            int[] to = g.arcTo[s];
            double[] lp = g.arcLogProb[s];
            for (int k = 0; k < to.length; k++) {
                double c = v + lp[k];
                int d = to[k];
                if (c > cur[d]) {
                    cur[d] = c;
                    bt[d] = s;
                }
            }
        }
        for (int d = 0; d < cur.length; d++) {
            if (cur[d] > Double.NEGATIVE_INFINITY) {
                cur[d] += acousticScale * like[row + g.pdf[d]];
            }
        }
    }

    /** The final node with the best score plus end weight; -1 if none is reached (or the best score is NaN). */
    private static int bestFinalNode(AlignmentGraph g, double[] last) {
        double bestScore = Double.NEGATIVE_INFINITY;
        int bestNode = -1;
        for (int s = 0; s < last.length; s++) {
            if (g.endLogProb[s] > Double.NEGATIVE_INFINITY && last[s] > Double.NEGATIVE_INFINITY) {
                double v = last[s] + g.endLogProb[s];
                if (v > bestScore) {
                    bestScore = v;
                    bestNode = s;
                }
            }
        }
        return Double.isNaN(bestScore) ? -1 : bestNode;
    }

    /**
     * Equal alignment (Kaldi's align-equal): frames shared equally among the states of one path through the graph,
     * each phone's states visited in order. The path keeps the optional silences at the utterance's edges and skips
     * those between words: recordings begin and end in silence, and a silence model that sees no frames here stays
     * the global Gaussian and loses every edge frame to the first and last phones for good. (Kaldi draws a random
     * path instead, which gives silence frames about half the time.) Edge silences are dropped again when there are
     * too few frames for them. Null if there are fewer frames than mandatory states.
     */
    public static Alignment equal(AlignmentGraph g, int frames) {
        Set<Integer> optionalSlots = g.optionalSlots();
        int lastSlot = g.slotPhones.size() - 1;
        List<Integer> mandatory = new ArrayList<>();
        List<Integer> withEdges = new ArrayList<>();
        for (int i = 0; i < g.numNodes(); i++) {
            if (g.onEqualPath != null && !g.onEqualPath[i]) {
                continue;
            }
            int slot = g.phoneSlot[i];
            boolean optional = optionalSlots.contains(slot);
            if (!optional) {
                mandatory.add(i);
            }
            if (!optional || slot == 0 || slot == lastSlot) {
                withEdges.add(i);
            }
        }
        List<Integer> path = frames >= withEdges.size() ? withEdges : mandatory;
        int m = path.size();
        if (mandatory.isEmpty() || frames < m) {
            return null;
        }
        int[] nodes = new int[frames];
        int[] pdfs = new int[frames];
        for (int t = 0; t < frames; t++) {
            int k = (int) ((long) t * m / frames);
            nodes[t] = path.get(k);
            pdfs[t] = g.pdf[nodes[t]];
        }
        return new Alignment(pdfs, nodes, 0, g);
    }
}
