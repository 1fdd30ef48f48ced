package org.amdistill.acoustic.gmm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.amdistill.acoustic.SyntheticAlignData;
import org.amdistill.acoustic.align.AlignmentGraph;
import org.amdistill.acoustic.align.ViterbiAligner;
import org.amdistill.acoustic.hmm.HmmStateInventory;
import org.amdistill.acoustic.hmm.TransitionModel;
import org.amdistill.core.table.Matrix;
import org.amdistill.dataprep.lang.LangDir;

/**
 * A monophone and a triphone GMM trained on synthetic speech whose phones sound different after AH or UW (every
 * frame of the phone shifted): a monophone must average the two versions, a tree can tell them apart.
 */
public record TriphoneFixture(
        LangDir lang,
        MonophoneTrainer.Options monoOptions,
        MonophoneTrainer.Result mono,
        List<MonophoneTrainer.Utterance> monoUtts,
        TriphoneTrainer.Options triOptions,
        TriphoneTrainer.Result tri) {

    public static TriphoneFixture train(Path dir) throws Exception {
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
        return new TriphoneFixture(lang, mo, m, monoUtts, o, r);
    }
}
