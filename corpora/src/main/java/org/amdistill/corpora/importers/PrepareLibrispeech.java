package org.amdistill.corpora.importers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.amdistill.core.cli.AmdCommand;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.io.AtomicFiles;
import org.amdistill.core.table.ScpFile;
import org.amdistill.dataprep.datadir.DataDir;
import org.amdistill.dataprep.lang.Lexicon;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A LibriSpeech subset to a Kaldi data directory, after Kaldi's {@code egs/librispeech/s5/local/data_prep.sh}:
 * utterance ids {@code <reader>-<chapter>-<utt>}, speakers {@code <reader>-<chapter>} (Kaldi's choice: one
 * speaker per chapter, so that per-speaker CMVN follows the recording conditions), {@code wav.scp} with the FLAC
 * paths (read natively), upper-case transcripts as distributed, {@code spk2gender} from {@code SPEAKERS.TXT} beside
 * the subset. The data directory is {@code <out-dir>/<subset>} with {@code -} turned into {@code _}
 * ({@code dev-clean} -> {@code dev_clean}). With {@code --lexicon} (e.g. {@code librispeech-lexicon.txt}),
 * {@code <out-dir>/local/dict} holds the lexicon's entries for the words of the transcripts of every data directory
 * in {@code <out-dir>} (so preparing train and dev into one {@code <out-dir>} gives a dict for both), with CMU
 * phones and their stress digits kept, the variants of a phone on one line of {@code nonsilence_phones.txt}, as in
 * Kaldi's {@code local/prepare_dict.sh}; {@code !SIL SIL}, {@code <SPOKEN_NOISE> SPN} and {@code <UNK> SPN} are
 * added. Words not in the lexicon are counted in {@code <out-dir>/local/oov_<subset>.txt}.
 */
@Command(
        name = "prepare-librispeech",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description =
                "Make a Kaldi data dir (and with --lexicon a local/dict) from a LibriSpeech subset: prepare-librispeech [options] <subset-dir> <out-dir>")
public final class PrepareLibrispeech implements AmdCommand {
    private static final Logger LOG = LoggerFactory.getLogger(PrepareLibrispeech.class);

    @Option(
            names = "--lexicon",
            description =
                    "Pronunciation lexicon (WORD PHONES..., e.g. librispeech-lexicon.txt): also write <out-dir>/local/dict")
    Path lexicon;

    @Option(
            names = "--skip-missing",
            arity = "0..1",
            fallbackValue = "true",
            description =
                    "Skip (and count) audio without a transcript line and transcript lines without audio, instead of an error")
    boolean skipMissing = false;

    @Option(names = "--oov-word", description = "The lexicon entry for out-of-vocabulary words (added to the dict)")
    String oovWord = "<UNK>";

    @Parameters(
            index = "0",
            paramLabel = "<subset-dir>",
            description =
                    "e.g. LibriSpeech/dev-clean: <reader>/<chapter>/<reader>-<chapter>-<utt>.flac and <reader>-<chapter>.trans.txt")
    Path subsetDir;

