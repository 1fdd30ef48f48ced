package org.amdistill.dataprep.datadir;

import static org.amdistill.dataprep.datadir.DataDirFixture.edit;
import static org.amdistill.dataprep.datadir.DataDirFixture.keys;
import static org.amdistill.dataprep.datadir.DataDirFixture.read;
import static org.amdistill.dataprep.datadir.DataDirFixture.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FixDataDirTest {
    @TempDir
    Path root;

    private static void assertValid(Path d) {
        ValidateDataDir.Report r = ValidateDataDir.validate(d, true, false, false, false, 1);
        assertEquals(List.of(), r.problems());
    }

    @Test
    void keepsExactlyTheIntersectionAndTheResultValidates() throws IOException {
        Path d = DataDirFixture.plain(root);
        String oldText = read(d, "text");
        edit(d, "text", "spkA-u2 HELLO WORLD 1\n", ""); // spkA-u2 lacks text
        edit(d, "utt2dur", "spkC-u1 1.5\n", ""); // spkC-u1 lacks utt2dur
        edit(d, "wav.scp", "spkB-u2 ", "spkB-u3 "); // spkB-u2 lacks wav.scp; spkB-u3 is extra
        edit(d, "text", "spkC-u2 HELLO", "spkZ-u1 EXTRA\nspkC-u2 HELLO"); // a text line with no utt2spk line
        edit(d, "utt2spk", "spkA-u1 spkA\n", "spkA-u1 spkA\nspkA-u1 spkA\n"); // duplicate line
        List<String> wavLines =
                new ArrayList<>(List.of(read(d, "wav.scp").strip().split("\n")));
        Collections.reverse(wavLines); // wav.scp out of order
        write(d, "wav.scp", String.join("\n", wavLines) + "\n");
        String before = read(d, "text");

        DataDirFixture.Run run = DataDirFixture.run(new FixDataDir(), d.toString());
        assertEquals(0, run.status(), run.err());

        List<String> expected = List.of("spkA-u1", "spkB-u1", "spkC-u2");
        assertEquals(expected, keys(d, "utt2spk"));
        assertEquals(expected, keys(d, "text"));
        assertEquals(expected, keys(d, "wav.scp"));
        assertEquals(expected, keys(d, "utt2dur"));
        assertEquals("spkA spkA-u1\nspkB spkB-u1\nspkC spkC-u2\n", read(d, "spk2utt"));
        assertEquals(List.of("spkA", "spkB", "spkC"), keys(d, "cmvn.scp"));
        assertTrue(read(d, "text").contains("spkC-u2 HELLO WORLD 5\n"));
        assertValid(d);

        String e = run.err();
        assertTrue(
                e.contains("kept 3 utterances out of 6; removed 3: 1 not in text, 1 not in wav.scp, 1 not in utt2dur"),
                e);
        // the old files are in .backup, as they were
        assertEquals(before, read(d.resolve(".backup"), "text"));
        assertFalse(oldText.equals(before));
        assertEquals(
                List.of("spkA-u1", "spkA-u1", "spkA-u2", "spkB-u1", "spkB-u2", "spkC-u1", "spkC-u2"),
                keys(d.resolve(".backup"), "utt2spk"));
    }

    @Test
    void speakersWithoutCmvnGoWithTheirUtterances() throws IOException {
        Path d = DataDirFixture.plain(root);
        edit(d, "cmvn.scp", "spkB cmvn.ark:100\n", "");
        FixDataDir.Result r = FixDataDir.fix(d);
        assertEquals(4, r.after());
        assertEquals(List.of("spkA-u1", "spkA-u2", "spkC-u1", "spkC-u2"), keys(d, "utt2spk"));
        assertTrue(
                r.messages().contains("kept 4 utterances out of 6; removed 2: 2 whose speaker is not in cmvn.scp"),
                r.messages().toString());
        assertValid(d);
    }

    @Test
    void segmentedDirectoryKeepsRecordingsConsistent() throws IOException {
        Path d = DataDirFixture.segmented(root);
        edit(d, "segments", "spkB-rec2-0000 rec2 0.50 1.25", "spkB-rec2-0000 rec2 1.50 1.25"); // bad times
        edit(d, "segments", "spkC-rec3-0000 rec3", "spkC-rec3-0000 rec9"); // unknown recording
        edit(d, "text", "spkA-rec1-0100 SOME WORDS\n", "");
        FixDataDir.Result r = FixDataDir.fix(d);
        assertEquals(List.of("spkA-rec1-0000", "spkB-rec2-0200"), keys(d, "utt2spk"));
        assertEquals(List.of("spkA-rec1-0000", "spkB-rec2-0200"), keys(d, "segments"));
        assertEquals(List.of("rec1", "rec2"), keys(d, "wav.scp"));
        assertEquals(List.of("rec1", "rec2"), keys(d, "reco2dur"));
        assertEquals(List.of("spkA", "spkB"), keys(d, "cmvn.scp"));
        assertTrue(
                r.messages()
                        .contains("kept 2 utterances out of 5; removed 3: 1 not in text, "
                                + "1 with a bad segments line, 1 whose recording is not in wav.scp"),
                r.messages().toString());
        assertValid(d);
    }

    @Test
    void aValidDirectoryIsLeftAsItWas() throws IOException {
        Path d = DataDirFixture.plain(root);
        String text = read(d, "text");
        String wav = read(d, "wav.scp");
        FixDataDir.Result r = FixDataDir.fix(d);
        assertEquals(6, r.after());
        assertEquals(text, read(d, "text"));
        assertEquals(wav, read(d, "wav.scp"));
        assertTrue(r.messages().contains("kept all 6 utterances"), r.messages().toString());
        assertTrue(Files.exists(d.resolve(".backup/utt2spk")));
    }

    @Test
    void refusesToEmptyTheDirectory() throws IOException {
        Path d = DataDirFixture.plain(root);
        write(d, "text", "other X\n");
        String u2s = read(d, "utt2spk");
        DataDirFixture.Run run = DataDirFixture.run(new FixDataDir(), d.toString());
        assertEquals(1, run.status());
        assertTrue(run.err().contains("no utterances would remain (6 not in text)"), run.err());
        assertEquals(u2s, read(d, "utt2spk"));
    }
}
