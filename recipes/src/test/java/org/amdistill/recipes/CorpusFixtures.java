package org.amdistill.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.amdistill.core.audio.AudioData;
import org.amdistill.core.audio.AudioReader;
import org.amdistill.core.cli.Cli;
import org.amdistill.corpora.synth.SynthCorpus;

/**
 * Tiny corpora in the shapes of TIMIT and LibriSpeech, made of real synthesised speech ({@code synth-corpus
 * --task=digits}), for the end-to-end tests of recipes/timit and recipes/librispeech.
 */
final class CorpusFixtures {
    private CorpusFixtures() {}

    static final int RATE = 16000;

    /** One synthesised utterance: its voice, words, audio file and (flite voices only) phone CTM lines. */
    record Utt(String id, String voice, String split, String words, Path wav, List<String[]> ctm) {}

    /** Runs synth-corpus in this JVM into {@code out} and reads back every split's utterances, sorted by id. */
    static List<Utt> synth(Path out, String... args) throws Exception {
        List<String> a = new ArrayList<>(List.of("--task=digits", "--snrs=clean,20", "--reverb-prob=0"));
        a.addAll(List.of(args));
        a.add(out.toString());
        assertEquals(0, Cli.execute(new SynthCorpus(), a.toArray(String[]::new)), "synth-corpus " + a);
        List<Utt> utts = new ArrayList<>();
        for (String split : List.of("train", "dev", "test")) {
            Path d = out.resolve(split);
            if (!Files.exists(d.resolve("wav.scp"))) {
                continue;
            }
            Map<String, String> wav = table(d.resolve("wav.scp"));
            Map<String, String> text = table(d.resolve("text"));
            Map<String, String> spk = table(d.resolve("utt2spk"));
            Map<String, List<String[]>> ctm = new TreeMap<>();
            if (Files.exists(d.resolve("ctm"))) {
                for (String l : Files.readAllLines(d.resolve("ctm"))) {
                    String[] f = l.strip().split("\\s+");
                    ctm.computeIfAbsent(f[0], k -> new ArrayList<>()).add(f);
                }
            }
            for (String u : wav.keySet()) {
                utts.add(new Utt(
                        u, spk.get(u), split, text.get(u), Path.of(wav.get(u)), ctm.getOrDefault(u, List.of())));
            }
        }
        utts.sort((x, y) -> x.id().compareTo(y.id()));
        return utts;
    }

