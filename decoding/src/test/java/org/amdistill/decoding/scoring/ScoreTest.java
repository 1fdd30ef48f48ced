package org.amdistill.decoding.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.amdistill.core.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoreTest {
    /** A decode directory whose grid has two points: LM weight 4 at penalty -1.0 is right, 2 at 0.5 is wrong. */
    private static Path decodeDir(Path tmp) throws Exception {
        Path d = tmp.resolve("decode_dev");
        Files.createDirectories(d.resolve("scoring/penalty_-1.0"));
        Files.createDirectories(d.resolve("scoring/penalty_0.5"));
        Files.writeString(d.resolve("scoring/test_filt.txt"), "u1 one two\nu2 three\n");
        Files.writeString(d.resolve("scoring/penalty_-1.0/4.txt"), "u1 one two\nu2 three\n");
        Files.writeString(d.resolve("scoring/penalty_0.5/2.txt"), "u1 one\nu2 four\n");
        return d;
    }

    private static String[] run(String... args) {
        PrintStream stdout = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int rc;
        try {
            rc = Cli.execute(new Score(), new PrintWriter(new StringWriter()), new PrintWriter(err), args);
        } finally {
            System.setOut(stdout);
        }
        return new String[] {String.valueOf(rc), out.toString(StandardCharsets.UTF_8), err.toString()};
    }

    @Test
    void printBestScoresADirectoryWithoutBestWerAndNamesItsBestPoint(@TempDir Path tmp) throws Exception {
        Path d = decodeDir(tmp);
        String[] r = run("--print-best", d.toString());
        assertEquals("0", r[0], r[2]);
        assertEquals("4 -1.0\n", r[1]);
        assertTrue(Files.readString(d.resolve("scoring_kaldi/best_wer")).contains("wer_4_-1.0"));
        // with best_wer there, it is read rather than scored again
        Files.writeString(d.resolve("scoring_kaldi/best_wer"), "%WER 50.00 [ 1 / 2 ] " + d.resolve("wer_2_0.5") + "\n");
        assertEquals("2 0.5\n", run("--print-best", d.toString())[1]);
        Score.Best b = Score.Best.read(d.resolve("scoring_kaldi/best_wer"));
        assertEquals(d.resolve("scoring/penalty_0.5/2.txt"), b.hypotheses(d));
    }

    @Test
    void aBestWerLineNamingNoGridPointIsAClearError(@TempDir Path tmp) throws Exception {
        Path d = decodeDir(tmp);
        Files.createDirectories(d.resolve("scoring_kaldi"));
        Files.writeString(d.resolve("scoring_kaldi/best_wer"), "%WER 0.00 [ 0 / 3 ]\n");
        String[] r = run("--print-best", d.toString());
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("no wer_LMWT_PENALTY file named"), r[2]);
    }
}
