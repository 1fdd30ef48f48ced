package org.amdistill.decoding.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.amdistill.core.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareWerTest {
    record Run(int status, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = Cli.execute(new CompareWer(), new PrintWriter(out), new PrintWriter(err), args);
        return new Run(rc, out.toString(), err.toString());
    }

    /** The example worked by hand: A errs in 3 of 22 words, B in 4; MAPSSWE's six segments as sc_stats finds them. */
    @Test
    void reportsWerTestsAndBootstrap(@TempDir Path tmp) throws Exception {
        Path ref = write(
                tmp,
                "ref",
                "s1-u1 one two three four five six\ns1-u2 one two three\ns2-u1 seven eight nine oh\n"
                        + "s2-u2 two two four five six seven\ns3-u1 one\ns3-u2 one two three four five six seven eight\n");
        Path a = write(
                tmp,
                "a",
                "s1-u1 one two tree four five six\ns1-u2 one three\ns2-u1 seven eight nine oh\n"
                        + "s2-u2 two two four five six seven seven\ns3-u1 one\ns3-u2 one two three four five six seven eight\n");
        Path b = write(
                tmp,
                "b",
                "s1-u1 one two three four five six\ns1-u2 one two three\ns2-u1 seven eight nine\n"
                        + "s2-u2 two two four fife six seven\ns3-u1 one one\ns3-u2 one two three four five sex seven eight\n");
        Path utt2spk = write(tmp, "utt2spk", "s1-u1 s1\ns1-u2 s1\ns2-u1 s2\ns2-u2 s2\ns3-u1 s3\ns3-u2 s3\n");
        Path report = tmp.resolve("cmp.txt");
        Run r = run(
                "--utt2spk=" + utt2spk,
                "--num-samples=2000",
                "--output=" + report,
                ref.toString(),
                a.toString(),
                b.toString());
        assertEquals(0, r.status(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals("A %WER 10.71 [ 3 / 28, 1 ins, 1 del, 1 sub ]", lines[0]);
        assertEquals("B %WER 14.29 [ 4 / 28, 1 ins, 1 del, 2 sub ]", lines[1]);
        // sc_stats on the same hypotheses: (# segs: 6) (% Error: 13.64 18.18) (mean: -0.167) (std dev: 0.983) (Z Stat:
        // -0.415)
        assertTrue(
                lines[2].startsWith(
                        "MAPSSWE (B - A): 6 segments of 6 utterances, errors per segment A - B: mean -0.167, "
                                + "sd 0.983, Z -0.415, p 0.678 (% errors in segments: A 13.64, B 18.18)"),
                lines[2]);
        // sc_stats: speakers s1 22.22/0.00, s2 10.00/20.00, s3 0.00/22.22: N(+) 2, N(-) 1, p 1.000
        assertEquals("SIGN (B - A): 3 speakers, A worse in 1, B worse in 2, equal in 0: p 1.000", lines[3]);
        assertTrue(lines[4].startsWith("BOOTSTRAP (B - A): WER difference 3.57, 95 % interval [ "), lines[4]);
        assertEquals(r.out(), Files.readString(report));
        // the same seed, the same draws; another seed, other draws
        assertEquals(
                r.out(),
                run("--utt2spk=" + utt2spk, "--num-samples=2000", ref.toString(), a.toString(), b.toString())
                        .out());
        String other = run(
                        "--utt2spk=" + utt2spk,
                        "--num-samples=2000",
                        "--seed=5",
                        ref.toString(),
                        a.toString(),
                        b.toString())
                .out();
        assertTrue(!other.split("\n")[4].equals(lines[4]) && other.split("\n")[4].contains("seed 5"), other);
        // without utt2spk the utterances are the blocks
        assertTrue(run(ref.toString(), a.toString(), b.toString())
                .out()
                .contains("SIGN (B - A): 6 utterances, A worse in 2, B worse in 3, equal in 1"));
    }

    @Test
    void decodeDirectoriesAreReadAtTheirReportedGridPoint(@TempDir Path tmp) throws Exception {
        Path ref = write(tmp, "ref", "u1 a b c\nu2 d e\n");
        Path dir = tmp.resolve("decode");
        write(dir, "scoring/test_filt.txt", "u1 a b c\nu2 d e\n");
        write(dir, "scoring/penalty_0.5/9.txt", "u1 a b c\nu2 d\n");
        write(dir, "scoring/penalty_0.0/7.txt", "u1 a x c\nu2 d e\n");
        write(
                dir,
                "scoring_kaldi/wer_from_dev",
                "%WER 20.00 [ 1 / 5, 0 ins, 1 del, 0 sub ] " + dir.resolve("wer_9_0.5") + "\n");
        Run r = run(ref.toString(), dir.toString(), ref.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("A %WER 20.00 [ 1 / 5, 0 ins, 1 del, 0 sub ]"), r.out());
        // a directory scored against another reference set
        Path other = write(tmp, "ref2", "u1 a b c\nu2 d f\n");
        r = run(other.toString(), dir.toString(), other.toString());
        assertEquals(1, r.status());
        assertTrue(
                r.err().contains("scored against a different reference set")
                        && r.err().contains("utterance u2"),
                r.err());
    }

    @Test
    void badInputIsAClearError(@TempDir Path tmp) throws Exception {
        Path ref = write(tmp, "ref", "u1 a b\nu2 c\n");
        Path good = write(tmp, "good", "u1 a b\nu2 c\n");
        assertError(
                run(ref.toString(), write(tmp, "extra", "u1 a b\nu2 c\nu9 d\n").toString(), good.toString()),
                "utterance u9 is not in the reference");
        assertError(
                run(
                        ref.toString(),
                        good.toString(),
                        write(tmp, "dup", "u1 a b\nu2 c\nu1 a\n").toString()),
                "duplicate utterance id 'u1'");
        assertError(
                run(
                        ref.toString(),
                        good.toString(),
                        write(tmp, "missing", "u1 a b\n").toString()),
                "has no hypothesis for utterance u2");
        assertError(
                run(ref.toString(), write(tmp, "empty", "").toString(), good.toString()), "no hypotheses (empty file)");
        assertError(
                run("--num-samples=0", ref.toString(), good.toString(), good.toString()),
                "--num-samples must be positive");
        assertError(
                run("--utt2spk=" + write(tmp, "u2s", "u1 s1\n"), ref.toString(), good.toString(), good.toString()),
                "no speaker for utterance u2");
    }

    private static void assertError(Run r, String message) {
        assertEquals(1, r.status(), r.out());
        assertTrue(r.err().contains(message), r.err());
    }

    private static Path write(Path dir, String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }
}
