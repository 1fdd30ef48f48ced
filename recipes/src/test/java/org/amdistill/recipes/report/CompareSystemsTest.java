package org.amdistill.recipes.report;

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

class CompareSystemsTest {
    /** Ten utterances of four words: the baseline errs in 8 words, the ensemble in 4, the student in 5. */
    static Path decodeDirs(Path tmp) throws Exception {
        StringBuilder ref = new StringBuilder();
        StringBuilder base = new StringBuilder();
        StringBuilder ens = new StringBuilder();
        StringBuilder stu = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            String u = "u" + i;
            ref.append(u).append(" one two three four\n");
            base.append(u).append(i < 8 ? " one two three five\n" : " one two three four\n");
            ens.append(u).append(i < 4 ? " one two three five\n" : " one two three four\n");
            stu.append(u).append(i < 5 ? " one two three five\n" : " one two three four\n");
        }
        for (String[] s :
                new String[][] {{"base", base.toString()}, {"ens", ens.toString()}, {"stu", stu.toString()}}) {
            Path d = tmp.resolve(s[0]);
            Files.createDirectories(d.resolve("scoring"));
            Files.writeString(d.resolve("scoring/test_filt.txt"), ref);
            Files.writeString(d.resolve("hyp.txt"), s[1]);
        }
        return tmp.resolve("base/scoring/test_filt.txt");
    }

    @Test
    void everyPairAndTheGainKept(@TempDir Path tmp) throws Exception {
        Path ref = decodeDirs(tmp);
        Path csv = tmp.resolve("significance.csv");
        int rc = Cli.execute(
                new CompareSystems(),
                "--ref=" + ref,
                "--gain-kept=baseline,ensemble,distilled",
                "--num-samples=1000",
                "baseline=" + tmp.resolve("base"),
                "ensemble=" + tmp.resolve("ens"),
                "distilled=" + tmp.resolve("stu"),
                csv.toString());
        assertEquals(0, rc);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(String.join(",", CompareSystems.COLUMNS), lines.get(0));
        assertEquals(5, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(1).startsWith("ensemble vs baseline,baseline,ensemble,20.00,10.00,-10.00,"), lines.get(1));
        assertTrue(
                lines.get(2).startsWith("distilled vs baseline,baseline,distilled,20.00,12.50,-7.50,"), lines.get(2));
        assertTrue(lines.get(3).startsWith("distilled vs ensemble,ensemble,distilled,10.00,12.50,2.50,"), lines.get(3));
        // (8 - 5) / (8 - 4) errors: the student keeps 75 % of the gain
        assertTrue(
                lines.get(4)
                        .startsWith(
                                "WER gain kept by distilled (% of ensemble vs baseline),baseline,distilled,20.00,12.50,75.00,"),
                lines.get(4));
        // the ensemble errs on a subset of the baseline's utterances: every draw has it better or equal
        String[] ens = lines.get(1).split(",");
        assertTrue(Double.parseDouble(ens[7]) < 0 && Double.parseDouble(ens[8]) > 0.9, lines.get(1));

        Files.writeString(
                tmp.resolve("results.csv"),
                "system,params,frame_acc_dev,frame_acc_test,wer_test,rtf\n"
                        + "baseline,1,70.1,68.0,20.0,0.02\nensemble,10,73.0,71.0,10.0,0.20\ndistilled,1,72.4,70.5,12.5,0.015\n");
        Path out = tmp.resolve("out");
        assertEquals(
                0,
                Cli.execute(
                        new MakeReport(),
                        "--results=" + tmp.resolve("results.csv"),
                        "--significance=" + csv,
                        out.toString()));
        String md = Files.readString(out.resolve("RESULTS.md"));
        assertTrue(md.contains("## Is the difference real? (test WER)"), md);
        assertTrue(md.contains("| ensemble vs baseline | 20.00 % → 10.00 % | -10.00 ["), md);
        assertTrue(
                md.contains("| WER gain kept by distilled (% of ensemble vs baseline) | 20.00 % → 12.50 % | 75.00 % ["),
                md);
        assertTrue(
                Files.readString(out.resolve("report.html")).contains("<h2>Is the difference real? (test WER)</h2>"));
    }

    @Test
    void eachWordsErrorsBySystem(@TempDir Path tmp) throws Exception {
        Path ref = decodeDirs(tmp);
        Path perWord = tmp.resolve("per_word.txt");
        int rc = Cli.execute(
                new CompareSystems(),
                "--ref=" + ref,
                "--per-word=" + perWord,
                "--num-samples=10",
                "baseline=" + tmp.resolve("base"),
                "ensemble=" + tmp.resolve("ens"),
                tmp.resolve("significance.csv").toString());
        assertEquals(0, rc);
        List<String> lines = Files.readAllLines(perWord);
        assertEquals("word          count | baseline sub/del/ins | ensemble sub/del/ins", lines.get(0));
        assertTrue(lines.contains("four             10 |    8    0    0 |    4    0    0"), String.join("\n", lines));
        assertTrue(lines.contains("one              10 |    0    0    0 |    0    0    0"), String.join("\n", lines));
    }

    @Test
    void badInputIsAClearError(@TempDir Path tmp) throws Exception {
        Path ref = decodeDirs(tmp);
        Path csv = tmp.resolve("s.csv");
        assertError(
                "expected NAME=DECODE_DIR",
                "--ref=" + ref,
                "baseline",
                "ensemble=" + tmp.resolve("ens"),
                csv.toString());
        assertError(
                "--gain-kept needs three of the systems",
                "--ref=" + ref,
                "--gain-kept=baseline,x,y",
                "baseline=" + tmp.resolve("base"),
                "ensemble=" + tmp.resolve("ens"),
                csv.toString());
        Files.writeString(tmp.resolve("other.txt"), "u0 one two three four\n");
        assertError(
                "scored against a different reference set",
                "--ref=" + tmp.resolve("other.txt"),
                "baseline=" + tmp.resolve("base"),
                "ensemble=" + tmp.resolve("ens"),
                csv.toString());
        assertError(
                "--num-samples must be positive",
                "--ref=" + ref,
                "--num-samples=0",
                "baseline=" + tmp.resolve("base"),
                "ensemble=" + tmp.resolve("ens"),
                csv.toString());
        assertTrue(Files.notExists(csv));
    }

    private static void assertError(String message, String... args) {
        StringWriter err = new StringWriter();
        assertEquals(
                1, Cli.execute(new CompareSystems(), new PrintWriter(new StringWriter()), new PrintWriter(err), args));
        assertTrue(err.toString().contains(message), err.toString());
    }
}
