package org.amdistill.decoding.decoder;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.amdistill.decoding.graph.DecodingGraph;
import org.amdistill.decoding.lm.NgramLm;

/**
 * Unigram LM look-ahead over the prefix tree (Sphinx's and Kaldi's "smeared" unigram): per graph node, the best
 * unigram log probability of the words still reachable from it before another word ends (the final node counts as
 * {@code </s>}). The decoder adds lm-weight x (la(to) - la(from)) on every arc, so a token carries the best LM score
 * its word can still get long before the word's end, where the true n-gram score replaces it. Without it the LM's
 * whole penalty falls at the word end, after the beam has had to keep every word of a 100,000-word tree alive.
 *
 * <p>It is a potential: along any complete path the added terms cancel (start and end included: the decoder adds
 * la(start) at the start and takes la(end) off at the end), so every path keeps its score and an unpruned search
 * gives exactly the search without it; only what the beam drops changes. Words the LM cannot score do not count.
 *
 * <p>A node that reaches no word the LM can score nor the end is a dead end, -infinity here, with or without the
 * look-ahead ({@link #deadEnds}): no path through it can finish. Such nodes exist: a lexicon word the LM does not
 * know (Kaldi's {@code <sil> SIL} entry, with an LM without {@code <unk>}) is a phone chain whose word end the
 * decoder refuses. A token inside it never pays a word's LM score, so under a narrow beam it outscored every live
 * path and the search ended stuck in it with no final state (the large-vocabulary benchmark, beam 12: a silence
 * loop after the first word).
 *
 * <p>Computed once per (graph, LM) pair, in time linear in the graph (the seeds are sorted by their value and each
 * spreads backwards to the nodes no higher seed reached), and shared by every decoder of that pair.
 */
final class LmLookAhead {
    /** The look-ahead, and the same with 0 for every live node: what the decoder adds without the look-ahead. */
    record Tables(float[] lookAhead, float[] deadEnds) {}

    private static final Map<DecodingGraph, Map<NgramLm, Tables>> CACHE =
            Collections.synchronizedMap(new WeakHashMap<>());

    private LmLookAhead() {}

    /** The look-ahead of every node of {@code g} under {@code lm} (natural log, not yet scaled by the LM weight). */
    static Tables of(DecodingGraph g, NgramLm lm, int[] lmWord) {
        synchronized (CACHE) {
            Map<NgramLm, Tables> byLm = CACHE.computeIfAbsent(g, k -> new WeakHashMap<>());
            return byLm.computeIfAbsent(lm, k -> {
                float[] la = compute(g, lm, lmWord);
                float[] dead = new float[la.length];
                for (int v = 0; v < la.length; v++) {
                    dead[v] = la[v] == Float.NEGATIVE_INFINITY ? Float.NEGATIVE_INFINITY : 0f;
                }
                return new Tables(la, dead);
            });
        }
    }

    static float[] compute(DecodingGraph g, NgramLm lm, int[] lmWord) {
        int n = g.numNodes();
        // reverse arcs that carry no word (the look-ahead does not see past the next word end)
        int[] inStart = new int[n + 1];
        int seeds = 1;
        for (int v = 0; v < n; v++) {
            for (int a = g.arcStart(v); a < g.arcEnd(v); a++) {
                if (g.arcWord(a) < 0) {
                    inStart[g.arcTo(a) + 1]++;
                } else {
                    seeds++;
                }
            }
        }
        for (int v = 0; v < n; v++) {
            inStart[v + 1] += inStart[v];
        }
        int[] inFrom = new int[inStart[n]];
        int[] fill = inStart.clone();
        long[] seed = new long[seeds]; // (sortable value bits, node): the largest value first after a sort
        int k = 0;
        double eos = lm.logProb(0, lm.wordId(NgramLm.EOS));
        if (eos > Double.NEGATIVE_INFINITY) {
            seed[k++] = pack((float) eos, g.rootNode());
        }
        for (int v = 0; v < n; v++) {
            for (int a = g.arcStart(v); a < g.arcEnd(v); a++) {
                int w = g.arcWord(a);
                if (w < 0) {
                    inFrom[fill[g.arcTo(a)]++] = v;
                } else if (lmWord[w] >= 0) {
                    double p = lm.logProb(0, lmWord[w]);
                    if (p > Double.NEGATIVE_INFINITY) {
                        seed[k++] = pack((float) p, v);
                    }
                }
            }
        }
        Arrays.sort(seed, 0, k);
        float[] la = new float[n];
        Arrays.fill(la, Float.NEGATIVE_INFINITY); // dead ends: no seed reaches them
        boolean[] done = new boolean[n];
        int[] queue = new int[n];
        for (int i = k - 1; i >= 0; i--) {
            int v = (int) seed[i];
            if (done[v]) {
                continue;
            }
            float value = unpack(seed[i]);
            int head = 0;
            int tail = 0;
            done[v] = true;
            la[v] = value;
            queue[tail++] = v;
            while (head < tail) {
                int x = queue[head++];
                for (int j = inStart[x]; j < inStart[x + 1]; j++) {
                    int u = inFrom[j];
                    if (!done[u]) {
                        done[u] = true;
                        la[u] = value;
                        queue[tail++] = u;
                    }
                }
            }
        }
        return la;
    }

    /** A log probability (at most 0) and a node in one long whose natural order is the probability's. */
    private static long pack(float logProb, int node) {
        // -logProb >= 0: its float bits order as the value does; flipped so that larger probabilities sort last
        int bits = Float.floatToIntBits(Math.max(0f, -logProb) + 0f); // + 0f: no -0.0
        return ((long) (Integer.MAX_VALUE - bits) << 32) | node;
    }

    private static float unpack(long packed) {
        return -Float.intBitsToFloat(Integer.MAX_VALUE - (int) (packed >>> 32));
    }
}
