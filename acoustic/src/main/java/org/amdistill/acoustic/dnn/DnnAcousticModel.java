package org.amdistill.acoustic.dnn;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.amdistill.acoustic.AcousticModel;
import org.amdistill.acoustic.ModelInput;
import org.amdistill.acoustic.hmm.HmmModel;
import org.amdistill.acoustic.hmm.HmmStateInventory;
import org.amdistill.acoustic.hmm.TransitionModel;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.io.AtomicFiles;
import org.amdistill.core.table.Matrix;
import org.amdistill.frontend.FrontEnd;
import org.amdistill.frontend.ModelCmvn;
import org.amdistill.frontend.Splicer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A DNN acoustic model file that describes itself: the Deeplearning4j network plus the per-utterance normalisation,
 * the context window, the HMM state inventory and transitions, log priors from alignment counts, the feature
 * options and the training options and provenance. One zip; written atomically.
 *
 * <p>The output layer is either softmax (trained on hard labels) or identity (a distilled student trained on
 * logits): posteriors are taken accordingly, so both are ordinary models at test time (temperature 1).
 */
public final class DnnAcousticModel implements AcousticModel, HmmModel {
    static final String MAGIC_ENTRY = "amdistill-dnn.properties";
    private final MultiLayerNetwork net;
    /** Written since the model carries its whole front end (format 2); format 1 files load without filterbank options. */
    static final String FORMAT = "amdistill-dnn 2";

    private final FrontEnd frontEnd;
    private final ModelCmvn cmvn;
    private final Splicer splicer;
    private final HmmStateInventory inventory;
    private final TransitionModel transitions;
    private final float[] logPriors;
    private final Map<String, String> info;
    private final boolean logitsOutput;
    private final MlpInference inference; // null when the network is not one the hand-written pass takes

    public DnnAcousticModel(
            MultiLayerNetwork net,
            FrontEnd frontEnd,
            HmmStateInventory inventory,
            TransitionModel transitions,
            float[] logPriors,
            Map<String, String> info) {
        this.net = net;
        this.frontEnd = frontEnd;
        this.cmvn = frontEnd.cmvn();
        this.splicer = frontEnd.splicer();
        this.inventory = inventory;
        this.transitions = transitions;
        this.logPriors = logPriors;
        this.info = new LinkedHashMap<>(info);
        BaseOutputLayer out = (BaseOutputLayer)
                net.getLayerWiseConfigurations().getConf(net.getnLayers() - 1).getLayer();
        this.logitsOutput = !(out.getActivationFn() instanceof ActivationSoftmax);
        MlpForward forward = MlpForward.of(net);
        this.inference = forward != null ? new MlpInference(forward) : null;
        if (inventory.numPdfs() != net.layerSize(net.getnLayers() - 1)) {
            throw new AmdException("network has " + net.layerSize(net.getnLayers() - 1) + " outputs but the inventory "
                    + inventory.numPdfs() + " pdfs");
        }
    }

    public MultiLayerNetwork network() {
        return net;
    }

    public Splicer splicer() {
        return splicer;
    }

    public ModelCmvn cmvn() {
        return cmvn;
    }

    /** The filterbank options, normalisation and context window the model was trained with. */
    public FrontEnd frontEnd() {
        return frontEnd;
    }

    /** This model with another front end's filterbank options (for a file written before models carried them). */
    public DnnAcousticModel withFbank(org.amdistill.frontend.FbankOptions fbank) {
        return new DnnAcousticModel(net, frontEnd.withFbank(fbank), inventory, transitions, logPriors, info);
    }

    /** Width of the network's input: the context window times the feature dimension. */
    public int inputDim() {
        return (int) net.getLayer(0).getParam("W").size(0);
    }

    @Override
    public int featureDim() {
        return inputDim() / splicer.width();
    }

    public Map<String, String> info() {
        return info;
    }

    @Override
    public long numParams() {
        return net.numParams();
    }

    @Override
    public HmmStateInventory inventory() {
        return inventory;
    }

    @Override
    public TransitionModel transitions() {
        return transitions;
    }

    @Override
    public int numPdfs() {
        return inventory.numPdfs();
    }

    @Override
    public float[] logPriors() {
        return logPriors.clone();
    }

    /**
     * Network input for an utterance: normalised frames, spliced by the {@link Splicer} straight into the array's
     * native buffer (a heap copy first costs a quarter of a small model's time).
     */
    public INDArray input(Matrix feats) {
        ModelInput.checkDim(featureDim(), feats.cols(), "features");
        Matrix m = normalised(feats);
        INDArray out =
                Nd4j.createUninitialized(DataType.FLOAT, new long[] {m.rows(), splicer.outputDim(m.cols())}, 'c');
        splicer.splice(m, out.data().asNioFloat());
        return out;
    }

    private Matrix normalised(Matrix feats) {
        return cmvn.apply(feats.copy());
    }

