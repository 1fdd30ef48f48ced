package org.amdistill.acoustic.bin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.amdistill.acoustic.PdfPriorOptions;
import org.amdistill.core.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzeCountsTest {
    @Test
    void countsEachPdfOfTheAlignments(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("ali.txt"), "u1 0 0 2 2 2\nu2 1 2\n");
        Path out = dir.resolve("counts.vec");
        int rc = Cli.execute(
                new AnalyzeCounts(),
                new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()),
                "--counts-dim=4",
                "ark,t:" + dir.resolve("ali.txt"),
                out.toString());
        assertEquals(0, rc);
        assertArrayEquals(new double[] {2, 1, 4, 0}, PdfPriorOptions.readCounts(out));
        rc = Cli.execute(
                new AnalyzeCounts(),
                new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()),
                "ark,t:" + dir.resolve("ali.txt"),
                out.toString());
        assertEquals(0, rc);
        assertArrayEquals(
                new double[] {2, 1, 4}, PdfPriorOptions.readCounts(out), "without --counts-dim: up to the largest id");
    }

    @Test
    void aPdfOutsideTheDimensionIsAClearError(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("ali.txt"), "u1 0 5\n");
        StringWriter err = new StringWriter();
        int rc = Cli.execute(
                new AnalyzeCounts(),
                new PrintWriter(new StringWriter()),
                new PrintWriter(err),
                "--counts-dim=4",
                "ark,t:" + dir.resolve("ali.txt"),
                dir.resolve("counts.vec").toString());
        assertEquals(1, rc);
        assertTrue(err.toString().contains("u1 has pdf id 5"), err.toString());
        assertTrue(!Files.exists(dir.resolve("counts.vec")));
    }
}
