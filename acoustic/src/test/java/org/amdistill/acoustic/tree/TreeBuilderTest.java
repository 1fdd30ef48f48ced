package org.amdistill.acoustic.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.amdistill.acoustic.SyntheticAlignData;
import org.amdistill.acoustic.hmm.HmmStateInventory;
import org.amdistill.core.cli.AmdException;
import org.amdistill.dataprep.lang.LangDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeBuilderTest {
    static final List<String> PHONES = List.of("SIL", "SPN", "AH", "N", "T", "UW", "W");

    /**
     * Statistics where AH's middle state (pdf class 1) is shifted after a vowel-like left context (UW or W) and
     * every other state is context-free: the tree must ask about the left phone for AH and find exactly {UW, W}.
     */
    static TreeStats contextStats(int dim, Random r) {
        TreeStats ts = new TreeStats(dim);
        for (String phone : PHONES) {
            int classes = phone.startsWith("S") ? 5 : 3;
            for (String left : PHONES) {
                for (String right : List.of("SIL", "N", "T")) {
                    for (int c = 0; c < classes; c++) {
                        GaussStats g = ts.get(new TreeStats.Context(left, phone, right, c));
                        double shift = phone.equals("AH") && c == 1 && (left.equals("UW") || left.equals("W")) ? 4 : 0;
                        float[] x = new float[dim];
                        for (int n = 0; n < 40; n++) {
                            for (int d = 0; d < dim; d++) {
                                x[d] = (float) (PHONES.indexOf(phone) + 2 * c + shift + r.nextGaussian());
                            }
                            g.addFrame(x, 0);
                        }
                    }
                }
            }
        }
        return ts;
    }

    static TreeBuilder.Result build(LangDir lang, TreeStats ts, int maxLeaves, double clusterThresh) {
        TreeBuilder.Options o = new TreeBuilder.Options();
        o.maxLeaves = maxLeaves;
        o.clusterThresh = clusterThresh;
        List<List<String>> qs = TreeBuilding.questions(ts, lang, Set.of(1), List.of(List.of("UW", "W")));
        return TreeBuilding.build(
                ts, lang, TreeBuilding.parseRoots(TreeBuilding.defaultRoots(lang), lang, "roots"), qs, o, "stats");
    }

    @Test
    void splitsOnTheContextThatMattersAndReadsBackExactly(@TempDir Path dir) throws Exception {
        LangDir lang = SyntheticAlignData.lang(dir);
        TreeBuilder.Result r = build(lang, contextStats(3, new Random(1)), 0, -1);
        ContextDependency tree = r.tree();
        int ah = lang.phones.id("AH");
        int uw = lang.phones.id("UW");
        int w = lang.phones.id("W");
        int n = lang.phones.id("N");
        int t = lang.phones.id("T");
        assertNotEquals(tree.pdf(uw, ah, t, 1), tree.pdf(n, ah, t, 1), "AH's middle state depends on its left phone");
        assertEquals(tree.pdf(uw, ah, t, 1), tree.pdf(w, ah, n, 1), "UW and W are one context class");
        assertEquals(tree.pdf(uw, ah, t, 0), tree.pdf(n, ah, t, 0), "AH's first state does not depend on its context");
        assertEquals(tree.pdf(n, t, 0, 2), tree.pdf(w, t, n, 2), "T does not depend on its context");
        // every (phone, pdf class) has its own pdf: each state's mean differs
        assertEquals(5 + 5 + 5 * 3 + 1, tree.numPdfs(), "one pdf per state, plus AH's context split: " + tree.toText());
        Path file = dir.resolve("tree");
        tree.write(file);
        String text = Files.readString(file);
        assertTrue(text.startsWith("ContextDependency 3 1 ToPdf TE 1 "), text);
        assertTrue(text.strip().endsWith("EndContextDependency"), text);
        ContextDependency back = ContextDependency.read(file);
        assertEquals(text, back.toText(), "read back exactly");
        for (int l = 0; l <= 8; l++) {
            for (int p : List.of(ah, uw, t, lang.phones.id("SIL"))) {
                for (int rt = 0; rt <= 8; rt++) {
                    for (int c = 0; c < 3; c++) {
                        assertEquals(tree.pdf(l, p, rt, c), back.pdf(l, p, rt, c));
                    }
                }
            }
        }
    }

    @Test
    void anUnseenContextMapsToALeafThroughTheQuestions(@TempDir Path dir) throws Exception {
        LangDir lang = SyntheticAlignData.lang(dir);
        TreeStats ts = contextStats(3, new Random(2));
        ts.stats().keySet().removeIf(c -> c.phone().equals("AH") && c.left().equals("W")); // (W, AH, *) never seen
        ContextDependency tree = build(lang, ts, 0, 0).tree();
        HmmStateInventory inv = HmmStateInventory.fromLang(lang, tree, "tree");
        int seen = inv.pdfId("UW", "AH", 1, "T");
        assertEquals(seen, inv.pdfId("W", "AH", 1, "T"), "W shares UW's answer to the question {UW, W}");
        assertTrue(inv.pdfId(null, "AH", 1, null) >= 0, "the utterance's edge (phone 0) is a context like any other");
        assertTrue(inv.pdfId("SPN", "AH", 1, "SPN") >= 0);
    }

    @Test
    void mergingLeavesAndTheLeafBudget(@TempDir Path dir) throws Exception {
        LangDir lang = SyntheticAlignData.lang(dir);
        TreeStats ts = contextStats(3, new Random(3));
        int unmerged = build(lang, ts, 0, 0).tree().numPdfs();
        int merged = build(lang, ts, 0, 1e9).tree().numPdfs();
        assertEquals(PHONES.size(), merged, "an unbounded cluster threshold merges each root's leaves into one");
        assertTrue(unmerged > merged);
        assertEquals(10, build(lang, ts, 10, 0).leavesBeforeMerge(), "the budget stops the splits");
        AmdException e = assertThrows(AmdException.class, () -> build(lang, ts, 3, 0));
        assertTrue(
                e.getMessage().contains("leaf budget --num-leaves=3 is smaller than the number of roots (7"),
                e.getMessage());
    }

    @Test
    void badTreesAndStatisticsAreRefusedWithTheirReason(@TempDir Path dir) throws Exception {
        LangDir lang = SyntheticAlignData.lang(dir);
        ContextDependency tree =
                build(lang, contextStats(2, new Random(4)), 0, 0).tree();
        String text = tree.toText();
        Path f = dir.resolve("bad");
        Files.writeString(f, text.substring(0, text.length() / 2));
        AmdException e = assertThrows(AmdException.class, () -> ContextDependency.read(f));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        Files.writeString(f, text.replace("ContextDependency 3 1", "ContextDependency 1 0"));
        e = assertThrows(AmdException.class, () -> ContextDependency.read(f));
        assertTrue(e.getMessage().contains("only triphone trees (N=3, P=1)"), e.getMessage());
        Files.writeString(f, text.replace("ToPdf", "ToPdf junk"));
        e = assertThrows(AmdException.class, () -> ContextDependency.read(f));
        assertTrue(e.getMessage().contains("expected CE, SE, TE or NULL, found 'junk'"), e.getMessage());
        // a tree whose phone ids the lang has not: another phone set
        ContextDependency other = new ContextDependency(new EventMap.Table(1, new EventMap[] {
            null,
            new EventMap.Constant(0),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            new EventMap.Constant(1)
        }));
        e = assertThrows(AmdException.class, () -> HmmStateInventory.fromLang(lang, other, "tree x"));
        assertTrue(
                e.getMessage().contains("tree x asks about phone id 40, which is not a phone of this lang"),
                e.getMessage());
        // a tree with fewer pdf classes than the topology: another topology
        ContextDependency oneState = new ContextDependency(new EventMap.Table(
                1, tableForAll(lang, new EventMap.Table(-1, new EventMap[] {new EventMap.Constant(0)}))));
        e = assertThrows(AmdException.class, () -> HmmStateInventory.fromLang(lang, oneState, "tree y"));
        assertTrue(
                e.getMessage()
                        .contains(
                                "tree y has no pdf for phone SIL (id 1) pdf class 1: the tree was built for another phone set or topology"),
                e.getMessage());
        // statistics of a phone the lang has not, and of a pdf class past the topology
        TreeStats ts = new TreeStats(2);
        ts.get(new TreeStats.Context("AH", "ZZ", "N", 0)).addFrame(new float[] {1, 2}, 0);
        e = assertThrows(AmdException.class, () -> build(lang, ts, 0, 0));
        assertTrue(
                e.getMessage()
                        .contains("phone 'ZZ' is not a phone of the lang: the statistics come from another phone set"),
                e.getMessage());
        TreeStats ts2 = new TreeStats(2);
        ts2.get(new TreeStats.Context("AH", "N", "N", 3)).addFrame(new float[] {1, 2}, 0);
        e = assertThrows(AmdException.class, () -> build(lang, ts2, 0, 0));
        assertTrue(
                e.getMessage().contains("phone 'N' pdf class 3 is not in the lang's topology (3 pdf classes)"),
                e.getMessage());
    }

    private static EventMap[] tableForAll(LangDir lang, EventMap m) {
        int max = 0;
        for (String p : lang.realPhones()) {
            max = Math.max(max, lang.phones.id(p));
        }
        EventMap[] t = new EventMap[max + 1];
        for (String p : lang.realPhones()) {
            t[lang.phones.id(p)] = m;
        }
        return t;
    }

    @Test
    void treeStatisticsFileRoundTripsAndRejectsTruncation(@TempDir Path dir) throws Exception {
        TreeStats ts = contextStats(2, new Random(5));
        Path f = dir.resolve("treeacc");
        ts.write(f);
        TreeStats back = TreeStats.read(f);
        assertEquals(ts.stats().size(), back.stats().size());
        assertEquals(ts.totalCount(), back.totalCount(), 1e-6);
        String text = Files.readString(f);
        Files.writeString(f, text.substring(0, text.length() - 30));
        AmdException e = assertThrows(AmdException.class, () -> TreeStats.read(f));
        assertTrue(e.getMessage().contains("truncated or of another dimension"), e.getMessage());
    }
}
