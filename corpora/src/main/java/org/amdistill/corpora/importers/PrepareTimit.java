package org.amdistill.corpora.importers;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.amdistill.core.cli.AmdCommand;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.io.AtomicFiles;
import org.amdistill.dataprep.datadir.DataDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * TIMIT (LDC93S1) to Kaldi data directories, after Kaldi's {@code egs/timit/s5/local/timit_data_prep.sh}: the
 * standard splits (train: the 462 speakers of TRAIN; dev: the 50-speaker development set and test: the 24-speaker
 * core test set, both drawn from TEST; lists in {@code timit/dev_spk.list} and {@code timit/test_spk.list}), SA
 * sentences left out everywhere, utterance ids {@code <spk>_<sentence>} in lower case. As in Kaldi, {@code text}
 * holds the 48-phone sequence (the recipe is phone recognition, and {@code local/dict} is a lexicon of phones that
 * stand for themselves); the word transcript from {@code .WRD} is in {@code text.words}. The hand labels become a
 * phone CTM {@code <split>/ctm} in seconds (sample index / 16000, exact) over the 48 phones, with {@code q}
 * dropped. {@code local/phones.60-48-39.map} is copied out for scoring on the 39-phone set.
 */
@Command(
        name = "prepare-timit",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description =
                "Make Kaldi data dirs train/dev/test (core test), phone CTMs and a phone local/dict from TIMIT: prepare-timit <timit-root> <out-dir>")
public final class PrepareTimit implements AmdCommand {
    private static final Logger LOG = LoggerFactory.getLogger(PrepareTimit.class);
    static final int RATE = 16000;

    @Parameters(
            index = "0",
            paramLabel = "<timit-root>",
            description = "Directory holding TRAIN and TEST (or train and test), e.g. .../LDC93S1/timit/TIMIT")
    Path root;

    @Parameters(
            index = "1",
            paramLabel = "<out-dir>",
            description =
                    "Writes <out-dir>/{train,dev,test}, <out-dir>/local/dict, <out-dir>/local/phones.60-48-39.map")
    Path outDir;

    /** One utterance's files, found case-insensitively. */
    record Utt(String id, String spk, Path wav, Path phn, Path wrd, Path txt) {}

