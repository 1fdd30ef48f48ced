package org.amdistill.acoustic.bin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.amdistill.acoustic.align.AlignmentWriter;
import org.amdistill.acoustic.align.FrameTimingOptions;
import org.amdistill.acoustic.align.UtteranceSet;
import org.amdistill.acoustic.align.ViterbiOptions;
import org.amdistill.acoustic.gmm.GmmFeatures;
import org.amdistill.acoustic.gmm.MonophoneTrainer;
import org.amdistill.acoustic.hmm.HmmStateInventory;
import org.amdistill.acoustic.hmm.TransitionModel;
import org.amdistill.core.cli.AmdCommand;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.cli.Workers;
import org.amdistill.dataprep.lang.LangDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Kaldi's steps/train_mono.sh as one command: a flat-start monophone GMM-HMM and its training alignments. */
@Command(
        name = "train-mono",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description =
                "Flat-start monophone GMM-HMM training; writes <exp-dir>/final.mdl, ali.1.ark (pdf ids), ali.ctm: train-mono [options] <data-dir> <lang-dir> <exp-dir>")
public final class TrainMono implements AmdCommand {
    private static final Logger LOG = LoggerFactory.getLogger(TrainMono.class);

    @Option(names = "--num-iters", description = "Number of training iterations")
    int numIters = 20;

    @Option(names = "--max-iter-inc", description = "Last iteration that increases the number of Gaussians")
    int maxIterInc = 15;

    @Option(names = "--totgauss", description = "Target total number of Gaussians")
    int totGauss = 1000;

    @Option(names = "--realign-iters", description = "Iterations on which to realign (space or comma separated)")
    String realignIters = "1 2 3 4 5 6 7 8 9 10 12 14 16 18";

    @Mixin
    ViterbiOptions viterbi = new ViterbiOptions();

    @Option(
            names = "--num-ceps",
            description = "Cepstra taken from the filterbank for the GMM (plus deltas and accelerations)")
    int numCeps = 13;

    @Option(
            names = "--delta-order",
            description =
                    "Deltas on the cepstra: 2 deltas and accelerations (Kaldi's train_mono), 1 deltas, "
                            + "0 the static cepstra alone (sharper phone boundaries: on clean TTS speech 71 %% within 20 ms against 50 %%)")
    int deltaOrder = 2;

    @Mixin
    FrameTimingOptions frameTiming = new FrameTimingOptions();

    @Option(names = "--num-threads", description = "Threads for alignment and statistics")
    int numThreads = Workers.allCores();

    @Parameters(index = "0", paramLabel = "<data-dir>")
    Path data;

    @Parameters(index = "1", paramLabel = "<lang-dir>")
    Path lang;

    @Parameters(index = "2", paramLabel = "<exp-dir>")
    Path exp;

    @Override
    public Integer call() throws Exception {
        LangDir l = LangDir.read(lang);
        HmmStateInventory inv = HmmStateInventory.fromLang(l);
        GmmFeatures features = new GmmFeatures(numCeps, 22, deltaOrder);
        List<String> skipped = new ArrayList<>();
        List<UtteranceSet.Item> items =
                UtteranceSet.load(data, l, new TransitionModel(inv), features::compute, skipped);
        if (items.isEmpty()) {
            throw new AmdException("no usable utterances in " + data);
        }
        MonophoneTrainer.Options o = new MonophoneTrainer.Options();
        o.numIters = numIters;
        o.maxIterInc = maxIterInc;
        o.totGauss = totGauss;
        o.realignIters = new ArrayList<>();
        for (String s : realignIters.trim().split("[\\s,]+")) {
            if (!s.isEmpty()) {
                o.realignIters.add(Integer.parseInt(s));
            }
        }
        o.beam = viterbi.beam;
        o.retryBeam = viterbi.retryBeam;
        o.numThreads = numThreads;
        o.acousticScale = viterbi.acousticScale;
        List<MonophoneTrainer.Utterance> utts = new ArrayList<>();
        for (UtteranceSet.Item it : items) {
            utts.add(new MonophoneTrainer.Utterance(it.key(), it.feats(), it.graph()));
        }
        MonophoneTrainer.Result r = new MonophoneTrainer(o, inv).train(features, utts);
        r.model().save(exp.resolve("final.mdl"));
        List<String> failed = new ArrayList<>(skipped);
        for (UtteranceSet.Item it : items) {
            if (!r.alignments().containsKey(it.key())) {
                failed.add(it.key());
            }
        }
        AlignmentWriter.write(exp, r.alignments(), failed, frameTiming.timing());
        LOG.info(
                "Trained {} pdfs, {} Gaussians on {} utterances; {} could not be aligned (listed in {})",
                inv.numPdfs(),
                r.model().gmms.numGaussians(),
                items.size(),
                failed.size(),
                exp.resolve("unaligned.txt"));
        return 0;
    }
}
