package org.amdistill.acoustic.bin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.amdistill.acoustic.dnn.DnnTrainerTestSupport;
import org.amdistill.core.cli.Cli;
import org.amdistill.core.table.Codecs;
import org.amdistill.core.table.Matrix;
import org.amdistill.core.table.TableWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a model is given, checked before it runs (issue 20): features of another dimension, NaN features and pdf ids
 * outside the model give one line naming the utterance, exit 1 and no output; they were a DL4J stack trace, NaN
 * rows written with exit 0, and a frame accuracy counted over them.
 */
class BadModelInputTest {
    @TempDir
    static Path dir;

    private static Path model;

    @BeforeAll
    static void trainModel() throws Exception {
        model = DnnTrainerTestSupport.trainTiny(dir.resolve("exp"), 16);
        Matrix good = DnnTrainerTestSupport.features(1, 12);
        Matrix nan = DnnTrainerTestSupport.features(2, 12);
        nan.data()[2 * nan.cols() + 3] = Float.NaN;
        try (TableWriter<Matrix> w = TableWriter.open("ark:" + dir.resolve("good.ark"), Codecs.MATRIX);
                TableWriter<Matrix> n = TableWriter.open("ark:" + dir.resolve("nan.ark"), Codecs.MATRIX);
                TableWriter<Matrix> d = TableWriter.open("ark:" + dir.resolve("dim5.ark"), Codecs.MATRIX);
                TableWriter<int[]> a = TableWriter.open("ark:" + dir.resolve("ali.ark"), Codecs.INT_VECTOR);
                TableWriter<int[]> neg = TableWriter.open("ark:" + dir.resolve("neg.ark"), Codecs.INT_VECTOR)) {
            w.write("u1", good);
            n.write("u1", good);
            n.write("u2", nan);
            d.write("u1", new Matrix(12, 5));
            int[] ali = new int[12];
            a.write("u1", ali);
            a.write("u2", ali);
            int[] bad = ali.clone();
            bad[4] = -1;
            neg.write("u1", bad);
        }
    }

    record Run(int status, String err) {}

    private static Run run(Object command, String... args) {
        StringWriter err = new StringWriter();
        int rc = Cli.execute(command, new PrintWriter(new StringWriter()), new PrintWriter(err), args);
        assertFalse(err.toString().contains("\tat "), "no stack trace: " + err);
        return new Run(rc, err.toString().strip());
    }

    private static String ark(String name) {
        return "ark:" + dir.resolve(name);
    }

    @Test
    void featuresOfAnotherDimensionNameTheUtteranceAndBothDimensions() {
        String expected = "utterance 'u1': features have dimension 5 but the model takes 8";
        Run fwd = run(new NnetForward(), "--model=" + model, ark("dim5.ark"), ark("out-dim.ark"));
        assertEquals(1, fwd.status());
        assertTrue(fwd.err().startsWith("ERROR (nnet-forward) " + expected), fwd.err());
        assertFalse(Files.exists(dir.resolve("out-dim.ark")));
        Run acc = run(new EvalFrameAcc(), "--model=" + model, ark("dim5.ark"), ark("ali.ark"));
        assertEquals(1, acc.status());
        assertTrue(acc.err().startsWith("ERROR (eval-frame-acc) " + expected), acc.err());
    }

    @Test
    void nanFeaturesAreRefusedNamingUtteranceFrameAndColumn() {
        String expected = "utterance 'u2': feature value NaN at frame 2, column 3 (features must be finite)";
        Run fwd = run(new NnetForward(), "--model=" + model, ark("nan.ark"), ark("out-nan.ark"));
        assertEquals(1, fwd.status());
        assertEquals("ERROR (nnet-forward) " + expected, fwd.err());
        assertFalse(Files.exists(dir.resolve("out-nan.ark")), "no archive with NaN rows, nor a partial one");
        Run acc = run(new EvalFrameAcc(), "--model=" + model, ark("nan.ark"), ark("ali.ark"));
        assertEquals(1, acc.status());
        assertEquals("ERROR (eval-frame-acc) " + expected, acc.err());
    }

    @Test
    void aNegativePdfIdInTheAlignmentIsRefused() {
        Run acc = run(new EvalFrameAcc(), "--model=" + model, ark("good.ark"), ark("neg.ark"));
        assertEquals(1, acc.status());
        assertTrue(
                acc.err()
                        .startsWith("ERROR (eval-frame-acc) alignment of utterance 'u1', frame 4: pdf id -1 is"
                                + " outside the model's range [0, 6)"),
                acc.err());
    }
}
