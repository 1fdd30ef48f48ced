package org.amdistill.acoustic.dnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.amdistill.acoustic.hmm.HmmStateInventory;
import org.amdistill.acoustic.hmm.TransitionModel;
import org.amdistill.core.table.Codecs;
import org.amdistill.core.table.Matrix;
import org.amdistill.core.table.TableWriter;
import org.amdistill.frontend.ModelCmvn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streamed training set: every frame once per epoch, a bounded buffer, and the same model as if never killed. */
class TrainingFramesTest {
    static final int CLASSES = DnnTrainerTest.CLASSES;

    /** Writes {@code data} as a feature archive and an alignment archive; returns their rspecifiers. */
    static String[] write(FrameData data, Path dir, String name) {
        String feats = "ark:" + dir.resolve(name + ".feats.ark");
        String ali = "ark:" + dir.resolve(name + ".ali.ark");
        try (TableWriter<Matrix> f = TableWriter.open(feats, Codecs.MATRIX);
                TableWriter<int[]> a = TableWriter.open(ali, Codecs.INT_VECTOR)) {
            for (int u = 0; u < data.keys.size(); u++) {
                f.write(data.keys.get(u), data.feats.get(u));
                a.write(data.keys.get(u), data.labels.get(u));
            }
        }
        return new String[] {feats, ali};
    }

    @Test
    void aStreamedEpochVisitsEveryFrameOnceInBoundedChunksAndAnOrderFixedByTheSeed(@TempDir Path dir) throws Exception {
        FrameData data = DnnTrainerTest.data(5, 20); // 20 utterances of 60 frames
        String[] t = write(data, dir, "train");
        TrainingFrames small = TrainingFrames.open(t[0], t[1], ModelCmvn.NONE, CLASSES, 130);
        assertTrue(small.streaming());
        assertEquals(1200, small.numFrames());
        assertFalse(
                TrainingFrames.open(t[0], t[1], ModelCmvn.NONE, CLASSES, 1200).streaming(),
                "a set that fits is held in memory");
        List<String> first = new ArrayList<>();
        List<Integer> chunkFrames = new ArrayList<>();
        small.forEachChunk(new Random(7), c -> {
            first.addAll(c.keys);
            chunkFrames.add(c.numFrames());
            for (int u = 0; u < c.keys.size(); u++) {
                int orig = data.keys.indexOf(c.keys.get(u));
                assertArrayEquals(data.labels.get(orig), c.labels.get(u), "labels travel with their utterance");
                assertArrayEquals(data.feats.get(orig).data(), c.feats.get(u).data(), 0f);
            }
        });
        assertEquals(20, first.size());
        assertEquals(20, new HashSet<>(first).size(), "each utterance once per epoch: " + first);
        assertEquals(
                List.of(180, 180, 180, 180, 180, 180, 120),
                chunkFrames,
                "chunks fill the buffer and no more than one utterance past it");
        List<String> again = new ArrayList<>();
        small.forEachChunk(new Random(7), c -> again.addAll(c.keys));
        assertEquals(first, again, "the same seed gives the same order");
        List<String> other = new ArrayList<>();
        small.forEachChunk(new Random(8), c -> other.addAll(c.keys));
        assertNotEquals(first, other, "another epoch's seed gives another order");
        float[] priors = small.logPriors();
        float[] expected = DnnTrainer.logPriors(data.labelCounts(CLASSES));
        assertArrayEquals(expected, priors, 1e-6f);
    }

    @Test
    void aStreamedRunWithDropoutAndMomentumKilledAndResumedEndsWithTheSameModel(@TempDir Path dir) throws Exception {
        String[] t = write(DnnTrainerTest.data(1, 20), dir, "train");
        FrameData dev = DnnTrainerTest.data(2, 5);
        HmmStateInventory inv = DnnTrainerTest.inventory();
        TransitionModel tm = new TransitionModel(inv);
        TrainingFrames train = TrainingFrames.open(t[0], t[1], ModelCmvn.NONE, CLASSES, 250);
        assertTrue(train.streaming());
        DnnAcousticModel whole = new DnnTrainer(config(4), inv, tm, Map.of())
                .train(
                        train,
                        dev,
                        DnnTrainer.hardLabels(CLASSES),
                        null,
                        train.logPriors(),
                        dir.resolve("whole"),
                        false);
        new DnnTrainer(config(2), inv, tm, Map.of())
                .train(
                        train,
                        dev,
                        DnnTrainer.hardLabels(CLASSES),
                        null,
                        train.logPriors(),
                        dir.resolve("resumed"),
                        false);
        DnnAcousticModel resumed = new DnnTrainer(config(4), inv, tm, Map.of())
                .train(
                        train,
                        dev,
                        DnnTrainer.hardLabels(CLASSES),
                        null,
                        train.logPriors(),
                        dir.resolve("resumed"),
                        true);
        assertArrayEquals(
                whole.network().params().toFloatVector(),
                resumed.network().params().toFloatVector(),
                1e-6f);
        DnnConfig other = config(4);
        other.seed = 12;
        DnnAcousticModel reseeded = new DnnTrainer(other, inv, tm, Map.of())
                .train(
                        train,
                        dev,
                        DnnTrainer.hardLabels(CLASSES),
                        null,
                        train.logPriors(),
                        dir.resolve("other"),
                        false);
        assertFalse(
                Arrays.equals(
                        whole.network().params().toFloatVector(),
                        reseeded.network().params().toFloatVector()),
                "the comparison can tell models apart");
    }

