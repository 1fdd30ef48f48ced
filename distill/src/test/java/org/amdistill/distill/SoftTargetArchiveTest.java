package org.amdistill.distill;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.amdistill.acoustic.dnn.DnnAcousticModel;
import org.amdistill.acoustic.dnn.DnnTrainer;
import org.amdistill.acoustic.dnn.FrameData;
import org.amdistill.acoustic.hmm.HmmStateInventory;
import org.amdistill.acoustic.hmm.TransitionModel;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.cli.Cli;
import org.amdistill.core.table.Codecs;
import org.amdistill.core.table.Entry;
import org.amdistill.core.table.Matrix;
import org.amdistill.core.table.SequentialReader;
import org.amdistill.core.table.TableWriter;
import org.amdistill.distill.bin.ComputeSoftTargets;
import org.amdistill.distill.bin.Distill;
import org.amdistill.distill.bin.MergeSoftTargets;
import org.amdistill.ensemble.EnsembleModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Soft targets on disk (float16, sparse, float32; complete or not) and the errors of compute-soft-targets and distill. */
class SoftTargetArchiveTest {
    static final int CLASSES = SoftTargetsRegulariseTest.CLASSES;

    @TempDir
    static Path shared;

    static String trainFeats;
    static String trainAli;
    static Path teacher;

    static Matrix probabilities(Random r, int rows) {
        Matrix m = new Matrix(rows, CLASSES);
        for (int t = 0; t < rows; t++) {
            double s = 0;
            for (int c = 0; c < CLASSES; c++) {
                float v = (float) Math.exp(3 * r.nextGaussian());
                m.set(t, c, v);
                s += v;
            }
            for (int c = 0; c < CLASSES; c++) {
                m.set(t, c, (float) (m.get(t, c) / s));
            }
        }
        return m;
    }

    static Matrix readBack(Path dir, String key) {
        try (SoftTargetArchive.Reader r = new SoftTargetArchive.Reader(dir)) {
            SoftTargetArchive.Rows rows = r.get(key);
            Matrix m = new Matrix(rows.rows(), CLASSES);
            for (int t = 0; t < rows.rows(); t++) {
                rows.fill(t, m.data(), t * CLASSES);
            }
            return m;
        }
    }

    static SoftTargetArchive.Info info(double t) {
        return new SoftTargetArchive.Info(
                t,
                "teacher.mdl",
                "abc",
                CLASSES,
                SoftTargetArchive.Storage.FLOAT16,
                0,
                "renormalise",
                false,
                0,
                0,
                "feats");
    }

    @Test
    void eachStorageRoundTripsWithinItsPrecision(@TempDir Path dir) {
        Random r = new Random(1);
        Matrix p = probabilities(r, 50);
        Matrix top = p.copy();
        SoftTargets.keepTopK(top, 3, SoftTargets.TopKMode.RENORMALISE);
        for (SoftTargetArchive.Storage st : SoftTargetArchive.Storage.values()) {
            Path d = dir.resolve(st.name());
            Matrix in = st == SoftTargetArchive.Storage.SPARSE ? top : p;
            try (SoftTargetArchive.Writer w = new SoftTargetArchive.Writer(d, st)) {
                w.write("u1", in);
                w.finish(info(2));
            }
            Matrix back = readBack(d, "u1");
            float tol = st == SoftTargetArchive.Storage.FLOAT16 ? 5e-4f : 0f;
            for (int i = 0; i < in.data().length; i++) {
                assertEquals(in.data()[i], back.data()[i], tol * Math.max(in.data()[i], 1e-3f), st + " value " + i);
            }
            try (SoftTargetArchive.Reader rd = new SoftTargetArchive.Reader(d)) {
                assertEquals(st, rd.info().storage());
                assertEquals(50, rd.info().frames());
                assertEquals(1, rd.info().utterances());
            }
        }
        long dense = sizeOf(dir.resolve("FLOAT32/targets.ark"));
        assertTrue(sizeOf(dir.resolve("FLOAT16/targets.ark")) < dense * 0.55, "float16 halves the storage");
        assertTrue(sizeOf(dir.resolve("SPARSE/targets.ark")) < dense * 0.5, "top-3 of 20 is smaller still");
    }

