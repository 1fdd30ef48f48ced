package org.amdistill.recipes.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.amdistill.core.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** text-to-csv and csv-to-text: the recipes' results tables through Commons CSV, both ways. */
class CsvTextTest {
    /** Runs a command with {@code stdin} as its standard input; returns {exit status, stdout, stderr}. */
    static String[] run(Object command, String stdin, String... args) {
        InputStream in = System.in;
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        try {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            int rc = Cli.execute(command, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), args);
            return new String[] {String.valueOf(rc), captured.toString(StandardCharsets.UTF_8), err.toString()};
        } finally {
            System.setIn(in);
            System.setOut(out);
        }
    }

    @Test
    void rowsOfTextBecomeATableWithUnixLineEnds(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("sweep.csv");
        String[] r = run(
                new TextToCsv(),
                "1 0.1 83.21\n\n  2\t0.1   84.02  \n",
                "--header=temperature,hard_weight,frame_acc_dev",
                csv.toString());
        assertEquals("0", r[0], r[2]);
        assertEquals("temperature,hard_weight,frame_acc_dev\n1,0.1,83.21\n2,0.1,84.02\n", Files.readString(csv));
    }

    @Test
    void whereKeepsTheRowsWithTheGivenCells(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("manifest.csv");
        Files.writeString(csv, "utt,noise,reverb\nu1,none,\nu2,babble,\nu3,none,room1\nu4,none,\n");
        String[] r = run(new CsvToText(), "", "--columns=utt", "--where=noise=none", "--where=reverb=", csv.toString());
        assertEquals("0", r[0], r[2]);
        assertEquals("u1\nu4\n", r[1], "no noise and no reverberation");
        r = run(new CsvToText(), "", "--where=noise", csv.toString());
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("--where takes COLUMN=VALUE, got 'noise'"), r[2]);
    }

    @Test
    void aCellWithACommaIsQuotedAndReadBackWhole(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("forward.csv");
        String[] r = run(new TextToCsv(), "exp/a,b/final.mdl 0.25\n", "--header=model,seconds", csv.toString());
        assertEquals("0", r[0], r[2]);
        assertEquals("model,seconds\n\"exp/a,b/final.mdl\",0.25\n", Files.readString(csv));
        r = run(new CsvToText(), "", "--columns=seconds,model", csv.toString());
        assertEquals("0", r[0], r[2]);
        assertEquals("0.25 exp/a,b/final.mdl\n", r[1]);
    }

    @Test
    void aRowWithAFieldTooFewIsAnErrorAndNothingIsWritten(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("small_data.csv");
        String[] r = run(
                new TextToCsv(),
                "baseline_small 91.2 50.1\nsoft_targets_small 70.3\n",
                "--header=system,train_frame_acc,test_frame_acc",
                csv.toString());
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("stdin line 2 has 2 fields for the 3 columns"), r[2]);
        assertTrue(Files.notExists(csv));
    }

    @Test
    void columnsAreChosenByNameFromATableWithWindowsLineEnds(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("members_dev.csv");
        Files.writeString(csv, "member,frame_acc\r\n1,0.7012\r\n2,0.6987\r\n");
        String[] r = run(new CsvToText(), "", "--columns=frame_acc", csv.toString());
        assertEquals("0", r[0], r[2]);
        assertEquals("0.7012\n0.6987\n", r[1]);
        assertEquals("1 0.7012\n2 0.6987\n", run(new CsvToText(), "", csv.toString())[1], "every column by default");
        r = run(new CsvToText(), "", "--columns=member,frame_acc_test", csv.toString());
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("no column 'frame_acc_test'"), r[2]);
    }

    @Test
    void anEmptyCellHasNoTextFormAndIsAnError(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("manifest.csv");
        Files.writeString(csv, "utt,reverb\nu1,\n");
        String[] r = run(new CsvToText(), "", csv.toString());
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("row 1, column 'reverb' is ''"), r[2]);
    }
}
