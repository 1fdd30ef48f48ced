package org.amdistill.decoding.decoder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.table.Matrix;
import org.amdistill.decoding.graph.DecodingGraph;
import org.amdistill.decoding.lm.NgramLm;

/**
 * Token-passing Viterbi beam search over a {@link DecodingGraph} with the n-gram LM applied at word ends.
 * A token is (graph node, LM state); its score is
 * acoustic-scale x sum of hybrid log-likelihoods + HMM transition and pronunciation log probabilities
 * + lm-weight x LM log probabilities - word-ins-penalty x words. Only the word sequence is traced back (through
 * word links, each with the frames it spans and its score), which is all the output needs. One decoder per thread;
 * the graph and the LM are shared.
 *
 * <p>The search runs frame by frame: {@link #begin}, {@link #advance} with as many frames as have arrived (a
 * stream's chunks, or a whole utterance), {@link #partial} for the best path so far, {@link #finish} for the
 * final result. {@link #decode} is exactly those calls on a whole utterance, so a stream decoded in chunks gives
 * the same result as the utterance decoded at once.
 */
public final class Decoder {
    /**
     * The best path: its words, total score, whether it ended in a final state, the frame count, and each word's
     * frames and confidence.
     */
    public record Result(List<String> words, double score, boolean reachedFinal, int frames, List<Word> timedWords) {}

    /**
     * A word of the best path: frames {@code start .. end-1} (from leaving the previous word, its optional silence
     * included, to the word's last frame), and its confidence: the word's share, in probability, of the scores of
     * all word ends that survive the beam in its last frame (1 when no other word ends there; a frame-level
     * approximation of the word's posterior).
     */
    public record Word(String word, int start, int end, double confidence) {}

    private final DecodingGraph g;
    private final NgramLm lm;
    private final DecoderOptions o;
    private final int[] lmWord; // graph word index -> LM word id (-1: not in the LM)
    // per node: the LM look-ahead (LmLookAhead), or without it 0; -infinity at dead ends either way (no LM: all 0)
    private final float[] la;
    private final double laWeight; // what la is scaled by: lm-weight with the look-ahead, else 1
    private TokenSet cur = new TokenSet(1024);
    private TokenSet next = new TokenSet(1024);
    private int[] linkPrev = new int[1024];
    private int[] linkWord = new int[1024];
    private int[] linkStart = new int[1024];
    private int[] linkEnd = new int[1024];
    private double[] linkScore = new double[1024];
    private int numLinks;
    private int[] stack = new int[1024];
    private double[] scratch = new double[1024];
    private double[] wordEndLogSum = new double[1024]; // per frame count: log-sum-exp of the word-end tokens' scores
    private String utterance;
    private int frame; // frames consumed
    private double curCutoff;
    private boolean dead; // no token survived a frame (cannot happen with a connected graph)
    private long activeSum; // tokens alive after each frame, summed over the utterance's frames
    // The LM arcs of this decoder's word ends, direct-mapped: a token at a word end is offered it frame after frame
    // (every frame its last-but-one phone exits), and each lookup is a few cache misses in tables of millions of
    // n-grams (the search's largest cost on a 100,000-word task before this cache). Bounded, per decoder: no lock.
    private static final int ARC_CACHE_BITS = 14;
    private final long[] arcKeys = new long[1 << ARC_CACHE_BITS]; // ~(state << 32 | word); 0: empty
    private final double[] arcLogProbs = new double[1 << ARC_CACHE_BITS];
    private final int[] arcNext = new int[1 << ARC_CACHE_BITS];
    private final int[] nextOut = new int[1];
    private final boolean[] epsilonOut; // per node: has an arc into a non-emitting node
    private static final Map<DecodingGraph, boolean[]> EPSILON_OUT = Collections.synchronizedMap(new WeakHashMap<>());