    static long sizeOf(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aRunThatDidNotFinishIsNeverReadAsSoftTargets(@TempDir Path dir) {
        Random r = new Random(2);
        Path d = dir.resolve("soft");
        try (SoftTargetArchive.Writer w = new SoftTargetArchive.Writer(d, SoftTargetArchive.Storage.FLOAT16)) {
            w.write("u1", probabilities(r, 5));
            w.finish(info(2));
        }
        new SoftTargetArchive.Reader(d).close(); // complete
        try (SoftTargetArchive.Writer w = new SoftTargetArchive.Writer(d, SoftTargetArchive.Storage.FLOAT16)) {
            w.write("u1", probabilities(r, 5)); // "killed" before finish()
        }
        AmdException e = assertThrows(AmdException.class, () -> new SoftTargetArchive.Reader(d));
        assertTrue(e.getMessage().contains("did not finish"), e.getMessage());
        AmdException none =
                assertThrows(AmdException.class, () -> new SoftTargetArchive.Reader(dir.resolve("nothing")));
        assertTrue(none.getMessage().contains("does not exist"), none.getMessage());
    }

    /** The training archive in {@code n} contiguous runs of utterances (as split-data-dir --per-utt makes them). */
    static List<String> splitFeats(Path dir, int n) {
        List<Map.Entry<String, Matrix>> all = new java.util.ArrayList<>();
        try (SequentialReader<Matrix> r = SequentialReader.open(trainFeats, Codecs.MATRIX)) {
            for (Entry<Matrix> e : r) {
                all.add(Map.entry(e.key(), e.value()));
            }
        }
        List<String> parts = new java.util.ArrayList<>();
        for (int k = 0; k < n; k++) {
            String spec = "ark:" + dir.resolve("part" + (k + 1) + ".ark");
            try (TableWriter<Matrix> w = TableWriter.open(spec, Codecs.MATRIX)) {
                for (Map.Entry<String, Matrix> e : all.subList(k * all.size() / n, (k + 1) * all.size() / n)) {
                    w.write(e.getKey(), e.getValue());
                }
            }
            parts.add(spec);
        }
        return parts;
    }

    @Test
    void softTargetsOfThreeJobsMergedAreByteForByteThoseOfOne(@TempDir Path dir) throws Exception {
        List<String> parts = splitFeats(dir, 3);
        Path soft = dir.resolve("soft");
        for (List<String> storage : List.of(List.<String>of(), List.of("--top-k=3"))) {
            List<String> one = new java.util.ArrayList<>(storage);
            one.addAll(List.of("--model=" + teacher, "--temperature=2", trainFeats, soft.toString()));
            run(new ComputeSoftTargets(), 0, one.toArray(new String[0]));
            Map<String, byte[]> expected = new java.util.LinkedHashMap<>();
            for (String f : List.of("targets.ark", "targets.scp", "info")) {
                expected.put(f, Files.readAllBytes(soft.resolve(f)));
            }
            org.amdistill.core.io.AtomicFiles.deleteTree(soft);
            List<String> merge = new java.util.ArrayList<>(List.of("--transfer-set=" + trainFeats, soft.toString()));
            for (int k = 0; k < parts.size(); k++) {
                Path part = soft.resolve("split/" + (k + 1));
                List<String> job = new java.util.ArrayList<>(storage);
                job.addAll(List.of("--model=" + teacher, "--temperature=2", parts.get(k), part.toString()));
                run(new ComputeSoftTargets(), 0, job.toArray(new String[0]));
                merge.add(part.toString());
            }
            run(new MergeSoftTargets(), 0, merge.toArray(new String[0]));
            for (Map.Entry<String, byte[]> f : expected.entrySet()) {
                assertTrue(
                        java.util.Arrays.equals(f.getValue(), Files.readAllBytes(soft.resolve(f.getKey()))),
                        storage + " " + f.getKey() + ": one job's\n" + new String(f.getValue(), UTF_8) + "\nmerged\n"
                                + Files.readString(
                                        soft.resolve(f.getKey()), java.nio.charset.StandardCharsets.ISO_8859_1));
            }
            try (SoftTargetArchive.Reader r = new SoftTargetArchive.Reader(soft)) {
                assertEquals(6, r.info().utterances(), "every utterance once");
            }
            org.amdistill.core.io.AtomicFiles.deleteTree(soft);
        }
    }

    @Test
    void partsOfOtherTemperaturesAreNotMerged(@TempDir Path dir) {
        List<String> parts = splitFeats(dir, 2);
        run(new ComputeSoftTargets(), 0, "--model=" + teacher, "--temperature=2", parts.get(0), dir + "/a");
        run(new ComputeSoftTargets(), 0, "--model=" + teacher, "--temperature=5", parts.get(1), dir + "/b");
        String err = run(new MergeSoftTargets(), 1, dir + "/soft", dir + "/a", dir + "/b");
        assertTrue(err.contains(dir + "/b holds other soft targets than " + dir + "/a"), err);
        assertTrue(Files.notExists(dir.resolve("soft/info")), "nothing that looks complete is left");
    }

    /** A small teacher and its training archives, shared by the command tests. */
    @BeforeAll
    static void teacher() throws Exception {
        Random r = new Random(7);
        float[][] means = new float[CLASSES][SoftTargetsRegulariseTest.DIM];
        for (float[] m : means) {
            for (int d = 0; d < m.length; d++) {
                m[d] = (float) (2 * r.nextGaussian());
            }
        }
        FrameData train = SoftTargetsRegulariseTest.generate(r, means, 6, 50);
        trainFeats = "ark:" + shared.resolve("train.ark");
        trainAli = "ark:" + shared.resolve("train.ali");
        try (TableWriter<Matrix> f = TableWriter.open(trainFeats, Codecs.MATRIX);
                TableWriter<int[]> a = TableWriter.open(trainAli, Codecs.INT_VECTOR)) {
            for (int u = 0; u < train.keys.size(); u++) {
                f.write(train.keys.get(u), train.feats.get(u));
                a.write(train.keys.get(u), train.labels.get(u));
            }
        }
        HmmStateInventory inv = SoftTargetsRegulariseTest.inventory();
        DnnAcousticModel m = new DnnTrainer(
                        SoftTargetsRegulariseTest.config(1, 1), inv, new TransitionModel(inv), Map.of())
                .train(train, train, DnnTrainer.hardLabels(CLASSES), null, train, shared.resolve("teacher"), false);
        teacher = shared.resolve("teacher/final.mdl");
        assertEquals(CLASSES, m.numPdfs());
    }

    static String run(Object command, int expectedStatus, String... args) {
        StringWriter err = new StringWriter();
        int rc = Cli.execute(command, new PrintWriter(new StringWriter()), new PrintWriter(err), args);
        assertEquals(expectedStatus, rc, err.toString());
        return err.toString();
    }

    static String[] distillArgs(Path soft, double t, Path hmm, Path exp) {
        return new String[] {
            "--temperature=" + t,
            "--soft-targets=" + soft,
            "--hmm-model=" + hmm,
            "--hidden-layers=1",
            "--hidden-dim=16",
            "--left-context=0",
            "--right-context=0",
            "--cmvn=none",
            "--max-epochs=1",
            "--min-epochs=1",
            trainFeats,
            trainAli,
            trainFeats,
            trainAli,
            exp.toString()
        };
    }

    @Test
    void distillTrainsFromFloat16AndSparseTargetsAndRefusesMismatches(@TempDir Path dir) throws Exception {
        Path dense = dir.resolve("dense");
        Path sparse = dir.resolve("sparse");
        run(new ComputeSoftTargets(), 0, "--model=" + teacher, "--temperature=2", trainFeats, dense.toString());
        run(
                new ComputeSoftTargets(),
                0,
                "--model=" + teacher,
                "--temperature=2",
                "--top-k=4",
                trainFeats,
                sparse.toString());
        try (SoftTargetArchive.Reader r = new SoftTargetArchive.Reader(sparse)) {
            assertEquals(SoftTargetArchive.Storage.SPARSE, r.info().storage());
            assertEquals(300, r.info().frames());
        }
        run(new Distill(), 0, distillArgs(dense, 2, teacher, dir.resolve("s1")));
        run(new Distill(), 0, distillArgs(sparse, 2, teacher, dir.resolve("s2")));
        DnnAcousticModel s1 = DnnAcousticModel.load(dir.resolve("s1/final.mdl"));
        assertEquals("float16", s1.info().get("soft-targets.storage"));
        DnnAcousticModel s2 = DnnAcousticModel.load(dir.resolve("s2/final.mdl"));
        assertNotEquals(s1.network().params(), s2.network().params());

        // T <= 0, and soft targets made at another temperature
        assertTrue(run(
                        new ComputeSoftTargets(),
                        1,
                        "--model=" + teacher,
                        "--temperature=0",
                        trainFeats,
                        dir.resolve("x").toString())
                .contains("--temperature must be > 0"));
        assertTrue(run(new Distill(), 1, distillArgs(dense, -1, teacher, dir.resolve("s3")))
                .contains("--temperature must be > 0"));
        assertTrue(run(new Distill(), 1, distillArgs(dense, 5, teacher, dir.resolve("s4")))
                .contains("computed at T=2.0 but --temperature=5.0"));

        // a student whose inventory is not the teacher's
        StringBuilder other = new StringBuilder();
        for (int c = 0; c < CLASSES; c++) {
            other.append("Q").append(c).append(' ').append(c).append(":0=0.5,1=0.5\n");
        }
        HmmStateInventory inv = HmmStateInventory.fromText(other.toString());
        FrameData one = SoftTargetsRegulariseTest.generate(
                new Random(3), new float[CLASSES][SoftTargetsRegulariseTest.DIM], 1, 10);
        new DnnTrainer(SoftTargetsRegulariseTest.config(1, 1), inv, new TransitionModel(inv), Map.of())
                .train(one, one, DnnTrainer.hardLabels(CLASSES), null, one, dir.resolve("other"), false);
        String e = run(new Distill(), 1, distillArgs(dense, 2, dir.resolve("other/final.mdl"), dir.resolve("s5")));
        assertTrue(e.contains("inventory") && e.contains("differs"), e);

        // soft targets whose frames disagree with the features, and utterances without soft targets
        Path longer = dir.resolve("longer.ark");
        Path fewer = dir.resolve("fewer.ark");
        try (TableWriter<Matrix> l = TableWriter.open("ark:" + longer, Codecs.MATRIX);
                TableWriter<Matrix> f = TableWriter.open("ark:" + fewer, Codecs.MATRIX);
                var src = SequentialReader.open(trainFeats, Codecs.MATRIX)) {
            int k = 0;
            for (var entry : src) {
                Matrix m = entry.value();
                Matrix grown = new Matrix(m.rows() + 5, m.cols());
                System.arraycopy(m.data(), 0, grown.data(), 0, m.data().length);
                l.write(entry.key(), grown);
                if (k++ < 3) {
                    f.write(entry.key(), m);
                }
            }
        }
        run(
                new ComputeSoftTargets(),
                0,
                "--model=" + teacher,
                "--temperature=2",
                "ark:" + longer,
                dir.resolve("long").toString());
        e = run(new Distill(), 1, distillArgs(dir.resolve("long"), 2, teacher, dir.resolve("s6")));
        assertTrue(e.contains("have 55 frames but its features 50"), e);
        run(
                new ComputeSoftTargets(),
                0,
                "--model=" + teacher,
                "--temperature=2",
                "ark:" + fewer,
                dir.resolve("few").toString());
        e = run(new Distill(), 1, distillArgs(dir.resolve("few"), 2, teacher, dir.resolve("s7")));
        assertTrue(e.contains("3 training utterances have no soft targets"), e);

        // an ensemble teacher with a member missing
        Path ens = dir.resolve("ensemble.mdl");
        EnsembleModel.write(
                ens, List.of(teacher, dir.resolve("member2/final.mdl")), EnsembleModel.Combination.ARITHMETIC);
        e = run(
                new ComputeSoftTargets(),
                1,
                "--model=" + ens,
                "--temperature=2",
                trainFeats,
                dir.resolve("ens").toString());
        assertTrue(e.contains("member2"), e);
        assertTrue(!Files.exists(dir.resolve("ens/info")), "nothing that looks complete");
    }
}
