package org.amdistill.decoding.lm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.amdistill.core.cli.AmdException;

/**
 * A back-off n-gram language model (order 1 to 3) as an ARPA file holds it: for each n-gram its log10 probability
 * and, below the highest order, its log10 back-off weight. {@link #log10Prob} follows the ARPA back-off rule;
 * {@link #next}, {@link #logProb} and {@link #nextState} give the decoder's view of the model as states (the longest
 * history the model lists) and arcs.
 *
 * <p>N-grams are keyed by word ids packed into a long (21 bits a word), which bounds the vocabulary at 2 million;
 * each order is a {@link LongIndex} (about 20 bytes an n-gram with its two floats, so a pruned trigram of millions
 * of n-grams takes tens of megabytes, not the gigabyte boxed maps took). A state is the listed history's order and
 * its dense index in that order's table, so the decoder's calls compute an arc with a few table lookups, allocate
 * nothing and cache nothing (a cache of arcs grew without bound over a 100,000-word vocabulary). States are valid
 * while the model is not changed.
 */
public final class NgramLm {
    public static final String BOS = "<s>";
    public static final String EOS = "</s>";
    public static final String UNK = "<unk>";
    public static final int MAX_ORDER = 3;
    private static final int BITS = 21;
    private static final long WORD_MASK = (1L << BITS) - 1;
    private static final int STATE_SHIFT = 29;
    private static final double LN10 = Math.log(10);

    private final int order;
    private final List<String> words = new ArrayList<>();
    private final Map<String, Integer> ids = new HashMap<>();
    // per order (index 0 = unigrams): packed n-gram -> dense index into prob/bow
    private final LongIndex[] grams;
    private final float[][] probs;
    private final float[][] bows;

    public NgramLm(int order) {
        if (order < 1 || order > MAX_ORDER) {
            throw new AmdException("n-gram order " + order + " is not supported (1 to " + MAX_ORDER + ")");
        }
        this.order = order;
        grams = new LongIndex[order];
        probs = new float[order][];
        bows = new float[order][];
        for (int i = 0; i < order; i++) {
            grams[i] = new LongIndex(1024);
            probs[i] = new float[1024];
            bows[i] = new float[1024];
        }
    }

    public int order() {
        return order;
    }

    public int wordId(String w) {
        Integer id = ids.get(w);
        return id == null ? -1 : id;
    }

    public String word(int id) {
        return words.get(id);
    }

    public List<String> vocabulary() {
        return Collections.unmodifiableList(words);
    }

    /** Adds a word to the vocabulary (if new) and returns its id. */
    public int addWord(String w) {
        Integer id = ids.get(w);
        if (id != null) {
            return id;
        }
        if (words.size() >= (1 << BITS) - 2) {
            throw new AmdException("vocabulary too large for the LM (" + words.size() + " words)");
        }
        ids.put(w, words.size());
        words.add(w);
        return words.size() - 1;
    }

    static long pack(int[] w, int from, int to) {
        long k = 0;
        for (int i = from; i < to; i++) {
            k = (k << BITS) | (w[i] + 1L);
        }
        return k;
    }

    /** Sets an n-gram's log10 probability and back-off (use 0 for none). */
    public void put(int[] ngram, float log10Prob, float log10Backoff) {
        if (ngram.length < 1 || ngram.length > order) {
            throw new IllegalArgumentException("n-gram of length " + ngram.length + " in an order-" + order + " model");
        }
        int n = ngram.length - 1;
        int i = grams[n].add(pack(ngram, 0, ngram.length));
        if (i >= probs[n].length) {
            if (i >= 1 << STATE_SHIFT) {
                throw new AmdException("more than " + (1 << STATE_SHIFT) + " " + ngram.length + "-grams in the LM");
            }
            int cap = probs[n].length + (probs[n].length >> 1) + 16;
            probs[n] = Arrays.copyOf(probs[n], cap);
            bows[n] = Arrays.copyOf(bows[n], cap);
        }
        probs[n][i] = log10Prob;
        bows[n][i] = log10Backoff;
    }

    /** Sets the back-off weight of a listed n-gram (its weight as a history of the order above). */
    void setBackoff(int[] ngram, float log10Backoff) {
        int i = grams[ngram.length - 1].find(pack(ngram, 0, ngram.length));
        if (i < 0) {
            throw new IllegalArgumentException("back-off of an n-gram not in the model");
        }
        bows[ngram.length - 1][i] = log10Backoff;
    }

    public boolean contains(int[] ngram) {
        return ngram.length >= 1
                && ngram.length <= order
                && grams[ngram.length - 1].find(pack(ngram, 0, ngram.length)) >= 0;
    }

    /** {log10 prob, log10 backoff} of a listed n-gram, or null. */
    public float[] entry(int[] ngram) {
        if (ngram.length < 1 || ngram.length > order) {
            return null;
        }
        int i = grams[ngram.length - 1].find(pack(ngram, 0, ngram.length));
        return i < 0 ? null : new float[] {probs[ngram.length - 1][i], bows[ngram.length - 1][i]};
    }

    public int count(int n) {
        return grams[n - 1].size();
    }

