package org.amdistill.acoustic.dnn;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.amdistill.core.cli.AmdException;
import org.amdistill.frontend.Cmvn;
import org.amdistill.frontend.FbankOptions;
import org.amdistill.frontend.FrontEnd;
import org.amdistill.frontend.ModelCmvn;
import org.amdistill.frontend.SlidingCmnOptions;
import org.amdistill.frontend.Splicer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The DNN's architecture and training options, as a Kaldi-style option group (conf/dnn.conf). */
public final class DnnConfig {
    @Option(names = "--hidden-layers", description = "Number of hidden layers (the paper: 8)")
    public int hiddenLayers = 2;

    @Option(names = "--hidden-dim", description = "Units per hidden layer (the paper: 2560)")
    public int hiddenDim = 256;

    @Option(
            names = "--bottleneck-dim",
            description = "Units of a linear layer between the spliced input and the first hidden layer "
                    + "(a low-rank factorisation of the largest weight matrix, Sainath et al. 2013); 0 = none")
    public int bottleneckDim = 0;

    public enum HiddenActivation {
        RELU,
        TANH,
        SIGMOID
    }

    public enum Optimizer {
        ADAM,
        SGD
    }

    public enum LrSchedule {
        NEWBOB,
        EXPONENTIAL,
        CONSTANT
    }

    @Option(names = "--activation", description = "Hidden activation: relu, tanh, sigmoid")
    public HiddenActivation activation = HiddenActivation.RELU;

    @Option(names = "--dropout", description = "Dropout probability on hidden layers (0 = none)")
    public double dropout = 0.0;

    @Option(names = "--left-context", description = "Frames of left context (the paper: 20)")
    public int leftContext = 10;

    @Option(names = "--right-context", description = "Frames of right context (the paper: 5)")
    public int rightContext = 5;

    @Option(
            names = "--cmvn",
            description = "Normalisation inside the model: none, mean, mean_var (the utterance's own statistics), "
                    + "sliding (Kaldi's apply-cmvn-sliding with the --cmn-window, --min-cmn-window, --center and --norm-vars below: "
                    + "what a streaming recogniser can apply as audio arrives)")
    public Cmvn.Mode cmvn = Cmvn.Mode.MEAN_VAR;

    @Mixin
    public SlidingCmnOptions sliding = new SlidingCmnOptions();

    @Option(
            names = "--fbank-config",
            description = "The filterbank options the features were made with (compute-fbank-feats's "
                    + "--config file): the model carries them, so a recogniser computes the same features from audio. Unset: the "
                    + "model carries none and can decode features only, not audio")
    public Path fbankConfig;

    @Option(names = "--optimizer", description = "adam or sgd (with momentum)")
    public Optimizer optimizer = Optimizer.ADAM;

    @Option(names = "--learning-rate", description = "Initial learning rate")
    public double learningRate = 0.001;

    @Option(names = "--momentum", description = "Momentum for sgd")
    public double momentum = 0.9;

    @Option(names = "--l2", description = "L2 weight decay")
    public double l2 = 0.0;

    @Option(names = "--minibatch-size", description = "Frames per minibatch")
    public int minibatchSize = 256;

    @Option(names = "--max-epochs", description = "Maximum number of epochs")
    public int maxEpochs = 12;

    @Option(names = "--min-epochs", description = "Epochs before early stopping may fire")
    public int minEpochs = 2;

    @Option(
            names = "--lr-schedule",
            description = "newbob (Kaldi-style halving on dev frame accuracy), exponential, constant")
    public LrSchedule lrSchedule = LrSchedule.NEWBOB;

    @Option(
            names = "--start-halving-impr",
            description = "newbob: start halving when dev frame accuracy improves by less than this (absolute, 0..1)")
    public double startHalvingImpr = 0.005;

    @Option(
            names = "--end-halving-impr",
            description = "newbob: stop when, while halving, dev frame accuracy improves by less than this")
    public double endHalvingImpr = 0.001;

    @Option(names = "--lr-decay", description = "exponential: learning rate factor per epoch")
    public double lrDecay = 0.7;

    @Option(names = "--patience", description = "Early stopping: epochs without dev improvement before stopping")
    public int patience = 2;

    @Option(names = "--seed", description = "Random seed (initialisation, data order, dropout)")
    public long seed = 1;

    @Option(
            names = "--shuffle-buffer-frames",
            description =
                    "Frames shuffled together in memory; a training set larger than this "
                            + "is streamed from its archives a buffer at a time (memory about frames x (4 x feature dim + target bytes))")
    public long shuffleBufferFrames = 2_000_000;

    @Option(
            names = "--stock-fit",
            arity = "0..1",
            fallbackValue = "true",
            description =
                    "Train with Deeplearning4j's fit() instead of the hand-written ReLU-MLP step (which is used when the network has no dropout)")
    public boolean stockFit = false;

    /**
     * The options as name -> value, stored in model files (provenance): every option field in declaration order, named
     * as its option is, enums in lower case as they are written on the command line.
     */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        for (Field f : optionFields()) {
            m.put(f.getAnnotation(Option.class).names()[0].substring(2), text(get(f, this)));
        }
        if (cmvn == Cmvn.Mode.SLIDING) {
            m.put("cmvn-sliding", sliding.describe());
        }
        return m;
    }

    public DnnConfig copy() {
        DnnConfig c = new DnnConfig();
        for (Field f : optionFields()) {
            try {
                f.set(c, get(f, this));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        c.sliding = sliding.copy();
        return c;
    }

    /** The model's own normalisation, as --cmvn (and the sliding window's options) say. */
    public ModelCmvn modelCmvn() {
        try {
            return new ModelCmvn(cmvn, cmvn == Cmvn.Mode.SLIDING ? sliding : null);
        } catch (IllegalArgumentException e) {
            throw new AmdException(e.getMessage());
        }
    }

    /**
     * The front end a model trained with these options carries, for features of {@code featureDim}: the filterbank
     * of --fbank-config (checked against the features' dimension), the normalisation and the context window.
     */
    public FrontEnd frontEnd(int featureDim) {
        FbankOptions fbank = null;
        if (fbankConfig != null) {
            fbank = FrontEnd.readFbankConfig(fbankConfig);
            if (fbank.dim() != featureDim) {
                throw new AmdException("--fbank-config=" + fbankConfig + " gives " + fbank.dim()
                        + "-dimensional features but the training features have " + featureDim
                        + " (features made with other options?)");
            }
        }
        return new FrontEnd(fbank, modelCmvn(), new Splicer(leftContext, rightContext));
    }

    private static List<Field> optionFields() {
        List<Field> fields = new ArrayList<>();
        for (Field f : DnnConfig.class.getDeclaredFields()) {
            if (f.isAnnotationPresent(Option.class)) {
                fields.add(f);
            }
        }
        return fields;
    }

    private static Object get(Field f, DnnConfig c) {
        try {
            return f.get(c);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(Object value) {
        return value instanceof Enum<?> e ? e.name().toLowerCase(Locale.ROOT) : String.valueOf(value);
    }
}