    /**
     * The network on an input made by {@link #input} (or the kept input buffer), as {@code what}: by the native
     * inference pass where the network is one it takes, else by {@code output()} with the conversion done here.
     */
    private Matrix run(INDArray x, MlpInference.Output what) {
        int frames = (int) x.size(0);
        float[] raw;
        synchronized (net) {
            if (inference != null) {
                return new Matrix(frames, numPdfs(), inference.run(x, what));
            }
            raw = net.output(x, false).castTo(DataType.FLOAT).dup('c').data().asFloat();
        }
        Matrix m = new Matrix(frames, numPdfs(), raw);
        if (what == MlpInference.Output.RAW) {
            return m;
        }
        if (logitsOutput) {
            logSoftmaxRows(m, 1.0);
        } else {
            logOf(m);
        }
        if (what == MlpInference.Output.POSTERIORS) {
            float[] d = m.data();
            for (int i = 0; i < d.length; i++) {
                d[i] = (float) Math.exp(d[i]);
            }
        }
        return m;
    }

    private static void logOf(Matrix m) {
        float[] d = m.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) Math.log(Math.max(d[i], 1e-30f));
        }
    }

    /** Whether {@code other}'s {@link #input} is this model's too (same normalisation and context window). */
    public boolean takesSameInputAs(DnnAcousticModel other) {
        return cmvn.equals(other.cmvn)
                && splicer.left() == other.splicer.left()
                && splicer.right() == other.splicer.right();
    }

    /**
     * State posteriors (temperature 1) for an {@link #input} already made, by this model or one that
     * {@link #takesSameInputAs} it: what an ensemble averages.
     */
    public Matrix posteriorsOfInput(INDArray input) {
        return run(input, MlpInference.Output.POSTERIORS);
    }

    /** Logits z (before softmax); for a softmax network, log probabilities (equal to logits up to a constant per frame). */
    public Matrix logits(Matrix feats) {
        if (feats.rows() == 0) {
            return new Matrix(0, numPdfs());
        }
        return logitsOfInput(input(feats));
    }

    /** {@link #logits} of an {@link #input} already made, by this model or one that {@link #takesSameInputAs} it. */
    public Matrix logitsOfInput(INDArray input) {
        Matrix o = run(input, MlpInference.Output.RAW);
        if (!logitsOutput) {
            logOf(o);
        }
        return o;
    }

    /** {@link #logPosteriors} of an {@link #input} already made, by this model or one that {@link #takesSameInputAs} it. */
    public Matrix logPosteriorsOfInput(INDArray input) {
        return run(input, MlpInference.Output.LOG_POSTERIORS);
    }

    @Override
    public Matrix logPosteriors(Matrix feats) {
        if (feats.rows() == 0) {
            return new Matrix(0, numPdfs());
        }
        if (inference == null) {
            return run(input(feats), MlpInference.Output.LOG_POSTERIORS);
        }
        // the context window spliced into the kept input buffer, the log softmax of the logits in one native pass
        Matrix m = normalised(feats);
        synchronized (net) {
            INDArray x = inference.input(m.rows(), splicer.outputDim(m.cols()));
            splicer.splice(m, x.data().asNioFloat());
            return run(x, MlpInference.Output.LOG_POSTERIORS);
        }
    }

    /**
     * Log posteriors of frames {@code from .. to-1} of features already normalised (by {@link #cmvn}): each frame's
     * context window is taken from {@code normalised}, the first and last of its rows repeated past its edges. A
     * stream calls this on the frames it has, holding back the last {@code splicer().right()} until more arrive.
     */
    public Matrix logPosteriorsOfNormalised(Matrix normalised, int from, int to) {
        if (to <= from) {
            return new Matrix(0, numPdfs());
        }
        return run(splicedInput(normalised, from, to), MlpInference.Output.LOG_POSTERIORS);
    }

    /** The network input of frames {@code from .. to-1} of normalised features (see {@link #logPosteriorsOfNormalised}). */
    public INDArray splicedInput(Matrix normalised, int from, int to) {
        int dim = splicer.outputDim(normalised.cols());
        INDArray x = Nd4j.createUninitialized(DataType.FLOAT, new long[] {to - from, dim}, 'c');
        float[] row = new float[dim];
        java.nio.FloatBuffer b = x.data().asNioFloat();
        for (int t = from; t < to; t++) {
            splicer.spliceFrame(normalised, t, row, 0);
            b.put((t - from) * dim, row);
        }
        return x;
    }

    /** Row-wise log softmax of {@code z / temperature}, in place. */
    public static void logSoftmaxRows(Matrix z, double temperature) {
        int n = z.cols();
        float[] d = z.data();
        for (int t = 0; t < z.rows(); t++) {
            int o = t * n;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                max = Math.max(max, d[o + i] / temperature);
            }
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += Math.exp(d[o + i] / temperature - max);
            }
            double lse = max + Math.log(s);
            for (int i = 0; i < n; i++) {
                d[o + i] = (float) (d[o + i] / temperature - lse);
            }
        }
    }

    // ---- file format --------------------------------------------------------------------------------------

    public void save(Path file) {
        try {
            Path abs = file.toAbsolutePath();
            Files.createDirectories(abs.getParent());
            Path tmp = AtomicFiles.tempBeside(abs);
            try (OutputStream os = Files.newOutputStream(tmp);
                    ZipOutputStream zip = new ZipOutputStream(os)) {
                Properties p = new Properties();
                p.putAll(info);
                p.setProperty("format", FORMAT);
                p.remove(FrontEnd.FBANK_KEY); // the front end's own entries are written from it, not from info
                p.remove("cmvn-sliding");
                Map<String, String> fe = new LinkedHashMap<>();
                frontEnd.store(fe);
                p.putAll(fe);
                p.setProperty("num-pdfs", "" + numPdfs());
                p.setProperty("num-params", "" + net.numParams());
                StringWriter sw = new StringWriter();
                p.store(sw, "amdistill DNN acoustic model");
                put(zip, MAGIC_ENTRY, sw.toString().getBytes(StandardCharsets.UTF_8));
                put(zip, "inventory.txt", inventory.toText().getBytes(StandardCharsets.UTF_8));
                put(zip, "transitions.txt", transitions.toText().getBytes(StandardCharsets.UTF_8));
                StringBuilder pri = new StringBuilder();
                for (float f : logPriors) {
                    pri.append(String.format(Locale.ROOT, "%.8g", f)).append('\n');
                }
                put(zip, "log_priors.txt", pri.toString().getBytes(StandardCharsets.UTF_8));
                ByteArrayOutputStream nb = new ByteArrayOutputStream();
                ModelSerializer.writeModel(net, nb, false);
                put(zip, "network.zip", nb.toByteArray());
            }
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new AmdException("cannot write model " + file + ": " + e.getMessage());
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(data);
        zip.closeEntry();
    }

    static Map<String, byte[]> entries(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return entries(in);
        }
    }

    private static Map<String, byte[]> entries(InputStream in) throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                m.put(e.getName(), zip.readAllBytes());
            }
        }
        return m;
    }

    public static boolean isDnnModel(Path file) {
        try (InputStream in = Files.newInputStream(file);
                ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry e = zip.getNextEntry();
            return e != null && e.getName().equals(MAGIC_ENTRY);
        } catch (IOException e) {
            return false;
        }
    }

    public static DnnAcousticModel load(Path file) {
        try {
            return load(entries(file), file.toString());
        } catch (IOException ex) {
            throw new AmdException("cannot read DNN model " + file + " (corrupt?): " + ex.getMessage());
        }
    }

    /** A model from the bytes of its file (a recogniser package holds them); {@code file} names it in errors. */
    public static DnnAcousticModel load(byte[] data, String file) {
        try {
            return load(entries(new ByteArrayInputStream(data)), file);
        } catch (IOException ex) {
            throw new AmdException("cannot read DNN model " + file + " (corrupt?): " + ex.getMessage());
        }
    }

    private static DnnAcousticModel load(Map<String, byte[]> e, String file) {
        try {
            for (String need :
                    new String[] {MAGIC_ENTRY, "inventory.txt", "transitions.txt", "log_priors.txt", "network.zip"}) {
                if (!e.containsKey(need)) {
                    throw new AmdException("model " + file + " is corrupt or not a DNN model: no entry " + need);
                }
            }
            Properties p = new Properties();
            p.load(new StringReader(new String(e.get(MAGIC_ENTRY), StandardCharsets.UTF_8)));
            HmmStateInventory inv =
                    HmmStateInventory.fromText(new String(e.get("inventory.txt"), StandardCharsets.UTF_8));
            TransitionModel tm =
                    TransitionModel.fromText(inv, new String(e.get("transitions.txt"), StandardCharsets.UTF_8));
            String[] pri = new String(e.get("log_priors.txt"), StandardCharsets.UTF_8)
                    .strip()
                    .split("\n");
            if (pri.length != inv.numPdfs()) {
                throw new AmdException("model " + file + ": " + pri.length + " priors for " + inv.numPdfs() + " pdfs");
            }
            float[] priors = new float[pri.length];
            for (int i = 0; i < pri.length; i++) {
                priors[i] = Float.parseFloat(pri[i]);
            }
            MultiLayerNetwork net =
                    ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(e.get("network.zip")), false);
            Map<String, String> info = new LinkedHashMap<>();
            for (String k : p.stringPropertyNames()) {
                info.put(k, p.getProperty(k));
            }
            String format = p.getProperty("format", "amdistill-dnn 1");
            if (!format.equals(FORMAT) && !format.equals("amdistill-dnn 1")) {
                throw new AmdException("model " + file + " is of format '" + format + "'; this version reads '" + FORMAT
                        + "' and 'amdistill-dnn 1' (a newer version wrote it?)");
            }
            return new DnnAcousticModel(net, FrontEnd.load(info, "model " + file), inv, tm, priors, info);
        } catch (IOException | RuntimeException ex) {
            if (ex instanceof AmdException a) {
                throw a;
            }
            throw new AmdException("cannot read DNN model " + file + " (corrupt?): " + ex.getMessage());
        }
    }
}