    @Parameters(
            index = "1",
            paramLabel = "<out-dir>",
            description = "Writes <out-dir>/<subset> (and <out-dir>/local/dict with --lexicon)")
    Path outDir;

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(subsetDir)) {
            throw new AmdException(
                    "LibriSpeech subset directory " + subsetDir + " does not exist or is not a directory");
        }
        Lexicon lex = lexicon == null ? null : Lexicon.read(lexicon);
        String subset = subsetDir.toAbsolutePath().normalize().getFileName().toString();
        String name = subset.replace('-', '_');
        DataDir d = new DataDir();
        int[] skipped = new int[2]; // audio without transcript, transcript without audio
        for (Path readerDir : dirs(subsetDir)) {
            String reader = readerDir.getFileName().toString();
            if (!reader.matches("\\d+")) {
                throw new AmdException(
                        readerDir + ": expected reader directories with numeric names under " + subsetDir);
            }
            for (Path chapterDir : dirs(readerDir)) {
                chapter(reader, chapterDir, d, skipped);
            }
        }
        if (d.wavScp.isEmpty()) {
            throw new AmdException(subsetDir + ": no <reader>/<chapter>/*.flac files with transcripts found");
        }
        Map<String, String> spk2gender = spk2gender(d);
        // Write.
        Path dataDir = outDir.resolve(name);
        d.write(dataDir);
        if (spk2gender != null) {
            DataDir.writeMap(dataDir.resolve("spk2gender"), spk2gender);
        }
        if (skipped[0] + skipped[1] > 0) {
            LOG.warn(
                    "{}: skipped {} audio files without a transcript line and {} transcript lines without audio",
                    subsetDir,
                    skipped[0],
                    skipped[1]);
        }
        LOG.info(
                "{}: {} utterances, {} speakers (reader-chapter) in {}",
                subset,
                d.wavScp.size(),
                d.spk2utt().size(),
                dataDir);
        if (lex != null) {
            oovReport(lex, d.text, outDir.resolve("local").resolve("oov_" + name + ".txt"), subset);
            writeDict(lex, outDir);
        }
        return 0;
    }

    private static List<Path> dirs(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().toList();
        }
    }

    private void chapter(String reader, Path chapterDir, DataDir d, int[] skipped) throws IOException {
        String chapter = chapterDir.getFileName().toString();
        String spk = reader + "-" + chapter;
        Path trans = chapterDir.resolve(spk + ".trans.txt");
        Map<String, Path> flacs = flacs(chapterDir, spk);
        if (!Files.exists(trans)) {
            if (flacs.isEmpty()) {
                return;
            }
            if (!skipMissing) {
                throw new AmdException(chapterDir + ": no transcript " + trans.getFileName() + " for its "
                        + flacs.size() + " .flac files");
            }
            skipped[0] += flacs.size();
            return;
        }
        Map<String, String> text = transcripts(trans, spk, flacs, skipped);
        for (Map.Entry<String, Path> e : flacs.entrySet()) {
            String t = text.get(e.getKey());
            if (t == null) {
                if (!skipMissing) {
                    throw new AmdException(e.getValue() + ": no line for " + e.getKey() + " in " + trans
                            + " (use --skip-missing to skip such files)");
                }
                skipped[0]++;
                continue;
            }
            d.wavScp.put(e.getKey(), e.getValue().toString());
            d.text.put(e.getKey(), t);
            d.utt2spk.put(e.getKey(), spk);
        }
    }

    /** The chapter's audio by utterance id ({@code <reader>-<chapter>-<utt>.flac}), sorted. */
    private static Map<String, Path> flacs(Path chapterDir, String spk) throws IOException {
        Map<String, Path> flacs = new TreeMap<>();
        try (Stream<Path> s = Files.list(chapterDir)) {
            for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
                String n = f.getFileName().toString();
                if (n.endsWith(".flac")) {
                    String utt = n.substring(0, n.length() - ".flac".length());
                    if (!utt.startsWith(spk + "-")) {
                        throw new AmdException(f + ": expected a name " + spk + "-<utt>.flac in " + chapterDir);
                    }
                    flacs.put(utt, f.toAbsolutePath().normalize());
                }
            }
        }
        return flacs;
    }

    /**
     * The chapter's transcript by utterance id; lines without audio fail, or with --skip-missing are counted in
     * {@code skipped[1]}.
     */
    private Map<String, String> transcripts(Path trans, String spk, Map<String, Path> flacs, int[] skipped)
            throws IOException {
        Map<String, String> text = new TreeMap<>();
        List<String> lines = Files.readAllLines(trans, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.isEmpty()) {
                continue;
            }
            String[] f = l.split("\\s+", 2);
            String where = trans + ":" + (i + 1) + ": ";
            if (!f[0].startsWith(spk + "-")) {
                throw new AmdException(
                        where + "utterance id '" + f[0] + "' is not of this chapter (" + spk + "-<utt>)");
            }
            if (f.length < 2) {
                throw new AmdException(where + "utterance " + f[0] + " has no words");
            }
            if (text.put(f[0], f[1].strip().replaceAll("\\s+", " ")) != null) {
                throw new AmdException(where + "utterance " + f[0] + " occurs twice");
            }
            if (!flacs.containsKey(f[0])) {
                if (!skipMissing) {
                    throw new AmdException(where + "no audio " + f[0] + ".flac for utterance " + f[0]
                            + " (use --skip-missing to skip such lines)");
                }
                skipped[1]++;
            }
        }
        return text;
    }

    /** spk2gender (speaker = reader-chapter) from SPEAKERS.TXT beside the subset, or null when there is none. */
    private Map<String, String> spk2gender(DataDir d) throws IOException {
        Path parent = subsetDir.toAbsolutePath().normalize().getParent();
        Path file = parent == null ? null : parent.resolve("SPEAKERS.TXT");
        if (file == null || !Files.exists(file)) {
            LOG.info("no SPEAKERS.TXT beside {}: no spk2gender", subsetDir);
            return null;
        }
        Map<String, String> sex = new TreeMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.isEmpty() || l.startsWith(";")) {
                continue;
            }
            String[] f = l.split("\\|");
            if (f.length < 2) {
                throw new AmdException(
                        file + ":" + (i + 1) + ": expected 'ID | SEX | SUBSET | MINUTES | NAME', got '" + l + "'");
            }
            String g = f[1].strip().toLowerCase(Locale.ROOT);
            if (!g.equals("m") && !g.equals("f")) {
                throw new AmdException(file + ":" + (i + 1) + ": sex must be M or F, got '" + f[1].strip() + "'");
            }
            sex.put(f[0].strip(), g);
        }
        Map<String, String> out = new TreeMap<>();
        for (String spk : d.spk2utt().keySet()) {
            String reader = spk.substring(0, spk.indexOf('-'));
            String g = sex.get(reader);
            if (g == null) {
                throw new AmdException(
                        file + ": reader " + reader + " (of " + subsetDir.resolve(reader) + ") is not listed");
            }
            out.put(spk, g);
        }
        return out;
    }

    private void oovReport(Lexicon lex, Map<String, String> text, Path report, String subset) throws IOException {
        Map<String, Integer> oov = new TreeMap<>();
        long tokens = 0;
        long oovTokens = 0;
        Set<String> types = new TreeSet<>();
        for (String t : text.values()) {
            for (String w : t.split(" ")) {
                tokens++;
                types.add(w);
                if (!lex.contains(w)) {
                    oovTokens++;
                    oov.merge(w, 1, Integer::sum);
                }
            }
        }
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(oov.entrySet());
        sorted.sort((a, b) -> b.getValue() != a.getValue().intValue()
                ? b.getValue() - a.getValue()
                : a.getKey().compareTo(b.getKey()));
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Integer> e : sorted) {
            sb.append(e.getValue()).append(' ').append(e.getKey()).append('\n');
        }
        AtomicFiles.writeString(report, sb.toString());
        List<String> first = sorted.stream().limit(20).map(Map.Entry::getKey).toList();
        if (oov.isEmpty()) {
            LOG.info("{}: every word of the transcripts is in {}", subset, lexicon);
        } else {
            LOG.warn(
                    "{}: {} of {} word types ({} of {} tokens) are not in {} (they map to {}); most frequent: {}; all in {}",
                    subset,
                    oov.size(),
                    types.size(),
                    oovTokens,
                    tokens,
                    lexicon,
                    oovWord,
                    String.join(" ", first),
                    report);
        }
    }

    /** local/dict over the words of every data directory's text in out-dir (this one included). */
    private void writeDict(Lexicon lex, Path out) throws IOException {
        Set<String> words = new TreeSet<>();
        try (Stream<Path> s = Files.list(out)) {
            for (Path dir : s.filter(Files::isDirectory).sorted().toList()) {
                Path text = dir.resolve("text");
                if (Files.exists(text) && Files.exists(dir.resolve("wav.scp"))) {
                    for (ScpFile.ScpLine l : ScpFile.read(text.toString(), false)) {
                        for (String w : l.value().split("\\s+")) {
                            if (!w.isEmpty()) {
                                words.add(w);
                            }
                        }
                    }
                }
            }
        }
        Set<String> special = Set.of("!SIL", "<SPOKEN_NOISE>", oovWord);
        StringBuilder sb = new StringBuilder();
        sb.append("!SIL SIL\n<SPOKEN_NOISE> SPN\n");
        if (!oovWord.equals("<SPOKEN_NOISE>") && !oovWord.equals("!SIL")) {
            sb.append(oovWord).append(" SPN\n");
        }
        // The phone set: every phone of the whole lexicon, so that it does not depend on the subset.
        Map<String, Set<String>> byBase = new TreeMap<>();
        for (Map.Entry<String, List<List<String>>> e : lex.entries().entrySet()) {
            for (List<String> pron : e.getValue()) {
                for (String p : pron) {
                    if (p.equals("SIL") || p.equals("SPN")) {
                        continue;
                    }
                    byBase.computeIfAbsent(p.replaceAll("[0-9]+$", ""), k -> new TreeSet<>())
                            .add(p);
                }
            }
        }
        for (String w : words) {
            if (lex.contains(w) && !special.contains(w)) {
                for (List<String> pron : lex.pronunciations(w)) {
                    sb.append(w).append(' ').append(String.join(" ", pron)).append('\n');
                }
            }
        }
        StringBuilder nonsil = new StringBuilder();
        byBase.values().forEach(v -> nonsil.append(String.join(" ", v)).append('\n'));
        Path dict = out.resolve("local").resolve("dict");
        AtomicFiles.writeString(dict.resolve("lexicon.txt"), sb.toString());
        AtomicFiles.writeString(dict.resolve("nonsilence_phones.txt"), nonsil.toString());
        AtomicFiles.writeString(dict.resolve("silence_phones.txt"), "SIL\nSPN\n");
        AtomicFiles.writeString(dict.resolve("optional_silence.txt"), "SIL\n");
        LOG.info("Wrote {} (words of the transcripts in {})", dict, out);
    }
}
