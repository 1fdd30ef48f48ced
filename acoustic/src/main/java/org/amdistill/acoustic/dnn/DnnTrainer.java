package org.amdistill.acoustic.dnn;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.amdistill.acoustic.hmm.HmmStateInventory;
import org.amdistill.acoustic.hmm.TransitionModel;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.cli.Progress;
import org.amdistill.core.table.Matrix;
import org.amdistill.frontend.Cmvn;
import org.amdistill.frontend.Splicer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a DNN over HMM states on spliced frames: shuffled minibatches prepared on another thread, a Kaldi-style
 * newbob (or exponential) learning-rate schedule on dev frame accuracy, early stopping that keeps the best epoch,
 * an atomic checkpoint and a metrics row per epoch, and {@code resume} after a kill. Every epoch's data order and
 * dropout draw from (seed, epoch), so a resumed run ends with the same model as an uninterrupted one.
 *
 * <p>Targets and loss plug in: hard labels with softmax cross-entropy by default; the distillation stage gives
 * soft targets and its own loss on logits.
 */
public final class DnnTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(DnnTrainer.class);

    /** The targets of training frames; the width and layout of a row belong to the loss. */
    public interface Targets {
        int width();

        /** The targets of one utterance ({@code labels} null for unlabelled data). */
        UtteranceTargets of(String key, int[] labels, int numFrames);
    }

    /** Fills one frame's row of targets. */
    public interface UtteranceTargets {
        void fill(int frame, float[] dst, int offset);
    }

    /** One-hot pdf labels from the alignments. */
    public static Targets hardLabels(int numPdfs) {
        return new Targets() {
            @Override
            public int width() {
                return numPdfs;
            }

            @Override
            public UtteranceTargets of(String key, int[] labels, int numFrames) {
                if (labels == null) {
                    throw new AmdException("utterance " + key + " has no alignment, and hard-label training needs one");
                }
                return (t, dst, off) -> {
                    java.util.Arrays.fill(dst, off, off + numPdfs, 0f);
                    dst[off + labels[t]] = 1f;
                };
            }
        };
    }

    private final DnnConfig cfg;
    private final HmmStateInventory inventory;
    private final TransitionModel transitions;
    private final Map<String, String> provenance;

    public DnnTrainer(DnnConfig cfg, HmmStateInventory inventory, TransitionModel transitions, Map<String, String> provenance) {
        this.cfg = cfg;
        this.inventory = inventory;
        this.transitions = transitions;
        this.provenance = provenance;
    }

    public static long mix(long seed, long salt) {
        long h = seed * 0x9E3779B97F4A7C15L + salt * 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 31;
        h *= 0xBF58476D1CE4E5B9L;
        return h ^ (h >>> 29);
    }

    public MultiLayerNetwork buildNetwork(int inputDim, ILossFunction loss) {
        IUpdater updater = switch (cfg.optimizer) {
            case "adam" -> new Adam(cfg.learningRate);
            case "sgd" -> new Nesterovs(cfg.learningRate, cfg.momentum);
            default -> throw new AmdException("--optimizer must be adam or sgd, got '" + cfg.optimizer + "'");
        };
        Activation act = switch (cfg.activation) {
            case "relu" -> Activation.RELU;
            case "tanh" -> Activation.TANH;
            case "sigmoid" -> Activation.SIGMOID;
            default -> throw new AmdException("--activation must be relu, tanh or sigmoid, got '" + cfg.activation + "'");
        };
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder()
                .seed(cfg.seed)
                .updater(updater)
                .l2(cfg.l2)
                .weightInit(WeightInit.RELU)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .list();
        int in = inputDim;
        if (cfg.bottleneckDim > 0) {
            if (cfg.bottleneckDim >= inputDim) {
                throw new AmdException("--bottleneck-dim=" + cfg.bottleneckDim + " must be below the input dimension " + inputDim);
            }
            b.layer(new DenseLayer.Builder().nIn(in).nOut(cfg.bottleneckDim).activation(Activation.IDENTITY).weightInit(WeightInit.XAVIER).build());
            in = cfg.bottleneckDim;
        }
        for (int i = 0; i < cfg.hiddenLayers; i++) {
            DenseLayer.Builder d = new DenseLayer.Builder().nIn(in).nOut(cfg.hiddenDim).activation(act);
            if (cfg.dropout > 0) {
                d.dropOut(1.0 - cfg.dropout); // DL4J takes the probability of keeping a unit
            }
            b.layer(d.build());
            in = cfg.hiddenDim;
        }
        OutputLayer out = loss == null
                ? new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(in).nOut(inventory.numPdfs()).activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build()
                : new OutputLayer.Builder(loss).nIn(in).nOut(inventory.numPdfs()).activation(Activation.IDENTITY).weightInit(WeightInit.XAVIER).build();
        MultiLayerConfiguration conf = b.layer(out).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Log priors from label counts (add-one smoothed), for hybrid scaled likelihoods. */
    public static float[] logPriors(long[] counts) {
        double total = counts.length;
        for (long c : counts) {
            total += c;
        }
        float[] lp = new float[counts.length];
        for (int i = 0; i < counts.length; i++) {
            lp[i] = (float) Math.log((counts[i] + 1) / total);
        }
        return lp;
    }

    public static Cmvn.Mode cmvnMode(String s) {
        return switch (s) {
            case "none" -> Cmvn.Mode.NONE;
            case "mean" -> Cmvn.Mode.MEAN;
            case "mean_var" -> Cmvn.Mode.MEAN_VAR;
            default -> throw new AmdException("--cmvn must be none, mean or mean_var, got '" + s + "'");
        };
    }

    /**
     * Trains on frames held in memory; {@code priorsFrom} gives the alignment counts for the priors.
     */
    public DnnAcousticModel train(FrameData train, FrameData dev, Targets targets, ILossFunction loss, FrameData priorsFrom,
                                  Path outDir, boolean resume) throws Exception {
        return train(TrainingFrames.inMemory(train, inventory.numPdfs()), dev, targets, loss,
                logPriors(priorsFrom.labelCounts(inventory.numPdfs())), outDir, resume);
    }

    /**
     * Trains and writes {@code outDir/final.mdl}, {@code metrics.csv}, {@code checkpoint/}. With {@code resume},
     * continues from the checkpoint if there is one. {@code loss} null means softmax + cross-entropy on
     * {@code targets} (which must then be one-hot); {@code logPriors} go into the model for scaled likelihoods.
     */
    public DnnAcousticModel train(TrainingFrames train, FrameData dev, Targets targets, ILossFunction loss, float[] logPriors,
                                  Path outDir, boolean resume) throws Exception {
        Splicer splicer = new Splicer(cfg.leftContext, cfg.rightContext);
        int inDim = splicer.outputDim(train.dim());
        Files.createDirectories(outDir);
        Path ckDir = outDir.resolve("checkpoint");
        Path metrics = outDir.resolve("metrics.csv");
        MultiLayerNetwork net;
        MultiLayerNetwork best;
        int startEpoch = 1;
        double lr = cfg.learningRate;
        double bestAcc = -1;
        int bestEpoch = 0;
        boolean halving = false;
        int sinceBest = 0;
        List<String> metricRows = new ArrayList<>();
        if (resume && Files.exists(ckDir.resolve("state.properties"))) {
            Properties st = new Properties();
            try (var r = Files.newBufferedReader(ckDir.resolve("state.properties"))) {
                st.load(r);
            }
            net = ModelSerializer.restoreMultiLayerNetwork(ckDir.resolve("network.zip").toFile(), true);
            best = ModelSerializer.restoreMultiLayerNetwork(ckDir.resolve("best.zip").toFile(), false);
            startEpoch = Integer.parseInt(st.getProperty("epoch")) + 1;
            lr = Double.parseDouble(st.getProperty("lr"));
            bestAcc = Double.parseDouble(st.getProperty("best-acc"));
            bestEpoch = Integer.parseInt(st.getProperty("best-epoch"));
            halving = Boolean.parseBoolean(st.getProperty("halving"));
            sinceBest = Integer.parseInt(st.getProperty("since-best"));
            if (Boolean.parseBoolean(st.getProperty("finished", "false"))) {
                startEpoch = Integer.MAX_VALUE;
            }
            if (Files.exists(metrics)) {
                List<String> lines = Files.readAllLines(metrics);
                metricRows.addAll(lines.subList(1, lines.size()));
            }
            LOG.info("Resuming {} after epoch {} (best dev frame accuracy {} at epoch {})", outDir, startEpoch - 1, bestAcc, bestEpoch);
        } else {
            net = buildNetwork(inDim, loss);
            best = net.clone();
        }
        LOG.info("Training {} ({} parameters) on {} frames ({} utterances), dev {} frames; input {} = {} frames x {}",
                outDir, net.numParams(), train.numFrames(), train.numUtterances(), dev == null ? 0 : dev.numFrames(), inDim, splicer.width(), train.dim());
        boolean finished = startEpoch == Integer.MAX_VALUE;
        for (int epoch = startEpoch; !finished && epoch <= cfg.maxEpochs; epoch++) {
            net.setLearningRate(lr);
            long t0 = System.nanoTime();
            double trainLoss = runEpoch(net, train, targets, splicer, inDim, epoch);
            double secs = (System.nanoTime() - t0) / 1e9;
            double trainAcc = frameAccuracy(net, train.sample(), splicer, 20000, loss != null);
            double devAcc = dev == null ? trainAcc : frameAccuracy(net, dev, splicer, Integer.MAX_VALUE, loss != null);
            double impr = devAcc - Math.max(bestAcc, 0);
            metricRows.add(String.format(Locale.ROOT, "%d,%.6g,%.5f,%.5f,%.5f,%.0f,%.1f", epoch, lr, trainLoss, trainAcc, devAcc, train.numFrames() / secs, secs));
            LOG.info("{} epoch {}: lr {} train loss {} train acc {} dev acc {} ({} frames/s, {} s)", outDir.getFileName(), epoch,
                    String.format(Locale.ROOT, "%.3g", lr), String.format(Locale.ROOT, "%.4f", trainLoss), String.format(Locale.ROOT, "%.4f", trainAcc),
                    String.format(Locale.ROOT, "%.4f", devAcc), String.format(Locale.ROOT, "%.0f", train.numFrames() / secs), String.format(Locale.ROOT, "%.1f", secs));
            if (devAcc > bestAcc) {
                bestAcc = devAcc;
                bestEpoch = epoch;
                best = net.clone();
                sinceBest = 0;
            } else {
                sinceBest++;
            }
            switch (cfg.lrSchedule) {
                case "newbob" -> {
                    if (halving && impr < cfg.endHalvingImpr && epoch >= cfg.minEpochs) {
                        finished = true;
                    }
                    if (impr < cfg.startHalvingImpr) {
                        halving = true;
                    }
                    if (halving) {
                        lr *= 0.5;
                    }
                }
                case "exponential" -> lr *= cfg.lrDecay;
                case "constant" -> {
                }
                default -> throw new AmdException("--lr-schedule must be newbob, exponential or constant, got '" + cfg.lrSchedule + "'");
            }
            if (sinceBest >= cfg.patience && epoch >= cfg.minEpochs) {
                finished = true;
            }
            // Atomic checkpoint: network with updater state, best network, and the schedule's state.
            Path tmp = outDir.resolve(".checkpoint.tmp");
            deleteRecursively(tmp);
            Files.createDirectories(tmp);
            ModelSerializer.writeModel(net, tmp.resolve("network.zip").toFile(), true);
            ModelSerializer.writeModel(best, tmp.resolve("best.zip").toFile(), false);
            Properties st = new Properties();
            st.setProperty("epoch", "" + epoch);
            st.setProperty("lr", "" + lr);
            st.setProperty("best-acc", "" + bestAcc);
            st.setProperty("best-epoch", "" + bestEpoch);
            st.setProperty("halving", "" + halving);
            st.setProperty("since-best", "" + sinceBest);
            st.setProperty("finished", "" + finished); // early stopping fired; reaching --max-epochs can be extended
            try (var w = Files.newBufferedWriter(tmp.resolve("state.properties"))) {
                st.store(w, "trainer state after epoch " + epoch);
            }
            writeMetrics(metrics, metricRows);
            deleteRecursively(ckDir);
            Files.move(tmp, ckDir, StandardCopyOption.ATOMIC_MOVE);
        }
        Map<String, String> info = new java.util.LinkedHashMap<>(provenance);
        cfg.asMap().forEach((k, v) -> info.put("dnn." + k, v));
        info.put("best-epoch", "" + bestEpoch);
        info.put("best-dev-frame-acc", "" + bestAcc);
        info.put("train-frames", "" + train.numFrames());
        DnnAcousticModel model = new DnnAcousticModel(best, cmvnMode(cfg.cmvn), splicer, inventory, transitions,
                logPriors, info);
        model.save(outDir.resolve("final.mdl"));
        LOG.info("{}: best dev frame accuracy {} at epoch {}; wrote {}", outDir.getFileName(), String.format(Locale.ROOT, "%.4f", bestAcc), bestEpoch,
                outDir.resolve("final.mdl"));
        return model;
    }

    private static void writeMetrics(Path metrics, List<String> rows) throws IOException {
        Path tmp = metrics.resolveSibling(".metrics.csv.tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT.builder()
                     .setHeader("epoch", "learning_rate", "train_loss", "train_frame_acc", "dev_frame_acc", "frames_per_sec", "seconds").build())) {
            for (String r : rows) {
                csv.printRecord((Object[]) r.split(","));
            }
        }
        Files.move(tmp, metrics, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var s = Files.walk(p)) {
            for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }

    private static final DataSet END = new DataSet();

    /**
     * One pass over the training frames; returns the mean training loss. Each chunk's frames are shuffled together
     * (the whole set, when it is held in memory) and cut into minibatches on another thread.
     */
    private double runEpoch(MultiLayerNetwork net, TrainingFrames data, Targets targets, Splicer splicer, int inDim, int epoch) throws Exception {
        Random rng = new Random(mix(cfg.seed, epoch));
        Nd4j.getRandom().setSeed(mix(cfg.seed, 1000 + epoch));
        int bs = cfg.minibatchSize;
        int width = targets.width();
        BlockingQueue<DataSet> queue = new ArrayBlockingQueue<>(4);
        Throwable[] failure = new Throwable[1];
        Thread producer = new Thread(() -> {
            try {
                data.forEachChunk(rng, chunk -> {
                    int n = chunk.numFrames();
                    int[] order = new int[n];
                    for (int i = 0; i < n; i++) {
                        order[i] = i;
                    }
                    for (int i = n - 1; i > 0; i--) {
                        int j = rng.nextInt(i + 1);
                        int t = order[i];
                        order[i] = order[j];
                        order[j] = t;
                    }
                    UtteranceTargets[] tg = new UtteranceTargets[chunk.keys.size()];
                    for (int u = 0; u < tg.length; u++) {
                        tg[u] = targets.of(chunk.keys.get(u), chunk.labels.get(u), chunk.feats.get(u).rows());
                    }
                    for (int start = 0; start < n; start += bs) {
                        int b = Math.min(bs, n - start);
                        float[] x = new float[b * inDim];
                        float[] y = new float[b * width];
                        for (int i = 0; i < b; i++) {
                            int f = order[start + i];
                            int u = chunk.utterance(f);
                            int t = chunk.frame(f);
                            splicer.spliceFrame(chunk.feats.get(u), t, x, i * inDim);
                            tg[u].fill(t, y, i * width);
                        }
                        queue.put(new DataSet(Nd4j.create(x, new long[] {b, inDim}, 'c'), Nd4j.create(y, new long[] {b, width}, 'c')));
                    }
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable e) {
                failure[0] = e;
            } finally {
                try {
                    queue.put(END);
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "minibatch-producer");
        producer.setDaemon(true);
        producer.start();
        double lossSum = 0;
        long batches = 0;
        MlpStep step = cfg.stockFit ? null : MlpStep.forNetwork(net); // null: a network only fit() trains (dropout)
        try (Progress progress = new Progress("epoch " + epoch + " frames", data.numFrames())) {
            while (true) {
                DataSet ds = queue.take();
                if (ds == END) {
                    break;
                }
                if (step != null) {
                    lossSum += step.fit(ds.getFeatures(), ds.getLabels());
                } else {
                    net.fit(ds);
                    lossSum += net.score();
                }
                batches++;
                progress.advance(ds.numExamples());
            }
        }
        producer.join();
        if (failure[0] instanceof AmdException a) {
            throw a;
        }
        if (failure[0] != null) {
            throw new AmdException("preparing minibatches failed: " + failure[0], failure[0]);
        }
        return lossSum / Math.max(1, batches);
    }

    /** Frame accuracy of {@code net} on (at most {@code maxFrames} of) labelled data; NaN when nothing is labelled (a transfer set). */
    public static double frameAccuracy(MultiLayerNetwork net, FrameData data, Splicer splicer, int maxFrames, boolean logits) {
        long correct = 0;
        long total = 0;
        int inDim = splicer.outputDim(data.dim());
        java.util.function.UnaryOperator<INDArray> output = MlpForward.outputOf(net);
        for (int u = 0; u < data.keys.size() && total < maxFrames; u++) {
            int[] lab = data.labels.get(u);
            if (lab == null) {
                continue;
            }
            Matrix m = data.feats.get(u);
            float[] x = new float[m.rows() * inDim];
            for (int t = 0; t < m.rows(); t++) {
                splicer.spliceFrame(m, t, x, t * inDim);
            }
            INDArray out = output.apply(Nd4j.create(x, new long[] {m.rows(), inDim}, 'c'));
            int[] arg = out.argMax(1).toIntVector();
            for (int t = 0; t < arg.length; t++) {
                if (arg[t] == lab[t]) {
                    correct++;
                }
                total++;
            }
        }
        return total == 0 ? Double.NaN : correct / (double) total;
    }
}
