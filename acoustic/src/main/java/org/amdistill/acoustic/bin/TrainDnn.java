package org.amdistill.acoustic.bin;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.amdistill.acoustic.dnn.DnnConfig;
import org.amdistill.acoustic.dnn.DnnTrainer;
import org.amdistill.acoustic.dnn.FrameData;
import org.amdistill.acoustic.dnn.TrainingFrames;
import org.amdistill.acoustic.dnn.TrainingSets;
import org.amdistill.acoustic.hmm.HmmModel;
import org.amdistill.core.cli.AmdCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Trains a DNN acoustic model over the HMM states of an alignment (Kaldi's steps/nnet/train.sh as one command). */
@Command(
        name = "train-dnn",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description =
                "Train a DNN over HMM states: train-dnn [options] --hmm-model=MDL <train-feats-rspecifier> <train-ali-rspecifier> <dev-feats-rspecifier> <dev-ali-rspecifier> <exp-dir>")
public final class TrainDnn implements AmdCommand {
    @Mixin
    DnnConfig cfg = new DnnConfig();

    @Option(
            names = "--hmm-model",
            required = true,
            description =
                    "Model whose HMM state inventory and transitions the alignments use (e.g. exp/mono/final.mdl)")
    Path hmmModel;

    @Option(
            names = "--resume",
            arity = "0..1",
            fallbackValue = "true",
            description = "Continue from <exp-dir>/checkpoint if a killed run left one")
    boolean resume = false;

    @Mixin
    TrainingSets sets = new TrainingSets();

    @Override
    public Integer call() throws Exception {
        HmmModel hm = HmmModel.load(hmmModel);
        int numPdfs = hm.inventory().numPdfs();
        TrainingFrames train = sets.train(cfg, numPdfs, sets.trainAli);
        FrameData dev = sets.dev(cfg, numPdfs, train.dim());
        Map<String, String> prov = new LinkedHashMap<>();
        prov.put("trained-by", "train-dnn");
        prov.put("train-feats", sets.trainFeats);
        prov.put("train-ali", sets.trainAli);
        prov.put("hmm-model", hmmModel.toString());
        prov.put("date", Instant.now().toString());
        new DnnTrainer(cfg, hm.inventory(), hm.transitions(), prov)
                .train(train, dev, DnnTrainer.hardLabels(numPdfs), null, train.logPriors(), sets.exp, resume);
        return 0;
    }
}
