package org.amdistill.corpora.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.amdistill.core.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The large-vocabulary benchmark's inputs: a CMUdict dict dir and made-up LM text. */
class LargeVocabularyTest {
    static Map<String, String> lexicon(Path dict) throws Exception {
        Map<String, String> m = new HashMap<>();
        for (String l : Files.readAllLines(dict.resolve("lexicon.txt"))) {
            int sp = l.indexOf(' ');
            m.put(l.substring(0, sp), l.substring(sp + 1));
        }
        return m;
    }

    @Test
    void theWholeDictionaryIsAboutAHundredThousandWords() throws Exception {
        List<String> words = CmuLexicon.dictionaryWords();
        assertTrue(words.size() > 100_000 && words.size() < 110_000, "CMUdict 0.4: " + words.size());
        assertTrue(words.contains("a") && words.contains("read") && words.contains("zebra"));
        assertEquals(words.size(), new HashSet<>(words).size(), "no repeats (a word under two parts of speech is one)");
    }

    @Test
    void aSampleKeepsTheTaskWordsAndATasksPhoneSet(@TempDir Path tmp) throws Exception {
        // a task dict dir with a reduced phone set: the digits' phones
        Path task = tmp.resolve("task");
        Files.createDirectories(task);
        Map<String, String> digits = Task.DIGITS.lexicon(null);
        Set<String> phones = new java.util.TreeSet<>();
        StringBuilder lex = new StringBuilder("<sil> SIL\n<unk> SPN\n");
        digits.forEach((w, p) -> {
            lex.append(w).append(' ').append(p).append('\n');
            phones.addAll(List.of(p.split(" ")));
        });
        Files.writeString(task.resolve("lexicon.txt"), lex.toString());
        Files.writeString(task.resolve("nonsilence_phones.txt"), String.join("\n", phones) + "\n");
        Files.writeString(task.resolve("silence_phones.txt"), "SIL\nSPN\n");
        Files.writeString(task.resolve("optional_silence.txt"), "SIL\n");
        Path out = tmp.resolve("dict");
        assertEquals(
                0,
                Cli.execute(
                        new CmuDictCommand(),
                        "--task=digits",
                        "--num-words=2000",
                        "--phones-of=" + task,
                        out.toString()));
        Map<String, String> got = lexicon(out);
        assertEquals("SPN", got.get("<unk>"), "the task's special entries are kept");
        assertEquals("SIL", got.get("<sil>"));
        for (Map.Entry<String, String> e : digits.entrySet()) {
            assertEquals(e.getValue(), got.get(e.getKey()), "task word " + e.getKey());
        }
        assertEquals(2000 + 2, got.size(), "2000 words and the two special entries");
        for (Map.Entry<String, String> e : got.entrySet()) {
            for (String p : e.getValue().split(" ")) {
                assertTrue(phones.contains(p) || p.equals("SIL") || p.equals("SPN"), e.getKey() + ": " + p);
            }
        }
        assertEquals(
                Files.readString(task.resolve("nonsilence_phones.txt")),
                Files.readString(out.resolve("nonsilence_phones.txt")),
                "the task's phone list, so the lang has the model's phones");
        // fewer words than the task has is an error, as is a dict dir that lacks the task's phones
        assertTrue(Cli.execute(
                        new CmuDictCommand(),
                        "--task=digits",
                        "--num-words=5",
                        tmp.resolve("x").toString())
                != 0);
        assertTrue(Cli.execute(
                        new CmuDictCommand(),
                        "--phones-of=" + task,
                        tmp.resolve("y").toString())
                != 0);
    }

    @Test
    void lmTextMixesTheGrammarWithAZipfChainAndIsDeterministic(@TempDir Path tmp) throws Exception {
        Path lex = tmp.resolve("lexicon.txt");
        StringBuilder sb = new StringBuilder("<sil> SIL\n");
        for (int i = 0; i < 5000; i++) {
            sb.append("w").append(i).append(" AH\n");
        }
        for (String w : Task.SENTENCES.vocabulary()) {
            sb.append(w).append(" AH\n");
        }
        Files.writeString(lex, sb.toString());
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        String[] opts = {"--num-sentences=20000", "--task-share=0.25", "--seed=4"};
        assertEquals(0, Cli.execute(new SynthLmText(), concat(opts, lex.toString(), a.toString())));
        assertEquals(0, Cli.execute(new SynthLmText(), concat(opts, lex.toString(), b.toString())));
        assertEquals(Files.readString(a), Files.readString(b), "the same seed, the same text");
        List<String> lines = Files.readAllLines(a);
        assertEquals(20000, lines.size());
        Set<String> vocab = new HashSet<>(Task.SENTENCES.vocabulary());
        Map<String, Integer> counts = new HashMap<>();
        Map<String, Integer> bigrams = new HashMap<>();
        int grammar = 0;
        for (String l : lines) {
            String[] f = l.split(" ");
            assertTrue(f[0].startsWith("lm-"), l);
            boolean allTask = true;
            for (int i = 1; i < f.length; i++) {
                assertTrue(!f[i].startsWith("<"), "no <sil> in the text: " + l);
                allTask &= vocab.contains(f[i]);
                counts.merge(f[i], 1, Integer::sum);
                if (i > 1) {
                    bigrams.merge(f[i - 1] + " " + f[i], 1, Integer::sum);
                }
            }
            grammar += allTask && f.length > 6 ? 1 : 0;
        }
        assertTrue(grammar > 4000 && grammar < 6000, "a quarter from the grammar: " + grammar);
        // Zipf: the most frequent chain word is far more frequent than the median one
        List<Integer> freq = counts.entrySet().stream()
                .filter(e -> e.getKey().startsWith("w"))
                .map(Map.Entry::getValue)
                .sorted((x, y) -> y - x)
                .toList();
        assertTrue(
                freq.get(0) > 50 * freq.get(freq.size() / 2),
                "top " + freq.get(0) + ", median " + freq.get(freq.size() / 2));
        // favourite successors: some bigrams of the chain recur far more than chance
        long recurring = bigrams.entrySet().stream()
                .filter(e -> e.getKey().startsWith("w") && e.getValue() >= 5)
                .count();
        assertTrue(recurring > 100, "recurring chain bigrams: " + recurring);
        assertTrue(Cli.execute(new SynthLmText(), "--task-share=2", lex.toString(), a.toString()) != 0);
        assertTrue(Cli.execute(new SynthLmText(), tmp.resolve("none").toString(), a.toString()) != 0);
    }

    static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
