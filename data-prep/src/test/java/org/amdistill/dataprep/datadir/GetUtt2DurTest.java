package org.amdistill.dataprep.datadir;

import static org.amdistill.dataprep.datadir.DataDirFixture.edit;
import static org.amdistill.dataprep.datadir.DataDirFixture.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GetUtt2DurTest {
    @TempDir
    Path root;

    @Test
    void durationsOfWavFilesMatchTheirLengths() throws IOException {
        Path d = DataDirFixture.plain(root);
        Files.delete(d.resolve("utt2dur"));
        DataDirFixture.Run run = DataDirFixture.run(new GetUtt2Dur(), "--num-threads=2", d.toString());
        assertEquals(0, run.status(), run.err());
        assertEquals(
                "spkA-u1 0.5\nspkA-u2 0.75\nspkB-u1 1\nspkB-u2 1.25\nspkC-u1 1.5\nspkC-u2 1.75\n", read(d, "utt2dur"));

        run = DataDirFixture.run(new GetReco2Dur(), d.toString());
        assertEquals(0, run.status(), run.err());
        assertEquals(read(d, "utt2dur"), read(d, "reco2dur"));
        assertEquals(
                List.of(),
                ValidateDataDir.validate(d, true, false, false, false, 1).problems());
    }

    @Test
    void reco2durReadsTheAudioWhenUtt2durCannotStandIn() throws IOException {
        Path d = DataDirFixture.plain(root);
        edit(d, "utt2dur", "spkA-u1 0.5\n", "");
        DataDirFixture.Run run = DataDirFixture.run(new GetReco2Dur(), d.toString());
        assertEquals(0, run.status(), run.err());
        assertEquals(
                "spkA-u1 0.5\nspkA-u2 0.75\nspkB-u1 1\nspkB-u2 1.25\nspkC-u1 1.5\nspkC-u2 1.75\n", read(d, "reco2dur"));
    }

    @Test
    void withSegmentsUtt2durIsEndMinusStartAndReco2durTheRecordings() throws IOException {
        Path d = DataDirFixture.segmented(root);
        Files.delete(d.resolve("reco2dur"));
        assertEquals(0, DataDirFixture.run(new GetUtt2Dur(), d.toString()).status());
        assertEquals(
                "spkA-rec1-0000 1\nspkA-rec1-0100 1.5\nspkB-rec2-0000 0.75\nspkB-rec2-0200 1\nspkC-rec3-0000 2\n",
                read(d, "utt2dur"));
        assertEquals(0, DataDirFixture.run(new GetReco2Dur(), d.toString()).status());
        assertEquals("rec1 3\nrec2 3\nrec3 3\n", read(d, "reco2dur"));
    }

    @Test
    void unreadableAudioIsNamedAndNothingIsWritten() throws IOException {
        Path d = DataDirFixture.plain(root);
        Files.delete(d.resolve("utt2dur"));
        edit(d, "wav.scp", "spkB-u2 " + root.resolve("audio/spkB-u2.wav"), "spkB-u2 " + root.resolve("missing.wav"));
        DataDirFixture.Run run = DataDirFixture.run(new GetUtt2Dur(), d.toString());
        assertEquals(1, run.status());
        assertTrue(
                run.err()
                        .contains(d.resolve("wav.scp") + ":4: cannot read the audio of 'spkB-u2': cannot open "
                                + root.resolve("missing.wav") + ": no such file"),
                run.err());
        assertFalse(Files.exists(d.resolve("utt2dur")));
    }
}
