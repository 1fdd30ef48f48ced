package org.amdistill.dataprep.lang;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.io.AtomicFiles;

/**
 * A Kaldi lang directory ({@code data/lang}): phones.txt and words.txt symbol tables, the lexicon, silence and
 * optional-silence phones, the HMM topology, the OOV word and the optional-silence probability. Made from a
 * {@code data/local/dict} directory as Kaldi's utils/prepare_lang.sh makes it (without word-position markers).
 */
public final class LangDir {
    public final SymbolTable phones;
    public final SymbolTable words;
    public final Lexicon lexicon;
    public final List<String> silencePhones;
    public final List<String> nonsilencePhones;
    public final String optionalSilence;
    public final Topology topology;
    public final String oovWord;
    public final double silProb;

    private LangDir(
            SymbolTable phones,
            SymbolTable words,
            Lexicon lexicon,
            List<String> silencePhones,
            List<String> nonsilencePhones,
            String optionalSilence,
            Topology topology,
            String oovWord,
            double silProb) {
        this.phones = phones;
        this.words = words;
        this.lexicon = lexicon;
        this.silencePhones = silencePhones;
        this.nonsilencePhones = nonsilencePhones;
        this.optionalSilence = optionalSilence;
        this.topology = topology;
        this.oovWord = oovWord;
        this.silProb = silProb;
    }

    /** The real phones (no {@code <eps>}, no disambiguation symbols), silence first: the HMM inventory's phones. */
    public List<String> realPhones() {
        List<String> all = new ArrayList<>(silencePhones);
        all.addAll(nonsilencePhones);
        return all;
    }

