package org.amdistill.decoding.lm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.amdistill.core.cli.AmdException;

/**
 * Interpolated Witten-Bell estimation of an n-gram model, written in back-off form:
 * P(w|h) = (c(h w) + T(h) P(w|h')) / (c(h) + T(h)), with T(h) the number of distinct words seen after h and h' the
 * history without its oldest word; the unigram level interpolates with the uniform distribution over the
 * vocabulary (every word given plus {@code </s>}; {@code <s>} is never predicted). Because the interpolated
 * estimate of an unseen word is exactly T(h)/(c(h)+T(h)) times the lower order's, that factor is the back-off
 * weight, and the ARPA model is the interpolated model exactly.
 *
 * <p>Count cut-offs (SRILM's {@code -gtNmin}): an n-gram of order 2 or more seen fewer than its order's minimum
 * count is left out of the model (as is one whose history or suffix was left out, which ARPA and the decoder's
 * states need listed). The kept n-grams keep their estimate above (computed from all the counts), and the back-off
 * weight of a history that lost followers is what makes its distribution sum to one again:
 * (1 - sum of its kept P(w|h)) / (1 - sum of their P(w|h')); a history that lost none keeps T/(c+T), so without
 * cut-offs the model is the one above. Cut-offs are what makes a model of millions of n-grams from tens of millions
 * of words: most trigrams of such text are seen once.
 *
 * <p>Counts are held in primitive tables ({@link LongIndex}): some 30 bytes a distinct n-gram.
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
        return train(sentences, extraVocabulary, order, new int[0]);
    }

    /**
     * As {@link #train(Collection, Collection, int)}, with count cut-offs: {@code minCounts[i]} is the minimum count
     * of an n-gram of order i + 2 (missing entries: 1, everything kept).
     */
    public static NgramLm train(
            Collection<List<String>> sentences, Collection<String> extraVocabulary, int order, int[] minCounts) {
        NgramLm lm = vocabulary(order);
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
        List<int[]> ids = new ArrayList<>(sentences.size());
        for (List<String> s : sentences) {
            int[] w = new int[s.size()];
            for (int i = 0; i < w.length; i++) {
                w[i] = lm.wordId(s.get(i));
            }
            ids.add(w);
        }
        return train(lm, ids, order, minCounts);
    }

    /** An empty model of the order with {@code <s>} and {@code </s>} as its first words, for {@link #train(NgramLm, List, int, int[])}. */
    public static NgramLm vocabulary(int order) {
        NgramLm lm = new NgramLm(order);
        lm.addWord(NgramLm.BOS);
        lm.addWord(NgramLm.EOS);
        return lm;
    }

    /**
     * Estimates the model into {@code lm}, whose vocabulary (from {@link #vocabulary}) already holds every word, from
     * sentences of its word ids (without sentence markers).
     */
    public static NgramLm train(NgramLm lm, List<int[]> sentences, int order, int[] minCounts) {
        if (sentences.isEmpty()) {
            throw new AmdException("no training sentences for the language model");
        }
        int bos = lm.wordId(NgramLm.BOS);
        int eos = lm.wordId(NgramLm.EOS);
        Counts c = count(sentences, order, bos, eos);
        putUnigrams(lm, c, bos);
        for (int n = 2; n <= order; n++) {
            int min = n - 2 < minCounts.length ? Math.max(1, minCounts[n - 2]) : 1;
            putOrder(lm, c, n, min);
        }
        return lm;
    }

    /** Per order n (index n - 1): the distinct n-grams and their counts, and their histories' c(h) and T(h). */
    private static final class Counts {
        final LongIndex[] grams;
        final int[][] counts;
        final LongIndex[] histories;
        final long[][] histCount; // c(h)
        final int[][] histTypes; // T(h)

        Counts(int order) {
            grams = new LongIndex[order];
            counts = new int[order][];
            histories = new LongIndex[order];
            histCount = new long[order][];
            histTypes = new int[order][];
            for (int n = 0; n < order; n++) {
                grams[n] = new LongIndex(1 << 16);
                counts[n] = new int[1 << 16];
            }
        }
    }

    private static Counts count(List<int[]> sentences, int order, int bos, int eos) {
        Counts c = new Counts(order);
        int[] w = new int[16];
        for (int[] s : sentences) {
            if (w.length < s.length + 2) {
                w = new int[s.length * 2 + 2];
            }
            w[0] = bos;
            System.arraycopy(s, 0, w, 1, s.length);
            int len = s.length + 2;
            w[len - 1] = eos;
            for (int end = 1; end < len; end++) {
                for (int n = 1; n <= order && end - n + 1 >= 0; n++) {
                    int i = c.grams[n - 1].add(NgramLm.pack(w, end - n + 1, end + 1));
                    if (i >= c.counts[n - 1].length) {
                        c.counts[n - 1] = Arrays.copyOf(c.counts[n - 1], c.counts[n - 1].length * 2);
                    }
                    c.counts[n - 1][i]++;
                }
            }
        }
        // histories: the n-gram without its last word (the empty history of the unigrams has key 0, kept apart)
        for (int n = 1; n <= order; n++) {
            LongIndex g = c.grams[n - 1];
            LongIndex h = new LongIndex(n == 1 ? 16 : c.grams[n - 2].size());
            long[] hc = new long[Math.max(16, n == 1 ? 1 : c.grams[n - 2].size())];
            int[] ht = new int[hc.length];
            for (int i = 0; i < g.size(); i++) {
                int j = n == 1 ? 0 : h.add(g.key(i) >>> 21);
                if (j >= hc.length) {
                    hc = Arrays.copyOf(hc, hc.length * 2);
                    ht = Arrays.copyOf(ht, ht.length * 2);
                }
                hc[j] += c.counts[n - 1][i];
                ht[j]++;
            }
            c.histories[n - 1] = h;
            c.histCount[n - 1] = hc;
            c.histTypes[n - 1] = ht;
        }
        return c;
    }

    /** Unigrams: seen counts plus the types' share spread over the whole vocabulary; {@code <s>} gets -99. */
    private static void putUnigrams(NgramLm lm, Counts c, int bos) {
        int vocabSize = lm.vocabulary().size() - 1; // every word but <s>
        double total = c.histCount[0][0];
        double types = c.histTypes[0][0];
        for (int id = 0; id < lm.vocabulary().size(); id++) {
            int i = c.grams[0].find(id + 1L);
            int n = i < 0 ? 0 : c.counts[0][i];
            float lp = id == bos ? -99f : (float) Math.log10((n + types / vocabSize) / (total + types));
            lm.put(new int[] {id}, lp, 0f); // back-off weights: set with the order above
        }
    }

    /** The n-grams of order n that pass the cut-off, then the back-off weights of their histories. */
    private static void putOrder(NgramLm lm, Counts c, int n, int minCount) {
        LongIndex g = c.grams[n - 1];
        LongIndex hist = c.histories[n - 1];
        int[] kept = new int[Math.max(1, hist.size())];
        double[] sumP = new double[kept.length];
        double[] sumLower = new double[kept.length];
        for (int i = 0; i < g.size(); i++) {
            int cg = c.counts[n - 1][i];
            if (cg < minCount) {
                continue;
            }
            int[] gram = unpack(g.key(i), n);
            int[] prefix = Arrays.copyOfRange(gram, 0, n - 1);
            if (!lm.contains(prefix) || !lm.contains(Arrays.copyOfRange(gram, 1, n))) {
                continue;
            }
            int h = hist.find(g.key(i) >>> 21);
            double lower = Math.pow(10, lm.log10Prob(Arrays.copyOfRange(gram, 1, n - 1), gram[n - 1]));
            double p = (cg + c.histTypes[n - 1][h] * lower) / (c.histCount[n - 1][h] + c.histTypes[n - 1][h]);
            lm.put(gram, (float) Math.log10(p), 0f);
            kept[h]++;
            sumP[h] += p;
            sumLower[h] += lower;
        }
        for (int h = 0; h < hist.size(); h++) {
            int[] history = unpack(hist.key(h), n - 1);
            if (!lm.contains(history)) {
                continue; // cut at its own order: it is no history the model can be in
            }
            double bow;
            if (kept[h] == c.histTypes[n - 1][h]) {
                bow = (double) c.histTypes[n - 1][h] / (c.histCount[n - 1][h] + c.histTypes[n - 1][h]);
            } else {
                // rounding can leave the kept lower-order mass a hair above what is left; the floor keeps it finite
                bow = Math.max(1e-12, 1 - sumP[h]) / Math.max(1e-12, 1 - sumLower[h]);
            }
            lm.setBackoff(history, (float) Math.log10(bow));
        }
    }

    private static int[] unpack(long k, int n) {
        int[] w = new int[n];
        long x = k;
        for (int i = n - 1; i >= 0; i--) {
            w[i] = (int) ((x & ((1L << 21) - 1)) - 1);
            x >>>= 21;
        }
        return w;
    }
}
