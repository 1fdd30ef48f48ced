package org.amdistill.acoustic.dnn;

import java.nio.file.Path;
import org.amdistill.acoustic.ModelInput;
import picocli.CommandLine.Parameters;

/**
 * The positional arguments every DNN training command takes (train-dnn, train-ensemble, distill), as Kaldi's
 * nnet training scripts do: the training features and alignments, the dev features and alignments, the experiment
 * directory.
 */
public final class TrainingSets {
    @Parameters(index = "0", paramLabel = "<train-feats>", description = "training features (rspecifier)")
    public String trainFeats;

    @Parameters(index = "1", paramLabel = "<train-ali>", description = "training alignments (rspecifier)")
    public String trainAli;

    @Parameters(index = "2", paramLabel = "<dev-feats>", description = "dev features (rspecifier)")
    public String devFeats;

    @Parameters(index = "3", paramLabel = "<dev-ali>", description = "dev alignments (rspecifier)")
    public String devAli;

    @Parameters(index = "4", paramLabel = "<exp-dir>", description = "where the model, its checkpoints and metrics go")
    public Path exp;

    /** The training frames, labelled by {@code ali} (null: unlabelled), normalised and buffered as {@code cfg} says. */
    public TrainingFrames train(DnnConfig cfg, int numPdfs, String ali) {
        return TrainingFrames.open(trainFeats, ali, cfg.modelCmvn(), numPdfs, cfg.shuffleBufferFrames);
    }

    /**
     * The dev set, checked against the training features' dimension {@code trainDim} now, before the first epoch
     * (not at its end, when the dev set is first scored).
     */
    public FrameData dev(DnnConfig cfg, int numPdfs, int trainDim) {
        FrameData dev = FrameData.load(devFeats, devAli, cfg.modelCmvn(), numPdfs);
        ModelInput.checkDim(
                trainDim, dev.dim(), "the dev set " + devFeats + " (against the training set " + trainFeats + ")");
        return dev;
    }
}
