package org.amdistill.corpora.synth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.amdistill.core.cli.AmdCommand;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.io.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A large-vocabulary dict directory from CMUdict 0.4 (the FreeTTS jar's, through {@link CmuLexicon}): all its
 * words, or a seeded sample of them, always with a synthetic task's words, so that a model trained on the task can
 * be decoded with a LibriSpeech-sized lexicon (the large-vocabulary benchmark, recipes/bench/large-vocab-bench.sh).
 * With {@code --phones-of}, the phone set is a trained task's: words with a phone outside it are left out (counted),
 * and the silence phones and special entries (e.g. {@code <sil> SIL}) are that dict's, so the lang directory made
 * from it has the phones, and so the pdfs, the task's model was trained with.
 */
@Command(
        name = "cmu-dict",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description = "Make a Kaldi dict dir (lexicon.txt and phone lists) of CMUdict's words, with a synthetic"
                + " task's words always in: cmu-dict [options] <out-dict-dir>")
public final class CmuDictCommand implements AmdCommand {
    private static final Logger LOG = LoggerFactory.getLogger(CmuDictCommand.class);

    @Option(names = "--task", description = "digits | sentences: the task whose words are always in the lexicon")
    Task task = Task.SENTENCES;

    @Option(
            names = "--num-words",
            description = "Words in the lexicon (task words included); 0: every CMUdict word (about 105,000)."
                    + " Below that, the task words and a sample of the others drawn with --seed")
    int numWords = 0;

    @Option(names = "--seed", description = "Random seed of the sample (--num-words)")
    long seed = 1;

    @Option(
            names = "--phones-of",
            description = "A task's dict dir (e.g. data/local/dict): keep its phone set (words with other phones are"
                    + " left out), its silence phones and its special lexicon entries (<sil>, the OOV word)")
    Path phonesOf;

    @Parameters(index = "0", paramLabel = "<out-dict-dir>")
    Path outDir;

    @Override
    public Integer call() throws Exception {
        if (numWords < 0) {
            throw new AmdException("--num-words=" + numWords + ": must be 0 (all) or positive");
        }
        Dict like = phonesOf == null ? null : readDict(phonesOf);
        Map<String, String> taskLex = task.lexicon(null);
        TreeSet<String> special = new TreeSet<>();
        if (like != null) {
            special.addAll(like.special.keySet());
        }
        Map<String, String> lex = new TreeMap<>();
        int outside = 0;
        List<String> outsideTask = new ArrayList<>();
        for (Map.Entry<String, String> e : taskLex.entrySet()) {
            if (like != null && !like.covers(e.getValue())) {
                outsideTask.add(e.getKey());
                continue;
            }
            lex.put(e.getKey(), e.getValue());
        }
        if (!outsideTask.isEmpty()) {
            throw new AmdException(phonesOf + "/nonsilence_phones.txt lacks phones of task words "
                    + outsideTask.subList(0, Math.min(10, outsideTask.size()))
                    + ": that dict dir is not the " + task.name().toLowerCase() + " task's");
        }
        List<String> others = new ArrayList<>();
        for (String w : CmuLexicon.dictionaryWords()) {
            if (!lex.containsKey(w) && !special.contains(w)) {
                others.add(w);
            }
        }
        if (numWords > 0) {
            if (numWords < lex.size()) {
                throw new AmdException(
                        "--num-words=" + numWords + " is fewer than the task's " + lex.size() + " words");
            }
            Collections.shuffle(others, new Random(seed));
        }
        int noPron = 0;
        for (String w : others) {
            if (numWords > 0 && lex.size() >= numWords) {
                break;
            }
            CmuLexicon.Pronunciation p = CmuLexicon.lookup(w);
            if (p == null) {
                noPron++;
                continue;
            }
            if (like != null && !like.covers(p.phones())) {
                outside++;
                continue;
            }
            lex.put(w, p.phones());
        }
        writeDict(lex, like);
        LOG.info(
                "Wrote {} ({} words: the {} task's {} and {} of CMUdict's {}; {} left out for phones outside {}, {} without"
                        + " a pronunciation)",
                outDir,
                lex.size(),
                task.name().toLowerCase(),
                taskLex.size(),
                lex.size() - taskLex.size(),
                others.size() + taskLex.size(),
                outside,
                phonesOf == null ? "the 39 phones" : phonesOf,
                noPron);
        return 0;
    }

    /** The parts of a dict dir that are kept: the nonsilence phones, the silence files, the special entries. */
    private record Dict(
            TreeSet<String> phones,
            String nonsilenceText,
            String silencePhones,
            String optionalSilence,
            Map<String, String> special) {
        boolean covers(String pron) {
            for (String p : pron.split(" ")) {
                if (!phones.contains(p)) {
                    return false;
                }
            }
            return true;
        }
    }

    private static Dict readDict(Path dir) throws IOException {
        TreeSet<String> phones = new TreeSet<>();
        Path ns = dir.resolve("nonsilence_phones.txt");
        List<String> nsLines = lines(ns);
        for (int i = 0; i < nsLines.size(); i++) {
            String l = nsLines.get(i).strip();
            if (l.isEmpty()) {
                throw new AmdException(ns + ":" + (i + 1) + ": empty line");
            }
            phones.addAll(List.of(l.split("\\s+")));
        }
        TreeSet<String> silence = new TreeSet<>();
        for (String l : lines(dir.resolve("silence_phones.txt"))) {
            silence.addAll(List.of(l.strip().split("\\s+")));
        }
        Map<String, String> special = new LinkedHashMap<>();
        Path lexFile = dir.resolve("lexicon.txt");
        List<String> lexLines = lines(lexFile);
        for (int i = 0; i < lexLines.size(); i++) {
            String[] f = lexLines.get(i).strip().split("\\s+");
            if (f.length < 2 || f[0].isEmpty()) {
                throw new AmdException(
                        lexFile + ":" + (i + 1) + ": expected a word and its phones, got '" + lexLines.get(i) + "'");
            }
            // entries spelled with silence phones (<sil> SIL, <unk> SPN) are the task's own and are kept as they are
            if (silence.contains(f[1]) || f[0].startsWith("<")) {
                special.put(
                        f[0], lexLines.get(i).strip().substring(f[0].length()).strip());
            }
        }
        return new Dict(
                phones,
                String.join("\n", nsLines) + "\n",
                String.join("\n", lines(dir.resolve("silence_phones.txt"))) + "\n",
                String.join("\n", lines(dir.resolve("optional_silence.txt"))) + "\n",
                special);
    }

    private static List<String> lines(Path f) throws IOException {
        if (!Files.isRegularFile(f)) {
            throw new AmdException("--phones-of: " + f + " does not exist (not a Kaldi dict dir?)");
        }
        return Files.readAllLines(f).stream().filter(l -> !l.isBlank()).toList();
    }

    private void writeDict(Map<String, String> lex, Dict like) throws IOException {
        Files.createDirectories(outDir);
        StringBuilder sb = new StringBuilder();
        TreeSet<String> phones = new TreeSet<>();
        if (like == null) {
            sb.append("<sil> SIL\n");
        } else {
            like.special.forEach((w, p) -> sb.append(w).append(' ').append(p).append('\n'));
        }
        for (Map.Entry<String, String> e : lex.entrySet()) {
            sb.append(e.getKey()).append(' ').append(e.getValue()).append('\n');
            phones.addAll(List.of(e.getValue().split(" ")));
        }
        AtomicFiles.writeString(outDir.resolve("lexicon.txt"), sb.toString());
        // the task's phone list, not the one the kept words use: the lang's phones (and the model's pdfs) must match
        AtomicFiles.writeString(
                outDir.resolve("nonsilence_phones.txt"),
                like == null ? String.join("\n", phones) + "\n" : like.nonsilenceText);
        AtomicFiles.writeString(outDir.resolve("silence_phones.txt"), like == null ? "SIL\n" : like.silencePhones);
        AtomicFiles.writeString(outDir.resolve("optional_silence.txt"), like == null ? "SIL\n" : like.optionalSilence);
    }
}