    static Map<String, String> table(Path f) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        for (String l : Files.readAllLines(f)) {
            int sp = l.indexOf(' ');
            if (sp > 0) {
                m.put(l.substring(0, sp), l.substring(sp + 1).strip());
            }
        }
        return m;
    }

    static short[] samples(Path wav) throws IOException {
        AudioData a;
        try (InputStream in = Files.newInputStream(wav)) {
            a = AudioReader.read(in, wav.toString());
        }
        assertEquals(RATE, a.sampleRate(), 0, wav + " sample rate");
        float[] x = a.channel(0);
        short[] s = new short[x.length];
        for (int i = 0; i < x.length; i++) {
            s[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(x[i])));
        }
        return s;
    }

    /** A TIMIT-style NIST SPHERE file: 1024-byte header, 16 kHz, 16-bit little-endian PCM. */
    static void writeSphere(short[] s, Path f) throws IOException {
        int min = 0;
        int max = 0;
        for (short v : s) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        StringBuilder h = new StringBuilder("NIST_1A\n   1024\n");
        for (String l : List.of(
                "database_id -s5 TIMIT",
                "database_version -s3 1.0",
                "utterance_id -s8 fixture",
                "channel_count -i 1",
                "sample_count -i " + s.length,
                "sample_rate -i 16000",
                "sample_min -i " + min,
                "sample_max -i " + max,
                "sample_n_bytes -i 2",
                "sample_byte_format -s2 01",
                "sample_sig_bits -i 16",
                "end_head")) {
            h.append(l).append('\n');
        }
        while (h.length() < 1024) {
            h.append(' ');
        }
        ByteBuffer b = ByteBuffer.allocate(1024 + 2 * s.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(h.toString().getBytes(StandardCharsets.US_ASCII));
        for (short v : s) {
            b.putShort(v);
        }
        Files.write(f, b.array());
    }

    static List<String> lines(Path f) throws IOException {
        return Files.readAllLines(f);
    }

    /** The fixed speaker list of the TIMIT importer (dev_spk.list or test_spk.list). */
    static List<String> timitSpeakers(String list) throws IOException {
        try (InputStream in =
                CorpusFixtures.class.getResourceAsStream("/org/amdistill/corpora/importers/timit/" + list)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty())
                    .toList();
        }
    }

    /**
     * A TIMIT-shaped tree under {@code root} (TRAIN/DR1/SPK and TEST/DR1/SPK, upper case as on the disc) from synthesised
     * utterances with phone CTMs (flite voices): per voice, the first 60 % of its utterances are a training speaker's,
     * the next 20 % a dev speaker's and the rest a core-test speaker's (names from the importer's fixed lists). Each
     * utterance is a SPHERE .WAV with .PHN (the CTM's phones in sample indices, lower case; silence is h# at the ends
     * and pau inside), .WRD (the words spread evenly over the speech) and .TXT.
     */
    static void timit(List<Utt> utts, Path root) throws IOException {
        Map<String, List<Utt>> byVoice = new TreeMap<>();
        for (Utt u : utts) {
            if (!u.ctm().isEmpty()) {
                byVoice.computeIfAbsent(u.voice(), k -> new ArrayList<>()).add(u);
            }
        }
        List<String> dev = timitSpeakers("dev_spk.list");
        List<String> test = timitSpeakers("test_spk.list");
        int v = 0;
        for (Map.Entry<String, List<Utt>> e : byVoice.entrySet()) {
            List<Utt> us = e.getValue();
            int nTrain = (int) Math.round(us.size() * 0.6);
            int nDev = (int) Math.round(us.size() * 0.2);
            for (int i = 0; i < us.size(); i++) {
                Path spkDir = i < nTrain
                        ? root.resolve("TRAIN/DR1/" + (v % 2 == 0 ? "M" : "F") + "SYN" + v)
                        : i < nTrain + nDev
                                ? root.resolve("TEST/DR1/" + dev.get(v).toUpperCase(Locale.ROOT))
                                : root.resolve("TEST/DR1/" + test.get(v).toUpperCase(Locale.ROOT));
                Files.createDirectories(spkDir);
                timitUtt(us.get(i), spkDir, "SX" + (100 + i));
            }
            v++;
        }
    }

    private static void timitUtt(Utt u, Path spkDir, String stem) throws IOException {
        short[] s = samples(u.wav());
        writeSphere(s, spkDir.resolve(stem + ".WAV"));
        StringBuilder phn = new StringBuilder();
        long prevEnd = 0;
        long speechBegin = -1;
        long speechEnd = -1;
        List<String[]> ctm = u.ctm();
        for (int i = 0; i < ctm.size(); i++) {
            String[] f = ctm.get(i);
            long b = Math.max(prevEnd, Math.round(Double.parseDouble(f[2]) * RATE));
            long en = Math.min(s.length, Math.round((Double.parseDouble(f[2]) + Double.parseDouble(f[3])) * RATE));
            if (en <= b) {
                continue;
            }
            String p = f[4].toLowerCase(Locale.ROOT);
            if (p.equals("sil")) {
                p = i == 0 || i == ctm.size() - 1 ? "h#" : "pau";
            } else {
                speechBegin = speechBegin < 0 ? b : speechBegin;
                speechEnd = en;
            }
            phn.append(b).append(' ').append(en).append(' ').append(p).append('\n');
            prevEnd = en;
        }
        Files.writeString(spkDir.resolve(stem + ".PHN"), phn.toString());
        String[] words = u.words().split(" ");
        StringBuilder wrd = new StringBuilder();
        long span = speechEnd - speechBegin;
        for (int i = 0; i < words.length; i++) {
            wrd.append(speechBegin + span * i / words.length)
                    .append(' ')
                    .append(speechBegin + span * (i + 1) / words.length)
                    .append(' ')
                    .append(words[i])
                    .append('\n');
        }
        Files.writeString(spkDir.resolve(stem + ".WRD"), wrd.toString());
        String sentence =
                u.words().substring(0, 1).toUpperCase(Locale.ROOT) + u.words().substring(1) + ".";
        Files.writeString(spkDir.resolve(stem + ".TXT"), "0 " + s.length + " " + sentence + "\n");
    }

    /** The CMU pronunciations of the digit words, with stress, as librispeech-lexicon.txt writes them. */
    static final String DIGIT_LEXICON =
            """
            EIGHT\tEY1 T
            FIVE\tF AY1 V
            FOUR\tF AO1 R
            NINE\tN AY1 N
            OH\tOW1
            ONE\tW AH1 N
            ONE\tHH W AH1 N
            SEVEN\tS EH1 V AH0 N
            SIX\tS IH1 K S
            THREE\tTH R IY1
            TWO\tT UW1
            ZERO\tZ IH1 R OW0
            ZERO\tZ IY1 R OW0
            HUNDRED\tHH AH1 N D R AH0 D
            """;

    /**
     * A LibriSpeech-shaped folder under {@code root}: the synthesised train/dev/test splits become train-clean-100,
     * dev-clean and test-clean; each voice a reader (numeric id) with one chapter, utterances
     * {@code <reader>/<chapter>/<reader>-<chapter>-NNNN.flac} (through sox) with {@code <reader>-<chapter>.trans.txt}
     * in upper case, and SPEAKERS.TXT beside the subsets.
     */
    static void librispeech(List<Utt> utts, Path root, Map<String, String> voiceSex) throws Exception {
        Map<String, Integer> reader = new TreeMap<>();
        Map<String, StringBuilder> trans = new TreeMap<>();
        Map<String, Integer> count = new TreeMap<>();
        StringBuilder speakers = new StringBuilder(";ID  |SEX| SUBSET           |MINUTES| NAME\n");
        for (Utt u : utts) {
            String subset =
                    switch (u.split()) {
                        case "train" -> "train-clean-100";
                        case "dev" -> "dev-clean";
                        default -> "test-clean";
                    };
            Integer r = reader.get(u.voice());
            if (r == null) {
                r = 100 + 11 * reader.size();
                reader.put(u.voice(), r);
                speakers.append(r)
                        .append(" | ")
                        .append(voiceSex.getOrDefault(u.voice(), "m").toUpperCase(Locale.ROOT))
                        .append(" | ")
                        .append(subset)
                        .append(" | 1.00 | ")
                        .append(u.voice())
                        .append('\n');
            }
            String chapter = String.valueOf(2000 + r);
            Path dir = root.resolve(subset).resolve(String.valueOf(r)).resolve(chapter);
            Files.createDirectories(dir);
            String spk = r + "-" + chapter;
            int n = count.merge(spk, 1, Integer::sum) - 1;
            String id = spk + "-" + String.format("%04d", n);
            sox(u.wav(), dir.resolve(id + ".flac"));
            trans.computeIfAbsent(dir.resolve(spk + ".trans.txt").toString(), k -> new StringBuilder())
                    .append(id)
                    .append(' ')
                    .append(u.words().toUpperCase(Locale.ROOT))
                    .append('\n');
        }
        for (Map.Entry<String, StringBuilder> e : trans.entrySet()) {
            Files.writeString(Path.of(e.getKey()), e.getValue().toString());
        }
        Files.writeString(root.resolve("SPEAKERS.TXT"), speakers.toString());
    }

    static boolean hasSox() {
        try {
            Process p = new ProcessBuilder("sox", "--version")
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static void sox(Path wav, Path flac) throws Exception {
        Process p = new ProcessBuilder("sox", wav.toString(), "-b", "16", flac.toString())
                .redirectErrorStream(true)
                .start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertEquals(0, p.waitFor(), "sox " + wav + " " + flac + ": " + out);
    }
}