    record Prepared(DataDir dir, Map<String, String> words, List<String> ctm, Map<String, String> spk2gender) {}

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(root)) {
            throw new AmdException("TIMIT root " + root + " does not exist or is not a directory");
        }
        Path base = findBase(root);
        Path train = child(base, "train");
        Path test = child(base, "test");
        if (train == null || test == null) {
            throw new AmdException("TIMIT root " + root + " has no " + (train == null ? "TRAIN" : "TEST")
                    + " directory (expected TRAIN and TEST, or train and test, as on the LDC93S1 disc)");
        }
        Set<String> devSpk = new LinkedHashSet<>(TimitPhones.resourceLines("timit/dev_spk.list"));
        Set<String> testSpk = new LinkedHashSet<>(TimitPhones.resourceLines("timit/test_spk.list"));
        Map<String, Map<String, List<Utt>>> splits = new LinkedHashMap<>();
        splits.put("train", speakers(train));
        Map<String, List<Utt>> testAll = speakers(test);
        splits.put("dev", new TreeMap<>(testAll));
        splits.get("dev").keySet().retainAll(devSpk);
        splits.put("test", new TreeMap<>(testAll));
        splits.get("test").keySet().removeAll(devSpk);
        splits.get("test").keySet().retainAll(testSpk);
        checkSplits(splits, train, test, devSpk, testSpk);

        // Read and check everything before writing anything.
        Map<String, Prepared> prepared = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, List<Utt>>> e : splits.entrySet()) {
            prepared.put(e.getKey(), prepare(e.getValue()));
        }
        TimitPhones map = TimitPhones.get();
        for (Map.Entry<String, Prepared> e : prepared.entrySet()) {
            Path d = outDir.resolve(e.getKey());
            Prepared p = e.getValue();
            p.dir.write(d);
            DataDir.writeMap(d.resolve("text.words"), p.words);
            DataDir.writeMap(d.resolve("spk2gender"), p.spk2gender);
            AtomicFiles.writeString(d.resolve("ctm"), String.join("", p.ctm));
            LOG.info("{}: {} speakers, {} utterances", e.getKey(), p.spk2gender.size(), p.dir.wavScp.size());
        }
        writeDict(outDir.resolve("local").resolve("dict"), map);
        AtomicFiles.writeString(outDir.resolve("local").resolve("phones.60-48-39.map"), map.mapText());
        return 0;
    }

    /** Fails on a set without speakers (naming Kaldi's speaker lists); warns where a set is smaller than TIMIT's. */
    private void checkSplits(
            Map<String, Map<String, List<Utt>>> splits,
            Path train,
            Path test,
            Set<String> devSpk,
            Set<String> testSpk) {
        int[] expected = {462, 50, 24};
        int k = 0;
        for (Map.Entry<String, Map<String, List<Utt>>> e : splits.entrySet()) {
            if (e.getValue().isEmpty()) {
                throw new AmdException("TIMIT root " + root + ": no speaker of the " + e.getKey() + " set found under "
                        + (e.getKey().equals("train") ? train : test)
                        + (e.getKey().equals("train")
                                ? ""
                                : " (the " + e.getKey() + " speakers are Kaldi's conf/"
                                        + (e.getKey().equals("dev") ? "dev" : "test") + "_spk.list, e.g. "
                                        + (e.getKey().equals("dev") ? devSpk : testSpk)
                                                .iterator()
                                                .next() + ")"));
            }
            if (e.getValue().size() != expected[k]) {
                LOG.warn(
                        "{} set: {} speakers, the full TIMIT has {}",
                        e.getKey(),
                        e.getValue().size(),
                        expected[k]);
            }
            k++;
        }
    }

    static void writeDict(Path dict, TimitPhones map) throws IOException {
        StringBuilder lex = new StringBuilder();
        StringBuilder nonsil = new StringBuilder();
        for (String p : map.phones48()) {
            lex.append(p).append(' ').append(p).append('\n');
            if (!p.equals("sil")) {
                nonsil.append(p).append('\n');
            }
        }
        AtomicFiles.writeString(dict.resolve("lexicon.txt"), lex.toString());
        AtomicFiles.writeString(dict.resolve("nonsilence_phones.txt"), nonsil.toString());
        AtomicFiles.writeString(dict.resolve("silence_phones.txt"), "sil\n");
        AtomicFiles.writeString(dict.resolve("optional_silence.txt"), "sil\n");
    }

    /** The root itself, or a single {@code timit} directory below it (LDC93S1/timit/TIMIT). */
    static Path findBase(Path root) throws IOException {
        if (child(root, "train") != null || child(root, "test") != null) {
            return root;
        }
        Path t = child(root, "timit");
        return t != null && (child(t, "train") != null || child(t, "test") != null) ? t : root;
    }

    /** The subdirectory of {@code dir} named {@code name} in any case, or null. */
    static Path child(Path dir, String name) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p ->
                            Files.isDirectory(p) && p.getFileName().toString().equalsIgnoreCase(name))
                    .sorted()
                    .findFirst()
                    .orElse(null);
        }
    }

    /** Speakers (lower case) of TRAIN or TEST: {@code <set>/DR?/<spk>/}, each with its SI/SX utterances. */
    static Map<String, List<Utt>> speakers(Path set) throws IOException {
        Map<String, List<Utt>> out = new TreeMap<>();
        List<Path> regions;
        try (Stream<Path> s = Files.list(set)) {
            regions = s.filter(Files::isDirectory).sorted().toList();
        }
        for (Path region : regions) {
            List<Path> spkDirs;
            try (Stream<Path> s = Files.list(region)) {
                spkDirs = s.filter(Files::isDirectory).sorted().toList();
            }
            for (Path spkDir : spkDirs) {
                String spk = spkDir.getFileName().toString().toLowerCase(Locale.ROOT);
                List<Utt> utts = utterances(spkDir, spk);
                if (out.put(spk, utts) != null) {
                    throw new AmdException(
                            "speaker " + spk + " occurs twice under " + set + " (second time: " + spkDir + ")");
                }
            }
        }
        return out;
    }

    private static List<Utt> utterances(Path spkDir, String spk) throws IOException {
        Map<String, Map<String, Path>> byName = new TreeMap<>();
        try (Stream<Path> s = Files.list(spkDir)) {
            for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
                String n = f.getFileName().toString();
                int dot = n.lastIndexOf('.');
                if (dot <= 0) {
                    continue;
                }
                String ext = n.substring(dot + 1).toLowerCase(Locale.ROOT);
                // Some copies have both X.WAV (SPHERE) and X.WAV.wav or X.RIFF.WAV conversions: keep the plain name.
                String stem = n.substring(0, dot).toLowerCase(Locale.ROOT);
                byName.computeIfAbsent(stem, x -> new TreeMap<>()).putIfAbsent(ext, f);
            }
        }
        List<Utt> utts = new ArrayList<>();
        boolean anyAudio = false;
        for (Map.Entry<String, Map<String, Path>> e : byName.entrySet()) {
            String stem = e.getKey();
            Map<String, Path> files = e.getValue();
            if (stem.contains(".") || !files.containsKey("wav")) {
                if (files.containsKey("phn") && !stem.startsWith("sa")) {
                    throw new AmdException(files.get("phn") + ": hand labels without audio (no "
                            + stem.toUpperCase(Locale.ROOT) + ".WAV in " + spkDir + ")");
                }
                continue;
            }
            anyAudio = true;
            if (stem.startsWith("sa")) {
                continue; // the two dialect sentences every speaker reads: left out, as in Kaldi
            }
            if (!files.containsKey("phn")) {
                throw new AmdException(
                        files.get("wav") + ": no phone labels (" + stem.toUpperCase(Locale.ROOT) + ".PHN) beside it");
            }
            if (!files.containsKey("wrd") && !files.containsKey("txt")) {
                throw new AmdException(files.get("wav") + ": no word transcript (" + stem.toUpperCase(Locale.ROOT)
                        + ".WRD or .TXT) beside it");
            }
            utts.add(new Utt(
                    spk + "_" + stem,
                    spk,
                    files.get("wav").toAbsolutePath().normalize(),
                    files.get("phn"),
                    files.get("wrd"),
                    files.get("txt")));
        }
        if (!anyAudio) {
            throw new AmdException("speaker directory " + spkDir + " has no audio (.WAV) files");
        }
        return utts;
    }

    static Prepared prepare(Map<String, List<Utt>> speakers) throws IOException {
        TimitPhones map = TimitPhones.get();
        DataDir d = new DataDir();
        Map<String, String> words = new TreeMap<>();
        Map<String, String> gender = new TreeMap<>();
        Map<String, List<String>> ctmByUtt = new TreeMap<>();
        for (Map.Entry<String, List<Utt>> e : speakers.entrySet()) {
            char g = e.getKey().charAt(0);
            if (g != 'm' && g != 'f') {
                throw new AmdException(
                        "speaker directory '" + e.getKey() + "': TIMIT speaker ids start with m or f (the sex)");
            }
            gender.put(e.getKey(), String.valueOf(g));
            for (Utt u : e.getValue()) {
                d.wavScp.put(u.id, u.wav.toString());
                d.utt2spk.put(u.id, u.spk);
                List<String> ctm = new ArrayList<>();
                List<String> phones = new ArrayList<>();
                readPhn(u, map, phones, ctm);
                if (phones.isEmpty()) {
                    throw new AmdException(u.phn + ": no phones");
                }
                d.text.put(u.id, String.join(" ", phones));
                ctmByUtt.put(u.id, ctm);
                words.put(u.id, words(u));
            }
        }
        List<String> ctm = new ArrayList<>();
        ctmByUtt.values().forEach(ctm::addAll);
        return new Prepared(d, words, ctm, gender);
    }

    /**
     * Reads an utterance's .PHN hand labels: each phone (mapped to the 48 set; q left out) into {@code phones}, with
     * its CTM line into {@code ctm}.
     */
    private static void readPhn(Utt u, TimitPhones map, List<String> phones, List<String> ctm) throws IOException {
        List<String> lines = Files.readAllLines(u.phn, StandardCharsets.ISO_8859_1);
        long prevEnd = -1;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.isEmpty()) {
                continue;
            }
            String where = u.phn + ":" + (i + 1) + ": ";
            String[] f = l.split("\\s+");
            if (f.length != 3) {
                throw new AmdException(where + "expected '<begin-sample> <end-sample> <phone>', got '" + l + "'");
            }
            long b;
            long en;
            try {
                b = Long.parseLong(f[0]);
                en = Long.parseLong(f[1]);
            } catch (NumberFormatException x) {
                throw new AmdException(where + "sample numbers must be integers, got '" + l + "'");
            }
            if (b < 0 || en <= b) {
                throw new AmdException(where + "segment " + b + ".." + en + " is empty or negative");
            }
            if (b < prevEnd) {
                throw new AmdException(
                        where + "segment starts at sample " + b + ", before the previous one ends (" + prevEnd + ")");
            }
            prevEnd = en;
            String p61 = f[2].toLowerCase(Locale.ROOT);
            if (!map.isKnown(p61)) {
                throw new AmdException(
                        where + "unknown TIMIT phone '" + f[2] + "' (not in " + TimitPhones.RESOURCE + ")");
            }
            String p48 = map.map48(p61);
            if (p48 == null) {
                continue; // q
            }
            phones.add(p48);
            ctm.add(u.id + " 1 " + seconds(b) + " " + seconds(en - b) + " " + p48 + "\n");
        }
    }

    /** Exact seconds of a 16 kHz sample count (1/16000 = 0.0000625 has a finite decimal expansion). */
    static String seconds(long samples) {
        return new BigDecimal(samples)
                .divide(BigDecimal.valueOf(RATE))
                .setScale(7)
                .stripTrailingZeros()
                .toPlainString();
    }

    /** The word transcript: the words of .WRD, or the sentence of .TXT (lower case, punctuation removed). */
    private static String words(Utt u) throws IOException {
        List<String> out = new ArrayList<>();
        if (u.wrd != null) {
            List<String> lines = Files.readAllLines(u.wrd, StandardCharsets.ISO_8859_1);
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i).strip();
                if (l.isEmpty()) {
                    continue;
                }
                String[] f = l.split("\\s+");
                if (f.length != 3 || !f[0].matches("\\d+") || !f[1].matches("\\d+")) {
                    throw new AmdException(
                            u.wrd + ":" + (i + 1) + ": expected '<begin-sample> <end-sample> <word>', got '" + l + "'");
                }
                out.add(f[2].toLowerCase(Locale.ROOT));
            }
        } else {
            String l = Files.readString(u.txt, StandardCharsets.ISO_8859_1).strip();
            String[] f = l.split("\\s+", 3);
            if (f.length < 3 || !f[0].matches("\\d+") || !f[1].matches("\\d+")) {
                throw new AmdException(
                        u.txt + ":1: expected '<begin-sample> <end-sample> <sentence>', got '" + l + "'");
            }
            for (String w : f[2].toLowerCase(Locale.ROOT)
                    .replaceAll("[^a-z' -]", " ")
                    .strip()
                    .split("\\s+")) {
                if (!w.isEmpty() && !w.equals("-")) {
                    out.add(w);
                }
            }
        }
        if (out.isEmpty()) {
            throw new AmdException((u.wrd != null ? u.wrd : u.txt) + ": no words");
        }
        return String.join(" ", out);
    }
}
