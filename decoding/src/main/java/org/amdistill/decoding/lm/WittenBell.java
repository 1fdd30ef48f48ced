package org.amdistill.decoding.lm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.amdistill.core.cli.AmdException;

/**
 * Interpolated Witten-Bell estimation of an n-gram model, written in back-off form:
 * P(w|h) = (c(h w) + T(h) P(w|h')) / (c(h) + T(h)), with T(h) the number of distinct words seen after h and h' the
 * history without its oldest word; the unigram level interpolates with the uniform distribution over the
 * vocabulary (every word given plus {@code </s>}; {@code <s>} is never predicted). Because the interpolated
 * estimate of an unseen word is exactly T(h)/(c(h)+T(h)) times the lower order's, that factor is the back-off
 * weight, and the ARPA model is the interpolated model exactly.
 */
public final class WittenBell {
    private WittenBell() {}

    /**
     * Estimates the model from training sentences.
     *
     * @param sentences training sentences (words, without sentence markers)
     * @param extraVocabulary words the model must give probability to even if unseen (may be empty)
     */
    public static NgramLm train(Collection<List<String>> sentences, Collection<String> extraVocabulary, int order) {
        NgramLm lm = new NgramLm(order);
        int bos = lm.addWord(NgramLm.BOS);
        int eos = lm.addWord(NgramLm.EOS);
        Set<String> vocab = new LinkedHashSet<>();
        for (List<String> s : sentences) {
            vocab.addAll(s);
        }
        vocab.addAll(extraVocabulary);
        vocab.remove(NgramLm.BOS);
        vocab.remove(NgramLm.EOS);
        for (String w : vocab) {
            lm.addWord(w);
        }
        if (sentences.isEmpty()) {
            throw new AmdException("no training sentences for the language model");
        }
        Counts c = count(sentences, lm, order, bos, eos);
        putUnigrams(lm, c, order, bos);
        // higher orders, from the model one order down (which already holds every n-gram's lower-order suffix)
        for (int n = 2; n <= order; n++) {
            Map<Long, int[]> hist = c.histories.get(n - 1);
            for (int[] g : ngramsOf(c.counts.get(n - 1), n)) {
                int[] h = hist.get(NgramLm.pack(g, 0, n - 1));
                int cg = c.counts.get(n - 1).get(NgramLm.pack(g, 0, n));
                int[] hPrime = Arrays.copyOfRange(g, 1, n - 1);
                double lower = Math.pow(10, lm.log10Prob(hPrime, g[n - 1]));
                double p = (cg + h[1] * lower) / (h[0] + h[1]);
                lm.put(g, (float) Math.log10(p), n < order ? backoff(c.histories.get(n), g) : 0f);
            }
        }
        return lm;
    }

    /** Per order: n-gram counts (key: packed n-gram) and, per history, {c(h), T(h)}: its count and its distinct followers. */
    private record Counts(List<Map<Long, Integer>> counts, List<Map<Long, int[]>> histories) {}

    private static Counts count(Collection<List<String>> sentences, NgramLm lm, int order, int bos, int eos) {
        List<Map<Long, Integer>> counts = new ArrayList<>();
        List<Map<Long, int[]>> histories = new ArrayList<>();
        for (int n = 0; n < order; n++) {
            counts.add(new HashMap<>());
            histories.add(new HashMap<>());
        }
        for (List<String> s : sentences) {
            int[] w = new int[s.size() + 2];
            w[0] = bos;
            for (int i = 0; i < s.size(); i++) {
                w[i + 1] = lm.wordId(s.get(i));
            }
            w[w.length - 1] = eos;
            for (int end = 1; end < w.length; end++) {
                for (int n = 1; n <= order && end - n + 1 >= 0; n++) {
                    long key = NgramLm.pack(w, end - n + 1, end + 1);
                    if (counts.get(n - 1).merge(key, 1, Integer::sum) == 1) {
                        histories.get(n - 1).computeIfAbsent(NgramLm.pack(w, end - n + 1, end), k -> new int[2])[1]++;
                    }
                    histories.get(n - 1).get(NgramLm.pack(w, end - n + 1, end))[0]++;
                }
            }
        }
        return new Counts(counts, histories);
    }

    /** Unigrams: seen counts plus the types' share spread over the whole vocabulary; {@code <s>} gets -99. */
    private static void putUnigrams(NgramLm lm, Counts c, int order, int bos) {
        int vocabSize = lm.vocabulary().size() - 1; // every word but <s>
        int[] uni = c.histories.get(0).get(0L);
        double total = uni[0];
        double types = uni[1];
        double[] p1 = new double[lm.vocabulary().size()];
        for (int id = 0; id < p1.length; id++) {
            if (id == bos) {
                continue;
            }
            int n = c.counts.get(0).getOrDefault(NgramLm.pack(new int[] {id}, 0, 1), 0);
            p1[id] = (n + types / vocabSize) / (total + types);
        }
        for (int id = 0; id < p1.length; id++) {
            int[] g = {id};
            lm.put(g, id == bos ? -99f : (float) Math.log10(p1[id]), order > 1 ? backoff(c.histories.get(1), g) : 0f);
        }
    }

    /** log10 T(h)/(c(h)+T(h)) for history h (1 when h was never followed by anything). */
    private static float backoff(Map<Long, int[]> histories, int[] h) {
        int[] ct = histories.get(NgramLm.pack(h, 0, h.length));
        if (ct == null) {
            return 0f;
        }
        return (float) Math.log10((double) ct[1] / (ct[0] + ct[1]));
    }

    private static List<int[]> ngramsOf(Map<Long, Integer> counts, int n) {
        List<int[]> out = new ArrayList<>();
        long mask = (1L << 21) - 1;
        for (long k : counts.keySet()) {
            int[] w = new int[n];
            long x = k;
            for (int i = n - 1; i >= 0; i--) {
                w[i] = (int) ((x & mask) - 1);
                x >>>= 21;
            }
            out.add(w);
        }
        return out;
    }
}