    static List<String> readList(Path file, boolean required) {
        if (!Files.exists(file)) {
            if (required) {
                throw new AmdException("missing " + file);
            }
            return List.of();
        }
        try {
            List<String> out = new ArrayList<>();
            for (String l : Files.readAllLines(file)) {
                // Kaldi's *_phones.txt list one phone set per line (stress variants share a line).
                for (String p : l.strip().split("\\s+")) {
                    if (!p.isEmpty()) {
                        out.add(p);
                    }
                }
            }
            return out;
        } catch (IOException e) {
            throw new AmdException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** prepare_lang: checks the dict directory and builds the lang directory's contents. */
    public static LangDir fromDict(Path dict, String oovWord, double silProb, int numNonsilStates, int numSilStates) {
        List<String> sil = readList(dict.resolve("silence_phones.txt"), true);
        List<String> nonsil = readList(dict.resolve("nonsilence_phones.txt"), true);
        List<String> optSil = readList(dict.resolve("optional_silence.txt"), false);
        Path lexFile =
                Files.exists(dict.resolve("lexiconp.txt")) ? dict.resolve("lexiconp.txt") : dict.resolve("lexicon.txt");
        if (!Files.exists(lexFile)) {
            throw new AmdException("dict directory " + dict + " has no lexicon.txt or lexiconp.txt");
        }
        Lexicon lex = Lexicon.read(lexFile);
        Set<String> known = new LinkedHashSet<>(sil);
        for (String p : nonsil) {
            if (!known.add(p)) {
                throw new AmdException(
                        dict + ": phone '" + p + "' is listed twice (silence_phones.txt / nonsilence_phones.txt)");
            }
        }
        Set<String> unknown = new TreeSet<>();
        lex.entries()
                .forEach((w, ps) -> ps.forEach(p -> p.forEach(ph -> {
                    if (!known.contains(ph)) {
                        unknown.add(ph + " (in '" + w + "')");
                    }
                })));
        if (!unknown.isEmpty()) {
            throw new AmdException(lexFile + ": phones not in silence_phones.txt or nonsilence_phones.txt: " + unknown);
        }
        if (oovWord != null && !lex.contains(oovWord)) {
            throw new AmdException("the OOV word '" + oovWord + "' is not in " + lexFile + " (add e.g. '" + oovWord
                    + " SPN' and SPN to silence_phones.txt)");
        }
        String opt = optSil.isEmpty() ? null : optSil.get(0);
        if (opt != null && !sil.contains(opt)) {
            throw new AmdException(
                    dict.resolve("optional_silence.txt") + ": optional silence '" + opt + "' is not a silence phone");
        }
        SymbolTable phones = new SymbolTable();
        phones.add("<eps>");
        List<Integer> silIds = new ArrayList<>();
        List<Integer> nonsilIds = new ArrayList<>();
        for (String p : sil) {
            silIds.add(phones.add(p));
        }
        for (String p : nonsil) {
            nonsilIds.add(phones.add(p));
        }
        phones.add("#0");
        phones.add("#1");
        SymbolTable words = new SymbolTable();
        words.add("<eps>");
        for (String w : new TreeSet<>(lex.entries().keySet())) {
            words.add(w);
        }
        words.add("#0");
        words.add("<s>");
        words.add("</s>");
        Topology topo = Topology.standard(nonsilIds, silIds, numNonsilStates, numSilStates);
        return new LangDir(phones, words, lex, sil, nonsil, opt, topo, oovWord, silProb);
    }

    public void write(Path dir) {
        try {
            Files.createDirectories(dir.resolve("phones"));
            phones.write(dir.resolve("phones.txt"));
            words.write(dir.resolve("words.txt"));
            AtomicFiles.writeString(dir.resolve("topo"), topology.toText());
            AtomicFiles.writeString(dir.resolve("lexicon.txt"), lexicon.toText());
            StringBuilder lp = new StringBuilder();
            StringBuilder align = new StringBuilder();
            lexicon.entries()
                    .forEach((w, ps) -> ps.forEach(p -> {
                        lp.append(w).append(" 1.0 ").append(String.join(" ", p)).append('\n');
                        align.append(w)
                                .append(' ')
                                .append(w)
                                .append(' ')
                                .append(String.join(" ", p))
                                .append('\n');
                    }));
            AtomicFiles.writeString(dir.resolve("lexiconp.txt"), lp.toString());
            AtomicFiles.writeString(dir.resolve("phones/align_lexicon.txt"), align.toString());
            writeSet(dir.resolve("phones/silence"), silencePhones);
            writeSet(dir.resolve("phones/nonsilence"), nonsilencePhones);
            writeSet(
                    dir.resolve("phones/optional_silence"),
                    optionalSilence == null ? List.of() : List.of(optionalSilence));
            writeSet(dir.resolve("phones/disambig"), List.of("#0", "#1"));
            if (oovWord != null) {
                AtomicFiles.writeString(dir.resolve("oov.txt"), oovWord + "\n");
                AtomicFiles.writeString(dir.resolve("oov.int"), words.id(oovWord) + "\n");
            }
            AtomicFiles.writeString(dir.resolve("sil_prob.txt"), silProb + "\n");
        } catch (IOException e) {
            throw new AmdException("cannot write lang directory " + dir + ": " + e.getMessage());
        }
    }

    private void writeSet(Path base, List<String> ps) throws IOException {
        StringBuilder t = new StringBuilder();
        StringBuilder n = new StringBuilder();
        for (String p : ps) {
            t.append(p).append('\n');
            n.append(phones.id(p)).append('\n');
        }
        AtomicFiles.writeString(base.resolveSibling(base.getFileName() + ".txt"), t.toString());
        AtomicFiles.writeString(base.resolveSibling(base.getFileName() + ".int"), n.toString());
    }

    public static LangDir read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new AmdException("lang directory " + dir + " does not exist");
        }
        SymbolTable phones = SymbolTable.read(dir.resolve("phones.txt"));
        SymbolTable words = SymbolTable.read(dir.resolve("words.txt"));
        Lexicon lex = Lexicon.read(dir.resolve("lexicon.txt"));
        List<String> sil = readList(dir.resolve("phones/silence.txt"), true);
        List<String> nonsil = readList(dir.resolve("phones/nonsilence.txt"), true);
        List<String> opt = readList(dir.resolve("phones/optional_silence.txt"), false);
        Topology topo = Topology.read(dir.resolve("topo"));
        List<String> oov = readList(dir.resolve("oov.txt"), false);
        List<String> sp = readList(dir.resolve("sil_prob.txt"), false);
        for (String p : sil) {
            if (!topo.covers(phones.id(p))) {
                throw new AmdException(dir.resolve("topo") + " does not cover silence phone " + p);
            }
        }
        for (String p : nonsil) {
            if (!topo.covers(phones.id(p))) {
                throw new AmdException(dir.resolve("topo") + " does not cover phone " + p);
            }
        }
        return new LangDir(
                phones,
                words,
                lex,
                sil,
                nonsil,
                opt.isEmpty() ? null : opt.get(0),
                topo,
                oov.isEmpty() ? null : oov.get(0),
                sp.isEmpty() ? 0.5 : Double.parseDouble(sp.get(0)));
    }
}
