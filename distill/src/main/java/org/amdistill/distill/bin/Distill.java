package org.amdistill.distill.bin;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.amdistill.acoustic.PdfPriorOptions;
import org.amdistill.acoustic.dnn.DnnConfig;
import org.amdistill.acoustic.dnn.DnnTrainer;
import org.amdistill.acoustic.dnn.FrameData;
import org.amdistill.acoustic.dnn.TrainingFrames;
import org.amdistill.acoustic.dnn.TrainingSets;
import org.amdistill.acoustic.hmm.HmmModel;
import org.amdistill.core.cli.AmdCommand;
import org.amdistill.core.cli.AmdException;
import org.amdistill.distill.DistillationLoss;
import org.amdistill.distill.SoftTargetArchive;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Trains a student on a teacher's cached soft targets (plus hard labels with weight w) with the distillation loss
 * on logits. The student is an ordinary model file and runs at T = 1.
 */
@Command(
        name = "distill",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description =
                "Train a student on soft targets: distill [options] --hmm-model=MDL --soft-targets=DIR <train-feats> <train-ali|none> <dev-feats> <dev-ali> <exp-dir>")
public final class Distill implements AmdCommand {
    @Mixin
    DnnConfig cfg = new DnnConfig();

    @Option(
            names = "--temperature",
            description = "Temperature T of the soft targets (must match compute-soft-targets)")
    double temperature = 2.0;

    @Option(names = "--hard-weight", description = "Weight w of the hard-label cross-entropy (0: soft targets only)")
    double hardWeight = 0.1;

    @Option(
            names = "--logit-matching",
            arity = "0..1",
            fallbackValue = "true",
            description =
                    "Squared error on logits (Caruana et al.) instead of soft cross-entropy; soft targets must then be logits")
    boolean logitMatching = false;

    @Option(
            names = "--soft-targets",
            required = true,
            description = "Soft-target directory written by compute-soft-targets")
    Path softTargets;

    @Option(names = "--hmm-model", required = true, description = "Model whose HMM state inventory the alignments use")
    Path hmmModel;

    @Option(
            names = "--class-frame-counts",
            description =
                    "Kaldi vector of pdf frame counts (analyze-counts of the labelled training"
                            + " alignments) for the student's priors; default: its training alignments' counts, else (a transfer set) the dev set's")
    Path classFrameCounts;

    @Option(names = "--resume", arity = "0..1", fallbackValue = "true", description = "Continue from a checkpoint")
    boolean resume = false;

    @Mixin
    TrainingSets sets = new TrainingSets();

    @Override
    public Integer call() throws Exception {
        if (!(temperature > 0)) {
            throw new AmdException("--temperature must be > 0, got " + temperature);
        }
        HmmModel hm = HmmModel.load(hmmModel);
        int numPdfs = hm.inventory().numPdfs();
        boolean labelled = !sets.trainAli.equals("none");
        if (!labelled && hardWeight > 0) {
            throw new AmdException("an unlabelled transfer set (train-ali 'none') needs --hard-weight=0");
        }
        TrainingFrames train = sets.train(cfg, numPdfs, labelled ? sets.trainAli : null);
        FrameData dev = sets.dev(cfg, numPdfs, train.dim());
        SoftTargetArchive.Reader soft = new SoftTargetArchive.Reader(softTargets);
        checkTeacher(soft, hm, train);
        DnnTrainer.Targets targets = softAndHard(soft, numPdfs);
        Map<String, String> prov = new LinkedHashMap<>();
        prov.put("trained-by", "distill");
        prov.put("soft-targets", softTargets.toString());
        prov.putAll(SoftTargetArchive.describe(soft.info()));
        prov.put("temperature", "" + temperature);
        prov.put("hard-weight", "" + hardWeight);
        prov.put("logit-matching", "" + logitMatching);
        prov.put("date", Instant.now().toString());
        float[] priors = studentPriors(labelled, train, dev, numPdfs);
        try (soft) {
            new DnnTrainer(cfg, hm.inventory(), hm.transitions(), prov)
                    .train(
                            train,
                            dev,
                            targets,
                            new DistillationLoss(temperature, hardWeight, logitMatching),
                            priors,
                            sets.exp,
                            resume);
        }
        return 0;
    }

