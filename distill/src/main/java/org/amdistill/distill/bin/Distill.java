package org.amdistill.distill.bin;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.amdistill.acoustic.dnn.DnnConfig;
import org.amdistill.acoustic.dnn.DnnTrainer;
import org.amdistill.acoustic.dnn.FrameData;
import org.amdistill.acoustic.hmm.HmmModel;
import org.amdistill.dataprep.cli.AmdCommand;
import org.amdistill.dataprep.cli.AmdException;
import org.amdistill.dataprep.table.Codecs;
import org.amdistill.dataprep.table.Entry;
import org.amdistill.dataprep.table.Matrix;
import org.amdistill.dataprep.table.SequentialReader;
import org.amdistill.distill.DistillationLoss;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Trains a student on a teacher's cached soft targets (plus hard labels with weight w) with the distillation loss
 * on logits. The student is an ordinary model file and runs at T = 1.
 */
@Command(name = "distill", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Train a student on soft targets: distill [options] --hmm-model=MDL --soft-targets=RSPEC <train-feats> <train-ali|none> <dev-feats> <dev-ali> <exp-dir>")
public final class Distill implements AmdCommand {
    @Mixin
    DnnConfig cfg = new DnnConfig();

    @Option(names = "--temperature", description = "Temperature T of the soft targets (must match compute-soft-targets)")
    double temperature = 2.0;

    @Option(names = "--hard-weight", description = "Weight w of the hard-label cross-entropy (0: soft targets only)")
    double hardWeight = 0.1;

    @Option(names = "--logit-matching", arity = "0..1", fallbackValue = "true",
            description = "Squared error on logits (Caruana et al.) instead of soft cross-entropy; soft targets must then be logits")
    boolean logitMatching = false;

    @Option(names = "--soft-targets", required = true, description = "rspecifier of the teacher's soft targets")
    String softTargets;

    @Option(names = "--hmm-model", required = true, description = "Model whose HMM state inventory the alignments use")
    Path hmmModel;

    @Option(names = "--resume", arity = "0..1", fallbackValue = "true", description = "Continue from a checkpoint")
    boolean resume = false;

    @Parameters(index = "0") String trainFeats;
    @Parameters(index = "1") String trainAli;
    @Parameters(index = "2") String devFeats;
    @Parameters(index = "3") String devAli;
    @Parameters(index = "4") Path exp;

    @Override
    public Integer call() throws Exception {
        if (!(temperature > 0)) {
            throw new AmdException("--temperature must be > 0, got " + temperature);
        }
        HmmModel hm = HmmModel.load(hmmModel);
        int numPdfs = hm.inventory().numPdfs();
        boolean labelled = !trainAli.equals("none");
        if (!labelled && hardWeight > 0) {
            throw new AmdException("an unlabelled transfer set (train-ali 'none') needs --hard-weight=0");
        }
        FrameData train = FrameData.load(trainFeats, labelled ? trainAli : null, DnnTrainer.cmvnMode(cfg.cmvn), numPdfs);
        FrameData dev = FrameData.load(devFeats, devAli, DnnTrainer.cmvnMode(cfg.cmvn), numPdfs);
        Map<String, Matrix> soft = new HashMap<>();
        try (SequentialReader<Matrix> r = SequentialReader.open(softTargets, Codecs.MATRIX)) {
            for (Entry<Matrix> e : r) {
                soft.put(e.key(), e.value());
            }
        }
        Matrix[] byUtt = new Matrix[train.keys.size()];
        for (int u = 0; u < byUtt.length; u++) {
            String key = train.keys.get(u);
            Matrix s = soft.get(key);
            if (s == null) {
                throw new AmdException("no soft targets for utterance " + key + " in " + softTargets);
            }
            if (s.cols() != numPdfs) {
                throw new AmdException("soft targets of " + key + " have " + s.cols() + " classes but the student's inventory has " + numPdfs
                        + " pdfs (teacher from a different inventory?)");
            }
            int frames = train.feats.get(u).rows();
            if (s.rows() < frames || s.rows() > frames + 1) {
                throw new AmdException("soft targets of " + key + " have " + s.rows() + " frames but its features " + frames);
            }
            byUtt[u] = s;
        }
        DnnTrainer.Targets targets = new DnnTrainer.Targets() {
            @Override
            public int width() {
                return 2 * numPdfs;
            }

            @Override
            public void fill(int u, int t, float[] dst, int off) {
                System.arraycopy(byUtt[u].data(), t * numPdfs, dst, off, numPdfs);
                java.util.Arrays.fill(dst, off + numPdfs, off + 2 * numPdfs, 0f);
                if (labelled) {
                    dst[off + numPdfs + train.labels.get(u)[t]] = 1f;
                }
            }
        };
        Map<String, String> prov = new LinkedHashMap<>();
        prov.put("trained-by", "distill");
        prov.put("soft-targets", softTargets);
        prov.put("temperature", "" + temperature);
        prov.put("hard-weight", "" + hardWeight);
        prov.put("logit-matching", "" + logitMatching);
        prov.put("date", java.time.Instant.now().toString());
        // Priors come from the hard labels when there are any, else from the teacher's soft targets' mean.
        FrameData priors = labelled ? train : dev;
        new DnnTrainer(cfg, hm.inventory(), hm.transitions(), prov)
                .train(train, dev, targets, new DistillationLoss(temperature, hardWeight, logitMatching), priors, exp, resume);
        return 0;
    }
}
