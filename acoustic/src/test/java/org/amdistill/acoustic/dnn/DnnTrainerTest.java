package org.amdistill.acoustic.dnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.amdistill.acoustic.AcousticModelLoader;
import org.amdistill.acoustic.hmm.HmmStateInventory;
import org.amdistill.acoustic.hmm.TransitionModel;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.table.Codecs;
import org.amdistill.core.table.Matrix;
import org.amdistill.core.table.TableWriter;
import org.amdistill.frontend.ModelCmvn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DnnTrainerTest {
    static final int CLASSES = 6;
    static final int DIM = 8;

    static HmmStateInventory inventory() {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < CLASSES; c++) {
            sb.append("P").append(c).append(' ').append(c).append(":0=0.75,1=0.25\n");
        }
        return HmmStateInventory.fromText(sb.toString());
    }

    static FrameData data(long seed, int utts) {
        Random r = new Random(seed);
        List<String> keys = new ArrayList<>();
        List<Matrix> feats = new ArrayList<>();
        List<int[]> labels = new ArrayList<>();
        for (int u = 0; u < utts; u++) {
            int frames = 60;
            Matrix m = new Matrix(frames, DIM);
            int[] lab = new int[frames];
            for (int t = 0; t < frames; t++) {
                lab[t] = (t / 10) % CLASSES;
                for (int d = 0; d < DIM; d++) {
                    m.set(t, d, (float) ((d == lab[t] ? 2.0 : 0.0) + r.nextGaussian()));
                }
            }
            keys.add("u" + u);
            feats.add(m);
            labels.add(lab);
        }
        return FrameData.of(keys, feats, labels);
    }

    static DnnConfig config(int epochs) {
        DnnConfig c = new DnnConfig();
        c.hiddenLayers = 2;
        c.hiddenDim = 32;
        c.leftContext = 2;
        c.rightContext = 1;
        c.minibatchSize = 64;
        c.maxEpochs = epochs;
        c.minEpochs = epochs;
        c.patience = 99;
        c.lrSchedule = DnnConfig.LrSchedule.EXPONENTIAL;
        c.seed = 11;
        return c;
    }

    @Test
    void killedAndResumedRunEndsWithTheSameModelAsAnUninterruptedOne(@TempDir Path dir) throws Exception {
        FrameData train = data(1, 20);
        FrameData dev = data(2, 5);
        HmmStateInventory inv = inventory();
        TransitionModel tm = new TransitionModel(inv);
        DnnAcousticModel whole = new DnnTrainer(config(4), inv, tm, Map.of())
                .train(train, dev, DnnTrainer.hardLabels(CLASSES), null, train, dir.resolve("whole"), false);
        // "killed" after 2 epochs: its checkpoint is what a kill leaves behind
        new DnnTrainer(config(2), inv, tm, Map.of())
                .train(train, dev, DnnTrainer.hardLabels(CLASSES), null, train, dir.resolve("resumed"), false);
        DnnAcousticModel resumed = new DnnTrainer(config(4), inv, tm, Map.of())
                .train(train, dev, DnnTrainer.hardLabels(CLASSES), null, train, dir.resolve("resumed"), true);
        assertArrayEquals(
                whole.network().params().toFloatVector(),
                resumed.network().params().toFloatVector(),
                1e-6f);
        List<String> metrics = Files.readAllLines(dir.resolve("resumed/metrics.csv"));
        assertEquals(5, metrics.size(), "header and one row per epoch, across the resume: " + metrics);
        assertTrue(Double.parseDouble(metrics.get(4).split(",")[4]) > 0.5, "it learned: " + metrics.get(4));
    }

    @Test
    void modelFileRoundTripsAndCorruptFilesAreNamed(@TempDir Path dir) throws Exception {
        FrameData train = data(3, 6);
        HmmStateInventory inv = inventory();
        DnnAcousticModel m = new DnnTrainer(config(1), inv, new TransitionModel(inv), Map.of("note", "test"))
                .train(train, train, DnnTrainer.hardLabels(CLASSES), null, train, dir.resolve("m"), false);
        Path file = dir.resolve("m/final.mdl");
        DnnAcousticModel back = (DnnAcousticModel) AcousticModelLoader.loadAny(file);
        Matrix x = train.feats.get(0);
        assertArrayEquals(m.logPosteriors(x).data(), back.logPosteriors(x).data(), 1e-6f);
        Matrix norm = m.cmvn().apply(x.copy());
        assertArrayEquals(
                m.splicer().splice(norm).data(),
                m.input(x).dup('c').data().asFloat(),
                0f,
                "the native context window is Splicer's");
        Matrix generic = m.logits(x); // log softmax output, renormalised in Java: what the native log-softmax replaces
        DnnAcousticModel.logSoftmaxRows(generic, 1.0);
        assertArrayEquals(generic.data(), m.logPosteriors(x).data(), 1e-5f);
        assertEquals("test", back.info().get("note"));
        assertTrue(back.inventory().sameAs(inv));
        Path bad = dir.resolve("bad.mdl");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(bad, Arrays.copyOf(bytes, bytes.length / 2));
        AmdException e = assertThrows(AmdException.class, () -> DnnAcousticModel.load(bad));
        assertTrue(e.getMessage().contains("bad.mdl"), e.getMessage());
    }

    @Test
    void networksOutsideTheNativePassGiveTheSameKindsOfOutput(@TempDir Path dir) throws Exception {
        FrameData train = data(3, 6);
        HmmStateInventory inv = inventory();
        for (DnnConfig.HiddenActivation activation :
                new DnnConfig.HiddenActivation[] {DnnConfig.HiddenActivation.RELU, DnnConfig.HiddenActivation.TANH
                }) { // tanh: output() and the conversions in Java
            DnnConfig c = config(1);
            c.activation = activation;
            DnnAcousticModel m = new DnnTrainer(c, inv, new TransitionModel(inv), Map.of())
                    .train(
                            train,
                            train,
                            DnnTrainer.hardLabels(CLASSES),
                            null,
                            train,
                            dir.resolve(activation.name()),
                            false);
            Matrix x = train.feats.get(0);
            float[] expected =
                    m.network().output(m.input(x), false).dup('c').data().asFloat();
            float[] post = m.posteriorsOfInput(m.input(x)).data();
            float[] logPost = m.logPosteriors(x).data();
            float[] logits = m.logits(x).data();
            assertEquals(expected.length, post.length);
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], post[i], 1e-5, activation + " posterior " + i);
                assertEquals(Math.log(expected[i]), logPost[i], 1e-4, activation + " log posterior " + i);
                assertEquals(
                        Math.log(expected[i]),
                        logits[i],
                        1e-4,
                        activation + ": a softmax network's logits are its log posteriors");
            }
        }
    }

    @Test
    void frameDataSkipsMismatchesAndRejectsForeignPdfs(@TempDir Path dir) {
        String feats = "ark:" + dir.resolve("f.ark");
        String ali = "ark:" + dir.resolve("a.ark");
        try (TableWriter<Matrix> f = TableWriter.open(feats, Codecs.MATRIX);
                TableWriter<int[]> a = TableWriter.open(ali, Codecs.INT_VECTOR)) {
            f.write("ok", new Matrix(10, DIM));
            a.write("ok", new int[10]);
            f.write("offbyone", new Matrix(10, DIM));
            a.write("offbyone", new int[9]);
            f.write("short", new Matrix(10, DIM));
            a.write("short", new int[7]);
            Matrix nan = new Matrix(10, DIM);
            nan.set(3, 2, Float.NaN);
            f.write("nan", nan);
            a.write("nan", new int[10]);
            f.write("noali", new Matrix(10, DIM));
        }
        FrameData d = FrameData.load(feats, ali, ModelCmvn.NONE, CLASSES);
        assertEquals(List.of("ok", "offbyone"), d.keys);
        assertEquals(List.of("short", "nan", "noali"), d.skipped);
        assertEquals(19, d.numFrames());
        try (TableWriter<int[]> a = TableWriter.open(ali, Codecs.INT_VECTOR)) {
            a.write("ok", new int[] {0, 1, 2, 3, 4, 5, 0, 1, 2, 99});
        }
        AmdException e = assertThrows(AmdException.class, () -> FrameData.load(feats, ali, ModelCmvn.NONE, CLASSES));
        assertTrue(e.getMessage().contains("pdf 99"), e.getMessage());
    }
}
