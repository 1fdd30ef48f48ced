package org.amdistill.acoustic.bin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.amdistill.core.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoreAlignmentTest {
    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = Cli.execute(new ScoreAlignment(), new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new String[] {String.valueOf(rc), out.toString(), err.toString()};
    }

    @Test
    void countsInternalBoundariesWithinTheCollarAndHonoursTheUttList(@TempDir Path dir) throws Exception {
        // a: boundaries 0.20 and 0.50; b: 0.30
        Files.writeString(
                dir.resolve("ref"),
                "a 1 0.00 0.20 SIL\na 1 0.20 0.30 W\na 1 0.50 0.10 SIL\nb 1 0.00 0.30 SIL\nb 1 0.30 0.20 N\n");
        // a: 0.19 is 10 ms off (hit), 0.475 is 25 ms off (miss); b: 0.27 is 30 ms off (miss); c is not in the reference
        Files.writeString(
                dir.resolve("hyp"),
                "a 1 0.000 0.190 SIL\na 1 0.190 0.285 W\na 1 0.475 0.125 SIL\nb 1 0.00 0.27 SIL\nb 1 0.27 0.23 N\n"
                        + "c 1 0 1 SIL\n");
        String[] r = run(
                "--hyp-offset=0",
                dir.resolve("ref").toString(),
                dir.resolve("hyp").toString());
        assertEquals("0", r[0], r[2]);
        assertEquals("%BOUNDARY 33.33 [ 1 / 3 within 20 ms, 2 utterances ]", r[1].strip());
        r = run(
                "--hyp-offset=0",
                "--collar=0.04",
                dir.resolve("ref").toString(),
                dir.resolve("hyp").toString());
        assertTrue(r[1].startsWith("%BOUNDARY 100.00 [ 3 / 3"), r[1]);
        // by default hypothesis times are Kaldi's frame starts, 7.5 ms before the change they mark: a's 0.475 becomes
        // 17.5 ms off
        // (a hit), 0.19 stays a hit, b's 0.27 is still 22.5 ms off
        r = run(dir.resolve("ref").toString(), dir.resolve("hyp").toString());
        assertEquals("%BOUNDARY 66.67 [ 2 / 3 within 20 ms, 2 utterances ]", r[1].strip());
        Files.writeString(dir.resolve("list"), "a\n");
        r = run(
                "--hyp-offset=0",
                "--utt-list=" + dir.resolve("list"),
                dir.resolve("ref").toString(),
                dir.resolve("hyp").toString());
        assertEquals("%BOUNDARY 50.00 [ 1 / 2 within 20 ms, 1 utterances ]", r[1].strip());
        Files.writeString(dir.resolve("list"), "c\n");
        r = run(
                "--hyp-offset=0",
                "--utt-list=" + dir.resolve("list"),
                dir.resolve("ref").toString(),
                dir.resolve("hyp").toString());
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("no utterance is in both"), r[2]);
    }
}
