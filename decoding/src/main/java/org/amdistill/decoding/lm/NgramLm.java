package org.amdistill.decoding.lm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.amdistill.core.cli.AmdException;

/**
 * A back-off n-gram language model (order 1 to 3) as an ARPA file holds it: for each n-gram its log10 probability
 * and, below the highest order, its log10 back-off weight. {@link #log10Prob} follows the ARPA back-off rule;
 * {@link #next} gives the decoder's view of the model as states (the longest history the model knows) and arcs.
 *
 * <p>N-grams are keyed by word ids packed into a long (21 bits a word), which bounds the vocabulary at 2 million.
 */
public final class NgramLm {
    public static final String BOS = "<s>";
    public static final String EOS = "</s>";
    public static final String UNK = "<unk>";
    public static final int MAX_ORDER = 3;
    private static final int BITS = 21;
    private static final double LN10 = Math.log(10);

    private final int order;
    private final List<String> words = new ArrayList<>();
    private final Map<String, Integer> ids = new HashMap<>();
    // per order (index 0 = unigrams): packed n-gram -> {log10 prob, log10 backoff}
    private final List<Map<Long, float[]>> grams = new ArrayList<>();
    private final Map<Long, Integer> stateIds = new ConcurrentHashMap<>();
    private final List<int[]> stateContexts = Collections.synchronizedList(new ArrayList<>());
    private final Map<Long, long[]> arcCache = new ConcurrentHashMap<>();

    public NgramLm(int order) {
        if (order < 1 || order > MAX_ORDER) {
            throw new AmdException("n-gram order " + order + " is not supported (1 to " + MAX_ORDER + ")");
        }
        this.order = order;
        for (int i = 0; i < order; i++) {
            grams.add(new HashMap<>());
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
        grams.get(ngram.length - 1).put(pack(ngram, 0, ngram.length), new float[] {log10Prob, log10Backoff});
    }

    public boolean contains(int[] ngram) {
        return ngram.length <= order && grams.get(ngram.length - 1).containsKey(pack(ngram, 0, ngram.length));
    }

    /** {log10 prob, log10 backoff} of a listed n-gram, or null. */
    public float[] entry(int[] ngram) {
        return ngram.length <= order ? grams.get(ngram.length - 1).get(pack(ngram, 0, ngram.length)) : null;
    }

    public int count(int n) {
        return grams.get(n - 1).size();
    }

    /** Listed n-grams of order n, as word-id arrays. */
    public List<int[]> ngrams(int n) {
        List<int[]> out = new ArrayList<>();
        long mask = (1L << BITS) - 1;
        for (long k : grams.get(n - 1).keySet()) {
            int[] w = new int[n];
            for (int i = n - 1; i >= 0; i--) {
                w[i] = (int) ((k & mask) - 1);
                k >>>= BITS;
            }
            out.add(w);
        }
        return out;
    }

    /** log10 P(word | history) by the ARPA back-off rule; history is the preceding words (any length). */
    public double log10Prob(int[] history, int word) {
        int h = Math.min(history.length, order - 1);
        int[] full = new int[h + 1];
        System.arraycopy(history, history.length - h, full, 0, h);
        full[h] = word;
        return backoffProb(full, 0);
    }

    private double backoffProb(int[] full, int from) {
        int n = full.length - from;
        float[] e = grams.get(n - 1).get(pack(full, from, full.length));
        if (e != null) {
            return e[0];
        }
        if (n == 1) {
            return Double.NEGATIVE_INFINITY;
        }
        float[] ctx = grams.get(n - 2).get(pack(full, from, full.length - 1));
        double bow = ctx == null ? 0 : ctx[1];
        return bow + backoffProb(full, from + 1);
    }

    // ---- the decoder's view: states and arcs --------------------------------------------------------------

    /** The state after the sentence-start symbol. */
    public int startState() {
        int bos = wordId(BOS);
        return bos < 0 || order == 1 ? stateFor(new int[0]) : stateFor(new int[] {bos});
    }

    private int stateFor(int[] context) {
        long key = pack(context, 0, context.length) | ((long) context.length << 61);
        Integer id = stateIds.get(key);
        if (id != null) {
            return id;
        }
        synchronized (stateContexts) {
            id = stateIds.get(key);
            if (id == null) {
                id = stateContexts.size();
                stateContexts.add(context);
                stateIds.put(key, id);
            }
            return id;
        }
    }

    public int[] stateContext(int state) {
        return stateContexts.get(state);
    }

    /**
     * From {@code state}, the word {@code word}: returns the natural-log probability and the next state, packed as
     * {@code Double.doubleToRawLongBits}/{@code int} in a two-element array {logProbBits, nextState}.
     */
    public long[] next(int state, int word) {
        long key = ((long) state << 32) | (word & 0xffffffffL);
        long[] a = arcCache.get(key);
        if (a != null) {
            return a;
        }
        int[] ctx = stateContext(state);
        double lp = log10Prob(ctx, word) * LN10;
        int keep = Math.min(ctx.length + 1, order - 1);
        int[] full = new int[ctx.length + 1];
        System.arraycopy(ctx, 0, full, 0, ctx.length);
        full[ctx.length] = word;
        int[] next = new int[0];
        for (int len = keep; len >= 1; len--) {
            int[] cand = new int[len];
            System.arraycopy(full, full.length - len, cand, 0, len);
            if (contains(cand)) {
                next = cand;
                break;
            }
        }
        a = new long[] {Double.doubleToRawLongBits(lp), stateFor(next)};
        arcCache.put(key, a);
        return a;
    }

    public static double arcLogProb(long[] arc) {
        return Double.longBitsToDouble(arc[0]);
    }

    public static int arcNextState(long[] arc) {
        return (int) arc[1];
    }
}