    /** Priors from the given counts, else the training alignments, else the dev set's (an unlabelled transfer set). */
    float[] studentPriors(boolean labelled, TrainingFrames train, FrameData dev, int numPdfs) {
        if (classFrameCounts != null) {
            float[] p = PdfPriorOptions.logPriorsFromCounts(PdfPriorOptions.readCounts(classFrameCounts), 1e-10);
            if (p.length != numPdfs) {
                throw new AmdException(classFrameCounts + ": " + p.length + " class frame counts but the HMM model has "
                        + numPdfs + " pdfs");
            }
            return p;
        }
        return labelled ? train.logPriors() : DnnTrainer.logPriors(dev.labelCounts(numPdfs));
    }

    /** The soft targets must come from a teacher over the student's inventory, at this temperature, for every utterance. */
    void checkTeacher(SoftTargetArchive.Reader soft, HmmModel hm, TrainingFrames train) {
        SoftTargetArchive.Info info = soft.info();
        if (!info.inventory().equals(hm.inventory().fingerprint())
                || info.numClasses() != hm.inventory().numPdfs()) {
            throw new AmdException("the soft targets in " + softTargets + " come from a teacher (" + info.teacher()
                    + ") whose HMM state inventory ("
                    + info.numClasses() + " pdfs, fingerprint " + info.inventory() + ") differs from the student's "
                    + hmmModel + " ("
                    + hm.inventory().numPdfs() + " pdfs, fingerprint "
                    + hm.inventory().fingerprint() + ")");
        }
        if (info.logits() != logitMatching) {
            throw new AmdException(softTargets + " holds " + (info.logits() ? "logits" : "probabilities")
                    + " but --logit-matching=" + logitMatching + " needs "
                    + (logitMatching ? "logits (compute-soft-targets --logits)" : "probabilities"));
        }
        if (!logitMatching && Math.abs(info.temperature() - temperature) > 1e-9) {
            throw new AmdException("the soft targets in " + softTargets + " were computed at T=" + info.temperature()
                    + " but --temperature=" + temperature + "; recompute them or pass the same T");
        }
        List<String> missing = new ArrayList<>();
        for (String k : train.keys()) {
            if (!soft.contains(k)) {
                missing.add(k);
            }
        }
        if (!missing.isEmpty()) {
            throw new AmdException(missing.size() + " training utterances have no soft targets in " + softTargets + ": "
                    + String.join(" ", missing.subList(0, Math.min(10, missing.size())))
                    + (missing.size() > 10 ? " ..." : ""));
        }
    }

    /** Rows of [soft targets | one-hot hard label (zeros when unlabelled)], the layout {@link DistillationLoss} reads. */
    static DnnTrainer.Targets softAndHard(SoftTargetArchive.Reader soft, int numPdfs) {
        return new DnnTrainer.Targets() {
            @Override
            public int width() {
                return 2 * numPdfs;
            }

            @Override
            public DnnTrainer.UtteranceTargets of(String key, int[] labels, int numFrames) {
                SoftTargetArchive.Rows rows = soft.get(key);
                if (rows.rows() < numFrames || rows.rows() > numFrames + 1) {
                    throw new AmdException("soft targets of " + key + " have " + rows.rows()
                            + " frames but its features " + numFrames);
                }
                return (t, dst, off) -> {
                    rows.fill(t, dst, off);
                    Arrays.fill(dst, off + numPdfs, off + 2 * numPdfs, 0f);
                    if (labels != null) {
                        dst[off + numPdfs + labels[t]] = 1f;
                    }
                };
            }
        };
    }
}
