package org.amdistill.acoustic.bin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.amdistill.acoustic.align.AlignmentWriter;
import org.amdistill.acoustic.align.FrameTimingOptions;
import org.amdistill.acoustic.align.UtteranceSet;
import org.amdistill.acoustic.align.ViterbiOptions;
import org.amdistill.acoustic.gmm.GmmAcousticModel;
import org.amdistill.acoustic.gmm.MonophoneTrainer;
import org.amdistill.acoustic.gmm.TriphoneTrainer;
import org.amdistill.acoustic.tree.TreeBuilding;
import org.amdistill.core.cli.AmdCommand;
import org.amdistill.core.cli.AmdException;
import org.amdistill.dataprep.lang.LangDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Kaldi's steps/train_deltas.sh as one command: a tied-state triphone GMM-HMM from a previous model's alignment. */
@Command(
        name = "train-deltas",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description =
                "Triphone GMM-HMM training on a tree built from <ali-dir>'s alignment; writes <exp-dir>/tree, final.mdl, ali.1.ark (tied "
                        + "pdf ids), ali.ctm, treeacc, questions.txt: train-deltas [options] <num-leaves> <tot-gauss> <data-dir> <lang-dir> <ali-dir> <exp-dir>")
public final class TrainDeltas implements AmdCommand {
    private static final Logger LOG = LoggerFactory.getLogger(TrainDeltas.class);

    @Option(names = "--num-iters", description = "Number of training iterations")
    int numIters = 35;

    @Option(names = "--max-iter-inc", description = "Last iteration that increases the number of Gaussians")
    int maxIterInc = 25;

    @Option(names = "--realign-iters", description = "Iterations on which to realign (space or comma separated)")
    String realignIters = "10 20 30";

    @Option(names = "--thresh", description = "Least likelihood gain of a tree split (build-tree --thresh)")
    double thresh = 300;

    @Option(
            names = "--cluster-thresh",
            description = "Merge tree leaves whose merge loses less than this; -1: the smallest split gain")
    double clusterThresh = -1;

    @Option(names = "--min-count", description = "Least frames on either side of a tree split")
    double minCount = 10;

    @Option(
            names = "--roots",
            description = "Roots file (Kaldi's roots.txt with phone names); default: one shared, split root per phone")
    Path roots;

    @Option(names = "--extra-questions", description = "Further questions, one set of phone names per line")
    Path extraQuestions;

    @Mixin
    ViterbiOptions viterbi = new ViterbiOptions();

    @Mixin
    FrameTimingOptions frameTiming = new FrameTimingOptions();

    @Option(names = "--num-threads", description = "Threads for alignment and statistics")
    int numThreads = Runtime.getRuntime().availableProcessors();

    @Parameters(index = "0", paramLabel = "<num-leaves>")
    int numLeaves;

    @Parameters(index = "1", paramLabel = "<tot-gauss>")
    int totGauss;

    @Parameters(index = "2", paramLabel = "<data-dir>")
    Path data;

    @Parameters(index = "3", paramLabel = "<lang-dir>")
    Path lang;

    @Parameters(
            index = "4",
            paramLabel = "<ali-dir>",
            description = "Directory with final.mdl (a GMM) and ali.1.ark, e.g. exp/mono")
    Path aliDir;

    @Parameters(index = "5", paramLabel = "<exp-dir>")
    Path exp;

    @Override
    public Integer call() throws Exception {
        if (numLeaves <= 0) {
            throw new AmdException("train-deltas: <num-leaves> must be positive (got " + numLeaves + ")");
        }
        LangDir l = LangDir.read(lang);
        GmmAcousticModel old = GmmAcousticModel.load(aliDir.resolve("final.mdl"));
        if (!old.inventory.hasTopologyOf(l)) {
            throw new AmdException("lang directory " + lang + " has other phones or topology than model "
                    + aliDir.resolve("final.mdl"));
        }
        Map<String, int[]> ali = ImportAliSupport.readAlignments(
                "ark:" + aliDir.resolve("ali.1.ark"), old.inventory, "model " + aliDir.resolve("final.mdl"));
        List<String> skipped = new ArrayList<>();
        List<TriphoneTrainer.Utterance> utts = new ArrayList<>();
        for (UtteranceSet.Item it : UtteranceSet.load(data, l, old.transitions, old.features::compute, skipped)) {
            int[] a = ali.get(it.key());
            utts.add(new TriphoneTrainer.Utterance(
                    it.key(),
                    it.feats(),
                    it.graph(),
                    a != null && a.length == it.feats().rows() ? a : null));
        }
        if (utts.isEmpty()) {
            throw new AmdException("no usable utterances in " + data);
        }
        TriphoneTrainer.Result r = new TriphoneTrainer(options()).train(l, old, utts);
        MonophoneTrainer.Result t = r.training();
        java.nio.file.Files.createDirectories(exp);
        r.stats().write(exp.resolve("treeacc"));
        TreeBuilding.writePhoneSets(exp.resolve("questions.txt"), r.questions());
        r.tree().tree().write(exp.resolve("tree"));
        t.model().save(exp.resolve("final.mdl"));
        List<String> failed = new ArrayList<>(skipped);
        for (TriphoneTrainer.Utterance u : utts) {
            if (!t.alignments().containsKey(u.key())) {
                failed.add(u.key());
            }
        }
        AlignmentWriter.write(exp, t.alignments(), failed, frameTiming.timing());
        LOG.info(
                "Trained {} tied states ({} tree leaves before merging), {} Gaussians on {} utterances; {} could not be aligned (listed in {})",
                t.model().numPdfs(),
                r.tree().leavesBeforeMerge(),
                t.model().gmms.numGaussians(),
                utts.size(),
                failed.size(),
                exp.resolve("unaligned.txt"));
        return 0;
    }

    private TriphoneTrainer.Options options() throws java.io.IOException {
        TriphoneTrainer.Options o = new TriphoneTrainer.Options();
        o.tree.maxLeaves = numLeaves;
        o.tree.thresh = thresh;
        o.tree.clusterThresh = clusterThresh;
        o.tree.minCount = minCount;
        o.roots = roots == null ? List.of() : java.nio.file.Files.readAllLines(roots);
        o.extraQuestions = extraQuestions == null ? List.of() : TreeBuilding.readPhoneSets(extraQuestions);
        o.train.numIters = numIters;
        o.train.maxIterInc = maxIterInc;
        o.train.totGauss = totGauss;
        o.train.realignIters = new ArrayList<>();
        for (String s : realignIters.trim().split("[\\s,]+")) {
            if (!s.isEmpty()) {
                o.train.realignIters.add(Integer.parseInt(s));
            }
        }
        o.train.beam = viterbi.beam;
        o.train.retryBeam = viterbi.retryBeam;
        o.train.acousticScale = viterbi.acousticScale;
        o.train.numThreads = numThreads;
        return o;
    }
}
