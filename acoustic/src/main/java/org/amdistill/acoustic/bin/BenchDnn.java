package org.amdistill.acoustic.bin;

import java.util.Locale;
import java.util.Random;
import org.amdistill.acoustic.dnn.MlpStep;
import org.amdistill.core.cli.AmdCommand;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Training throughput of DNN acoustic models against ND4J's raw GEMM speed, in one run: frames/s of fit() for the
 * recipe's default network and a 4 x 1024 network, their achieved GFLOP/s (6 x parameters x frames/s: forward,
 * backward to activations and to weights), the GEMM GFLOP/s of the same layer shapes, and 1 vs 2 threads.
 */
@Command(
        name = "bench-dnn",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description = "Benchmark DNN training throughput against raw GEMM: bench-dnn [options]")
public final class BenchDnn implements AmdCommand {
    @Option(names = "--input-dim", description = "Input dimension (spliced frames: 16 x 40 in the recipe)")
    int inputDim = 640;

    @Option(names = "--num-pdfs", description = "Output classes")
    int numPdfs = 62;

    @Option(names = "--minibatch-size", description = "Frames per minibatch")
    int batch = 512;

    @Option(names = "--seconds", description = "Seconds measured per configuration")
    double seconds = 8;

    @Override
    public Integer call() {
        int threads = Nd4j.getEnvironment().maxThreads();
        System.out.printf(
                Locale.ROOT,
                "ND4J backend %s, %d threads, minibatch %d%n",
                Nd4j.getBackend().getClass().getSimpleName(),
                threads,
                batch);
        for (int[] shape : new int[][] {{2, 256}, {4, 1024}}) {
            long params = params(shape[0], shape[1]);
            double gemm = gemmGflops(shape[0], shape[1]);
            for (boolean stock : new boolean[] {true, false}) {
                double fps = trainFps(shape[0], shape[1], stock);
                double achieved = 6.0 * params * fps / 1e9;
                System.out.printf(
                        Locale.ROOT,
                        "%dx%d, %s: %d params, %.0f frames/s, %.1f GFLOP/s achieved; GEMM on the same shapes %.1f GFLOP/s -> %.0f %% of GEMM%n",
                        shape[0],
                        shape[1],
                        stock ? "stock fit()" : "hand-written step",
                        params,
                        fps,
                        achieved,
                        gemm,
                        100 * achieved / gemm);
            }
        }
        if (threads > 1) {
            double two = trainFps(2, 256);
            Nd4j.getEnvironment().setMaxThreads(1);
            double one = trainFps(2, 256);
            Nd4j.getEnvironment().setMaxThreads(threads);
            System.out.printf(
                    Locale.ROOT,
                    "2x256: %.0f frames/s with %d threads, %.0f with 1 thread -> two single-threaded models side by side: %.0f frames/s%n",
                    two,
                    threads,
                    one,
                    2 * one);
        }
        return 0;
    }

    long params(int layers, int units) {
        long p = (long) inputDim * units + units;
        for (int i = 1; i < layers; i++) {
            p += (long) units * units + units;
        }
        return p + (long) units * numPdfs + numPdfs;
    }

    MultiLayerNetwork net(int layers, int units) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder()
                .seed(1)
                .updater(new Adam(1e-3))
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .list();
        int in = inputDim;
        for (int i = 0; i < layers; i++) {
            b.layer(new DenseLayer.Builder()
                    .nIn(in)
                    .nOut(units)
                    .activation(Activation.RELU)
                    .build());
            in = units;
        }
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nIn(in)
                .nOut(numPdfs)
                .activation(Activation.SOFTMAX)
                .build());
        MultiLayerConfiguration conf = b.build();
        MultiLayerNetwork n = new MultiLayerNetwork(conf);
        n.init();
        return n;
    }

    double trainFps(int layers, int units) {
        return trainFps(layers, units, false);
    }

    /** Frames/s of training: by the hand-written step the trainer uses, or by stock fit(). */
    double trainFps(int layers, int units, boolean stockFit) {
        MultiLayerNetwork n = net(layers, units);
        MlpStep step = stockFit ? null : MlpStep.forNetwork(n);
        Random r = new Random(1);
        DataSet[] ds = new DataSet[8];
        for (int i = 0; i < ds.length; i++) {
            INDArray x = Nd4j.randn(r.nextLong(), new long[] {batch, inputDim});
            INDArray y = Nd4j.zeros(batch, numPdfs);
            for (int k = 0; k < batch; k++) {
                y.putScalar(k, r.nextInt(numPdfs), 1.0);
            }
            ds[i] = new DataSet(x, y);
        }
        for (int i = 0; i < 10; i++) {
            fit(n, step, ds[i % ds.length]); // warm up
        }
        long frames = 0;
        long t0 = System.nanoTime();
        int i = 0;
        while ((System.nanoTime() - t0) / 1e9 < seconds) {
            fit(n, step, ds[i++ % ds.length]);
            frames += batch;
        }
        return frames / ((System.nanoTime() - t0) / 1e9);
    }

    private static void fit(MultiLayerNetwork n, MlpStep step, DataSet ds) {
        if (step != null) {
            step.fit(ds.getFeatures(), ds.getLabels());
        } else {
            n.fit(ds);
        }
    }

    /** GFLOP/s of the forward and both backward products of every layer, as plain mmul on 'c'-order arrays. */
    double gemmGflops(int layers, int units) {
        int[][] shapes = new int[layers + 1][];
        int in = inputDim;
        for (int l = 0; l < layers; l++) {
            shapes[l] = new int[] {in, units};
            in = units;
        }
        shapes[layers] = new int[] {in, numPdfs};
        INDArray[] x = new INDArray[shapes.length];
        INDArray[] w = new INDArray[shapes.length];
        INDArray[] g = new INDArray[shapes.length];
        INDArray[] y = new INDArray[shapes.length];
        INDArray[] dx = new INDArray[shapes.length];
        INDArray[] dw = new INDArray[shapes.length];
        for (int l = 0; l < shapes.length; l++) {
            // the layouts DL4J uses: activations 'c', weights 'f'; results preallocated, no copies
            x[l] = Nd4j.rand(batch, shapes[l][0]).dup('f');
            w[l] = Nd4j.rand(shapes[l][0], shapes[l][1]).dup('f');
            g[l] = Nd4j.rand(batch, shapes[l][1]).dup('f');
            y[l] = Nd4j.createUninitialized(x[l].dataType(), new long[] {batch, shapes[l][1]}, 'f');
            dx[l] = Nd4j.createUninitialized(x[l].dataType(), new long[] {batch, shapes[l][0]}, 'f');
            dw[l] = Nd4j.createUninitialized(x[l].dataType(), new long[] {shapes[l][0], shapes[l][1]}, 'f');
        }
        double flops = 0;
        for (int[] s : shapes) {
            flops += 3.0 * 2 * batch * s[0] * s[1];
        }
        long reps = 0;
        long t0 = System.nanoTime();
        while ((System.nanoTime() - t0) / 1e9 < seconds / 2) {
            for (int l = 0; l < shapes.length; l++) {
                Nd4j.gemm(x[l], w[l], y[l], false, false, 1.0, 0.0); // forward
                Nd4j.gemm(g[l], w[l], dx[l], false, true, 1.0, 0.0); // backward to activations
                Nd4j.gemm(x[l], g[l], dw[l], true, false, 1.0, 0.0); // backward to weights
            }
            reps++;
        }
        return flops * reps / ((System.nanoTime() - t0) / 1e9) / 1e9;
    }
}
