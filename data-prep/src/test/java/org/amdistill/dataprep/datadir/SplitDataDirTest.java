package org.amdistill.dataprep.datadir;

import static org.amdistill.dataprep.datadir.DataDirFixture.keys;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitDataDirTest {
    @TempDir
    Path root;

    private DataDirFixture.Run split(String... args) {
        return DataDirFixture.run(new SplitDataDir(), args);
    }

    private static List<String> allUtts(Path splitDir, int n) throws IOException {
        List<String> all = new ArrayList<>();
        for (int k = 1; k <= n; k++) {
            Path part = splitDir.resolve(Integer.toString(k));
            assertEquals(
                    List.of(),
                    ValidateDataDir.validate(part, true, false, false, false, 1).problems(),
                    part.toString());
            all.addAll(keys(part, "utt2spk"));
        }
        return all;
    }

    @Test
    void bySpeakerKeepsSpeakersWholeAndCoversEveryUtteranceOnce() throws IOException {
        Path d = DataDirFixture.plain(root);
        DataDirFixture.Run r = split(d.toString(), "2");
        assertEquals(0, r.status(), r.err());
        Path s = d.resolve("split2");
        assertEquals(DataDirFixture.UTTS, allUtts(s, 2));
        assertEquals(List.of("spkA-u1", "spkA-u2", "spkB-u1", "spkB-u2"), keys(s.resolve("1"), "utt2spk"));
        assertEquals(List.of("spkC"), keys(s.resolve("2"), "cmvn.scp"));
        // three speakers into three jobs: one each
        assertEquals(0, split(d.toString(), "3").status());
        for (int k = 1; k <= 3; k++) {
            assertEquals(
                    1,
                    keys(d.resolve("split3").resolve(Integer.toString(k)), "spk2utt")
                            .size());
        }
    }

    @Test
    void perUtteranceSplitsEvenly() throws IOException {
        Path d = DataDirFixture.plain(root);
        assertEquals(0, split("--per-utt", d.toString(), "4").status());
        Path s = d.resolve("split4utt");
        assertEquals(DataDirFixture.UTTS, allUtts(s, 4));
        for (int k = 1; k <= 4; k++) {
            int size = keys(s.resolve(Integer.toString(k)), "utt2spk").size();
            assertTrue(size == 1 || size == 2, "part " + k + " has " + size);
        }
    }

    @Test
    void moreJobsThanSpeakersIsAClearError() throws IOException {
        Path d = DataDirFixture.plain(root);
        DataDirFixture.Run r = split(d.toString(), "4");
        assertEquals(1, r.status());
        assertTrue(
                r.err().contains("3 speaker(s), fewer than the 4 jobs")
                        && r.err().contains("--per-utt"),
                r.err());
        assertTrue(!Files.exists(d.resolve("split4")), "nothing written");
        r = split("--per-utt", d.toString(), "7");
        assertEquals(1, r.status());
        assertTrue(r.err().contains("6 utterance(s), fewer than the 7 jobs"), r.err());
        assertEquals(1, split(d.toString(), "0").status());
    }

    @Test
    void aSplitIsReusedUntilItsSourceChanges() throws IOException {
        Path d = DataDirFixture.plain(root);
        assertEquals(0, split(d.toString(), "2").status());
        Path marker = d.resolve("split2").resolve("1").resolve("utt2spk");
        long made = Files.getLastModifiedTime(marker).toMillis();
        DataDirFixture.Run again = split(d.toString(), "2");
        assertTrue(again.err().contains("up to date"), again.err());
        assertEquals(made, Files.getLastModifiedTime(marker).toMillis());

        // another data dir's split copied in (or the source edited) is remade, not reused
        String before = Files.readString(d.resolve("split2").resolve(SplitDataDir.SOURCE_FILE));
        DataDirFixture.edit(d, "text", "spkA-u1 HELLO", "spkA-u1 GOODBYE");
        DataDirFixture.Run remade = split(d.toString(), "2");
        assertTrue(remade.err().contains("into 2 parts"), remade.err());
        assertNotEquals(before, Files.readString(d.resolve("split2").resolve(SplitDataDir.SOURCE_FILE)));
        assertTrue(Files.readString(d.resolve("split2").resolve("1").resolve("text"))
                .contains("GOODBYE"));
    }
}
