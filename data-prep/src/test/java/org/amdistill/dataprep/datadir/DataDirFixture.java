package org.amdistill.dataprep.datadir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.amdistill.core.audio.AudioData;
import org.amdistill.core.audio.WavWriter;
import org.amdistill.core.cli.Cli;

/** Builds small valid data directories with real WAV files of known lengths, and runs commands on them. */
final class DataDirFixture {
    static final int RATE = 16000;

    private DataDirFixture() {}

    /** Utterance ids of {@link #plain}: speakers spkA, spkB, spkC with two utterances each. */
    static final List<String> UTTS = List.of("spkA-u1", "spkA-u2", "spkB-u1", "spkB-u2", "spkC-u1", "spkC-u2");

    /** The duration of utterance i of {@link #plain}: 0.5 s, 0.75 s, 1.0 s, ... (exact in samples). */
    static double seconds(int i) {
        return 0.5 + 0.25 * i;
    }

    static void wav(Path file, double seconds) throws IOException {
        float[] x = new float[(int) Math.round(seconds * RATE)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (3000 * Math.sin(i * 0.05));
        }
        WavWriter.write(AudioData.mono(RATE, x), file);
    }

    /** A valid directory without segments: wav.scp, text, utt2spk, spk2utt, utt2dur, cmvn.scp (no feats.scp). */
    static Path plain(Path root) throws IOException {
        Path d = root.resolve("data");
        Path audio = root.resolve("audio");
        Files.createDirectories(d);
        StringBuilder wav = new StringBuilder();
        StringBuilder text = new StringBuilder();
        StringBuilder u2s = new StringBuilder();
        StringBuilder u2d = new StringBuilder();
        for (int i = 0; i < UTTS.size(); i++) {
            String u = UTTS.get(i);
            Path f = audio.resolve(u + ".wav");
            wav(f, seconds(i));
            wav.append(u).append(' ').append(f).append('\n');
            text.append(u).append(" HELLO WORLD ").append(i).append('\n');
            u2s.append(u).append(' ').append(u, 0, 4).append('\n');
            u2d.append(u).append(' ').append(seconds(i)).append('\n');
        }
        write(d, "wav.scp", wav.toString());
        write(d, "text", text.toString());
        write(d, "utt2spk", u2s.toString());
        write(d, "spk2utt", "spkA spkA-u1 spkA-u2\nspkB spkB-u1 spkB-u2\nspkC spkC-u1 spkC-u2\n");
        write(d, "utt2dur", u2d.toString());
        write(d, "cmvn.scp", "spkA cmvn.ark:5\nspkB cmvn.ark:100\nspkC cmvn.ark:200\n");
        return d;
    }

    /** Segment lines of {@link #segmented}: utterance, recording, start, end. */
    static final String SEGMENTS =
            """
            spkA-rec1-0000 rec1 0.00 1.00
            spkA-rec1-0100 rec1 1.00 2.50
            spkB-rec2-0000 rec2 0.50 1.25
            spkB-rec2-0200 rec2 2.00 3.00
            spkC-rec3-0000 rec3 0.00 2.00
            """;

    /** A valid directory with segments: three recordings of 3 s, one speaker each, plus reco2dur and cmvn.scp. */
    static Path segmented(Path root) throws IOException {
        Path d = root.resolve("seg");
        Path audio = root.resolve("seg-audio");
        Files.createDirectories(d);
        StringBuilder wav = new StringBuilder();
        for (String r : List.of("rec1", "rec2", "rec3")) {
            Path f = audio.resolve(r + ".wav");
            wav(f, 3.0);
            wav.append(r).append(' ').append(f).append('\n');
        }
        write(d, "wav.scp", wav.toString());
        write(d, "reco2dur", "rec1 3\nrec2 3\nrec3 3\n");
        write(d, "segments", SEGMENTS);
        StringBuilder text = new StringBuilder();
        StringBuilder u2s = new StringBuilder();
        Map<String, List<String>> s2u = new LinkedHashMap<>();
        for (String line : SEGMENTS.strip().split("\n")) {
            String u = line.split(" ")[0];
            String s = u.substring(0, 4);
            text.append(u).append(" SOME WORDS\n");
            u2s.append(u).append(' ').append(s).append('\n');
            s2u.computeIfAbsent(s, k -> new ArrayList<>()).add(u);
        }
        write(d, "text", text.toString());
        write(d, "utt2spk", u2s.toString());
        StringBuilder sb = new StringBuilder();
        s2u.forEach(
                (s, us) -> sb.append(s).append(' ').append(String.join(" ", us)).append('\n'));
        write(d, "spk2utt", sb.toString());
        write(d, "cmvn.scp", "spkA cmvn.ark:5\nspkB cmvn.ark:100\nspkC cmvn.ark:200\n");
        return d;
    }

    static void write(Path dir, String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    static String read(Path dir, String name) throws IOException {
        return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
    }

    /** Replaces the one occurrence of {@code from} in {@code dir/name}. */
    static void edit(Path dir, String name, String from, String to) throws IOException {
        String s = read(dir, name);
        assertTrue(s.contains(from), name + " should contain '" + from + "'");
        assertEquals(s.indexOf(from), s.lastIndexOf(from), name + " has '" + from + "' more than once");
        write(dir, name, s.replace(from, to));
    }

    /** The keys of a table file, in file order. */
    static List<String> keys(Path dir, String name) throws IOException {
        List<String> k = new ArrayList<>();
        for (String l : Files.readAllLines(dir.resolve(name))) {
            if (!l.isBlank()) {
                k.add(l.split("\\s+")[0]);
            }
        }
        return k;
    }

    /** Exit status, stdout and stderr of a command run through the launcher's Cli. */
    record Run(int status, String out, String err) {}

    static Run run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Cli.execute(command, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(status, out.toString(), err.toString());
    }
}
