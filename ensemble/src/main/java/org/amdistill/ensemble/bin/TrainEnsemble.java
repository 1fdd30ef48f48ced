package org.amdistill.ensemble.bin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.amdistill.acoustic.dnn.DnnConfig;
import org.amdistill.acoustic.dnn.DnnTrainer;
import org.amdistill.acoustic.dnn.FrameData;
import org.amdistill.acoustic.dnn.TrainingFrames;
import org.amdistill.acoustic.dnn.TrainingSets;
import org.amdistill.acoustic.hmm.HmmModel;
import org.amdistill.core.cli.AmdCommand;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.cli.Workers;
import org.amdistill.ensemble.EnsembleModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Trains N DNN members that differ in random initialisation and data order (seed per member), optionally by
 * bagging. Each member is resumable on its own: a killed run, rerun, trains only what is missing and continues a
 * half-trained member from its checkpoint. Writes {@code <exp-dir>/ensemble.mdl}.
 */
@Command(
        name = "train-ensemble",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description =
                "Train an ensemble of DNNs: train-ensemble [options] --hmm-model=MDL <train-feats> <train-ali> <dev-feats> <dev-ali> <exp-dir>")
public final class TrainEnsemble implements AmdCommand {
    private static final Logger LOG = LoggerFactory.getLogger(TrainEnsemble.class);

    @Mixin
    DnnConfig cfg = new DnnConfig();

    @Option(names = "--num-members", description = "Number of members")
    int numMembers = 10;

    @Option(names = "--hmm-model", required = true, description = "Model whose HMM state inventory the alignments use")
    Path hmmModel;

    @Option(
            names = "--bagging",
            arity = "0..1",
            fallbackValue = "true",
            description = "Train each member on a bootstrap sample of the utterances")
    boolean bagging = false;

    @Option(
            names = "--parallel-members",
            description = "Members trained at the same time (each with its own threads); 1 trains them in turn")
    int parallel = 1;

    @Option(
            names = "--member",
            description =
                    "Train only member K (1..num-members), as one task of a job array"
                            + " (JOB=1:N), and leave ensemble.mdl to a run without it; 0 trains every missing member and writes ensemble.mdl")
    int onlyMember = 0;

    @Option(
            names = "--combination",
            description = "How ensemble.mdl combines members: arithmetic (the paper) or geometric")
    EnsembleModel.Combination combination = EnsembleModel.Combination.ARITHMETIC;

    @Mixin
    TrainingSets sets = new TrainingSets();

    @Override
    public Integer call() throws Exception {
        if (onlyMember < 0 || onlyMember > numMembers) {
            throw new AmdException(
                    "--member=" + onlyMember + " is not a member: give 1.." + numMembers + " (or 0 for all)");
        }
        HmmModel hm = HmmModel.load(hmmModel);
        int numPdfs = hm.inventory().numPdfs();
        TrainingFrames train = sets.train(cfg, numPdfs, sets.trainAli);
        if (bagging) {
            train.inMemory(); // bagging resamples utterances, which needs them in memory
        }
        FrameData dev = sets.dev(cfg, numPdfs, train.dim());
        List<Path> files = new ArrayList<>();
        List<Integer> todo = new ArrayList<>();
        for (int i = 1; i <= numMembers; i++) {
            Path f = sets.exp.resolve("member" + i).resolve("final.mdl");
            files.add(f);
            if (onlyMember != 0 && i != onlyMember) {
                continue;
            }
            if (Files.exists(f)) {
                LOG.info("Member {} is already trained ({}): skipping", i, f);
            } else {
                todo.add(i);
            }
        }
        try (Workers pool = Workers.start("train-ensemble", Math.max(1, parallel))) {
            List<Future<?>> fs = new ArrayList<>();
            for (int i : todo) {
                fs.add(pool.submit(() -> {
                    trainMember(i, hm, train, dev);
                    return null;
                }));
            }
            for (int k = 0; k < fs.size(); k++) {
                try {
                    fs.get(k).get();
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    throw new AmdException(
                            "member " + todo.get(k) + " (" + sets.exp.resolve("member" + todo.get(k)) + ") failed: "
                                    + cause.getMessage() + "; rerunning trains only the members that are missing",
                            cause);
                }
            }
        }
        if (onlyMember != 0) {
            LOG.info("Member {} is trained; ensemble.mdl is written by a run without --member", onlyMember);
            return 0;
        }
        EnsembleModel.write(sets.exp.resolve("ensemble.mdl"), files, combination);
        LOG.info("Wrote {} with {} members", sets.exp.resolve("ensemble.mdl"), numMembers);
        return 0;
    }

    /** Trains member {@code i} (seed: --seed + i; with --bagging, on its own draw of the utterances) into memberI/. */
    private void trainMember(int i, HmmModel hm, TrainingFrames train, FrameData dev) throws Exception {
        int numPdfs = hm.inventory().numPdfs();
        DnnConfig c = cfg.copy();
        c.seed = cfg.seed + i;
        TrainingFrames data = train;
        if (bagging) {
            FrameData all = train.inMemory();
            Random r = new Random(DnnTrainer.mix(c.seed, 77));
            List<Integer> sample = new ArrayList<>();
            for (int k = 0; k < all.keys.size(); k++) {
                sample.add(r.nextInt(all.keys.size()));
            }
            data = TrainingFrames.inMemory(all.subset(sample), numPdfs);
        }
        Map<String, String> prov = new LinkedHashMap<>();
        prov.put("trained-by", "train-ensemble");
        prov.put("member", "" + i);
        prov.put("train-feats", sets.trainFeats);
        prov.put("train-ali", sets.trainAli);
        prov.put("bagging", "" + bagging);
        prov.put("date", Instant.now().toString());
        new DnnTrainer(c, hm.inventory(), hm.transitions(), prov)
                .train(
                        data,
                        dev,
                        DnnTrainer.hardLabels(numPdfs),
                        null,
                        train.logPriors(),
                        sets.exp.resolve("member" + i),
                        true);
    }
}
