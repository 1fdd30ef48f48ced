package org.amdistill.corpora.importers;

import static org.amdistill.corpora.importers.CorpusTestSupport.ok;
import static org.amdistill.corpora.importers.CorpusTestSupport.readAudio;
import static org.amdistill.corpora.importers.CorpusTestSupport.run;
import static org.amdistill.corpora.importers.CorpusTestSupport.sorted;
import static org.amdistill.corpora.importers.CorpusTestSupport.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.amdistill.core.DebianPackages;
import org.amdistill.core.audio.AudioData;
import org.amdistill.core.audio.WavWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrepareSphinxTestdataTest {
    @TempDir
    Path dir;

    @Test
    void theInstalledPackage() throws Exception {
        DebianPackages.assume(
                Files.isDirectory(PrepareSphinxTestdata.DEFAULT_ROOT),
                "pocketsphinx-testdata",
                "its recordings are the input");
        Path out = dir.resolve("data/sphinx");
        ok(new PrepareSphinxTestdata(), out.toString());
        Map<String, String> wav = table(out.resolve("wav.scp"));
        assertEquals(10, wav.size());
        Map<String, String> text = table(out.resolve("text"));
        assertEquals("ten of clubs", text.get("cards-001"));
        assertEquals(
                "he was not an ill disposed young man", text.get("librivox-sense_and_sensibility_01_austen_64kb-0880"));
        assertEquals(
                List.of("cards", "librivox"),
                List.copyOf(table(out.resolve("spk2utt")).keySet()));
        for (String f : List.of("wav.scp", "text", "utt2spk", "spk2utt", "utt2dur")) {
            assertTrue(sorted(table(out.resolve(f)).keySet()), f);
        }
        Map<String, String> dur = table(out.resolve("utt2dur"));
        for (Map.Entry<String, String> e : wav.entrySet()) {
            AudioData a = readAudio(e.getValue());
            assertEquals(16000f, a.sampleRate());
            assertEquals(a.durationSeconds(), Double.parseDouble(dur.get(e.getKey())), 0.001);
            assertTrue(a.durationSeconds() > 0.5, e.getKey());
        }
    }

    /** A root in the package's layout with 8 kHz audio: converted to 16 kHz WAVs under out-dir/wav. */
    static Path fakeRoot(Path base, float rate) throws Exception {
        Path root = base.resolve("testdata");
        Files.createDirectories(root.resolve("cards"));
        Files.createDirectories(root.resolve("librivox"));
        float[] x = new float[(int) rate];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.round(5000 * Math.sin(2 * Math.PI * 440 * i / rate));
        }
        WavWriter.write(AudioData.mono(rate, x), root.resolve("cards/001.wav"));
        WavWriter.write(AudioData.mono(rate, x), root.resolve("librivox/a-1.wav"));
        Files.writeString(root.resolve("cards/cards.fileids"), "001\n");
        Files.writeString(root.resolve("cards/cards.transcription"), "<s> ten of clubs  </s> (001)\n");
        Files.writeString(root.resolve("librivox/fileids"), "a-1\n");
        Files.writeString(root.resolve("librivox/transcription"), "<s> he was </s> (a-1)\n");
        return root;
    }

    @Test
    void resamplesTo16kHz() throws Exception {
        Path root = fakeRoot(dir, 8000);
        Path out = dir.resolve("out");
        ok(new PrepareSphinxTestdata(), "--root=" + root, out.toString());
        Map<String, String> wav = table(out.resolve("wav.scp"));
        assertEquals(out.resolve("wav/cards-001.wav").toAbsolutePath().toString(), wav.get("cards-001"));
        AudioData a = readAudio(wav.get("librivox-a-1"));
        assertEquals(16000f, a.sampleRate());
        assertEquals(16000, a.numSamples(), 2);
        assertEquals("he was", table(out.resolve("text")).get("librivox-a-1"));
        assertEquals("1.000", table(out.resolve("utt2dur")).get("cards-001"));
    }

    @Test
    void badLayout() throws Exception {
        CorpusTestSupport.Run r = run(
                new PrepareSphinxTestdata(),
                "--root=" + dir.resolve("none"),
                dir.resolve("o").toString());
        assertEquals(1, r.rc());
        assertTrue(r.err().contains("install the Debian package pocketsphinx-testdata"), r.err());
        Path root = fakeRoot(dir, 16000);
        Files.writeString(root.resolve("cards/cards.transcription"), "<s> ten of clubs </s>\n");
        r = run(new PrepareSphinxTestdata(), "--root=" + root, dir.resolve("o").toString());
        assertTrue(
                r.err().contains(root.resolve("cards/cards.transcription") + ":1: expected '<s> words </s> (file-id)'"),
                r.err());
        Files.writeString(root.resolve("cards/cards.transcription"), "<s> ten of clubs </s> (002)\n");
        r = run(new PrepareSphinxTestdata(), "--root=" + root, dir.resolve("o").toString());
        assertTrue(r.err().contains(root.resolve("cards/cards.fileids") + ":1: file id '001' has no line in"), r.err());
        Files.writeString(root.resolve("cards/cards.transcription"), "<s> ten of clubs </s> (001)\n");
        Files.delete(root.resolve("librivox/fileids"));
        r = run(new PrepareSphinxTestdata(), "--root=" + root, dir.resolve("o").toString());
        assertTrue(r.err().contains("set librivox lacks " + root.resolve("librivox/fileids")), r.err());
        assertTrue(Files.notExists(dir.resolve("o")));
    }
}
