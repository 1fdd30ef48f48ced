package org.amdistill.decoding.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.amdistill.core.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComputeWerTest {
    /** Kaldi's reference outputs, kept in the repository (see testdata/README.md). */
    static final Path REF_DIR =
            Path.of("..", "testdata", "kaldi").toAbsolutePath().normalize();

    static Path reference(String name) {
        return REF_DIR.resolve(name);
    }

    record Run(int status, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = Cli.execute(new ComputeWer(), new PrintWriter(out), new PrintWriter(err), args);
        return new Run(rc, out.toString(), err.toString());
    }

    @Test
    void presentAndAllMatchKaldiLineForLine() throws Exception {
        for (String mode : List.of("present", "all")) {
            Run r = run(
                    "--text", "--mode=" + mode, "ark:" + reference("wer_ref.txt"), "ark:" + reference("wer_hyp.txt"));
            assertEquals(0, r.status(), r.err());
            String expected = Files.readString(reference("wer_" + mode + ".out"), StandardCharsets.UTF_8);
            assertEquals(expected, r.out(), "mode " + mode);
        }
    }

    @Test
    void strictFailsLikeKaldi() throws Exception {
        Run r = run("--text", "--mode=strict", "ark:" + reference("wer_ref.txt"), "ark:" + reference("wer_hyp.txt"));
        String expected = Files.readString(reference("wer_strict.out"), StandardCharsets.UTF_8)
                .strip();
        assertEquals(expected, "exit " + r.status());
        assertEquals("", r.out());
        assertTrue(r.err().contains("No hypothesis for key u5"), r.err());
    }

    @Test
    void integerModeRejectsWords(@TempDir Path tmp) throws Exception {
        Run r = run("--mode=present", "ark:" + reference("wer_ref.txt"), "ark:" + reference("wer_hyp.txt"));
        assertEquals(1, r.status());
        assertTrue(r.err().contains("utterance u1") && r.err().contains("--text"), r.err());
        Path ref = tmp.resolve("ref");
        Path hyp = tmp.resolve("hyp");
        Files.writeString(ref, "a 1 2 3\nb 4\n");
        Files.writeString(hyp, "a 1 3\nb 4\n");
        r = run("ark:" + ref, "ark:" + hyp);
        assertEquals(0, r.status(), r.err());
        assertEquals(
                "%WER 25.00 [ 1 / 4, 0 ins, 1 del, 0 sub ]\n%SER 50.00 [ 1 / 2 ]\nScored 2 sentences, 0 not present in hyp.\n",
                r.out());
    }

    @Test
    void badModeIsAnError() {
        Run r = run("--text", "--mode=some", "ark:" + reference("wer_ref.txt"), "ark:" + reference("wer_hyp.txt"));
        assertEquals(1, r.status());
        assertTrue(r.err().contains("--mode option invalid"), r.err());
    }

    @Test
    void statsOutputListsEveryAlignedPair(@TempDir Path tmp) throws Exception {
        Path stats = tmp.resolve("stats");
        Run r = run(
                "--text",
                "--mode=present",
                "ark:" + reference("wer_ref.txt"),
                "ark:" + reference("wer_hyp.txt"),
                stats.toString());
        assertEquals(0, r.status(), r.err());
        List<String> lines = Files.readAllLines(stats);
        assertEquals("correct one", lines.get(0));
        assertEquals("substitution three tree", lines.get(2));
        assertEquals("deletion five", lines.get(4));
        assertEquals(2, lines.stream().filter(l -> l.startsWith("insertion")).count());
    }

    @Test
    void formattingRoundsTheFloatLikeGlibc() {
        assertEquals("58.82", WerSummary.fixed2((float) (100.0 * 10f / 17f)));
        assertEquals("0.12", WerSummary.fixed2(0.125f)); // exact binary tie: half-even, unlike Java's HALF_UP
        assertEquals("100.00", WerSummary.fixed2(100f));
        assertEquals("-nan", WerSummary.fixed2(Float.NaN));
    }

    /** The counting recursion and the alignment agree on the total, and the DP total is the true minimum. */
    @Test
    void countsAgreeWithAlignmentOnRandomSentences() {
        Random rnd = new Random(7);
        for (int t = 0; t < 2000; t++) {
            List<String> ref = randomWords(rnd);
            List<String> hyp = randomWords(rnd);
            EditDistance.Counts c = EditDistance.counts(ref, hyp);
            assertEquals(c.errors(), c.insertions() + c.deletions() + c.substitutions());
            assertEquals(ref.size() - hyp.size(), c.deletions() - c.insertions());
            List<EditDistance.Pair> al = EditDistance.align(ref, hyp);
            long errs = al.stream().filter(p -> p.op() != 'C').count();
            assertEquals(c.errors(), errs);
            assertEquals(bruteForce(ref, hyp, 0, 0), c.errors());
        }
    }

    @Test
    void kaldiTieBreakPrefersDeletionOverInsertion() {
        // "a b" vs "b a": 2 errors; Kaldi's counting gives 1 ins + 1 del, not 2 sub
        EditDistance.Counts c = EditDistance.counts(List.of("a", "b"), List.of("b", "a"));
        assertEquals(2, c.errors());
        assertEquals(1, c.insertions());
        assertEquals(1, c.deletions());
        assertEquals(0, c.substitutions());
    }

    @Test
    void perUttAndOpsFilesHaveKaldisLayout() {
        Map<String, List<String>> ref = Map.of("A", List.of("wa", "wb", "wc", "wd"));
        Map<String, List<String>> hyp = Map.of("A", List.of("wz", "wa", "wb", "wd"));
        List<String> per = ScoringDetails.perUtterance(ref, hyp);
        assertEquals("A ref  ***  wa  wb   wc  wd", per.get(0));
        assertEquals("A hyp   wz  wa  wb  ***  wd", per.get(1));
        assertEquals("A op    I    C   C   D    C", per.get(2));
        assertEquals("A #csid 3 0 1 1", per.get(3));
        List<String> ops = ScoringDetails.ops(ref, hyp);
        assertEquals(
                List.of(
                        "correct        wa     wa    1",
                        "correct        wb     wb    1",
                        "correct        wd     wd    1",
                        "deletion       wc    ***    1",
                        "insertion     ***     wz    1"),
                ops);
    }

    static List<String> randomWords(Random rnd) {
        String[] w = new String[rnd.nextInt(6)];
        for (int i = 0; i < w.length; i++) {
            w[i] = String.valueOf((char) ('a' + rnd.nextInt(3)));
        }
        return Arrays.asList(w);
    }

    static int bruteForce(List<String> r, List<String> h, int i, int j) {
        if (i == r.size()) {
            return h.size() - j;
        }
        if (j == h.size()) {
            return r.size() - i;
        }
        int sub = bruteForce(r, h, i + 1, j + 1) + (r.get(i).equals(h.get(j)) ? 0 : 1);
        return Math.min(sub, Math.min(bruteForce(r, h, i + 1, j) + 1, bruteForce(r, h, i, j + 1) + 1));
    }

    @Test
    void twoEmptyFilesAreAnErrorNotAWerOfMinusNan(@TempDir Path dir) throws Exception {
        Path ref = Files.createFile(dir.resolve("ref"));
        Path hyp = Files.createFile(dir.resolve("hyp"));
        Run r = run("--text", "--mode=present", "ark:" + ref, "ark:" + hyp);
        assertEquals(1, r.status());
        assertEquals("", r.out(), "no %WER -nan line");
        assertTrue(
                r.err()
                        .startsWith("ERROR (compute-wer) ark:" + ref + " against ark:" + hyp
                                + ": no reference words to score (0 sentences scored"),
                r.err());
    }

    @Test
    void textThatIsNotUtf8IsRefusedNotScoredAsTheSameWord(@TempDir Path dir) throws Exception {
        // Latin-1 "café" against "cafè": Kaldi compares bytes (50 % here); decoded as U+FFFD they were equal (0 %)
        Path ref = Files.write(dir.resolve("ref"), new byte[] {'u', '1', ' ', 'a', ' ', 'c', 'a', 'f', (byte) 0xe9});
        Path hyp = Files.write(dir.resolve("hyp"), new byte[] {'u', '1', ' ', 'a', ' ', 'c', 'a', 'f', (byte) 0xe8});
        Run r = run("--text", "--mode=present", "ark:" + ref, "ark:" + hyp);
        assertEquals(1, r.status());
        assertEquals(
                "ERROR (compute-wer) " + ref + ":1: not valid UTF-8 (byte 0xE9 at byte 9 of the line); text files must"
                        + " be UTF-8",
                r.err().strip());
    }
}
