package org.amdistill.ensemble.bin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.amdistill.acoustic.AcousticModel;
import org.amdistill.acoustic.AcousticModelLoader;
import org.amdistill.core.cli.Cli;
import org.amdistill.core.table.Codecs;
import org.amdistill.core.table.Matrix;
import org.amdistill.core.table.TableWriter;
import org.amdistill.ensemble.EnsembleModel;
import org.amdistill.ensemble.EnsembleModelTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A killed ensemble run, rerun, trains only the members that are missing, and they come out as if never killed. */
class TrainEnsembleTest {
    static final int CLASSES = 4;

    /** Writes 6 utterances of 30 frames (4 dims, the label's dimension raised) as feature and alignment archives. */
    static String[] writeData(Path dir) {
        Random r = new Random(11);
        String feats = "ark:" + dir.resolve("feats.ark");
        String ali = "ark:" + dir.resolve("ali.ark");
        try (TableWriter<Matrix> f = TableWriter.open(feats, Codecs.MATRIX);
                TableWriter<int[]> a = TableWriter.open(ali, Codecs.INT_VECTOR)) {
            for (int u = 0; u < 6; u++) {
                Matrix m = new Matrix(30, 4);
                int[] lab = new int[30];
                for (int t = 0; t < 30; t++) {
                    lab[t] = (t / 3 + u) % CLASSES;
                    for (int d = 0; d < 4; d++) {
                        m.set(t, d, (lab[t] == d ? 1f : 0f) + (float) r.nextGaussian() * 0.5f);
                    }
                }
                f.write("utt" + u, m);
                a.write("utt" + u, lab);
            }
        }
        return new String[] {feats, ali};
    }

    static String[] args(Path hmm, String[] d, Path exp) {
        return new String[] {
            "--num-members=3",
            "--hidden-layers=1",
            "--hidden-dim=8",
            "--left-context=1",
            "--right-context=1",
            "--cmvn=none",
            "--max-epochs=2",
            "--min-epochs=2",
            "--minibatch-size=16",
            "--seed=40",
            "--hmm-model=" + hmm,
            d[0],
            d[1],
            d[0],
            d[1],
            exp.toString()
        };
    }

    static float[] posteriors(Path model, Matrix x) {
        AcousticModel m = AcousticModelLoader.loadAny(model);
        return m.logPosteriors(x).data();
    }

    @Test
    void aRerunTrainsOnlyTheMissingMembersAndTheyEqualAnUninterruptedRun(@TempDir Path dir) throws Exception {
        EnsembleModelTest.tinyModel(dir.resolve("hmm"), CLASSES, 9); // any model file with the HMMs of 4 pdfs
        Path hmm = dir.resolve("hmm/final.mdl");
        String[] d = writeData(dir);
        Path ref = dir.resolve("uninterrupted");
        Path exp = dir.resolve("killed");
        assertEquals(0, Cli.execute(new TrainEnsemble(), args(hmm, d, ref)));
        assertEquals(0, Cli.execute(new TrainEnsemble(), args(hmm, d, exp)));

        // The kill: member 3 never started; member 2 has its checkpoint but no final model; member 1 is done.
        deleteRecursively(exp.resolve("member3"));
        Files.delete(exp.resolve("member2/final.mdl"));
        Files.delete(exp.resolve("ensemble.mdl"));
        FileTime member1Time = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(exp.resolve("member1/final.mdl"), member1Time);

        assertEquals(0, Cli.execute(new TrainEnsemble(), args(hmm, d, exp)));
        assertEquals(
                member1Time,
                Files.getLastModifiedTime(exp.resolve("member1/final.mdl")),
                "a finished member is not retrained");
        Matrix x = new Matrix(7, 4);
        for (int i = 0; i < x.data().length; i++) {
            x.data()[i] = (float) Math.sin(i);
        }
        for (int m = 1; m <= 3; m++) {
            assertArrayEquals(
                    posteriors(ref.resolve("member" + m + "/final.mdl"), x),
                    posteriors(exp.resolve("member" + m + "/final.mdl"), x),
                    1e-6f,
                    "member " + m + " equals the uninterrupted run's");
        }
        assertNotEquals(
                posteriors(ref.resolve("member1/final.mdl"), x)[0],
                posteriors(ref.resolve("member2/final.mdl"), x)[0],
                "members differ by seed");
        EnsembleModel e = (EnsembleModel) AcousticModelLoader.loadAny(exp.resolve("ensemble.mdl"));
        assertEquals(3, e.members().size());
        assertArrayEquals(
                posteriors(ref.resolve("ensemble.mdl"), x), posteriors(exp.resolve("ensemble.mdl"), x), 1e-6f);
    }

    /** Members as the tasks of a job array (--member=K, in any order), then a run without it that only assembles. */
    @Test
    void membersTrainedAsArrayTasksEqualOneRunAndAssemblyWaitsForAll(@TempDir Path dir) throws Exception {
        EnsembleModelTest.tinyModel(dir.resolve("hmm"), CLASSES, 9);
        Path hmm = dir.resolve("hmm/final.mdl");
        String[] d = writeData(dir);
        Path ref = dir.resolve("one-run");
        Path exp = dir.resolve("array");
        assertEquals(0, Cli.execute(new TrainEnsemble(), args(hmm, d, ref)));
        for (int m : new int[] {3, 1}) {
            assertEquals(0, Cli.execute(new TrainEnsemble(), withMember(args(hmm, d, exp), m)));
        }
        assertFalse(Files.exists(exp.resolve("ensemble.mdl")), "a task does not assemble");
        assertFalse(Files.exists(exp.resolve("member2/final.mdl")), "a task trains its own member only");
        assertEquals(0, Cli.execute(new TrainEnsemble(), withMember(args(hmm, d, exp), 2)));
        FileTime before = Files.getLastModifiedTime(exp.resolve("member2/final.mdl"));
        assertEquals(0, Cli.execute(new TrainEnsemble(), args(hmm, d, exp)));
        assertEquals(before, Files.getLastModifiedTime(exp.resolve("member2/final.mdl")), "assembly retrains nothing");
        Matrix x = new Matrix(5, 4);
        for (int i = 0; i < x.data().length; i++) {
            x.data()[i] = (float) Math.cos(i);
        }
        assertArrayEquals(
                posteriors(ref.resolve("ensemble.mdl"), x), posteriors(exp.resolve("ensemble.mdl"), x), 1e-6f);
        assertEquals(1, Cli.execute(new TrainEnsemble(), withMember(args(hmm, d, exp), 4)), "no member 4 of 3");
    }

    static String[] withMember(String[] args, int member) {
        String[] out = new String[args.length + 1];
        out[0] = "--member=" + member;
        System.arraycopy(args, 0, out, 1, args.length);
        return out;
    }

    static void deleteRecursively(Path p) throws Exception {
        List<Path> all = new ArrayList<>();
        try (var s = Files.walk(p)) {
            s.forEach(all::add);
        }
        for (int i = all.size() - 1; i >= 0; i--) {
            Files.delete(all.get(i));
        }
    }
}
