package org.amdistill.acoustic.gmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.amdistill.acoustic.align.AlignmentImport;
import org.amdistill.acoustic.align.ViterbiAligner;
import org.amdistill.acoustic.hmm.HmmStateInventory;
import org.amdistill.core.table.Matrix;
import org.amdistill.dataprep.lang.LangDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TriphoneTrainerTest {
    /**
     * On {@link TriphoneFixture}'s speech the triphone system must model the data better, keep its tree and
     * inventory through its model file, and give alignments whose phones read back from the pdfs.
     */
    @Test
    void triphonesLearnWhatTheLeftContextChanges(@TempDir Path dir) throws Exception {
        TriphoneFixture f = TriphoneFixture.train(dir);
        LangDir lang = f.lang();
        MonophoneTrainer.Options mo = f.monoOptions();
        MonophoneTrainer.Result m = f.mono();
        List<MonophoneTrainer.Utterance> monoUtts = f.monoUtts();
        HmmStateInventory mono = m.model().inventory;
        TriphoneTrainer.Options o = f.triOptions();
        TriphoneTrainer.Result r = f.tri();
        GmmAcousticModel tri = r.training().model();
        double monoLl = m.logLikePerFrame()[mo.numIters];
        double triLl = r.training().logLikePerFrame()[o.train.numIters];
        System.out.printf(
                "log-likelihood per frame: monophone %.3f (%d pdfs), triphone %.3f (%d pdfs)%n",
                monoLl, mono.numPdfs(), triLl, tri.numPdfs());
        assertTrue(tri.numPdfs() > mono.numPdfs(), "the tree splits some phones by context: " + tri.numPdfs());
        assertTrue(
                triLl > monoLl + 0.3, "triphones fit context-dependent speech better: " + triLl + " against " + monoLl);
        Path file = dir.resolve("tri.mdl");
        tri.save(file);
        GmmAcousticModel back = GmmAcousticModel.load(file);
        assertTrue(back.inventory.isContextDependent());
        assertTrue(back.inventory.sameAs(tri.inventory), "the tree travels inside the model file");
        assertTrue(back.inventory.hasTopologyOf(lang));
        Matrix x = monoUtts.get(0).feats();
        org.junit.jupiter.api.Assertions.assertArrayEquals(
                tri.logLikelihoods(x).data(), back.logLikelihoods(x).data(), 1e-2f);
        int checked = 0;
        for (ViterbiAligner.Alignment a : r.training().alignments().values()) {
            List<Object[]> fromGraph = a.phoneSegments();
            List<Object[]> fromPdfs = AlignmentImport.phoneSegments(a.pdfs(), tri.inventory);
            assertEquals(fromGraph.size(), fromPdfs.size());
            for (int k = 0; k < fromGraph.size(); k++) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(fromGraph.get(k), fromPdfs.get(k));
            }
            checked++;
        }
        assertTrue(checked > 100, "most utterances aligned: " + checked);
    }
}
