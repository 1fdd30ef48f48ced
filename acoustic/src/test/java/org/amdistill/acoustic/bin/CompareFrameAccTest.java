package org.amdistill.acoustic.bin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.amdistill.acoustic.AcousticModel;
import org.amdistill.acoustic.FrameAccuracy;
import org.amdistill.core.cli.Cli;
import org.amdistill.core.table.Codecs;
import org.amdistill.core.table.Matrix;
import org.amdistill.core.table.TableWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareFrameAccTest {
    record Run(int status, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = Cli.execute(new CompareFrameAcc(), new PrintWriter(out), new PrintWriter(err), args);
        return new Run(rc, out.toString(), err.toString());
    }

    /** A model whose posteriors are its input: the frame's largest feature is its prediction. */
    static final class FeaturesAsPosteriors implements AcousticModel {
        @Override
        public int numPdfs() {
            return 3;
        }

        @Override
        public Matrix logPosteriors(Matrix f) {
            return f;
        }

        @Override
        public float[] logPriors() {
            return new float[3];
        }
    }

    @Test
    void perUtteranceCountsAddUpToTheTotal(@TempDir Path tmp) throws Exception {
        try (TableWriter<Matrix> w = TableWriter.open("ark:" + tmp.resolve("feats.ark"), Codecs.MATRIX);
                TableWriter<int[]> a = TableWriter.open("ark:" + tmp.resolve("ali.ark"), Codecs.INT_VECTOR)) {
            w.write("u1", Matrix.fromRows(new float[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}));
            a.write("u1", new int[] {0, 1, 0});
            w.write("u2", Matrix.fromRows(new float[][] {{0, 0, 1}, {0, 0, 1}}));
            a.write("u2", new int[] {2, 2});
        }
        List<FrameAccuracy.Utterance> utts = new ArrayList<>();
        FrameAccuracy.Result r = FrameAccuracy.evaluate(
                new FeaturesAsPosteriors(),
                "ark:" + tmp.resolve("feats.ark"),
                "ark:" + tmp.resolve("ali.ark"),
                utts::add);
        assertEquals(List.of(new FrameAccuracy.Utterance("u1", 2, 3), new FrameAccuracy.Utterance("u2", 2, 2)), utts);
        assertEquals(4, r.correct());
        assertEquals(5, r.frames());
    }

    @Test
    void bootstrapOfTheDifference(@TempDir Path tmp) throws Exception {
        StringBuilder a = new StringBuilder();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            a.append("u").append(i).append(' ').append(50 + i % 7).append(" 100\n");
            b.append("u").append(i).append(' ').append(52 + i % 5).append(" 100\n");
        }
        Path pa = write(tmp, "a", a.toString());
        Path pb = write(tmp, "b", b.toString());
        Run r = run("--num-samples=500", "--output=" + tmp.resolve("out"), pa.toString(), pb.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(
                r.out()
                        .startsWith(
                                "BOOTSTRAP (B - A): frame accuracy A 52.99, B 54.00, difference 1.01, 95 % interval [ "),
                r.out());
        assertTrue(
                r.out().contains("P(B better) 1.000, P(A better) 0.000 (400 utterances, 500 samples, seed 0)"),
                r.out());
        assertEquals(r.out(), Files.readString(tmp.resolve("out")));
        assertEquals(
                r.out(), run("--num-samples=500", pa.toString(), pb.toString()).out());
    }

    @Test
    void badInputIsAClearError(@TempDir Path tmp) throws Exception {
        Path a = write(tmp, "a", "u1 5 10\nu2 3 4\n");
        assertError(
                run(a.toString(), write(tmp, "other", "u1 5 10\nu3 3 4\n").toString()), "different utterance sets: u2");
        assertError(
                run(
                        a.toString(),
                        write(tmp, "more", "u1 5 10\nu2 3 4\nu3 1 1\n").toString()),
                "different utterance sets: u3");
        assertError(run(a.toString(), write(tmp, "frames", "u1 5 11\nu2 3 4\n").toString()), "u1 has 10 frames");
        assertError(
                run(
                        a.toString(),
                        write(tmp, "dup", "u1 5 10\nu2 3 4\nu1 5 10\n").toString()),
                "duplicate utterance id 'u1'");
        assertError(run(a.toString(), write(tmp, "empty", "").toString()), "no utterances (empty file)");
        assertError(run(a.toString(), write(tmp, "bad", "u1 11 10\nu2 3 4\n").toString()), "0 <= correct <= frames");
        assertError(run("--num-samples=0", a.toString(), a.toString()), "--num-samples must be positive");
    }

    private static void assertError(Run r, String message) {
        assertEquals(1, r.status(), r.out());
        assertTrue(r.err().contains(message), r.err());
    }

    private static Path write(Path dir, String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }
}