    public Decoder(DecodingGraph graph, NgramLm lm, DecoderOptions options) {
        this.g = graph;
        this.lm = lm;
        this.o = options;
        this.lmWord = new int[graph.numWords()];
        this.epsilonOut = EPSILON_OUT.computeIfAbsent(graph, Decoder::epsilonOut);
        if (lm != null) {
            if (lm.wordId(NgramLm.EOS) < 0) {
                throw new AmdException("the language model has no " + NgramLm.EOS + ": it cannot end a sentence");
            }
            int unk = lm.wordId(NgramLm.UNK);
            for (int w = 0; w < lmWord.length; w++) {
                int id = lm.wordId(graph.word(w));
                lmWord[w] = id >= 0 ? id : unk;
            }
        }
        if (lm == null) {
            this.la = new float[graph.numNodes()];
            this.laWeight = 0;
        } else {
            LmLookAhead.Tables t = LmLookAhead.of(graph, lm, lmWord);
            // an LM weight of 0 would make 0 x -infinity of the dead ends
            boolean lookAhead = options.lmLookAhead && options.lmWeight > 0;
            this.la = lookAhead ? t.lookAhead() : t.deadEnds();
            this.laWeight = lookAhead ? options.lmWeight : 1;
        }
    }

    private static boolean[] epsilonOut(DecodingGraph g) {
        boolean[] out = new boolean[g.numNodes()];
        for (int v = 0; v < out.length; v++) {
            for (int a = g.arcStart(v); a < g.arcEnd(v) && !out[v]; a++) {
                out[v] = !g.emitting(g.arcTo(a));
            }
        }
        return out;
    }

    /** Words of the graph the LM cannot score (neither the word nor {@code <unk>} is in it): never recognised. */
    public List<String> wordsMissingFromLm() {
        List<String> out = new ArrayList<>();
        if (lm != null) {
            for (int w = 0; w < lmWord.length; w++) {
                if (lmWord[w] < 0) {
                    out.add(g.word(w));
                }
            }
        }
        return out;
    }

    /** The whole search on one utterance's scaled log-likelihoods: {@link #begin}, {@link #advance}, {@link #finish}. */
    public Result decode(Matrix logLikes, String utterance) {
        begin(utterance);
        advance(logLikes);
        return finish();
    }

    /** Starts an utterance: one token at the post-word node (so it may begin with silence). */
    public void begin(String utterance) {
        this.utterance = utterance;
        numLinks = 0;
        frame = 0;
        activeSum = 0;
        dead = false;
        cur.clear();
        int startLm = lm == null ? 0 : lm.startState();
        int idx = cur.offer(TokenSet.key(g.postWordNode(), startLm), laWeight * la[g.postWordNode()]);
        cur.starts[idx] = 0;
        closure(cur, Double.NEGATIVE_INFINITY);
        curCutoff = Double.NEGATIVE_INFINITY;
    }

    /** Tokens alive after the last frame (within its beam and max-active): what the search costs per frame. */
    public int activeTokens() {
        int n = 0;
        for (int i = 0; i < cur.size; i++) {
            if (cur.scores[i] >= curCutoff) {
                n++;
            }
        }
        return n;
    }

    /** The tokens alive after each frame so far, summed: over {@link #frames}, the search's mean load. */
    public long activeTokenFrames() {
        return activeSum;
    }

    /** Frames consumed since {@link #begin}. */
    public int frames() {
        return frame;
    }

    /** Consumes the next frames' scaled log-likelihoods (all rows of {@code logLikes}; none is allowed). */
    public void advance(Matrix logLikes) {
        if (utterance == null) {
            throw new IllegalStateException("advance() before begin()");
        }
        int cols = logLikes.cols();
        float[] ll = logLikes.data();
        if (logLikes.rows() == 0) {
            return;
        }
        checkFinite(ll, cols, frame, utterance);
        if (g.maxPdf() >= cols) {
            throw new AmdException("utterance " + utterance + ": the graph uses pdf " + g.maxPdf()
                    + " but the model scores only " + cols + " pdfs (lang directory and model do not match)");
        }
        for (int r = 0; r < logLikes.rows() && !dead; r++) {
            advanceFrame(ll, r * cols);
        }
    }

    private void advanceFrame(float[] ll, int rowOff) {
        next.clear();
        // the best token first: its successors set a frame's best early, so the others' hopeless successors are not
        // offered at all (what they would have been cut by at the frame's end anyway: the same search, fewer offers)
        int first = -1;
        for (int i = 0; i < cur.size; i++) {
            if (cur.scores[i] >= curCutoff && (first < 0 || cur.scores[i] > cur.scores[first])) {
                first = i;
            }
        }
        double best = first < 0 ? Double.NEGATIVE_INFINITY : expand(first, ll, rowOff, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < cur.size; i++) {
            if (cur.scores[i] >= curCutoff && i != first) {
                best = expand(i, ll, rowOff, best);
            }
        }
        if (next.size == 0) {
            dead = true; // nothing survives (impossible with a connected graph); the result is the best partial path
            return;
        }
        frame++;
        double cutoff = best - o.beam;
        if (next.size > o.maxActive) {
            cutoff = Math.max(cutoff, kthLargest(next, o.maxActive));
        }
        closure(next, cutoff);
        TokenSet tmp = cur;
        cur = next;
        next = tmp;
        curCutoff = cutoff;
        recordWordEnds();
    }

