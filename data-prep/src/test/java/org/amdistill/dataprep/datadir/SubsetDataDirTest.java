package org.amdistill.dataprep.datadir;

import static org.amdistill.dataprep.datadir.DataDirFixture.keys;
import static org.amdistill.dataprep.datadir.DataDirFixture.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubsetDataDirTest {
    @TempDir
    Path root;

    private Path subset(Path src, String... opts) {
        Path dest = root.resolve("subset");
        List<String> args = new ArrayList<>(List.of(opts));
        args.add(src.toString());
        args.add(dest.toString());
        DataDirFixture.Run run = DataDirFixture.run(new SubsetDataDir(), args.toArray(new String[0]));
        assertEquals(0, run.status(), run.err());
        assertEquals(
                List.of(),
                ValidateDataDir.validate(dest, true, false, false, false, 1).problems());
        return dest;
    }

    @Test
    void firstAndLast() throws IOException {
        Path d = DataDirFixture.plain(root);
        Path s = subset(d, "--first=3");
        assertEquals(List.of("spkA-u1", "spkA-u2", "spkB-u1"), keys(s, "utt2spk"));
        assertEquals(keys(s, "utt2spk"), keys(s, "text"));
        assertEquals(keys(s, "utt2spk"), keys(s, "wav.scp"));
        assertEquals(keys(s, "utt2spk"), keys(s, "utt2dur"));
        assertEquals("spkA spkA-u1 spkA-u2\nspkB spkB-u1\n", read(s, "spk2utt"));
        assertEquals(List.of("spkA", "spkB"), keys(s, "cmvn.scp"));

        s = subset(d, "--last=2");
        assertEquals(List.of("spkC-u1", "spkC-u2"), keys(s, "utt2spk"));
        assertEquals(List.of("spkC"), keys(s, "cmvn.scp"));
        assertEquals(
                "spkC-u2 HELLO WORLD 5\n",
                read(s, "text").substring(read(s, "text").indexOf("spkC-u2")));
    }

    @Test
    void fractionAndSpeakersAreSeededAndSpeakersAreWhole() throws IOException {
        Path d = DataDirFixture.plain(root);
        List<String> a = keys(subset(d, "--fraction=0.5", "--seed=7"), "utt2spk");
        List<String> b = keys(subset(d, "--fraction=0.5", "--seed=7"), "utt2spk");
        assertEquals(3, a.size());
        assertEquals(a, b);
        assertTrue(DataDirFixture.UTTS.containsAll(a));

        Path s = subset(d, "--speakers=2", "--seed=3");
        List<String> spks = keys(s, "spk2utt");
        assertEquals(2, spks.size());
        List<String> expected = new ArrayList<>();
        for (String u : DataDirFixture.UTTS) {
            if (spks.contains(u.substring(0, 4))) {
                expected.add(u);
            }
        }
        assertEquals(expected, keys(s, "utt2spk"));
        assertEquals(spks, keys(s, "cmvn.scp"));
    }

    @Test
    void uttListAndSpkList() throws IOException {
        Path d = DataDirFixture.plain(root);
        Path list = root.resolve("list");
        Files.writeString(list, "spkC-u1\nspkA-u2 anything after the id\n");
        Path s = subset(d, "--utt-list=" + list);
        assertEquals(List.of("spkA-u2", "spkC-u1"), keys(s, "utt2spk"));
        assertEquals(List.of("spkA-u2", "spkC-u1"), keys(s, "wav.scp"));
        assertEquals(List.of("spkA", "spkC"), keys(s, "cmvn.scp"));

        Files.writeString(list, "spkB\n");
        s = subset(d, "--spk-list=" + list);
        assertEquals(List.of("spkB-u1", "spkB-u2"), keys(s, "utt2spk"));
        assertEquals("spkB spkB-u1 spkB-u2\n", read(s, "spk2utt"));
        assertEquals(List.of("spkB"), keys(s, "cmvn.scp"));
    }

    @Test
    void unknownIdsInAListAreAnErrorNamingTheFirstTenAndTheCount() throws IOException {
        Path d = DataDirFixture.plain(root);
        Path list = root.resolve("list");
        StringBuilder sb = new StringBuilder("spkA-u1\n");
        for (int i = 0; i < 12; i++) {
            sb.append("nobody-").append(i).append('\n');
        }
        Files.writeString(list, sb.toString());
        Path dest = root.resolve("subset");
        DataDirFixture.Run run =
                DataDirFixture.run(new SubsetDataDir(), "--utt-list=" + list, d.toString(), dest.toString());
        assertEquals(1, run.status());
        assertTrue(
                run.err()
                        .contains(
                                "12 utterance(s) not in " + d.resolve("utt2spk")
                                        + ": nobody-0 nobody-1 nobody-2 nobody-3 nobody-4 nobody-5 nobody-6 nobody-7 nobody-8 nobody-9 ..."),
                run.err());
        assertFalse(run.err().contains("nobody-10"), run.err());
        assertFalse(Files.exists(dest));

        Files.writeString(list, "spkA\nspkQ\n");
        run = DataDirFixture.run(new SubsetDataDir(), "--spk-list=" + list, d.toString(), dest.toString());
        assertEquals(1, run.status());
        assertTrue(run.err().contains("1 speaker(s) not in " + d.resolve("utt2spk") + ": spkQ"), run.err());
    }

    @Test
    void segmentsFilterRecordingsAndSpeakerTables() throws IOException {
        Path d = DataDirFixture.segmented(root);
        Path list = root.resolve("list");
        Files.writeString(list, "spkA-rec1-0100\nspkB-rec2-0000\n");
        Path s = subset(d, "--utt-list=" + list);
        assertEquals(List.of("spkA-rec1-0100", "spkB-rec2-0000"), keys(s, "segments"));
        assertEquals(List.of("rec1", "rec2"), keys(s, "wav.scp"));
        assertEquals(List.of("rec1", "rec2"), keys(s, "reco2dur"));
        assertEquals(List.of("spkA", "spkB"), keys(s, "cmvn.scp"));
        assertEquals(new HashSet<>(keys(s, "utt2spk")), new HashSet<>(keys(s, "text")));
    }

    @Test
    void exactlyOneModeIsRequired() throws IOException {
        Path d = DataDirFixture.plain(root);
        DataDirFixture.Run run = DataDirFixture.run(
                new SubsetDataDir(),
                "--first=1",
                "--last=1",
                d.toString(),
                root.resolve("x").toString());
        assertEquals(1, run.status());
        assertTrue(run.err().contains("give exactly one of"), run.err());
    }
}
