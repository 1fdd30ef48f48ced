package org.amdistill.dataprep.datadir;

import static org.amdistill.dataprep.datadir.DataDirFixture.edit;
import static org.amdistill.dataprep.datadir.DataDirFixture.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.amdistill.dataprep.datadir.ValidateDataDir.Report;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateDataDirTest {
    @TempDir
    Path root;

    private static Report validate(Path d) {
        return ValidateDataDir.validate(d, true, false, false, false, 1);
    }

    private static String list(Report r) {
        return r.problems().stream()
                .map(p -> p.file() + ":" + p.line() + " [" + p.key() + "] " + p.message())
                .collect(Collectors.joining("\n"));
    }

    /** There is a problem in {@code file} about {@code key}, at {@code line} (0: the file as a whole), saying {@code words}. */
    private static void assertProblem(Report r, String file, int line, String key, String words) {
        boolean found = r.problems().stream()
                .anyMatch(p -> p.file().equals(file)
                        && p.line() == line
                        && Objects.equals(key, p.key())
                        && p.message().contains(words));
        assertTrue(
                found,
                "expected a problem in " + file + ":" + line + " about '" + key + "' saying '" + words + "'; got:\n"
                        + list(r));
    }

    @Test
    void textThatIsNotUtf8IsAProblemNamingItsLine() throws IOException {
        Path d = DataDirFixture.plain(root);
        List<String> text = Files.readAllLines(d.resolve("text"));
        byte[] latin1 = (String.join("\n", text.subList(0, 2)) + "\n"
                        + text.get(2).split(" ")[0] + " caf\u00e9\n" + String.join("\n", text.subList(3, text.size()))
                        + "\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        Files.write(d.resolve("text"), latin1);
        Report r = validate(d);
        assertProblem(r, "text", 3, null, "not valid UTF-8 (byte 0xE9 at byte ");
    }

    @Test
    void validDirectoryPasses() throws IOException {
        Path d = DataDirFixture.plain(root);
        Report r = validate(d);
        assertEquals(List.of(), r.problems(), list(r));
        assertEquals(6, r.utterances());
        assertEquals(3, r.speakers());
        assertEquals((0.5 + 0.75 + 1.0 + 1.25 + 1.5 + 1.75), r.seconds(), 1e-9);

        DataDirFixture.Run run = DataDirFixture.run(new ValidateDataDir(), "--no-feats", d.toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.err().contains("6 utterances, 3 speakers, 0.00 hours"), run.err());
        assertTrue(run.err().contains("successfully validated"), run.err());
    }

    @Test
    void validSegmentedDirectoryPasses() throws IOException {
        Path d = DataDirFixture.segmented(root);
        Report r = validate(d);
        assertEquals(List.of(), r.problems(), list(r));
        assertEquals(5, r.utterances());
        assertEquals(1.0 + 1.5 + 0.75 + 1.0 + 2.0, r.seconds(), 1e-9);
    }

    @Test
    void feats_scpIsRequiredUnlessNoFeats() throws IOException {
        Path d = DataDirFixture.plain(root);
        Report r = ValidateDataDir.validate(d, false, false, false, false, 1);
        assertProblem(r, "feats.scp", 0, null, "no such file (give --no-feats");
        assertEquals(1, r.problems().size(), list(r));
    }

    @Test
    void unsortedKeysAreReportedWithLineAndKey() throws IOException {
        Path d = DataDirFixture.plain(root);
        // text lines 3 and 4 swapped
        edit(
                d,
                "text",
                "spkB-u1 HELLO WORLD 2\nspkB-u2 HELLO WORLD 3\n",
                "spkB-u2 HELLO WORLD 3\nspkB-u1 HELLO WORLD 2\n");
        Report r = validate(d);
        assertProblem(r, "text", 4, "spkB-u1", "sorted");
        assertEquals(1, r.problems().size(), list(r));
    }

    @Test
    void duplicateKeysAreReported() throws IOException {
        Path d = DataDirFixture.plain(root);
        edit(d, "utt2spk", "spkB-u1 spkB\n", "spkB-u1 spkB\nspkB-u1 spkB\n");
        Report r = validate(d);
        assertProblem(r, "utt2spk", 4, "spkB-u1", "duplicate key 'spkB-u1' (first at line 3)");
    }

    @Test
    void utteranceMissingFromTextIsReported() throws IOException {
        Path d = DataDirFixture.plain(root);
        edit(d, "text", "spkC-u1 HELLO WORLD 4\n", "");
        edit(d, "utt2dur", "spkA-u2 0.75\n", "spkA-u2 0.75\nspkA-u3 0.5\n");
        Report r = validate(d);
        assertProblem(r, "text", 0, "spkC-u1", "has no line in text");
        assertProblem(r, "utt2dur", 3, "spkA-u3", "is not in utt2spk");
        assertEquals(2, r.problems().size(), list(r));
    }

    @Test
    void speakerThatIsNotAPrefixIsAnErrorUnlessNoSpkSort() throws IOException {
        Path d = DataDirFixture.plain(root);
        edit(d, "utt2spk", "spkC-u2 spkC\n", "spkC-u2 zed\n");
        write(d, "spk2utt", "spkA spkA-u1 spkA-u2\nspkB spkB-u1 spkB-u2\nspkC spkC-u1\nzed spkC-u2\n");
        write(d, "cmvn.scp", "spkA a:1\nspkB a:2\nspkC a:3\nzed a:4\n");
        Report r = validate(d);
        assertProblem(r, "utt2spk", 6, "spkC-u2", "speaker id 'zed' is not a prefix");
        assertEquals(1, r.problems().size(), list(r));
        assertEquals(
                List.of(),
                ValidateDataDir.validate(d, true, false, false, true, 1).problems());
    }

    @Test
    void prefixesThatDoNotSortBySpeakerAreReported() throws IOException {
        Path d = root.resolve("d");
        Files.createDirectories(d);
        write(d, "utt2spk", "a_b_1 a_b\na_c a\n");
        write(d, "spk2utt", "a a_c\na_b a_b_1\n");
        write(d, "text", "a_b_1 X\na_c Y\n");
        Report r = ValidateDataDir.validate(d, true, false, true, false, 1);
        assertProblem(r, "utt2spk", 1, "a_b_1", "not sorted by speaker");
    }

    @Test
    void spk2uttThatDisagreesIsReported() throws IOException {
        Path d = DataDirFixture.plain(root);
        write(d, "spk2utt", "spkA spkA-u1 spkB-u1\nspkB spkB-u2\nspkC spkC-u1 spkC-u2 spkD-u9\n");
        Report r = validate(d);
        assertProblem(r, "spk2utt", 1, "spkB-u1", "under speaker 'spkA' here but under 'spkB' in utt2spk:3");
        assertProblem(r, "spk2utt", 3, "spkD-u9", "is not in utt2spk");
        assertProblem(r, "spk2utt", 0, "spkA-u2", "is not in spk2utt");
        assertEquals(3, r.problems().size(), list(r));
    }

    @Test
    void badSegmentTimesAreReported() throws IOException {
        Path d = DataDirFixture.segmented(root);
        edit(d, "segments", "spkA-rec1-0100 rec1 1.00 2.50", "spkA-rec1-0100 rec1 1.00 1.00");
        edit(d, "segments", "spkB-rec2-0000 rec2 0.50 1.25", "spkB-rec2-0000 rec2 -0.5 1.25");
        edit(d, "segments", "spkB-rec2-0200 rec2 2.00 3.00", "spkB-rec2-0200 rec2 2.00 -1");
        edit(d, "segments", "spkC-rec3-0000 rec3 0.00 2.00", "spkC-rec3-0000 rec3 2.00 4.00");
        Report r = validate(d);
        assertProblem(r, "segments", 2, "spkA-rec1-0100", "end time 1.00 is not after start time 1.00");
        assertProblem(r, "segments", 3, "spkB-rec2-0000", "start time -0.5 is negative");
        assertProblem(r, "segments", 4, "spkB-rec2-0200", "end time -1 is not after");
        assertProblem(r, "segments", 5, "spkC-rec3-0000", "past the end of recording 'rec3'");
        assertEquals(4, r.problems().size(), list(r));
    }

    @Test
    void segmentsMustReferToRecordingsOfWavScpAndReco2durMustMatchIt() throws IOException {
        Path d = DataDirFixture.segmented(root);
        edit(d, "segments", "spkC-rec3-0000 rec3", "spkC-rec3-0000 rec9");
        edit(d, "reco2dur", "rec2 3\n", "");
        Report r = validate(d);
        assertProblem(r, "segments", 5, "spkC-rec3-0000", "recording 'rec9' is not in wav.scp");
        assertProblem(r, "wav.scp", 3, "rec3", "has no segments");
        assertProblem(r, "reco2dur", 0, "rec2", "has no line in reco2dur");
        assertEquals(3, r.problems().size(), list(r));
    }

    @Test
    void unreadableAudioIsReportedForEachRecordingUnlessNoWav() throws IOException {
        Path d = DataDirFixture.plain(root);
        Path garbage = root.resolve("garbage.wav");
        Files.writeString(garbage, "this is not audio");
        edit(d, "wav.scp", "spkA-u2 " + root.resolve("audio/spkA-u2.wav"), "spkA-u2 " + garbage);
        edit(d, "wav.scp", "spkC-u1 " + root.resolve("audio/spkC-u1.wav"), "spkC-u1 " + root.resolve("nowhere.wav"));
        Report r = validate(d);
        assertProblem(r, "wav.scp", 2, "spkA-u2", "not a WAV");
        assertProblem(r, "wav.scp", 5, "spkC-u1", "no such file");
        assertEquals(2, r.problems().size(), list(r));
        assertEquals(
                List.of(),
                ValidateDataDir.validate(d, true, false, true, false, 1).problems());
    }

    @Test
    void everyProblemIsListedAndTheExitStatusIs1() throws IOException {
        Path d = DataDirFixture.plain(root);
        edit(d, "text", "spkC-u1 HELLO WORLD 4\n", "");
        edit(d, "utt2dur", "spkB-u2 1.25", "spkB-u2 0");
        edit(d, "text", "spkA-u1 HELLO WORLD 0", "spkA-u1 HELLO <s> WORLD");
        Files.writeString(d.resolve("cmvn.scp"), "spkA a:1\nspkC a:3\nspkB a:2\n");
        DataDirFixture.Run run =
                DataDirFixture.run(new ValidateDataDir(), "--no-feats", "--num-threads=2", d.toString());
        assertEquals(1, run.status(), run.err());
        String e = run.err();
        assertTrue(e.contains(d.resolve("text") + ": utterance 'spkC-u1' (utt2spk:5) has no line in text"), e);
        assertTrue(e.contains(d.resolve("utt2dur") + ":4: 'spkB-u2': expected a positive duration"), e);
        assertTrue(
                e.contains(d.resolve("text") + ":1: utterance 'spkA-u1': transcript contains the reserved symbol <s>"),
                e);
        assertTrue(e.contains(d.resolve("cmvn.scp") + ":3: key 'spkB' is out of sorted"), e);
        assertTrue(e.contains("4 problem(s) found"), e);
    }

    @Test
    void emptyTranscriptsAreAllowedButAMissingNewlineIsNot() throws IOException {
        Path d = DataDirFixture.plain(root);
        edit(d, "text", "spkA-u2 HELLO WORLD 1", "spkA-u2");
        Report r = validate(d);
        assertEquals(List.of(), r.problems(), list(r));
        String t = DataDirFixture.read(d, "text");
        write(d, "text", t.substring(0, t.length() - 1));
        Report r2 = validate(d);
        assertProblem(r2, "text", 0, null, "does not end with a newline");
        assertEquals(1, r2.problems().size(), list(r2));
    }
}
