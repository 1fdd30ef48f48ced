package org.amdistill.acoustic.tree;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.amdistill.acoustic.hmm.HmmStateInventory;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.io.AtomicFiles;
import org.amdistill.dataprep.lang.LangDir;

/**
 * The steps between tree statistics and a tree, over a lang directory's phone names and ids: questions (Kaldi's
 * cluster-phones plus extra questions), roots (Kaldi's roots.txt), and build-tree. Question and root files hold
 * phone names, as Kaldi's questions.txt and roots.txt do.
 */
public final class TreeBuilding {
    private TreeBuilding() {}

    /**
     * The automatic questions of {@link PhoneClustering} (statistics of the pdf classes {@code pdfClasses}, all if
     * empty), then {@code extra}, then silence against the other phones (the question Kaldi's prepare_lang adds).
     */
    public static List<List<String>> questions(
            TreeStats stats, LangDir lang, Set<Integer> pdfClasses, List<List<String>> extra) {
        Set<List<String>> qs = new LinkedHashSet<>(PhoneClustering.questions(stats, lang.realPhones(), pdfClasses));
        for (List<String> q : extra) {
            for (String p : q) {
                if (!lang.realPhones().contains(p)) {
                    throw new AmdException("extra question " + q + ": '" + p + "' is not a phone of the lang");
                }
            }
            qs.add(List.copyOf(q));
        }
        if (!lang.silencePhones.isEmpty() && !lang.nonsilencePhones.isEmpty()) {
            qs.add(List.copyOf(lang.silencePhones));
            qs.add(List.copyOf(lang.nonsilencePhones));
        }
        return new ArrayList<>(qs);
    }

    /** One set of phone names per line (Kaldi's questions.txt, extra_questions.txt). */
    public static List<List<String>> readPhoneSets(Path file) {
        try {
            List<List<String>> out = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    out.add(List.of(line.strip().split("\\s+")));
                }
            }
            return out;
        } catch (IOException e) {
            throw new AmdException("cannot read " + file + ": " + e.getMessage());
        }
    }

    public static void writePhoneSets(Path file, List<List<String>> sets) {
        StringBuilder sb = new StringBuilder();
        for (List<String> s : sets) {
            sb.append(String.join(" ", s)).append('\n');
        }
        try {
            AtomicFiles.writeString(file, sb.toString());
        } catch (IOException e) {
            throw new AmdException("cannot write " + file + ": " + e.getMessage());
        }
    }

    /** Kaldi's default roots: each phone its own root, its pdf classes shared, split ("shared split phone"). */
    public static List<String> defaultRoots(LangDir lang) {
        List<String> out = new ArrayList<>();
        for (String p : lang.realPhones()) {
            out.add("shared split " + p);
        }
        return out;
    }

    /** Roots in roots.txt form: "shared|not-shared split|not-split phone..." per line. */
    public static List<TreeBuilder.Root> parseRoots(List<String> lines, LangDir lang, String source) {
        List<TreeBuilder.Root> roots = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).strip().split("\\s+");
            if (f.length == 1 && f[0].isEmpty()) {
                continue;
            }
            if (f.length < 3
                    || !(f[0].equals("shared") || f[0].equals("not-shared"))
                    || !(f[1].equals("split") || f[1].equals("not-split"))) {
                throw new AmdException(source + ", line " + (i + 1)
                        + ": expected 'shared|not-shared split|not-split phone...', found '"
                        + lines.get(i).strip() + "'");
            }
            int[] ids = new int[f.length - 2];
            for (int k = 2; k < f.length; k++) {
                if (!lang.realPhones().contains(f[k])) {
                    throw new AmdException(
                            source + ", line " + (i + 1) + ": '" + f[k] + "' is not a phone of the lang");
                }
                ids[k - 2] = lang.phones.id(f[k]);
            }
            roots.add(new TreeBuilder.Root(ids, f[0].equals("shared"), f[1].equals("split")));
        }
        return roots;
    }

    /**
     * build-tree over names: statistics of phones the lang has not are refused (another phone set); phones without
     * statistics keep one leaf per root, reached by any context.
     */
    public static TreeBuilder.Result build(
            TreeStats stats,
            LangDir lang,
            List<TreeBuilder.Root> roots,
            List<List<String>> questions,
            TreeBuilder.Options opts,
            String statsName) {
        Map<String, Integer> id = new HashMap<>();
        id.put(TreeStats.NO_PHONE, 0);
        for (String p : lang.realPhones()) {
            id.put(p, lang.phones.id(p));
        }
        HmmStateInventory mono = HmmStateInventory.fromLang(lang);
        Map<Integer, Integer> numClasses = new HashMap<>();
        for (String p : mono.phones()) {
            int max = 0;
            for (int c : mono.phone(p).pdfClasses()) {
                max = Math.max(max, c + 1);
            }
            numClasses.put(id.get(p), max);
        }
        // Keys only iterated, never looked up (identity is enough); insertion order keeps the tree deterministic.
        @SuppressWarnings("ArrayAsKeyOfSetOrMap")
        Map<int[], GaussStats> events = new LinkedHashMap<>();
        stats.stats().forEach((c, s) -> {
            for (String p : new String[] {c.left(), c.phone(), c.right()}) {
                if (!id.containsKey(p)) {
                    throw new AmdException(statsName + ": phone '" + p
                            + "' is not a phone of the lang: the statistics come from another phone set");
                }
            }
            if (c.pdfClass() < 0 || c.pdfClass() >= numClasses.get(id.get(c.phone()))) {
                throw new AmdException(statsName + ": phone '" + c.phone() + "' pdf class " + c.pdfClass()
                        + " is not in the lang's topology (" + numClasses.get(id.get(c.phone()))
                        + " pdf classes): the statistics come from another topology");
            }
            events.put(new int[] {c.pdfClass(), id.get(c.left()), id.get(c.phone()), id.get(c.right())}, s);
        });
        List<int[]> qs = new ArrayList<>();
        for (List<String> q : questions) {
            int[] ids = new int[q.size()];
            for (int k = 0; k < ids.length; k++) {
                Integer v = id.get(q.get(k));
                if (v == null || v == 0) {
                    throw new AmdException("question " + q + ": '" + q.get(k) + "' is not a phone of the lang");
                }
                ids[k] = v;
            }
            java.util.Arrays.sort(ids);
            qs.add(ids);
        }
        return new TreeBuilder(opts, qs, stats.dim()).build(events, roots, numClasses);
    }
}
