package org.amdistill.acoustic.dnn;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.UnaryOperator;
import org.amdistill.acoustic.hmm.HmmStateInventory;
import org.amdistill.acoustic.hmm.TransitionModel;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.cli.Progress;
import org.amdistill.core.cli.Workers;
import org.amdistill.core.table.Matrix;
import org.amdistill.frontend.FrontEnd;
import org.amdistill.frontend.Splicer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
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
                    Arrays.fill(dst, off, off + numPdfs, 0f);
                    dst[off + labels[t]] = 1f;
                };
            }
        };
    }

    private final DnnConfig cfg;
    private final HmmStateInventory inventory;
    private final TransitionModel transitions;
    private final Map<String, String> provenance;

    public DnnTrainer(
            DnnConfig cfg, HmmStateInventory inventory, TransitionModel transitions, Map<String, String> provenance) {
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
        IUpdater updater =
                switch (cfg.optimizer) {
                    case ADAM -> new Adam(cfg.learningRate);
                    case SGD -> new Nesterovs(cfg.learningRate, cfg.momentum);
                };
        Activation act =
                switch (cfg.activation) {
                    case RELU -> Activation.RELU;
                    case TANH -> Activation.TANH;
                    case SIGMOID -> Activation.SIGMOID;
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
                throw new AmdException(
                        "--bottleneck-dim=" + cfg.bottleneckDim + " must be below the input dimension " + inputDim);
            }
            b.layer(new DenseLayer.Builder()
                    .nIn(in)
                    .nOut(cfg.bottleneckDim)
                    .activation(Activation.IDENTITY)
                    .weightInit(WeightInit.XAVIER)
                    .build());
            in = cfg.bottleneckDim;
        }
        for (int i = 0; i < cfg.hiddenLayers; i++) {
            DenseLayer.Builder d =
                    new DenseLayer.Builder().nIn(in).nOut(cfg.hiddenDim).activation(act);
            if (cfg.dropout > 0) {
                d.dropOut(1.0 - cfg.dropout); // DL4J takes the probability of keeping a unit
            }
            b.layer(d.build());
            in = cfg.hiddenDim;
        }
        MultiLayerConfiguration conf = b.layer(outputLayer(in, loss)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** The widths of a network these options build for {@code inputDim}, input first. */
    List<Long> layerWidths(int inputDim) {
        List<Long> w = new ArrayList<>();
        w.add((long) inputDim);
        if (cfg.bottleneckDim > 0) {
            w.add((long) cfg.bottleneckDim);
        }
        for (int i = 0; i < cfg.hiddenLayers; i++) {
            w.add((long) cfg.hiddenDim);
        }
        w.add((long) inventory.numPdfs());
        return w;
    }

    static List<Long> layerWidths(MultiLayerNetwork net) {
        List<Long> w = new ArrayList<>();
        w.add(net.getLayer(0).getParam("W").size(0));
        for (int i = 0; i < net.getnLayers(); i++) {
            w.add(net.getLayer(i).getParam("W").size(1));
        }
        return w;
    }

    /**
     * A checkpoint is resumed only by the options that made it: a changed context window, feature dimension or
     * network shape is an error naming both, before any training (it was a DL4J shape error inside the first batch).
     */
    void checkResumable(MultiLayerNetwork net, int inDim, Splicer splicer, int featDim, Path ckDir) {
        List<Long> have = layerWidths(net);
        List<Long> want = layerWidths(inDim);
        if (!have.equals(want)) {
            throw new AmdException("--resume: the checkpoint " + ckDir + " has layer widths " + have
                    + " but these options give " + want + " (input " + inDim + " = " + splicer.width() + " frames x "
                    + featDim + "): resume with the options it was trained with (context window, features, layers)"
                    + " or delete " + ckDir + " to start afresh");
        }
    }

    /**
     * Over the HMM states: softmax with cross-entropy on one-hot targets, or with a {@code loss} of its own (the
     * distillation loss, which takes the logits) an identity layer.
     */
    private OutputLayer outputLayer(int in, ILossFunction loss) {
        OutputLayer.Builder b = loss == null
                ? new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                : new OutputLayer.Builder(loss).activation(Activation.IDENTITY);
        return b.nIn(in).nOut(inventory.numPdfs()).weightInit(WeightInit.XAVIER).build();
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

    /**
     * Trains on frames held in memory; {@code priorsFrom} gives the alignment counts for the priors.
     */
    public DnnAcousticModel train(
            FrameData train,
            FrameData dev,
            Targets targets,
            ILossFunction loss,
            FrameData priorsFrom,
            Path outDir,
            boolean resume)
            throws Exception {
        return train(
                TrainingFrames.inMemory(train, inventory.numPdfs()),
                dev,
                targets,
                loss,
                logPriors(priorsFrom.labelCounts(inventory.numPdfs())),
                outDir,
                resume);
    }

    /**
     * Trains and writes {@code outDir/final.mdl}, {@code metrics.csv}, {@code checkpoint/}. With {@code resume},
     * continues from the checkpoint if there is one. {@code loss} null means softmax + cross-entropy on
     * {@code targets} (which must then be one-hot); {@code logPriors} go into the model for scaled likelihoods.
     */
    public DnnAcousticModel train(
            TrainingFrames train,
            FrameData dev,
            Targets targets,
            ILossFunction loss,
            float[] logPriors,
            Path outDir,
            boolean resume)
            throws Exception {
        FrontEnd frontEnd = cfg.frontEnd(train.dim()); // a bad --fbank-config fails now, not after training
        Splicer splicer = frontEnd.splicer();
        int inDim = splicer.outputDim(train.dim());
        Files.createDirectories(outDir);
        Path ckDir = outDir.resolve("checkpoint");
        Path metrics = outDir.resolve("metrics.csv");
        TrainingState st = startOrResume(resume, ckDir, metrics, outDir, inDim, loss, splicer, train.dim());
        LOG.info(
                "Training {} ({} parameters) on {} frames ({} utterances), dev {} frames; input {} = {} frames x {}",
                outDir,
                st.net.numParams(),
                train.numFrames(),
                train.numUtterances(),
                dev == null ? 0 : dev.numFrames(),
                inDim,
                splicer.width(),
                train.dim());
        for (int epoch = st.epoch + 1; !st.finished && epoch <= cfg.maxEpochs; epoch++) {
            double devAcc = trainEpoch(st, epoch, train, dev, targets, loss != null, splicer, inDim, outDir);
            endEpoch(st, epoch, devAcc);
            st.save(outDir, ckDir, metrics);
        }
        return writeModel(st, frontEnd, logPriors, train.numFrames(), outDir);
    }

    /** The checkpoint's state when resuming from one, else a new network at the first learning rate. */
    private TrainingState startOrResume(
            boolean resume,
            Path ckDir,
            Path metrics,
            Path outDir,
            int inDim,
            ILossFunction loss,
            Splicer splicer,
            int featDim)
            throws IOException {
        if (!resume || !Files.exists(ckDir.resolve("state.properties"))) {
            return new TrainingState(buildNetwork(inDim, loss), cfg.learningRate);
        }
        TrainingState st = TrainingState.load(ckDir, metrics);
        checkResumable(st.net, inDim, splicer, featDim, ckDir);
        LOG.info(
                "Resuming {} after epoch {} (best dev frame accuracy {} at epoch {})",
                outDir,
                st.epoch,
                st.bestAcc,
                st.bestEpoch);
        return st;
    }

    /** One epoch at the state's learning rate, its metrics row recorded and logged; returns the dev frame accuracy. */
    private double trainEpoch(
            TrainingState st,
            int epoch,
            TrainingFrames train,
            FrameData dev,
            Targets targets,
            boolean customLoss,
            Splicer splicer,
            int inDim,
            Path outDir)
            throws Exception {
        st.net.setLearningRate(st.lr);
        long t0 = System.nanoTime();
        double trainLoss = runEpoch(st.net, train, targets, splicer, inDim, epoch);
        double secs = (System.nanoTime() - t0) / 1e9;
        double trainAcc = frameAccuracy(st.net, train.sample(), splicer, 20000, customLoss);
        double devAcc = dev == null ? trainAcc : frameAccuracy(st.net, dev, splicer, Integer.MAX_VALUE, customLoss);
        st.metricRows.add(List.of(
                epoch,
                String.format(Locale.ROOT, "%.6g", st.lr),
                String.format(Locale.ROOT, "%.5f", trainLoss),
                String.format(Locale.ROOT, "%.5f", trainAcc),
                String.format(Locale.ROOT, "%.5f", devAcc),
                String.format(Locale.ROOT, "%.0f", train.numFrames() / secs),
                String.format(Locale.ROOT, "%.1f", secs)));
        LOG.info(
                "{} epoch {}: lr {} train loss {} train acc {} dev acc {} ({} frames/s, {} s)",
                outDir.getFileName(),
                epoch,
                String.format(Locale.ROOT, "%.3g", st.lr),
                String.format(Locale.ROOT, "%.4f", trainLoss),
                String.format(Locale.ROOT, "%.4f", trainAcc),
                String.format(Locale.ROOT, "%.4f", devAcc),
                String.format(Locale.ROOT, "%.0f", train.numFrames() / secs),
                String.format(Locale.ROOT, "%.1f", secs));
        return devAcc;
    }

    /** Keeps the best network, then applies the learning-rate schedule and early stopping to the epoch's result. */
    private void endEpoch(TrainingState st, int epoch, double devAcc) {
        double impr = devAcc - Math.max(st.bestAcc, 0);
        st.epoch = epoch;
        if (devAcc > st.bestAcc) {
            st.bestAcc = devAcc;
            st.bestEpoch = epoch;
            st.best = st.net.clone();
            st.sinceBest = 0;
        } else {
            st.sinceBest++;
        }
        switch (cfg.lrSchedule) {
            case NEWBOB -> {
                if (st.halving && impr < cfg.endHalvingImpr && epoch >= cfg.minEpochs) {
                    st.finished = true;
                }
                if (impr < cfg.startHalvingImpr) {
                    st.halving = true;
                }
                if (st.halving) {
                    st.lr *= 0.5;
                }
            }
            case EXPONENTIAL -> st.lr *= cfg.lrDecay;
            case CONSTANT -> {}
        }
        if (st.sinceBest >= cfg.patience && epoch >= cfg.minEpochs) {
            st.finished = true;
        }
    }

    private DnnAcousticModel writeModel(
            TrainingState st, FrontEnd frontEnd, float[] logPriors, long trainFrames, Path outDir) throws IOException {
        Map<String, String> info = new LinkedHashMap<>(provenance);
        cfg.asMap().forEach((k, v) -> info.put("dnn." + k, v));
        info.put("best-epoch", "" + st.bestEpoch);
        info.put("best-dev-frame-acc", "" + st.bestAcc);
        info.put("train-frames", "" + trainFrames);
        DnnAcousticModel model = new DnnAcousticModel(st.best, frontEnd, inventory, transitions, logPriors, info);
        model.save(outDir.resolve("final.mdl"));
        LOG.info(
                "{}: best dev frame accuracy {} at epoch {}; wrote {}",
                outDir.getFileName(),
                String.format(Locale.ROOT, "%.4f", st.bestAcc),
                st.bestEpoch,
                outDir.resolve("final.mdl"));
        return model;
    }

    /** What the trainer carries from epoch to epoch, and what a checkpoint keeps of it. */
    private static final class TrainingState {
        private static final String[] METRICS_HEADER = {
            "epoch", "learning_rate", "train_loss", "train_frame_acc", "dev_frame_acc", "frames_per_sec", "seconds"
        };

        MultiLayerNetwork net;
        MultiLayerNetwork best;
        /** The last epoch done (0 before the first). */
        int epoch;

        double lr;
        double bestAcc = -1;
        int bestEpoch;
        boolean halving;
        int sinceBest;
        /** Early stopping fired; reaching --max-epochs can be extended. */
        boolean finished;

        final List<List<?>> metricRows = new ArrayList<>();

        TrainingState(MultiLayerNetwork net, double lr) {
            this.net = net;
            this.best = net.clone();
            this.lr = lr;
        }

        private TrainingState() {}

        static TrainingState load(Path ckDir, Path metrics) throws IOException {
            Properties p = new Properties();
            try (var r = Files.newBufferedReader(ckDir.resolve("state.properties"))) {
                p.load(r);
            }
            TrainingState st = new TrainingState();
            st.net = ModelSerializer.restoreMultiLayerNetwork(
                    ckDir.resolve("network.zip").toFile(), true);
            st.best = ModelSerializer.restoreMultiLayerNetwork(
                    ckDir.resolve("best.zip").toFile(), false);
            st.epoch = Integer.parseInt(p.getProperty("epoch"));
            st.lr = Double.parseDouble(p.getProperty("lr"));
            st.bestAcc = Double.parseDouble(p.getProperty("best-acc"));
            st.bestEpoch = Integer.parseInt(p.getProperty("best-epoch"));
            st.halving = Boolean.parseBoolean(p.getProperty("halving"));
            st.sinceBest = Integer.parseInt(p.getProperty("since-best"));
            st.finished = Boolean.parseBoolean(p.getProperty("finished", "false"));
            if (Files.exists(metrics)) {
                try (Reader r = Files.newBufferedReader(metrics, StandardCharsets.UTF_8);
                        CSVParser csv = CSVFormat.DEFAULT
                                .builder()
                                .setHeader()
                                .setSkipHeaderRecord(true)
                                .build()
                                .parse(r)) {
                    for (CSVRecord rec : csv) {
                        st.metricRows.add(rec.toList());
                    }
                }
            }
            return st;
        }

        /** An atomic checkpoint: the network with its updater state, the best network, the schedule's state, the metrics. */
        void save(Path outDir, Path ckDir, Path metrics) throws IOException {
            Path tmp = outDir.resolve(".checkpoint.tmp");
            deleteRecursively(tmp);
            Files.createDirectories(tmp);
            ModelSerializer.writeModel(net, tmp.resolve("network.zip").toFile(), true);
            ModelSerializer.writeModel(best, tmp.resolve("best.zip").toFile(), false);
            Properties p = new Properties();
            p.setProperty("epoch", "" + epoch);
            p.setProperty("lr", "" + lr);
            p.setProperty("best-acc", "" + bestAcc);
            p.setProperty("best-epoch", "" + bestEpoch);
            p.setProperty("halving", "" + halving);
            p.setProperty("since-best", "" + sinceBest);
            p.setProperty("finished", "" + finished);
            try (var w = Files.newBufferedWriter(tmp.resolve("state.properties"))) {
                p.store(w, "trainer state after epoch " + epoch);
            }
            writeMetrics(metrics);
            deleteRecursively(ckDir);
            Files.move(tmp, ckDir, StandardCopyOption.ATOMIC_MOVE);
        }

        private void writeMetrics(Path metrics) throws IOException {
            Path tmp = metrics.resolveSibling(".metrics.csv.tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
                    CSVPrinter csv = new CSVPrinter(
                            w,
                            CSVFormat.DEFAULT
                                    .builder()
                                    .setHeader(METRICS_HEADER)
                                    .build())) {
                csv.printRecords(metricRows);
            }
            Files.move(tmp, metrics, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }

    private static final DataSet END = new DataSet();

    /**
     * One pass over the training frames; returns the mean training loss. Each chunk's frames are shuffled together
     * (the whole set, when it is held in memory) and cut into minibatches on another thread.
     */
    @SuppressWarnings("ReferenceEquality") // END is a sentinel: the very object marks the end, not an equal one
    private double runEpoch(
            MultiLayerNetwork net, TrainingFrames data, Targets targets, Splicer splicer, int inDim, int epoch)
            throws Exception {
        Random rng = new Random(mix(cfg.seed, epoch));
        Nd4j.getRandom().setSeed(mix(cfg.seed, 1000 + epoch));
        BlockingQueue<DataSet> queue = new ArrayBlockingQueue<>(4);
        Throwable[] failure = new Throwable[1];
        Thread producer = Workers.startDaemon("minibatch-producer", () -> {
            try {
                data.forEachChunk(rng, chunk -> queueMinibatches(chunk, rng, targets, splicer, inDim, queue));
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
        });
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

    /** Shuffles one chunk's frames and queues them as minibatches of spliced inputs and their targets. */
    private void queueMinibatches(
            FrameData chunk, Random rng, Targets targets, Splicer splicer, int inDim, BlockingQueue<DataSet> queue)
            throws InterruptedException {
        int bs = cfg.minibatchSize;
        int width = targets.width();
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
            tg[u] = targets.of(
                    chunk.keys.get(u), chunk.labels.get(u), chunk.feats.get(u).rows());
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
            queue.put(new DataSet(
                    Nd4j.create(x, new long[] {b, inDim}, 'c'), Nd4j.create(y, new long[] {b, width}, 'c')));
        }
    }

    /** Frame accuracy of {@code net} on (at most {@code maxFrames} of) labelled data; NaN when nothing is labelled (a transfer set). */
    public static double frameAccuracy(
            MultiLayerNetwork net, FrameData data, Splicer splicer, int maxFrames, boolean logits) {
        long correct = 0;
        long total = 0;
        int inDim = splicer.outputDim(data.dim());
        UnaryOperator<INDArray> output = MlpForward.outputOf(net);
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