    /** Listed n-grams of order n, as word-id arrays, in the order they were added. */
    public List<int[]> ngrams(int n) {
        List<int[]> out = new ArrayList<>(grams[n - 1].size());
        for (int i = 0; i < grams[n - 1].size(); i++) {
            out.add(unpack(grams[n - 1].key(i), n));
        }
        return out;
    }

    private static int[] unpack(long k, int n) {
        int[] w = new int[n];
        for (int i = n - 1; i >= 0; i--) {
            w[i] = (int) ((k & WORD_MASK) - 1);
            k >>>= BITS;
        }
        return w;
    }

    /** log10 P(word | history) by the ARPA back-off rule; history is the preceding words (any length). */
    public double log10Prob(int[] history, int word) {
        int h = Math.min(history.length, order - 1);
        return log10Prob(pack(history, history.length - h, history.length), h, word);
    }

    /**
     * The back-off rule on a packed history of {@code len} words: the longest listed n-gram ending in the word, plus
     * the back-off weights of the (listed) histories dropped on the way to it.
     */
    private double log10Prob(long history, int len, int word) {
        double bow = 0;
        for (int l = len; l >= 0; l--) {
            long ctx = l == 0 ? 0 : history & ((1L << (BITS * l)) - 1);
            int i = grams[l].find((ctx << BITS) | (word + 1L));
            if (i >= 0) {
                return bow + probs[l][i];
            }
            if (l > 0) {
                int j = grams[l - 1].find(ctx);
                if (j >= 0) {
                    bow += bows[l - 1][j];
                }
            }
        }
        return Double.NEGATIVE_INFINITY;
    }

    // ---- the decoder's view: states and arcs --------------------------------------------------------------

    /** The state after the sentence-start symbol. */
    public int startState() {
        int bos = wordId(BOS);
        if (bos < 0 || order == 1) {
            return 0;
        }
        int i = grams[0].find(bos + 1L);
        return i < 0 ? 0 : (1 << STATE_SHIFT) | i;
    }

    private static int stateLength(int state) {
        return state >>> STATE_SHIFT;
    }

    private long stateKey(int state) {
        int len = stateLength(state);
        return len == 0 ? 0 : grams[len - 1].key(state & ((1 << STATE_SHIFT) - 1));
    }

    public int[] stateContext(int state) {
        return unpack(stateKey(state), stateLength(state));
    }

    /** The natural-log probability of {@code word} in {@code state}. */
    public double logProb(int state, int word) {
        return log10Prob(stateKey(state), stateLength(state), word) * LN10;
    }

    /** The state after {@code word} in {@code state}: the longest suffix of the history and word the model lists. */
    public int nextState(int state, int word) {
        int len = stateLength(state);
        long full = (stateKey(state) << BITS) | (word + 1L);
        for (int l = Math.min(len + 1, order - 1); l >= 1; l--) {
            int i = grams[l - 1].find(full & ((1L << (BITS * l)) - 1));
            if (i >= 0) {
                return (l << STATE_SHIFT) | i;
            }
        }
        return 0;
    }

    /**
     * {@link #logProb} and {@link #nextState} in one pass (they look up the same n-grams): returns the natural-log
     * probability of {@code word} in {@code state} and stores the next state in {@code nextState[0]}.
     */
    public double arc(int state, int word, int[] nextState) {
        int len = stateLength(state);
        long history = stateKey(state);
        long full = (history << BITS) | (word + 1L);
        // the next state: the longest listed suffix of history + word, up to order - 1 words
        int next = 0;
        int maxState = Math.min(len + 1, order - 1);
        // the probability: the longest listed n-gram ending in the word, with the back-offs of the histories dropped
        double bow = 0;
        double lp = Double.NEGATIVE_INFINITY;
        for (int l = len; l >= 0; l--) {
            long gram = full & ((1L << (BITS * (l + 1))) - 1);
            int i = grams[l].find(gram);
            if (i >= 0) {
                if (lp == Double.NEGATIVE_INFINITY) {
                    lp = bow + probs[l][i];
                }
                if (next == 0 && l + 1 <= maxState) {
                    next = ((l + 1) << STATE_SHIFT) | i;
                }
                if (next != 0 || l + 1 <= 1) {
                    break; // both found (a shorter n-gram gives neither a longer state nor the probability)
                }
                continue;
            }
            if (lp == Double.NEGATIVE_INFINITY && l > 0) {
                int j = grams[l - 1].find(full >>> BITS & ((1L << (BITS * l)) - 1));
                if (j >= 0) {
                    bow += bows[l - 1][j];
                }
            }
        }
        nextState[0] = next;
        return lp * LN10;
    }

    /**
     * From {@code state}, the word {@code word}: returns the natural-log probability and the next state, packed as
     * {@code Double.doubleToRawLongBits}/{@code int} in a two-element array {logProbBits, nextState}.
     */
    public long[] next(int state, int word) {
        return new long[] {Double.doubleToRawLongBits(logProb(state, word)), nextState(state, word)};
    }

    public static double arcLogProb(long[] arc) {
        return Double.longBitsToDouble(arc[0]);
    }

    public static int arcNextState(long[] arc) {
        return (int) arc[1];
    }
}
