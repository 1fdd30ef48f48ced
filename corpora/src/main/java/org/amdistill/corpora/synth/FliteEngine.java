package org.amdistill.corpora.synth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.amdistill.core.audio.AudioData;
import org.amdistill.core.audio.AudioReader;

/** CMU flite (Debian package flite): voices kal16, awb, rms, slt; -psdur reports every phone's end time. */
public final class FliteEngine implements TtsEngine {
    @Override
    public String name() {
        return "flite";
    }

    @Override
    public boolean available() {
        return Programs.onPath("flite");
    }

    @Override
    public List<Voice> voices() {
        return List.of(
                new Voice("flite", "kal16", "", 'm', "train"),
                new Voice("flite", "slt", "", 'f', "train"),
                new Voice("flite", "awb", "", 'm', "train"),
                new Voice("flite", "rms", "", 'm', "test"));
    }

    @Override
    public Synthesis synthesize(Voice voice, String text, double rate, double pitch) throws IOException {
        Path wav = Files.createTempFile("flite", ".wav");
        try {
            double f0 = (voice.sex() == 'f' ? 170 : 105) * pitch;
            String out = Programs.run(List.of(
                    "flite",
                    "-voice",
                    voice.name(),
                    "-psdur",
                    "--setf",
                    String.format(Locale.ROOT, "duration_stretch=%.3f", 1.0 / rate),
                    "--setf",
                    String.format(Locale.ROOT, "int_f0_target_mean=%.1f", f0),
                    "-t",
                    text,
                    "-o",
                    wav.toString()));
            AudioData a = AudioReader.read(Files.readAllBytes(wav), "flite output for '" + text + "'");
            return new Synthesis(a, parsePsdur(out));
        } finally {
            Files.deleteIfExists(wav);
        }
    }

    /** "pau:0.224 w:0.293 ..." -> phone end times. */
    static List<Synthesis.PhoneEnd> parsePsdur(String out) throws IOException {
        List<Synthesis.PhoneEnd> phones = new ArrayList<>();
        for (String tok : out.strip().split("\\s+")) {
            if (tok.isEmpty()) {
                continue;
            }
            int colon = tok.lastIndexOf(':');
            if (colon <= 0) {
                throw new IOException("unexpected flite -psdur output '" + tok + "'");
            }
            phones.add(new Synthesis.PhoneEnd(tok.substring(0, colon), Double.parseDouble(tok.substring(colon + 1))));
        }
        return phones;
    }
}