    static DnnConfig config(int epochs) {
        DnnConfig c = DnnTrainerTest.config(epochs);
        c.dropout = 0.2;
        c.optimizer = DnnConfig.Optimizer.SGD;
        c.learningRate = 0.05;
        return c;
    }

    /**
     * Trains in a child JVM whose heap is a quarter of the training archive: only streaming through a bounded buffer
     * can do that. The child's log shows it streamed and its peak heap use.
     */
    @Test
    void trainsOnAnArchiveSeveralTimesLargerThanTheHeap(@TempDir Path dir) throws Exception {
        int dim = 40;
        int heapMb = 96;
        Random r = new Random(4);
        String feats = "ark:" + dir.resolve("big.ark");
        String ali = "ark:" + dir.resolve("big.ali");
        long frames = 0;
        try (TableWriter<Matrix> f = TableWriter.open(feats, Codecs.MATRIX);
                TableWriter<int[]> a = TableWriter.open(ali, Codecs.INT_VECTOR)) {
            float[] row = new float[dim];
            for (int u = 0; frames * dim * 4L < ((4L * heapMb) << 20); u++) {
                Matrix m = new Matrix(500, dim);
                int[] lab = new int[500];
                for (int t = 0; t < 500; t++) {
                    lab[t] = (t / 25) % CLASSES;
                    for (int d = 0; d < dim; d++) {
                        row[d] = (float) ((d == lab[t] ? 2 : 0) + r.nextGaussian());
                    }
                    System.arraycopy(row, 0, m.data(), t * dim, dim);
                }
                f.write(String.format("utt%05d", u), m);
                a.write(String.format("utt%05d", u), lab);
                frames += 500;
            }
        }
        long archiveBytes = Files.size(dir.resolve("big.ark"));
        assertTrue(archiveBytes > ((4L * heapMb) << 20), "archive " + archiveBytes + " bytes");
        // the HMM model the alignments refer to: any model file carrying the inventory
        FrameData tiny = DnnTrainerTest.data(3, 2);
        HmmStateInventory inv = DnnTrainerTest.inventory();
        new DnnTrainer(DnnTrainerTest.config(1), inv, new TransitionModel(inv), Map.of())
                .train(tiny, tiny, DnnTrainer.hardLabels(CLASSES), null, tiny, dir.resolve("hmm"), false);
        List<String> keys = new ArrayList<>();
        List<Matrix> devFeats = new ArrayList<>();
        List<int[]> devLabels = new ArrayList<>();
        for (int u = 0; u < 3; u++) {
            Matrix m = new Matrix(100, dim);
            int[] lab = new int[100];
            for (int t = 0; t < 100; t++) {
                lab[t] = (t / 25) % CLASSES;
                m.set(t, lab[t], 2f + (float) r.nextGaussian());
            }
            keys.add("dev" + u);
            devFeats.add(m);
            devLabels.add(lab);
        }
        String[] dev = write(FrameData.of(keys, devFeats, devLabels), dir, "dev");
        List<String> cmd = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heapMb + "m",
                "-Dorg.bytedeco.javacpp.maxbytes=2g",
                "-Dorg.bytedeco.javacpp.maxphysicalbytes=4g",
                "-cp",
                System.getProperty("java.class.path"),
                HeapBoundedTraining.class.getName(),
                "--hmm-model=" + dir.resolve("hmm/final.mdl"),
                "--hidden-layers=1",
                "--hidden-dim=32",
                "--left-context=0",
                "--right-context=0",
                "--cmvn=none",
                "--max-epochs=1",
                "--min-epochs=1",
                "--minibatch-size=512",
                "--shuffle-buffer-frames=50000",
                feats,
                ali,
                dev[0],
                dev[1],
                dir.resolve("exp").toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        Process p = pb.start();
        StringBuilder log = new StringBuilder();
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                log.append(line).append('\n');
            }
        }
        assertEquals(0, p.waitFor(), "child failed:\n" + log);
        assertTrue(log.toString().contains("Streaming " + frames + " frames"), log.toString());
        assertTrue(Files.exists(dir.resolve("exp/final.mdl")));
        List<String> metrics = Files.readAllLines(dir.resolve("exp/metrics.csv"));
        assertTrue(Double.parseDouble(metrics.get(1).split(",")[3]) > 0.5, "it learned: " + metrics);
        System.out.printf(
                "trained on %d frames (%.0f MB archive) with a %d MB heap%n", frames, archiveBytes / 1048576.0, heapMb);
    }
}
