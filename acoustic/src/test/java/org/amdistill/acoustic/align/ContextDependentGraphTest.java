package org.amdistill.acoustic.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.amdistill.acoustic.SyntheticAlignData;
import org.amdistill.acoustic.hmm.HmmStateInventory;
import org.amdistill.acoustic.hmm.TransitionModel;
import org.amdistill.acoustic.tree.ContextDependency;
import org.amdistill.acoustic.tree.EventMap;
import org.amdistill.dataprep.lang.LangDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextDependentGraphTest {
    /** A full triphone "tree": a distinct pdf for every (left, phone, right, pdf class), so any wrong context shows. */
    static ContextDependency fullTriphoneTree(LangDir lang) {
        int max = 0;
        for (String p : lang.realPhones()) {
            max = Math.max(max, lang.phones.id(p));
        }
        int n = max + 1;
        int[] next = {0};
        EventMap[] byPhone = new EventMap[n];
        for (String p : lang.realPhones()) {
            EventMap[] byLeft = new EventMap[n];
            for (int l = 0; l < n; l++) {
                EventMap[] byRight = new EventMap[n];
                for (int r = 0; r < n; r++) {
                    EventMap[] byClass = new EventMap[5];
                    for (int c = 0; c < 5; c++) {
                        byClass[c] = new EventMap.Constant(next[0]++);
                    }
                    byRight[r] = new EventMap.Table(EventMap.PDF_CLASS_KEY, byClass);
                }
                byLeft[l] = new EventMap.Table(2, byRight);
            }
            byPhone[lang.phones.id(p)] = new EventMap.Table(0, byLeft);
        }
        return new ContextDependency(new EventMap.Table(1, byPhone));
    }

    /**
     * Every path through the graph (one frame per state) spells a phone sequence, the optional silences taken or
     * skipped; each of its states must carry the pdf of its phone in the contexts of that path, and every choice of
     * silences must be there.
     */
    @Test
    void everyPathCarriesThePdfsOfItsOwnContexts(@TempDir Path dir) throws Exception {
        LangDir lang = SyntheticAlignData.lang(dir);
        HmmStateInventory inv = HmmStateInventory.fromLang(lang, fullTriphoneTree(lang), "full tree");
        TransitionModel tm = new TransitionModel(inv);
        List<String> slots = AlignmentGraph.phoneSlots(new String[] {"one", "two", "two"}, lang.lexicon, "SIL", "u");
        AlignmentGraph g = AlignmentGraph.build(slots, tm, 0.5);
        Set<String> sequences = new HashSet<>();
        for (int s = 0; s < g.numNodes(); s++) {
            if (g.startLogProb[s] > Double.NEGATIVE_INFINITY) {
                walk(g, s, new ArrayList<>(), inv, sequences);
            }
        }
        assertEquals(16, sequences.size(), "4 optional silences, each taken or skipped: " + sequences);
        assertTrue(sequences.contains("W AH N T UW T UW"));
        assertTrue(sequences.contains("SIL W AH N SIL T UW T UW SIL"));
    }

    private static void walk(
            AlignmentGraph g, int node, List<Integer> path, HmmStateInventory inv, Set<String> sequences) {
        path.add(node);
        if (g.endLogProb[node] > Double.NEGATIVE_INFINITY) {
            check(g, path, inv, sequences);
        }
        for (int to : g.arcTo[node]) {
            if (to > node) { // forward only: silence's backward arcs and self-loops repeat states, never contexts
                walk(g, to, path, inv, sequences);
            }
        }
        path.remove(path.size() - 1);
    }

    private static void check(AlignmentGraph g, List<Integer> path, HmmStateInventory inv, Set<String> sequences) {
        List<String> phones = new ArrayList<>();
        List<Integer> phoneOfNode = new ArrayList<>();
        int lastSlot = -1;
        for (int n : path) {
            if (g.phoneSlot[n] != lastSlot) { // arcs between phones always change the slot
                phones.add(g.slotPhones.get(g.phoneSlot[n]));
                lastSlot = g.phoneSlot[n];
            }
            phoneOfNode.add(phones.size() - 1);
        }
        for (int i = 0; i < path.size(); i++) {
            int k = phoneOfNode.get(i);
            String left = k > 0 ? phones.get(k - 1) : null;
            String right = k + 1 < phones.size() ? phones.get(k + 1) : null;
            int node = path.get(i);
            assertEquals(
                    inv.pdfId(left, phones.get(k), g.stateInPhone[node], right),
                    g.pdf[node],
                    "path " + phones + " node " + node);
        }
        sequences.add(String.join(" ", phones));
    }

    /** A tree that asks nothing about context gives the monophone graph: one copy of each phone, the same arcs. */
    @Test
    void aContextFreeTreeGivesTheMonophoneGraph(@TempDir Path dir) throws Exception {
        LangDir lang = SyntheticAlignData.lang(dir);
        HmmStateInventory mono = HmmStateInventory.fromLang(lang);
        int max = 0;
        for (String p : lang.realPhones()) {
            max = Math.max(max, lang.phones.id(p));
        }
        EventMap[] byPhone = new EventMap[max + 1];
        for (String p : lang.realPhones()) {
            HmmStateInventory.PhoneTopology t = mono.phone(p);
            EventMap[] byClass = new EventMap[t.numStates()];
            for (int s = 0; s < t.numStates(); s++) {
                byClass[t.pdfClasses()[s]] = new EventMap.Constant(t.pdfs()[s]);
            }
            byPhone[lang.phones.id(p)] = new EventMap.Table(EventMap.PDF_CLASS_KEY, byClass);
        }
        HmmStateInventory cd =
                HmmStateInventory.fromLang(lang, new ContextDependency(new EventMap.Table(1, byPhone)), "tree");
        List<String> slots = AlignmentGraph.phoneSlots(new String[] {"one", "two"}, lang.lexicon, "SIL", "u");
        AlignmentGraph a = AlignmentGraph.build(slots, new TransitionModel(mono), 0.3);
        AlignmentGraph b = AlignmentGraph.build(slots, new TransitionModel(cd), 0.3);
        assertEquals(a.numNodes(), b.numNodes());
        org.junit.jupiter.api.Assertions.assertArrayEquals(a.pdf, b.pdf);
        org.junit.jupiter.api.Assertions.assertArrayEquals(a.startLogProb, b.startLogProb, 1e-12);
        org.junit.jupiter.api.Assertions.assertArrayEquals(a.endLogProb, b.endLogProb, 1e-12);
        for (int n = 0; n < a.numNodes(); n++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(a.arcTo[n], b.arcTo[n], "node " + n);
            org.junit.jupiter.api.Assertions.assertArrayEquals(a.arcLogProb[n], b.arcLogProb[n], 1e-12, "node " + n);
        }
    }
}
