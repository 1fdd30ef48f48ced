package org.amdistill.decoding.graph;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.amdistill.core.cli.AmdException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The static part of the decoding graph: HMM states of a lexical prefix tree over the pronunciations, with optional
 * silence between words. The n-gram grammar is applied on the fly by the decoder at the word-end arcs (a token is a
 * graph node together with an LM state), which keeps the graph small for vocabularies of thousands of words and
 * makes one graph serve any LM.
 *
 * <p>Nodes are either emitting (an HMM state with a pdf id) or not (tree junctions, the word-loop nodes). Arcs
 * carry a natural-log probability and, on word ends, a word. The non-emitting nodes form an acyclic graph:
 * junction -word-> {@link #postWordNode()} -> {@link #rootNode()} (optionally through the silence HMM); the root
 * enters the first phones of the tree. Decoding starts at the post-word node (so an utterance may begin with
 * silence) and ends at the root.
 */
public final class DecodingGraph {
    private static final Logger LOG = LoggerFactory.getLogger(DecodingGraph.class);
    private static final int FORMAT = 1;
    public static final int ROOT = 0;
    public static final int POST_WORD = 1;

    final int[] pdf; // per node: pdf id, or -1 for a non-emitting node
    final int[] arcStart; // CSR: arcs of node n are arcStart[n] .. arcStart[n+1]-1
    final int[] arcTo;
    final float[] arcLogProb;
    final int[] arcWord; // word index, or -1
    final String[] words;
    private final int maxPdf;

    DecodingGraph(int[] pdf, int[] arcStart, int[] arcTo, float[] arcLogProb, int[] arcWord, String[] words) {
        this.pdf = pdf;
        this.arcStart = arcStart;
        this.arcTo = arcTo;
        this.arcLogProb = arcLogProb;
        this.arcWord = arcWord;
        this.words = words;
        int m = -1;
        for (int p : pdf) {
            m = Math.max(m, p);
        }
        this.maxPdf = m;
    }

    public int numNodes() {
        return pdf.length;
    }

    public int numArcs() {
        return arcTo.length;
    }

    public int rootNode() {
        return ROOT;
    }

    public int postWordNode() {
        return POST_WORD;
    }

    public int pdf(int node) {
        return pdf[node];
    }

    public boolean emitting(int node) {
        return pdf[node] >= 0;
    }

    public int arcStart(int node) {
        return arcStart[node];
    }

    public int arcEnd(int node) {
        return arcStart[node + 1];
    }

    public int arcTo(int arc) {
        return arcTo[arc];
    }

    public float arcLogProb(int arc) {
        return arcLogProb[arc];
    }

    public int arcWord(int arc) {
        return arcWord[arc];
    }

    public String word(int index) {
        return words[index];
    }

    public int numWords() {
        return words.length;
    }

    /** Largest pdf id used, for checking against the acoustic model. */
    public int maxPdf() {
        return maxPdf;
    }

    // ---- building --------------------------------------------------------------------------------------------

    /** How the graph is made: the lexicon, the model's HMMs, and the optional silence. */
    public record Spec(Pronunciations lexicon, PhoneHmms hmms, String optionalSilence, double silProb) {}

    static final class Builder {
        final List<Integer> pdfs = new ArrayList<>();
        final List<int[]> arcs = new ArrayList<>(); // from, to, word
        final List<Float> probs = new ArrayList<>();

        int node(int pdf) {
            pdfs.add(pdf);
            return pdfs.size() - 1;
        }

        void arc(int from, int to, double logProb, int word) {
            arcs.add(new int[] {from, to, word});
            probs.add((float) logProb);
        }

        /** Adds the phone's HMM states; returns {entry node, exit node (non-emitting)}. */
        int[] phone(PhoneHmm h, double exitExtra, int exitTo) {
            int first = pdfs.size();
            for (int s = 0; s < h.numStates(); s++) {
                node(h.pdfs()[s]);
            }
            int exit = exitTo >= 0 ? exitTo : node(-1);
            for (int s = 0; s < h.numStates(); s++) {
                for (int k = 0; k < h.arcTo()[s].length; k++) {
                    int t = h.arcTo()[s][k];
                    boolean leaves = t == h.numStates();
                    arc(first + s, leaves ? exit : first + t, h.arcLogProb()[s][k] + (leaves ? exitExtra : 0), -1);
                }
            }
            return new int[] {first, exit};
        }

        DecodingGraph build(String[] words) {
            int n = pdfs.size();
            int[] pdf = new int[n];
            for (int i = 0; i < n; i++) {
                pdf[i] = pdfs.get(i);
            }
            int[] start = new int[n + 1];
            for (int[] a : arcs) {
                start[a[0] + 1]++;
            }
            for (int i = 0; i < n; i++) {
                start[i + 1] += start[i];
            }
            int[] fill = start.clone();
            int m = arcs.size();
            int[] to = new int[m];
            float[] lp = new float[m];
            int[] w = new int[m];
            for (int i = 0; i < m; i++) {
                int[] a = arcs.get(i);
                int k = fill[a[0]]++;
                to[k] = a[1];
                lp[k] = probs.get(i);
                w[k] = a[2];
            }
            return new DecodingGraph(pdf, start, to, lp, w, words);
        }
    }

    private static final class TreeNode {
        final Map<String, TreeNode> children = new LinkedHashMap<>();
        final List<double[]> wordEnds = new ArrayList<>(); // {word index, log pron prob}
    }

    public static DecodingGraph build(Spec spec) {
        if (spec.hmms().contextDependent()) {
            return ContextDependentGraph.build(spec);
        }
        Map<String, Integer> wordIndex = new LinkedHashMap<>();
        TreeNode root = new TreeNode();
        int skipped = 0;
        for (Pronunciations.Entry e : spec.lexicon().entries()) {
            if (e.phones().isEmpty()) {
                skipped++;
                continue;
            }
            List<String> phones = resolvePhones(e, spec.hmms());
            int w = wordIndex.computeIfAbsent(e.word(), k -> wordIndex.size());
            TreeNode t = root;
            for (String p : phones) {
                t = t.children.computeIfAbsent(p, k -> new TreeNode());
            }
            t.wordEnds.add(new double[] {w, Math.log(e.prob())});
        }
        if (skipped > 0) {
            LOG.warn("{} lexicon entries with no phones left out of the decoding graph", skipped);
        }
        if (wordIndex.isEmpty()) {
            throw new AmdException("the lexicon has no words with pronunciations: cannot build a decoding graph");
        }
        Builder b = new Builder();
        b.node(-1); // ROOT
        b.node(-1); // POST_WORD
        double sil = spec.optionalSilence() == null ? 0 : spec.silProb();
        if (sil > 0) {
            PhoneHmm silHmm = spec.hmms().hmm(spec.optionalSilence());
            if (silHmm == null) {
                throw new AmdException(
                        "the optional silence phone '" + spec.optionalSilence() + "' has no HMM in the model");
            }
            if (sil >= 1) {
                throw new AmdException("--sil-prob=" + sil + ": must be below 1");
            }
            b.arc(POST_WORD, ROOT, Math.log(1 - sil), -1);
            int[] se = b.phone(silHmm, 0, ROOT);
            b.arc(POST_WORD, se[0], Math.log(sil), -1);
        } else {
            b.arc(POST_WORD, ROOT, 0, -1);
        }
        addChildren(b, root, ROOT, spec.hmms());
        String[] words = wordIndex.keySet().toArray(new String[0]);
        DecodingGraph g = b.build(words);
        LOG.info("Decoding graph: {} words, {} nodes, {} arcs", words.length, g.numNodes(), g.numArcs());
        return g;
    }

    private static void addChildren(Builder b, TreeNode t, int from, PhoneHmms hmms) {
        for (Map.Entry<String, TreeNode> c : t.children.entrySet()) {
            int[] ends = b.phone(hmms.hmm(c.getKey()), 0, -1);
            b.arc(from, ends[0], 0, -1);
            for (double[] we : c.getValue().wordEnds) {
                b.arc(ends[1], POST_WORD, we[1], (int) we[0]);
            }
            addChildren(b, c.getValue(), ends[1], hmms);
        }
    }

    /** The lexicon's phones as the model names them (word-position-dependent names if the model uses them). */
    static List<String> resolvePhones(Pronunciations.Entry e, PhoneHmms hmms) {
        List<String> out = new ArrayList<>();
        int n = e.phones().size();
        for (int i = 0; i < n; i++) {
            String p = e.phones().get(i);
            if (hmms.hmm(p) != null) {
                out.add(p);
                continue;
            }
            String pos = p + (n == 1 ? "_S" : i == 0 ? "_B" : i == n - 1 ? "_E" : "_I");
            if (hmms.hmm(pos) != null) {
                out.add(pos);
                continue;
            }
            throw new AmdException("lexicon word '" + e.word() + "': phone '" + p + "' has no HMM in the acoustic model"
                    + " (the lang directory does not match the model's state inventory)");
        }
        return out;
    }

    // ---- cache ---------------------------------------------------------------------------------------------

    /** A key that changes whenever anything the graph is built from changes. */
    public static String cacheKey(Spec spec) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(("v" + FORMAT + "|" + spec.optionalSilence() + "|" + spec.silProb() + "|")
                    .getBytes(StandardCharsets.UTF_8));
            Map<String, String> used = new TreeMap<>();
            for (Pronunciations.Entry e : spec.lexicon().entries()) {
                md.update((e.word() + " " + e.prob() + " " + e.phones() + "\n").getBytes(StandardCharsets.UTF_8));
                if (!e.phones().isEmpty()) {
                    for (String p : resolvePhones(e, spec.hmms())) {
                        used.computeIfAbsent(p, k -> spec.hmms().hmm(k).describe());
                    }
                }
            }
            md.update(spec.hmms().contextDescription().getBytes(StandardCharsets.UTF_8));
            if (spec.optionalSilence() != null && spec.hmms().hmm(spec.optionalSilence()) != null) {
                used.put(
                        spec.optionalSilence(),
                        spec.hmms().hmm(spec.optionalSilence()).describe());
            }
            for (Map.Entry<String, String> u : used.entrySet()) {
                md.update((u.getKey() + "=" + u.getValue() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            StringBuilder sb = new StringBuilder();
            byte[] d = md.digest();
            for (int i = 0; i < 8; i++) {
                sb.append(String.format("%02x", d[i]));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Loads the graph for {@code spec} from {@code cacheDir} or builds and stores it there. */
    public static DecodingGraph cached(Spec spec, Path cacheDir) throws IOException {
        Path file = cacheDir.resolve("graph-" + cacheKey(spec) + ".bin");
        if (Files.exists(file)) {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                DecodingGraph g = read(in);
                LOG.info("Loaded the cached decoding graph {} ({} nodes, {} arcs)", file, g.numNodes(), g.numArcs());
                return g;
            } catch (IOException | RuntimeException e) {
                LOG.warn("Cached graph {} unreadable ({}); rebuilding", file, e.getMessage());
            }
        }
        long t0 = System.nanoTime();
        DecodingGraph g = build(spec);
        Files.createDirectories(cacheDir);
        Path tmp = Files.createTempFile(cacheDir, ".graph", ".tmp");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
            g.write(out);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        LOG.info(
                "Built and cached the decoding graph in {} s ({} nodes, {} arcs): {}",
                String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9),
                g.numNodes(),
                g.numArcs(),
                file);
        return g;
    }

    public void write(OutputStream os) throws IOException {
        DataOutputStream d = new DataOutputStream(os);
        d.writeInt(0x414d4447); // "AMDG"
        d.writeInt(FORMAT);
        d.writeInt(words.length);
        for (String w : words) {
            d.writeUTF(w);
        }
        d.writeInt(pdf.length);
        for (int i = 0; i < pdf.length; i++) {
            d.writeInt(pdf[i]);
            d.writeInt(arcStart[i + 1]);
        }
        for (int a = 0; a < arcTo.length; a++) {
            d.writeInt(arcTo[a]);
            d.writeFloat(arcLogProb[a]);
            d.writeInt(arcWord[a]);
        }
        d.flush();
    }

    public static DecodingGraph read(InputStream is) throws IOException {
        DataInputStream d = new DataInputStream(is);
        if (d.readInt() != 0x414d4447 || d.readInt() != FORMAT) {
            throw new IOException("not a decoding graph of format " + FORMAT);
        }
        String[] words = new String[d.readInt()];
        for (int i = 0; i < words.length; i++) {
            words[i] = d.readUTF();
        }
        int n = d.readInt();
        int[] pdf = new int[n];
        int[] start = new int[n + 1];
        for (int i = 0; i < n; i++) {
            pdf[i] = d.readInt();
            start[i + 1] = d.readInt();
        }
        int m = start[n];
        int[] to = new int[m];
        float[] lp = new float[m];
        int[] w = new int[m];
        for (int a = 0; a < m; a++) {
            to[a] = d.readInt();
            lp[a] = d.readFloat();
            w[a] = d.readInt();
        }
        return new DecodingGraph(pdf, start, to, lp, w, words);
    }

    /** Test and debugging aid: the graph's words, by index. */
    public Map<String, Integer> wordIndex() {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < words.length; i++) {
            m.put(words[i], i);
        }
        return m;
    }
}