    /** Offers token {@code i}'s emitting successors to the next frame; returns the best score offered so far. */
    private double expand(int i, float[] ll, int rowOff, double best) {
        long key = cur.keys[i];
        int node = TokenSet.node(key);
        int lmState = TokenSet.lmState(key);
        int start = node == g.rootNode() ? frame : cur.starts[i]; // leaving the root starts a word's phones
        double scFrom = cur.scores[i] - laWeight * la[node];
        double ac = o.acousticScale;
        for (int a = g.arcStart(node), e = g.arcEnd(node); a < e; a++) {
            int to = g.arcTo(a);
            int pdf = g.pdf(to);
            if (pdf < 0) {
                continue;
            }
            double s = scFrom + laWeight * la[to] + g.arcLogProb(a) + ac * ll[rowOff + pdf];
            if (s < best - o.beam || s == Double.NEGATIVE_INFINITY) {
                continue; // -infinity: a dead end, or a pdf the model gives no probability
            }
            int idx = next.offer(TokenSet.key(to, lmState), s);
            if (idx >= 0) {
                next.links[idx] = cur.links[i];
                next.starts[idx] = start;
                if (s > best) {
                    best = s;
                }
            }
        }
        return best;
    }

    /** The log-sum-exp of the scores of this frame's word-end tokens (at the post-word node), for confidences. */
    private void recordWordEnds() {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < cur.size; i++) {
            if (cur.scores[i] >= curCutoff) {
                activeSum++;
                if (TokenSet.node(cur.keys[i]) == g.postWordNode()) {
                    max = Math.max(max, cur.scores[i]);
                }
            }
        }
        double sum = 0;
        for (int i = 0; i < cur.size; i++) {
            if (cur.scores[i] >= curCutoff && TokenSet.node(cur.keys[i]) == g.postWordNode()) {
                sum += Math.exp(cur.scores[i] - max);
            }
        }
        if (frame >= wordEndLogSum.length) {
            wordEndLogSum = Arrays.copyOf(wordEndLogSum, frame * 2);
        }
        wordEndLogSum[frame] = max + Math.log(sum);
    }

    /** The best path so far, whatever state it is in (a stream's partial result). */
    public Result partial() {
        int best = -1;
        for (int i = 0; i < cur.size; i++) {
            if (cur.scores[i] >= curCutoff && (best < 0 || cur.scores[i] > cur.scores[best])) {
                best = i;
            }
        }
        return result(
                best,
                best < 0 ? Double.NEGATIVE_INFINITY : cur.scores[best] - laWeight * la[TokenSet.node(cur.keys[best])],
                false);
    }

    /**
     * The final result: the best token in a final state (the root: after a word and optional silence), with the
     * sentence end's LM score; else the best partial path ({@code reachedFinal} false).
     */
    public Result finish() {
        int bestFinal = -1;
        double bestFinalScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < cur.size; i++) {
            double sc = cur.scores[i];
            if (sc < curCutoff) {
                continue;
            }
            long key = cur.keys[i];
            if (TokenSet.node(key) == g.rootNode()) {
                double f = sc - laWeight * la[g.rootNode()];
                if (lm != null) {
                    f += o.lmWeight * lm.logProb(TokenSet.lmState(key), lm.wordId(NgramLm.EOS));
                }
                if (f > bestFinalScore) {
                    bestFinalScore = f;
                    bestFinal = i;
                }
            }
        }
        if (bestFinal >= 0 && bestFinalScore > Double.NEGATIVE_INFINITY) {
            return result(bestFinal, bestFinalScore, true);
        }
        return partial();
    }

    private Result result(int token, double score, boolean isFinal) {
        List<Word> timed = new ArrayList<>();
        if (token >= 0) {
            for (int l = cur.links[token]; l >= 0; l = linkPrev[l]) {
                double conf = Math.min(1.0, Math.exp(linkScore[l] - wordEndLogSum[linkEnd[l]]));
                timed.add(new Word(g.word(linkWord[l]), linkStart[l], linkEnd[l], conf));
            }
            Collections.reverse(timed);
        }
        return new Result(timed.stream().map(Word::word).toList(), score, isFinal, frame, timed);
    }

    /** Follows arcs into non-emitting nodes (word ends apply the LM) until nothing improves. */
    private void closure(TokenSet set, double cutoff) {
        int sp = 0;
        for (int i = 0; i < set.size; i++) {
            // most tokens sit inside an HMM, whose arcs all emit: nothing to follow
            if (set.scores[i] >= cutoff && epsilonOut[TokenSet.node(set.keys[i])]) {
                sp = push(sp, i);
            }
        }
        while (sp > 0) {
            int i = stack[--sp];
            long key = set.keys[i];
            int node = TokenSet.node(key);
            int lmState = TokenSet.lmState(key);
            double sc = set.scores[i] - laWeight * la[node];
            int link = set.links[i];
            int start = set.starts[i];
            for (int a = g.arcStart(node), e = g.arcEnd(node); a < e; a++) {
                int to = g.arcTo(a);
                if (g.pdf(to) >= 0) {
                    continue;
                }
                double s = sc + laWeight * la[to] + g.arcLogProb(a);
                int w = g.arcWord(a);
                int toLm = lmState;
                if (w >= 0) {
                    if (lm != null) {
                        if (lmWord[w] < 0) {
                            continue;
                        }
                        long k = ((long) lmState << 32) | lmWord[w];
                        int slot = (int) ((k * 0x9E3779B97F4A7C15L) >>> (64 - ARC_CACHE_BITS));
                        if (arcKeys[slot] != ~k) {
                            arcLogProbs[slot] = lm.arc(lmState, lmWord[w], nextOut);
                            arcNext[slot] = nextOut[0];
                            arcKeys[slot] = ~k;
                        }
                        s += o.lmWeight * arcLogProbs[slot];
                        toLm = arcNext[slot];
                    }
                    s -= o.wordInsPenalty;
                }
                if (s < cutoff || s == Double.NEGATIVE_INFINITY) {
                    continue;
                }
                int idx = set.offer(TokenSet.key(to, toLm), s);
                if (idx < 0) {
                    continue;
                }
                set.links[idx] = w >= 0 ? newLink(link, w, start, s) : link;
                set.starts[idx] = start;
                sp = push(sp, idx);
            }
        }
    }

    private int push(int sp, int i) {
        if (sp == stack.length) {
            stack = Arrays.copyOf(stack, sp * 2);
        }
        stack[sp] = i;
        return sp + 1;
    }

    private int newLink(int prev, int word, int start, double score) {
        if (numLinks == linkPrev.length) {
            linkPrev = Arrays.copyOf(linkPrev, numLinks * 2);
            linkWord = Arrays.copyOf(linkWord, numLinks * 2);
            linkStart = Arrays.copyOf(linkStart, numLinks * 2);
            linkEnd = Arrays.copyOf(linkEnd, numLinks * 2);
            linkScore = Arrays.copyOf(linkScore, numLinks * 2);
        }
        linkPrev[numLinks] = prev;
        linkWord[numLinks] = word;
        linkStart[numLinks] = start;
        linkEnd[numLinks] = frame;
        linkScore[numLinks] = score;
        return numLinks++;
    }

    /** The k-th largest score among the set's tokens (k >= 1). */
    private double kthLargest(TokenSet set, int k) {
        if (scratch.length < set.size) {
            scratch = new double[set.size * 2];
        }
        System.arraycopy(set.scores, 0, scratch, 0, set.size);
        return select(scratch, 0, set.size - 1, k - 1);
    }

    /** Quickselect: the element that would be at {@code rank} when sorted descending. */
    static double select(double[] a, int lo, int hi, int rank) {
        while (lo < hi) {
            double pivot = a[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] > pivot) {
                    i++;
                }
                while (a[j] < pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (rank <= j) {
                hi = j;
            } else if (rank >= i) {
                lo = i;
            } else {
                return a[rank];
            }
        }
        return a[rank];
    }

    private static void checkFinite(float[] ll, int cols, int firstFrame, String utterance) {
        for (int i = 0; i < ll.length; i++) {
            float v = ll[i];
            if (Float.isNaN(v) || v == Float.POSITIVE_INFINITY) {
                throw new AmdException("utterance " + utterance + ": the acoustic model gave " + v + " at frame "
                        + (firstFrame + i / cols) + ", pdf " + (i % cols) + " (a diverged or broken model?)");
            }
        }
    }
}
