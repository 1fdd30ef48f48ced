package org.amdistill.decoding.decoder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.table.Matrix;
import org.amdistill.decoding.graph.DecodingGraph;
import org.amdistill.decoding.lm.NgramLm;

/**
 * Token-passing Viterbi beam search over a {@link DecodingGraph} with the n-gram LM applied at word ends.
 * A token is (graph node, LM state); its score is
 * acoustic-scale x sum of hybrid log-likelihoods + HMM transition and pronunciation log probabilities
 * + lm-weight x LM log probabilities - word-ins-penalty x words. Only the word sequence is traced back (through
 * word links), which is all the output needs. One decoder per thread; the graph and the LM are shared.
 */
public final class Decoder {
    /** The best path: its words, total score, whether it ended in a final state, and the frame count. */
    public record Result(List<String> words, double score, boolean reachedFinal, int frames) {
    }

    private final DecodingGraph g;
    private final NgramLm lm;
    private final DecoderOptions o;
    private final int[] lmWord; // graph word index -> LM word id (-1: not in the LM)
    private TokenSet cur = new TokenSet(1024);
    private TokenSet next = new TokenSet(1024);
    private int[] linkPrev = new int[1024];
    private int[] linkWord = new int[1024];
    private int numLinks;
    private int[] stack = new int[1024];
    private double[] scratch = new double[1024];

    public Decoder(DecodingGraph graph, NgramLm lm, DecoderOptions options) {
        this.g = graph;
        this.lm = lm;
        this.o = options;
        this.lmWord = new int[graph.numWords()];
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

    public Result decode(Matrix logLikes, String utterance) {
        int frames = logLikes.rows();
        int cols = logLikes.cols();
        float[] ll = logLikes.data();
        checkFinite(ll, cols, utterance);
        if (g.maxPdf() >= cols) {
            throw new AmdException("utterance " + utterance + ": the graph uses pdf " + g.maxPdf() + " but the model scores only "
                    + cols + " pdfs (lang directory and model do not match)");
        }
        numLinks = 0;
        cur.clear();
        int startLm = lm == null ? 0 : lm.startState();
        cur.offer(TokenSet.key(g.postWordNode(), startLm), 0.0);
        closure(cur, Double.NEGATIVE_INFINITY);
        double curCutoff = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < frames; t++) {
            next.clear();
            double best = emit(ll, t * cols, curCutoff);
            if (next.size == 0) {
                break; // nothing survives (impossible with a connected graph); fall back to a partial result
            }
            double cutoff = best - o.beam;
            if (next.size > o.maxActive) {
                cutoff = Math.max(cutoff, kthLargest(next, o.maxActive));
            }
            closure(next, cutoff);
            TokenSet tmp = cur;
            cur = next;
            next = tmp;
            curCutoff = cutoff;
        }
        return bestPath(curCutoff, frames);
    }

    /**
     * Moves the tokens of {@code cur} above {@code curCutoff} along emitting arcs into {@code next}, scoring one frame
     * (its log-likelihoods from {@code rowOff}); returns the best score in {@code next}.
     */
    private double emit(float[] ll, int rowOff, double curCutoff) {
        double ac = o.acousticScale;
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < cur.size; i++) {
            double sc = cur.scores[i];
            if (sc < curCutoff) {
                continue;
            }
            long key = cur.keys[i];
            int node = TokenSet.node(key);
            int lmState = TokenSet.lmState(key);
            for (int a = g.arcStart(node), e = g.arcEnd(node); a < e; a++) {
                int to = g.arcTo(a);
                int pdf = g.pdf(to);
                if (pdf < 0) {
                    continue;
                }
                double s = sc + g.arcLogProb(a) + ac * ll[rowOff + pdf];
                if (s < best - o.beam) {
                    continue;
                }
                int idx = next.offer(TokenSet.key(to, lmState), s);
                if (idx >= 0) {
                    next.links[idx] = cur.links[i];
                    if (s > best) {
                        best = s;
                    }
                }
            }
        }
        return best;
    }

    /**
     * The best token in a final state (the root: after a word and optional silence), with the sentence end; the best
     * token of all when none is final. Its words are traced back through the word links.
     */
    private Result bestPath(double curCutoff, int frames) {
        int bestFinal = -1;
        double bestFinalScore = Double.NEGATIVE_INFINITY;
        int bestAny = -1;
        double bestAnyScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < cur.size; i++) {
            double sc = cur.scores[i];
            if (sc < curCutoff) {
                continue;
            }
            if (sc > bestAnyScore) {
                bestAnyScore = sc;
                bestAny = i;
            }
            long key = cur.keys[i];
            if (TokenSet.node(key) == g.rootNode()) {
                double f = sc;
                if (lm != null) {
                    long[] arc = lm.next(TokenSet.lmState(key), lm.wordId(NgramLm.EOS));
                    f += o.lmWeight * NgramLm.arcLogProb(arc);
                }
                if (f > bestFinalScore) {
                    bestFinalScore = f;
                    bestFinal = i;
                }
            }
        }
        boolean isFinal = bestFinal >= 0 && bestFinalScore > Double.NEGATIVE_INFINITY;
        int chosen = isFinal ? bestFinal : bestAny;
        double score = isFinal ? bestFinalScore : bestAnyScore;
        List<String> words = new ArrayList<>();
        if (chosen >= 0) {
            for (int l = cur.links[chosen]; l >= 0; l = linkPrev[l]) {
                words.add(g.word(linkWord[l]));
            }
            Collections.reverse(words);
        }
        return new Result(words, score, isFinal, frames);
    }

    /** Follows arcs into non-emitting nodes (word ends apply the LM) until nothing improves. */
    private void closure(TokenSet set, double cutoff) {
        int sp = 0;
        for (int i = 0; i < set.size; i++) {
            if (set.scores[i] >= cutoff) {
                sp = push(sp, i);
            }
        }
        while (sp > 0) {
            int i = stack[--sp];
            long key = set.keys[i];
            int node = TokenSet.node(key);
            int lmState = TokenSet.lmState(key);
            double sc = set.scores[i];
            int link = set.links[i];
            for (int a = g.arcStart(node), e = g.arcEnd(node); a < e; a++) {
                int to = g.arcTo(a);
                if (g.pdf(to) >= 0) {
                    continue;
                }
                double s = sc + g.arcLogProb(a);
                int w = g.arcWord(a);
                int toLm = lmState;
                if (w >= 0) {
                    if (lm != null) {
                        if (lmWord[w] < 0) {
                            continue;
                        }
                        long[] arc = lm.next(lmState, lmWord[w]);
                        s += o.lmWeight * NgramLm.arcLogProb(arc);
                        toLm = NgramLm.arcNextState(arc);
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
                set.links[idx] = w >= 0 ? newLink(link, w) : link;
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

    private int newLink(int prev, int word) {
        if (numLinks == linkPrev.length) {
            linkPrev = Arrays.copyOf(linkPrev, numLinks * 2);
            linkWord = Arrays.copyOf(linkWord, numLinks * 2);
        }
        linkPrev[numLinks] = prev;
        linkWord[numLinks] = word;
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

    private static void checkFinite(float[] ll, int cols, String utterance) {
        for (int i = 0; i < ll.length; i++) {
            float v = ll[i];
            if (Float.isNaN(v) || v == Float.POSITIVE_INFINITY) {
                throw new AmdException("utterance " + utterance + ": the acoustic model gave " + v + " at frame " + (i / cols)
                        + ", pdf " + (i % cols) + " (a diverged or broken model?)");
            }
        }
    }
}
