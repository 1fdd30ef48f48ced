package org.amdistill.acoustic.gmm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.amdistill.acoustic.align.AlignmentGraph;
import org.amdistill.acoustic.align.AlignmentImport;
import org.amdistill.acoustic.align.ViterbiAligner;
import org.amdistill.acoustic.hmm.HmmStateInventory;
import org.amdistill.acoustic.hmm.TransitionModel;
import org.amdistill.acoustic.tree.GaussStats;
import org.amdistill.acoustic.tree.TreeBuilder;
import org.amdistill.acoustic.tree.TreeBuilding;
import org.amdistill.acoustic.tree.TreeStats;
import org.amdistill.core.table.Matrix;
import org.amdistill.dataprep.lang.LangDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kaldi's steps/train_deltas.sh: tree statistics over a previous model's alignment, questions, a tree, one Gaussian
 * per leaf from the tree statistics (gmm-init-model), the old alignment converted to the tree's pdfs (convert-ali),
 * then Viterbi training over context-dependent alignment graphs with mixtures split up to the Gaussian budget.
 */
public final class TriphoneTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(TriphoneTrainer.class);

    /** One utterance: GMM features, the old model's alignment graph (its phone slots) and alignment (pdf ids). */
    @SuppressWarnings("ArrayRecordComponent") // arrays for speed: equals and hashCode see them by identity
    public record Utterance(String key, Matrix feats, AlignmentGraph graph, int[] alignment) {}

    public static final class Options {
        public final TreeBuilder.Options tree = new TreeBuilder.Options();
        public final MonophoneTrainer.Options train = new MonophoneTrainer.Options();
        /** Pdf classes whose statistics the automatic questions use (Kaldi's cluster-phones --pdf-class-list; empty: all). */
        public java.util.Set<Integer> questionPdfClasses = java.util.Set.of(1);

        public List<List<String>> extraQuestions = List.of();
        /** roots.txt lines; empty: one shared, split root per phone. */
        public List<String> roots = List.of();

        public Options() {
            train.numIters = 35;
            train.maxIterInc = 25;
            train.realignIters = List.of(10, 20, 30);
            train.totGauss = 10000;
        }
    }

    public record Result(
            TreeStats stats, List<List<String>> questions, TreeBuilder.Result tree, MonophoneTrainer.Result training) {}

    private final Options opts;

    public TriphoneTrainer(Options opts) {
        this.opts = opts;
    }

    public Result train(LangDir lang, GmmAcousticModel old, List<Utterance> utts) throws Exception {
        HmmStateInventory oldInv = old.inventory;
        TreeStats stats = accumulate(oldInv, utts, old.features.dim());
        List<List<String>> questions =
                TreeBuilding.questions(stats, lang, opts.questionPdfClasses, opts.extraQuestions);
        List<String> rootLines = opts.roots.isEmpty() ? TreeBuilding.defaultRoots(lang) : opts.roots;
        TreeBuilder.Result tree = TreeBuilding.build(
                stats,
                lang,
                TreeBuilding.parseRoots(rootLines, lang, "roots"),
                questions,
                opts.tree,
                "tree statistics");
        HmmStateInventory inv = HmmStateInventory.fromLang(lang, tree.tree(), "the new tree");
        TransitionModel tm = TransitionModel.fromText(inv, old.transitions.toText());
        List<MonophoneTrainer.Utterance> cdUtts = new ArrayList<>();
        for (Utterance u : utts) {
            cdUtts.add(new MonophoneTrainer.Utterance(
                    u.key, u.feats, AlignmentGraph.build(u.graph.slots(), tm, lang.silProb)));
        }
        MonophoneTrainer trainer = new MonophoneTrainer(opts.train, inv);
        double[] varFloor = trainer.varianceFloor(cdUtts, old.features.dim());
        GmmAcousticModel model =
                new GmmAcousticModel(old.features, inv, tm, initialGmms(tree.pdfStats(), varFloor, stats));
        Map<String, ViterbiAligner.Alignment> converted = new LinkedHashMap<>();
        for (Utterance u : utts) {
            if (u.alignment != null) {
                converted.put(u.key, new ViterbiAligner.Alignment(convert(u.alignment, oldInv, inv), null, 0, null));
            }
        }
        LOG.info(
                "Tree of {} pdfs; {} of {} utterances' alignments converted to it",
                inv.numPdfs(),
                converted.size(),
                utts.size());
        return new Result(stats, questions, tree, trainer.trainFrom(model, converted, cdUtts, varFloor));
    }

    /** acc-tree-stats: every frame's context (from the old alignment's phone segments) and pdf class. */
    public static TreeStats accumulate(HmmStateInventory oldInv, List<Utterance> utts, int dim) {
        TreeStats stats = new TreeStats(dim);
        for (Utterance u : utts) {
            if (u.alignment == null) {
                continue;
            }
            addUtterance(stats, oldInv, u.alignment, u.feats);
        }
        return stats;
    }

    /** Adds one utterance's frames to {@code stats}; the alignment gives phones, contexts and pdf classes. */
    public static void addUtterance(TreeStats stats, HmmStateInventory inv, int[] pdfs, Matrix feats) {
        int frames = Math.min(pdfs.length, feats.rows());
        List<Object[]> segs = AlignmentImport.phoneSegments(java.util.Arrays.copyOf(pdfs, frames), inv);
        List<String> phones = new ArrayList<>();
        int[] start = new int[segs.size()];
        int[] len = new int[segs.size()];
        for (int k = 0; k < segs.size(); k++) {
            phones.add((String) segs.get(k)[0]);
            start[k] = (int) segs.get(k)[1];
            len[k] = (int) segs.get(k)[2];
        }
        int[] classes = new int[frames];
        for (int t = 0; t < frames; t++) {
            classes[t] = inv.pdfClassOfPdf(pdfs[t]);
        }
        stats.accumulate(phones, start, len, classes, feats.data());
    }

    /** convert-ali: the same phones and states, each frame's pdf now the tree's for its phone's context. */
    public static int[] convert(int[] pdfs, HmmStateInventory from, HmmStateInventory to) {
        List<Object[]> segs = AlignmentImport.phoneSegments(pdfs, from);
        int[] out = new int[pdfs.length];
        for (int k = 0; k < segs.size(); k++) {
            String phone = (String) segs.get(k)[0];
            String left = k > 0 ? (String) segs.get(k - 1)[0] : null;
            String right = k + 1 < segs.size() ? (String) segs.get(k + 1)[0] : null;
            int[] classes = to.phone(phone).pdfClasses();
            for (int t = (int) segs.get(k)[1]; t < (int) segs.get(k)[1] + (int) segs.get(k)[2]; t++) {
                int cls = from.pdfClassOfPdf(pdfs[t]);
                int state = 0;
                while (classes[state] != cls) {
                    state++;
                }
                out[t] = to.pdfId(left, phone, state, right);
            }
        }
        return out;
    }

    /** gmm-init-model: each leaf's Gaussian from its statistics; a leaf without data gets the global Gaussian. */
    static DiagGmmSet initialGmms(List<GaussStats> leaves, double[] varFloor, TreeStats all) {
        int dim = varFloor.length;
        GaussStats global = new GaussStats(dim);
        all.stats().values().forEach(global::add);
        double[] gm = new double[dim];
        double[] gv = new double[dim];
        for (int d = 0; d < dim; d++) {
            gm[d] = global.mean(d);
            gv[d] = global.variance(d, varFloor[d]);
        }
        DiagGmmSet g = new DiagGmmSet(leaves.size(), dim, gm, gv);
        for (int p = 0; p < leaves.size(); p++) {
            GaussStats s = leaves.get(p);
            if (s.count() <= 0) {
                continue;
            }
            for (int d = 0; d < dim; d++) {
                g.means.get(p)[0][d] = s.mean(d);
                g.vars.get(p)[0][d] = s.variance(d, varFloor[d]);
            }
        }
        g.refresh();
        return g;
    }
}
