package org.amdistill.acoustic.dnn;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The DNN's architecture and training options, as a Kaldi-style option group (conf/dnn.conf). */
public final class DnnConfig {
    @Option(names = "--hidden-layers", description = "Number of hidden layers (the paper: 8)")
    public int hiddenLayers = 2;

    @Option(names = "--hidden-dim", description = "Units per hidden layer (the paper: 2560)")
    public int hiddenDim = 256;

    @Option(names = "--bottleneck-dim", description = "Units of a linear layer between the spliced input and the first hidden layer "
            + "(a low-rank factorisation of the largest weight matrix, Sainath et al. 2013); 0 = none")
    public int bottleneckDim = 0;

    @Option(names = "--activation", description = "Hidden activation: relu, tanh, sigmoid")
    public String activation = "relu";

    @Option(names = "--dropout", description = "Dropout probability on hidden layers (0 = none)")
    public double dropout = 0.0;

    @Option(names = "--left-context", description = "Frames of left context (the paper: 20)")
    public int leftContext = 10;

    @Option(names = "--right-context", description = "Frames of right context (the paper: 5)")
    public int rightContext = 5;

    @Option(names = "--cmvn", description = "Per-utterance normalisation inside the model: none, mean, mean_var")
    public String cmvn = "mean_var";

    @Option(names = "--optimizer", description = "adam or sgd (with momentum)")
    public String optimizer = "adam";

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

    @Option(names = "--lr-schedule", description = "newbob (Kaldi-style halving on dev frame accuracy), exponential, constant")
    public String lrSchedule = "newbob";

    @Option(names = "--start-halving-impr", description = "newbob: start halving when dev frame accuracy improves by less than this (absolute, 0..1)")
    public double startHalvingImpr = 0.005;

    @Option(names = "--end-halving-impr", description = "newbob: stop when, while halving, dev frame accuracy improves by less than this")
    public double endHalvingImpr = 0.001;

    @Option(names = "--lr-decay", description = "exponential: learning rate factor per epoch")
    public double lrDecay = 0.7;

    @Option(names = "--patience", description = "Early stopping: epochs without dev improvement before stopping")
    public int patience = 2;

    @Option(names = "--seed", description = "Random seed (initialisation, data order, dropout)")
    public long seed = 1;

    @Option(names = "--num-threads", description = "Threads for ND4J (0 = the environment's OMP_NUM_THREADS)")
    public int numThreads = 0;

    @Option(names = "--stock-fit", arity = "0..1", fallbackValue = "true",
            description = "Train with Deeplearning4j's fit() instead of the hand-written ReLU-MLP step (which is used when the network has no dropout)")
    public boolean stockFit = false;

    @Option(names = "--shuffle-buffer-frames", description = "Frames shuffled together in memory; a training set larger than this "
            + "is streamed from its archives a buffer at a time (memory about frames x (4 x feature dim + target bytes))")
    public long shuffleBufferFrames = 2_000_000;

    /** The options as name -> value, stored in model files (provenance). */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("hidden-layers", "" + hiddenLayers);
        m.put("hidden-dim", "" + hiddenDim);
        m.put("bottleneck-dim", "" + bottleneckDim);
        m.put("activation", activation);
        m.put("dropout", "" + dropout);
        m.put("left-context", "" + leftContext);
        m.put("right-context", "" + rightContext);
        m.put("cmvn", cmvn);
        m.put("optimizer", optimizer);
        m.put("learning-rate", "" + learningRate);
        m.put("momentum", "" + momentum);
        m.put("l2", "" + l2);
        m.put("minibatch-size", "" + minibatchSize);
        m.put("max-epochs", "" + maxEpochs);
        m.put("min-epochs", "" + minEpochs);
        m.put("lr-schedule", lrSchedule);
        m.put("start-halving-impr", "" + startHalvingImpr);
        m.put("end-halving-impr", "" + endHalvingImpr);
        m.put("lr-decay", "" + lrDecay);
        m.put("patience", "" + patience);
        m.put("seed", "" + seed);
        m.put("shuffle-buffer-frames", "" + shuffleBufferFrames);
        m.put("stock-fit", "" + stockFit);
        return m;
    }

    public DnnConfig copy() {
        DnnConfig c = new DnnConfig();
        c.hiddenLayers = hiddenLayers;
        c.hiddenDim = hiddenDim;
        c.bottleneckDim = bottleneckDim;
        c.activation = activation;
        c.dropout = dropout;
        c.leftContext = leftContext;
        c.rightContext = rightContext;
        c.cmvn = cmvn;
        c.optimizer = optimizer;
        c.learningRate = learningRate;
        c.momentum = momentum;
        c.l2 = l2;
        c.minibatchSize = minibatchSize;
        c.maxEpochs = maxEpochs;
        c.minEpochs = minEpochs;
        c.lrSchedule = lrSchedule;
        c.startHalvingImpr = startHalvingImpr;
        c.endHalvingImpr = endHalvingImpr;
        c.lrDecay = lrDecay;
        c.patience = patience;
        c.stockFit = stockFit;
        c.seed = seed;
        c.numThreads = numThreads;
        c.shuffleBufferFrames = shuffleBufferFrames;
        return c;
    }
}
