package org.amdistill.corpora.synth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.amdistill.core.audio.AudioData;
import org.amdistill.core.audio.AudioReader;

/** espeak-ng (Debian package espeak-ng): accents and variants; it reports no phone timing, so no CTM. */
public final class EspeakEngine implements TtsEngine {
    @Override
    public String name() {
        return "espeak-ng";
    }

    @Override
    public boolean available() {
        return Programs.onPath("espeak-ng");
    }

    @Override
    public List<Voice> voices() {
        return List.of(
                new Voice("espeak", "en-us", "m3", 'm', "train"),
                new Voice("espeak", "en-us", "f2", 'f', "train"),
                new Voice("espeak", "en", "m1", 'm', "train"),
                new Voice("espeak", "en", "f4", 'f', "train"),
                new Voice("espeak", "en-gb-x-rp", "m5", 'm', "train"),
                new Voice("espeak", "en-gb-x-rp", "f1", 'f', "train"),
                new Voice("espeak", "en-gb-scotland", "m3", 'm', "train"),
                new Voice("espeak", "en-029", "f2", 'f', "train"),
                new Voice("espeak", "en-us", "klatt", 'm', "train"),
                new Voice("espeak", "en-gb-scotland", "f1", 'f', "dev"),
                new Voice("espeak", "en", "m5", 'm', "dev"),
                new Voice("espeak", "en-029", "m1", 'm', "test"),
                new Voice("espeak", "en-gb-x-rp", "f2", 'f', "test"));
    }

    @Override
    public Synthesis synthesize(Voice voice, String text, double rate, double pitch) throws IOException {
        Path wav = Files.createTempFile("espeak", ".wav");
        try {
            int wpm = (int) Math.round(165 * rate);
            int p = (int) Math.max(0, Math.min(99, Math.round(50 * pitch)));
            Programs.run(List.of(
                    "espeak-ng",
                    "-v",
                    voice.name() + "+" + voice.variant(),
                    "-s",
                    Integer.toString(wpm),
                    "-p",
                    Integer.toString(p),
                    "-w",
                    wav.toString(),
                    text));
            AudioData a = AudioReader.read(Files.readAllBytes(wav), "espeak-ng output for '" + text + "'");
            return new Synthesis(a, null);
        } finally {
            Files.deleteIfExists(wav);
        }
    }
}
