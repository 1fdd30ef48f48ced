package org.amdistill.decoding.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.amdistill.core.cli.AmdException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decoding graph of a context-dependent model: the lexical prefix tree expanded into triphones, with the
 * cross-word contexts made static (Kaldi's C transducer, specialised to a word loop). See the package
 * documentation for why this construction.
 *
 * <p>Non-emitting nodes: J(L, R), "the last phone was L (a word's last phone, the optional silence, or none at the
 * start), the next word starts with R"; E(P), "the phones of prefix P but its last have been heard" (|P| >= 2);
 * FO(a, b), "a word ending in phone b after a has been heard up to its last phone" (the word and its LM score are
 * on the arc into it, so words with the same last two phones share the fan-out); S(b), "silence after b".
 * Emitting copies: J(L, R) -> R(L, R, c) -> E(Rc) for each second phone c; E(P) -> p(prev, p, c) -> E(Pc);
 * FO(a, b) -> b(a, b, R') -> J(b, R') for every first phone R' of a word, -> b(a, b, sil) -> S(b) with the silence
 * probability, -> b(a, b, none) -> the final node; S(b) -> sil(b, sil, R'') -> J(sil, R'') or the final node.
 * Copies that leave one node with the same pdfs are one copy whose exit fans out to all their targets, so a tree
 * that does not split on a context adds no nodes for it. The start is {@link DecodingGraph#POST_WORD}, the end
 * {@link DecodingGraph#ROOT}.
 */
final class ContextDependentGraph {
    private static final Logger LOG = LoggerFactory.getLogger(ContextDependentGraph.class);
    private static final String NONE = null;

    private static final class Trie {
        final Map<String, Trie> children = new LinkedHashMap<>();
        final List<double[]> wordEnds = new ArrayList<>(); // {word index, log pron prob}
    }

    private final DecodingGraph.Builder b = new DecodingGraph.Builder();
    private final PhoneHmms hmms;
    private final String sil;
    private final double logSil;
    private final double logNoSil;
    private final Trie root = new Trie();
    private final Set<String> firstPhones = new LinkedHashSet<>();
    private final Map<String, Integer> junctions = new HashMap<>();
    private final Map<String, Integer> fanOuts = new HashMap<>();
    private final Map<String, Integer> silences = new HashMap<>();
    private final IdentityHashMap<Trie, Integer> entries = new IdentityHashMap<>();
    private final List<Runnable> pending = new ArrayList<>();

    private ContextDependentGraph(PhoneHmms hmms, String sil, double silProb) {
        this.hmms = hmms;
        this.sil = silProb > 0 ? sil : null;
        this.logSil = silProb > 0 ? Math.log(silProb) : Double.NEGATIVE_INFINITY;
        this.logNoSil = silProb > 0 ? Math.log(1 - silProb) : 0;
    }

    static DecodingGraph build(DecodingGraph.Spec spec) {
        double silProb = spec.optionalSilence() == null ? 0 : spec.silProb();
        if (silProb >= 1) {
            throw new AmdException("--sil-prob=" + silProb + ": must be below 1");
        }
        if (silProb > 0 && spec.hmms().hmm(spec.optionalSilence()) == null) {
            throw new AmdException(
                    "the optional silence phone '" + spec.optionalSilence() + "' has no HMM in the model");
        }
        ContextDependentGraph c = new ContextDependentGraph(spec.hmms(), spec.optionalSilence(), silProb);
        String[] words = c.addWords(spec.lexicon());
        c.b.node(-1); // ROOT: the end
        c.b.node(-1); // POST_WORD: the start
        if (c.sil != null) {
            c.b.arc(DecodingGraph.POST_WORD, c.silence(NONE), c.logSil, -1);
        }
        for (String r : c.firstPhones) {
            c.b.arc(DecodingGraph.POST_WORD, c.junction(NONE, r), c.logNoSil, -1);
        }
        while (!c.pending.isEmpty()) {
            Runnable job = c.pending.remove(c.pending.size() - 1);
            job.run();
        }
        DecodingGraph g = c.b.build(words);
        LOG.info(
                "Context-dependent decoding graph: {} words, {} nodes, {} arcs, {} cross-word junctions",
                words.length,
                g.numNodes(),
                g.numArcs(),
                c.junctions.size());
        return g;
    }

    private String[] addWords(Pronunciations lexicon) {
        Map<String, Integer> wordIndex = new LinkedHashMap<>();
        for (Pronunciations.Entry e : lexicon.entries()) {
            if (e.phones().isEmpty()) {
                continue;
            }
            List<String> phones = DecodingGraph.resolvePhones(e, hmms);
            int w = wordIndex.computeIfAbsent(e.word(), k -> wordIndex.size());
            Trie t = root;
            for (String p : phones) {
                t = t.children.computeIfAbsent(p, k -> new Trie());
            }
            t.wordEnds.add(new double[] {w, Math.log(e.prob())});
            firstPhones.add(phones.get(0));
        }
        if (wordIndex.isEmpty()) {
            throw new AmdException("the lexicon has no words with pronunciations: cannot build a decoding graph");
        }
        return wordIndex.keySet().toArray(new String[0]);
    }

    /** J(left, first): built once; its arcs are added when the job runs. */
    private int junction(String left, String first) {
        String key = left + " " + first;
        Integer n = junctions.get(key);
        if (n == null) {
            int node = b.node(-1);
            junctions.put(key, node);
            Trie t = root.children.get(first);
            pending.add(() -> expand(node, left, first, t));
            n = node;
        }
        return n;
    }

    /**
     * The arcs out of a node where {@code phone} (after {@code left}) is about to start, its trie node {@code t}:
     * copies of the phone into each continuation, and word ends into the fan-out of the phone as a word's last.
     */
    private void expand(int node, String left, String phone, Trie t) {
        Map<String, List<Integer>> targetsByPdfs = new LinkedHashMap<>();
        Map<String, PhoneHmm> hmmOf = new HashMap<>();
        for (Map.Entry<String, Trie> c : t.children.entrySet()) {
            PhoneHmm h = hmms.hmm(left, phone, c.getKey());
            String k = Arrays.toString(h.pdfs());
            hmmOf.put(k, h);
            int e = entry(phone, c.getKey(), c.getValue());
            targetsByPdfs.computeIfAbsent(k, x -> new ArrayList<>()).add(e);
        }
        targetsByPdfs.forEach((k, targets) -> copy(node, hmmOf.get(k), 0, targets));
        for (double[] we : t.wordEnds) {
            b.arc(node, fanOut(left, phone), we[1], (int) we[0]);
        }
    }

    /** E(P): one per trie node (its left context, the phone before, is the trie's own), shared by every J(L, R) above it. */
    private int entry(String before, String phone, Trie t) {
        Integer n = entries.get(t);
        if (n == null) {
            int node = b.node(-1);
            entries.put(t, node);
            pending.add(() -> expand(node, before, phone, t));
            n = node;
        }
        return n;
    }

    /** FO(a, b): b as a word's last phone, after a, into every right context. */
    private int fanOut(String a, String last) {
        String key = a + " " + last;
        Integer n = fanOuts.get(key);
        if (n != null) {
            return n;
        }
        int node = b.node(-1);
        fanOuts.put(key, node);
        Map<String, List<Integer>> targets = new LinkedHashMap<>();
        Map<String, PhoneHmm> hmmOf = new HashMap<>();
        Map<String, Double> weightOf = new HashMap<>();
        for (String r : firstPhones) {
            group(hmms.hmm(a, last, r), logNoSil, junction(last, r), targets, hmmOf, weightOf);
        }
        group(hmms.hmm(a, last, NONE), logNoSil, DecodingGraph.ROOT, targets, hmmOf, weightOf);
        if (sil != null) {
            group(hmms.hmm(a, last, sil), logSil, silence(last), targets, hmmOf, weightOf);
        }
        targets.forEach((k, ts) -> copy(node, hmmOf.get(k), weightOf.get(k), ts));
        return node;
    }

    /** S(b): the optional silence after b, into every next word's first phone or the end. */
    private int silence(String before) {
        Integer n = silences.get(before);
        if (n != null) {
            return n;
        }
        int node = b.node(-1);
        silences.put(before, node);
        Map<String, List<Integer>> targets = new LinkedHashMap<>();
        Map<String, PhoneHmm> hmmOf = new HashMap<>();
        Map<String, Double> weightOf = new HashMap<>();
        for (String r : firstPhones) {
            group(hmms.hmm(before, sil, r), 0, junction(sil, r), targets, hmmOf, weightOf);
        }
        group(hmms.hmm(before, sil, NONE), 0, DecodingGraph.ROOT, targets, hmmOf, weightOf);
        targets.forEach((k, ts) -> copy(node, hmmOf.get(k), weightOf.get(k), ts));
        return node;
    }

    private static void group(
            PhoneHmm h,
            double weight,
            int target,
            Map<String, List<Integer>> targets,
            Map<String, PhoneHmm> hmmOf,
            Map<String, Double> weightOf) {
        String k = Arrays.toString(h.pdfs()) + "@" + weight;
        hmmOf.put(k, h);
        weightOf.put(k, weight);
        targets.computeIfAbsent(k, x -> new ArrayList<>()).add(target);
    }

    /** One copy of {@code h} entered from {@code from} (with {@code weight}), whose exit leads to each of {@code targets}. */
    private void copy(int from, PhoneHmm h, double weight, List<Integer> targets) {
        int exit = targets.size() == 1 ? targets.get(0) : -1;
        int[] ends = b.phone(h, 0, exit);
        b.arc(from, ends[0], weight, -1);
        if (exit < 0) {
            for (int t : targets) {
                b.arc(ends[1], t, 0, -1);
            }
        }
    }
}
