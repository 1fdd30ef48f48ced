package org.amdistill.acoustic.gmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.amdistill.acoustic.SyntheticAlignData;
import org.amdistill.acoustic.align.AlignmentGraph;
import org.amdistill.acoustic.align.AlignmentImport;
import org.amdistill.acoustic.align.ViterbiAligner;
import org.amdistill.acoustic.hmm.HmmStateInventory;
import org.amdistill.acoustic.hmm.TransitionModel;
import org.amdistill.core.table.Matrix;
import org.amdistill.dataprep.lang.LangDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TriphoneTrainerTest {
    /**
     * Speech whose phones sound different after AH or UW (every frame of the phone shifted): a monophone must
     * average the two versions, a tree can tell them apart. The triphone system must model the data better, keep
     * its tree and inventory through its model file, and give alignments whose phones read back from the pdfs.
     */
    @Test
    void triphonesLearnWhatTheLeftContextChanges(@TempDir Path dir) throws Exception {
        LangDir lang = SyntheticAlignData.lang(dir);
        HmmStateInventory mono = HmmStateInventory.fromLang(lang);
        Random rnd = new Random(7);
        GmmFeatures gf = new GmmFeatures(2, 22);
        List<SyntheticAlignData.Utt> truth = SyntheticAlignData.utterances(mono, 120, 5, rnd);
        float[][] means = SyntheticAlignData.means(mono.numPdfs(), gf.dim(), 2.0, rnd);
        TransitionModel tm = new TransitionModel(mono);
        List<MonophoneTrainer.Utterance> monoUtts = new ArrayList<>();
        for (SyntheticAlignData.Utt u : truth) {
            Matrix f = SyntheticAlignData.features(u, means, 0.6, rnd);
            for (int k = 1; k < u.phones().size(); k++) {
                String left = u.phones().get(k - 1);
                if (left.equals("AH") || left.equals("UW")) {
                    for (int t = u.phoneStart()[k]; t < u.phoneStart()[k] + u.phoneFrames()[k]; t++) {
                        for (int d = 0; d < gf.dim(); d++) {
                            f.set(t, d, f.get(t, d) + 2.5f);
                        }
                    }
                }
            }
            List<String> slots = new ArrayList<>();
            slots.add("?SIL");
            slots.addAll(u.phones().subList(1, u.phones().size() - 1));
            slots.add("?SIL");
            monoUtts.add(new MonophoneTrainer.Utterance(u.key(), f, AlignmentGraph.build(slots, tm, 0.5)));
        }
        MonophoneTrainer.Options mo = new MonophoneTrainer.Options();
        mo.numIters = 10;
        mo.maxIterInc = 6;
        mo.totGauss = 60;
        mo.realignIters = List.of(1, 2, 3, 4, 5, 6, 8);
        mo.numThreads = 2;
        MonophoneTrainer.Result m = new MonophoneTrainer(mo, mono).train(gf, monoUtts);
        List<TriphoneTrainer.Utterance> triUtts = new ArrayList<>();
        for (MonophoneTrainer.Utterance u : monoUtts) {
            ViterbiAligner.Alignment a = m.alignments().get(u.key());
            triUtts.add(new TriphoneTrainer.Utterance(u.key(), u.feats(), u.graph(), a == null ? null : a.pdfs()));
        }
        TriphoneTrainer.Options o = new TriphoneTrainer.Options();
        o.tree.maxLeaves = 60;
        o.tree.thresh = 50;
        o.train.numIters = 8;
        o.train.maxIterInc = 5;
        o.train.totGauss = 60;
        o.train.realignIters = List.of(2, 4, 6);
        o.train.numThreads = 2;
        TriphoneTrainer.Result r = new TriphoneTrainer(o).train(lang, m.model(), triUtts);
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
