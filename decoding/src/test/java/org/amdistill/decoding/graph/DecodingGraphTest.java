package org.amdistill.decoding.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.amdistill.core.cli.AmdException;
import org.amdistill.dataprep.lang.Lexicon;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecodingGraphTest {
    /** One-state phones (self-loop 0.5) with the given pdf ids. */
    private static PhoneHmms hmms(Object... phoneAndPdf) {
        Map<String, PhoneHmm> m = new LinkedHashMap<>();
        for (int i = 0; i < phoneAndPdf.length; i += 2) {
            m.put((String) phoneAndPdf[i], PhoneHmm.leftToRight(new int[] {(Integer) phoneAndPdf[i + 1]}, 0.5));
        }
        return PhoneHmmsFile.of(m);
    }

    private static Pronunciations lexicon(String... entries) {
        Lexicon lex = new Lexicon();
        for (String e : entries) {
            String[] f = e.split(" ");
            lex.add(f[0], Arrays.asList(f).subList(1, f.length));
        }
        return Pronunciations.of(lex);
    }

    /** Every word the graph can emit from the root, with the pdfs of the states on its way (self-loops left out). */
    private static Map<String, List<List<Integer>>> wordPaths(DecodingGraph g) {
        Map<String, List<List<Integer>>> out = new TreeMap<>();
        walk(g, g.rootNode(), new ArrayList<>(), out);
        return out;
    }

    private static void walk(DecodingGraph g, int node, List<Integer> pdfs, Map<String, List<List<Integer>>> out) {
        for (int a = g.arcStart(node); a < g.arcEnd(node); a++) {
            int to = g.arcTo(a);
            if (to == node) {
                continue;
            }
            if (g.arcWord(a) >= 0) {
                assertEquals(g.postWordNode(), to, "a word ends into the post-word node");
                out.computeIfAbsent(g.word(g.arcWord(a)), k -> new ArrayList<>())
                        .add(List.copyOf(pdfs));
                continue;
            }
            List<Integer> next = new ArrayList<>(pdfs);
            if (g.emitting(to)) {
                next.add(g.pdf(to));
            }
            walk(g, to, next, out);
        }
    }

    private static double probabilityLeaving(DecodingGraph g, int node) {
        double p = 0;
        for (int a = g.arcStart(node); a < g.arcEnd(node); a++) {
            p += Math.exp(g.arcLogProb(a));
        }
        return p;
    }

    @Test
    void wordsShareTheStatesOfACommonPrefixAndEachPronunciationIsOnePath() {
        PhoneHmms h = hmms("a", 0, "b", 1, "c", 2, "d", 3);
        DecodingGraph g =
                DecodingGraph.build(new DecodingGraph.Spec(lexicon("ab a b", "ac a c", "d d", "dd d d"), h, null, 0));
        // root, post-word; a, b, c, d and the second d of "dd": one state and one exit junction each
        assertEquals(2 + 5 * 2, g.numNodes());
        assertEquals(
                Map.of(
                        "ab",
                        List.of(List.of(0, 1)),
                        "ac",
                        List.of(List.of(0, 2)),
                        "d",
                        List.of(List.of(3)),
                        "dd",
                        List.of(List.of(3, 3))),
                wordPaths(g));
        assertEquals(Map.of("ab", 0, "ac", 1, "d", 2, "dd", 3), g.wordIndex());
        assertEquals(3, g.maxPdf());
        assertEquals(
                1.0,
                probabilityLeaving(g, g.postWordNode()),
                1e-6,
                "no silence: the post-word node returns to the root");
        for (int n = 0; n < g.numNodes(); n++) {
            if (g.emitting(n)) {
                assertEquals(1.0, probabilityLeaving(g, n), 1e-6, "an HMM state's arcs");
            }
        }
    }

    @Test
    void optionalSilenceIsEnteredWithItsProbabilityAfterEveryWord() {
        PhoneHmms h = hmms("a", 0, "SIL", 1);
        DecodingGraph g = DecodingGraph.build(new DecodingGraph.Spec(lexicon("x a"), h, "SIL", 0.3));
        double toRoot = 0;
        double toSilence = 0;
        for (int a = g.arcStart(g.postWordNode()); a < g.arcEnd(g.postWordNode()); a++) {
            if (g.arcTo(a) == g.rootNode()) {
                toRoot += Math.exp(g.arcLogProb(a));
            } else {
                assertEquals(1, g.pdf(g.arcTo(a)), "the silence HMM's state");
                toSilence += Math.exp(g.arcLogProb(a));
            }
        }
        assertEquals(0.7, toRoot, 1e-6);
        assertEquals(0.3, toSilence, 1e-6);
        AmdException noHmm = assertThrows(
                AmdException.class,
                () -> DecodingGraph.build(new DecodingGraph.Spec(lexicon("x a"), hmms("a", 0), "SIL", 0.3)));
        assertTrue(noHmm.getMessage().contains("'SIL'"), noHmm.getMessage());
        AmdException one = assertThrows(
                AmdException.class, () -> DecodingGraph.build(new DecodingGraph.Spec(lexicon("x a"), h, "SIL", 1.0)));
        assertTrue(one.getMessage().contains("--sil-prob"), one.getMessage());
    }

    @Test
    void lexiconPhonesResolveToWordPositionDependentHmmsAndAMissingPhoneIsNamed() {
        PhoneHmms h = hmms("a_B", 0, "a_E", 1, "b_E", 2, "a_S", 3, "b_I", 4);
        DecodingGraph g = DecodingGraph.build(
                new DecodingGraph.Spec(lexicon("ab a b", "aa a a", "a a", "aba a b a"), h, null, 0));
        assertEquals(
                Map.of(
                        "ab",
                        List.of(List.of(0, 2)),
                        "aa",
                        List.of(List.of(0, 1)),
                        "a",
                        List.of(List.of(3)),
                        "aba",
                        List.of(List.of(0, 4, 1))),
                wordPaths(g));
        AmdException e = assertThrows(
                AmdException.class, () -> DecodingGraph.build(new DecodingGraph.Spec(lexicon("ba b a"), h, null, 0)));
        assertTrue(e.getMessage().contains("'ba'") && e.getMessage().contains("'b'"), e.getMessage());
        AmdException empty = assertThrows(
                AmdException.class,
                () -> DecodingGraph.build(new DecodingGraph.Spec(new Pronunciations(List.of()), h, null, 0)));
        assertTrue(empty.getMessage().contains("no words"), empty.getMessage());
    }

    @Test
    void theGraphIsCachedUnderAKeyOfEverythingItIsBuiltFrom(@TempDir Path dir) throws Exception {
        PhoneHmms h = hmms("a", 0, "b", 1, "SIL", 2);
        DecodingGraph.Spec spec = new DecodingGraph.Spec(lexicon("ab a b", "ba b a"), h, "SIL", 0.5);
        DecodingGraph g = DecodingGraph.build(spec);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        g.write(bytes);
        DecodingGraph back = DecodingGraph.read(new ByteArrayInputStream(bytes.toByteArray()));
        assertArrayEquals(g.pdf, back.pdf);
        assertArrayEquals(g.arcStart, back.arcStart);
        assertArrayEquals(g.arcTo, back.arcTo);
        assertArrayEquals(g.arcLogProb, back.arcLogProb);
        assertArrayEquals(g.arcWord, back.arcWord);
        assertArrayEquals(g.words, back.words);

        String key = DecodingGraph.cacheKey(spec);
        assertEquals(
                key,
                DecodingGraph.cacheKey(new DecodingGraph.Spec(
                        lexicon("ab a b", "ba b a"), hmms("a", 0, "b", 1, "SIL", 2), "SIL", 0.5)));
        assertNotEquals(key, DecodingGraph.cacheKey(new DecodingGraph.Spec(spec.lexicon(), h, "SIL", 0.4)));
        assertNotEquals(key, DecodingGraph.cacheKey(new DecodingGraph.Spec(lexicon("ab a b"), h, "SIL", 0.5)));
        assertNotEquals(
                key,
                DecodingGraph.cacheKey(
                        new DecodingGraph.Spec(spec.lexicon(), hmms("a", 0, "b", 3, "SIL", 2), "SIL", 0.5)));

        DecodingGraph first = DecodingGraph.cached(spec, dir);
        Path file = dir.resolve("graph-" + key + ".bin");
        assertTrue(Files.exists(file));
        long modified = Files.getLastModifiedTime(file).toMillis();
        DecodingGraph second = DecodingGraph.cached(spec, dir);
        assertEquals(modified, Files.getLastModifiedTime(file).toMillis(), "the second call reads the file");
        assertArrayEquals(first.arcTo, second.arcTo);
        Files.writeString(file, "not a graph");
        DecodingGraph rebuilt = DecodingGraph.cached(spec, dir);
        assertArrayEquals(first.arcTo, rebuilt.arcTo);
    }

    @Test
    void pronunciationsKeepEveryPronunciationOfTheLexiconInOrder() {
        Pronunciations p = lexicon("b x", "a y", "b z w");
        assertEquals(
                List.of(
                        new Pronunciations.Entry("b", 1.0, List.of("x")),
                        new Pronunciations.Entry("b", 1.0, List.of("z", "w")),
                        new Pronunciations.Entry("a", 1.0, List.of("y"))),
                p.entries());
    }
}
