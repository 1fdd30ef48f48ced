package org.amdistill.decoding.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.amdistill.core.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeptGainTest {
    @Test
    void statisticsOfOneDraw() {
        int[] words = {4, 6};
        int[][] errors = {{2, 2}, {0, 1}, {1, 1}};
        double[] s = KeptGain.statistics(words, errors, null);
        assertEquals(40, s[0], 1e-9);
        assertEquals(10, s[1], 1e-9);
        assertEquals(20, s[2], 1e-9);
        assertEquals(-30, s[3], 1e-9);
        assertEquals(-20, s[4], 1e-9);
        assertEquals(10, s[5], 1e-9);
        assertEquals(100.0 * 2 / 3, s[6], 1e-9, "the student keeps 20 of the teacher's 30 points");
        double[] twice = KeptGain.statistics(words, errors, new int[] {1, 1});
        assertEquals(100.0 * 4 / 12, twice[0], 1e-9, "utterance 1 twice: 4 of 12 words");
    }

    @Test
    void reportsTheKeptShareWithAnIntervalAndEachWordsErrors(@TempDir Path dir) throws Exception {
        StringBuilder ref = new StringBuilder();
        StringBuilder base = new StringBuilder();
        StringBuilder teacher = new StringBuilder();
        StringBuilder student = new StringBuilder();
        for (int u = 0; u < 40; u++) {
            ref.append("u").append(u).append(" one two three\n");
            base.append("u").append(u).append(u % 2 == 0 ? " one two\n" : " one two three\n");
            teacher.append("u").append(u).append(u % 8 == 0 ? " one two\n" : " one two three\n");
            student.append("u").append(u).append(u % 4 == 0 ? " one too three\n" : " one two three\n");
        }
        Files.writeString(dir.resolve("ref"), ref);
        Files.writeString(dir.resolve("base"), base);
        Files.writeString(dir.resolve("teacher"), teacher);
        // a decode directory: its dev-chosen grid point
        Files.createDirectories(dir.resolve("student/scoring/penalty_0.0"));
        Files.createDirectories(dir.resolve("student/scoring_kaldi"));
        Files.writeString(dir.resolve("student/scoring/penalty_0.0/4.txt"), student);
        Files.writeString(
                dir.resolve("student/scoring_kaldi/wer_from_dev"),
                "%WER 8.33 [ 10 / 120, 0 ins, 0 del, 10 sub ] " + dir.resolve("student/wer_4_0.0") + "\n");
        Path out = dir.resolve("kept.txt");
        int rc = Cli.execute(
                new KeptGain(),
                new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()),
                "--num-samples=200",
                "--per-word",
                "--output=" + out,
                dir.resolve("ref").toString(),
                dir.resolve("base").toString(),
                dir.resolve("teacher").toString(),
                dir.resolve("student").toString());
        assertEquals(0, rc);
        List<String> lines = Files.readAllLines(out);
        assertTrue(lines.get(0).startsWith("%WER baseline") && lines.get(0).contains("16.67"), lines.get(0));
        String kept = lines.get(6);
        assertTrue(kept.startsWith("kept share of the teacher's WER gain") && kept.contains("66.67"), kept);
        assertTrue(
                lines.stream()
                        .anyMatch(l ->
                                l.matches("three\\s+40 \\|\\s+0\\s+20\\s+0 \\|\\s+0\\s+5\\s+0 \\|\\s+0\\s+0\\s+0")),
                String.join("\n", lines));
        assertTrue(
                lines.stream().anyMatch(l -> l.matches("two\\s+40 \\|.*\\|\\s+10\\s+0\\s+0")),
                String.join("\n", lines));
    }
}
