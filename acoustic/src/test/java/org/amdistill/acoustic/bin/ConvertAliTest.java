package org.amdistill.acoustic.bin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.amdistill.acoustic.SyntheticAlignData;
import org.amdistill.acoustic.align.AlignmentImport;
import org.amdistill.acoustic.align.ViterbiAligner;
import org.amdistill.acoustic.gmm.DiagGmmSet;
import org.amdistill.acoustic.gmm.GmmAcousticModel;
import org.amdistill.acoustic.gmm.GmmFeatures;
import org.amdistill.acoustic.gmm.TriphoneFixture;
import org.amdistill.acoustic.hmm.HmmStateInventory;
import org.amdistill.acoustic.hmm.TransitionModel;
import org.amdistill.core.cli.Cli;
import org.amdistill.core.table.Codecs;
import org.amdistill.core.table.Entry;
import org.amdistill.core.table.SequentialReader;
import org.amdistill.core.table.TableWriter;
import org.amdistill.dataprep.lang.LangDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvertAliTest {
    /**
     * A monophone alignment converted to the tree's states keeps every frame's phone and HMM state, and a phone
     * whose sound depends on its left neighbour (the fixture's AH/UW effect) gets different pdfs in different contexts.
     */
    @Test
    void monophoneAlignmentsBecomeTiedStatesWithTheSameBoundaries(@TempDir Path dir) throws Exception {
        TriphoneFixture f = TriphoneFixture.train(dir);
        GmmAcousticModel mono = f.mono().model();
        GmmAcousticModel tri = f.tri().training().model();
        mono.save(dir.resolve("mono.mdl"));
        tri.save(dir.resolve("tri.mdl"));
        Map<String, int[]> monoAli = new TreeMap<>();
        for (Map.Entry<String, ViterbiAligner.Alignment> e :
                f.mono().alignments().entrySet()) {
            monoAli.put(e.getKey(), e.getValue().pdfs());
        }
        try (TableWriter<int[]> w = TableWriter.openAtomic("ark:" + dir.resolve("mono.ark"), Codecs.INT_VECTOR)) {
            for (Map.Entry<String, int[]> e : monoAli.entrySet()) {
                w.write(e.getKey(), e.getValue());
            }
            w.commit();
        }
        assertEquals(
                0, run(dir, "mono.mdl", "tri.mdl", "ark:" + dir.resolve("mono.ark"), "ark:" + dir.resolve("tri.ark")));

        HmmStateInventory from = mono.inventory;
        HmmStateInventory to = tri.inventory;
        Set<Integer> used = new HashSet<>();
        int utts = 0;
        try (SequentialReader<int[]> r = SequentialReader.open("ark:" + dir.resolve("tri.ark"), Codecs.INT_VECTOR)) {
            for (Entry<int[]> e : r) {
                int[] old = monoAli.get(e.key());
                int[] conv = e.value();
                assertEquals(old.length, conv.length, e.key());
                for (int t = 0; t < old.length; t++) {
                    assertEquals(from.phoneOfPdf(old[t]), to.phoneOfPdf(conv[t]), e.key() + " frame " + t);
                    // a tree may tie two states of a phone: the new pdf then stands for both classes
                    assertTrue(to.pdfHasClass(conv[t], from.pdfClassOfPdf(old[t])), e.key() + " frame " + t);
                    used.add(conv[t]);
                }
                assertEquals(
                        AlignmentImport.phoneSegments(old, from).size(),
                        AlignmentImport.phoneSegments(conv, to).size(),
                        "the same phone segments in " + e.key());
                utts++;
            }
        }
        assertEquals(monoAli.size(), utts);
        assertTrue(
                used.size() > from.numPdfs(),
                "context splits the phones after AH/UW: " + used.size() + " pdfs used against " + from.numPdfs());
    }

    @Test
    void modelsWithOtherHmmTopologiesAreAClearError(@TempDir Path dir) throws Exception {
        LangDir lang = SyntheticAlignData.lang(dir);
        LangDir twoStates = LangDir.fromDict(dir.resolve("dict"), "<unk>", 0.5, 2, 5);
        save(HmmStateInventory.fromLang(lang), dir.resolve("a.mdl"));
        save(HmmStateInventory.fromLang(twoStates), dir.resolve("b.mdl"));
        TableWriter<int[]> w = TableWriter.openAtomic("ark,t:" + dir.resolve("a.ark"), Codecs.INT_VECTOR);
        w.write("u1", new int[] {0, 0, 1});
        w.commit();
        w.close();
        StringWriter err = new StringWriter();
        int rc = Cli.execute(
                new ConvertAli(),
                new PrintWriter(new StringWriter()),
                new PrintWriter(err),
                dir.resolve("a.mdl").toString(),
                dir.resolve("b.mdl").toString(),
                "ark:" + dir.resolve("a.ark"),
                "ark:" + dir.resolve("b.ark"));
        assertEquals(1, rc);
        assertTrue(err.toString().contains("different HMM topologies"), err.toString());
        assertTrue(!dir.resolve("b.ark").toFile().exists(), "nothing written");
    }

    private static void save(HmmStateInventory inv, Path file) {
        GmmFeatures gf = new GmmFeatures(2, 22);
        int dim = gf.dim();
        double[] ones = new double[dim];
        java.util.Arrays.fill(ones, 1);
        new GmmAcousticModel(
                        gf, inv, new TransitionModel(inv), new DiagGmmSet(inv.numPdfs(), dim, new double[dim], ones))
                .save(file);
    }

    private static int run(Path dir, String... args) {
        StringWriter err = new StringWriter();
        int rc = Cli.execute(
                new ConvertAli(), new PrintWriter(new StringWriter()), new PrintWriter(err), args(dir, args));
        if (rc != 0) {
            System.err.println(err);
        }
        return rc;
    }

    private static String[] args(Path dir, String... a) {
        return new String[] {dir.resolve(a[0]).toString(), dir.resolve(a[1]).toString(), a[2], a[3]};
    }
}
