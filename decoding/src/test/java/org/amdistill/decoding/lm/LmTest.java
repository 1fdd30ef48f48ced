package org.amdistill.decoding.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.amdistill.core.DebianPackages;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LmTest {
    static List<List<String>> corpus(long seed, int n) {
        String[] digits = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "oh", "zero"};
        Random rnd = new Random(seed);
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<String> s = new ArrayList<>();
            int len = 1 + rnd.nextInt(5);
            for (int j = 0; j < len; j++) {
                // skewed so that some bigrams and trigrams are frequent and many are unseen
                s.add(digits[Math.min(digits.length - 1, (int) Math.abs(rnd.nextGaussian() * 3))]);
            }
            out.add(s);
        }
        return out;
    }

    /** sum over w of P(w | h) = 1 for every history the model lists and for unseen ones. */
    static void assertNormalised(NgramLm lm, double tol) {
        List<int[]> histories = new ArrayList<>();
        histories.add(new int[0]);
        for (int n = 1; n < lm.order(); n++) {
            histories.addAll(lm.ngrams(n));
        }
        int eos = lm.wordId(NgramLm.EOS);
        int bos = lm.wordId(NgramLm.BOS);
        histories.add(lm.order() >= 3 ? new int[] {eos, bos} : new int[] {eos}); // an unseen history
        for (int[] h : histories) {
            double sum = 0;
            for (int w = 0; w < lm.vocabulary().size(); w++) {
                if (w != bos) {
                    sum += Math.pow(10, lm.log10Prob(h, w));
                }
            }
            assertEquals(1.0, sum, tol, "history " + Arrays.toString(h));
        }
    }

    @Test
    void wittenBellSumsToOneForEveryHistory() {
        for (int order = 1; order <= 3; order++) {
            NgramLm lm = WittenBell.train(corpus(order, 300), List.of("unseenword"), order);
            assertNormalised(lm, 1e-5);
            assertTrue(lm.log10Prob(new int[0], lm.wordId("unseenword")) > -20, "unseen vocabulary word gets mass");
        }
    }

    @Test
    void wittenBellMatchesHandComputation() {
        // a b / a a: unigrams c(a)=3 c(b)=1 c(</s>)=2, N=6, T=3, V=3 (a, b, </s>)
        NgramLm lm = WittenBell.train(List.of(List.of("a", "b"), List.of("a", "a")), List.of(), 2);
        int a = lm.wordId("a");
        int b = lm.wordId("b");
        double pa = (3 + 3.0 / 3) / (6 + 3);
        assertEquals(Math.log10(pa), lm.log10Prob(new int[0], a), 1e-6);
        // history a: followed by b, a, </s> -> c(a)=3, T(a)=3; P(b|a) = (1 + 3 P(b)) / 6
        double pb = (1 + 1.0) / 9;
        assertEquals(Math.log10((1 + 3 * pb) / 6), lm.log10Prob(new int[] {a}, b), 1e-6);
        // history b: only </s> follows; P(a|b) = 1/2 * P(a) (unseen: back-off)
        assertEquals(Math.log10(0.5 * pa), lm.log10Prob(new int[] {b}, a), 1e-6);
    }

    @Test
    void arpaRoundTripAndCommand(@TempDir Path tmp) throws IOException {
        Path text = tmp.resolve("text");
        StringBuilder sb = new StringBuilder();
        int i = 0;
        for (List<String> s : corpus(5, 200)) {
            sb.append("utt").append(i++).append(' ').append(String.join(" ", s)).append('\n');
        }
        Files.writeString(text, sb.toString());
        Path arpa = tmp.resolve("lm.arpa");
        assertEquals(0, Cli.execute(new TrainLm(), "--order=3", text.toString(), arpa.toString()));
        NgramLm lm = Arpa.read(arpa);
        assertEquals(3, lm.order());
        assertNormalised(lm, 1e-4);
        NgramLm again = WittenBell.train(corpus(5, 200), List.of(), 3);
        for (int n = 1; n <= 3; n++) {
            assertEquals(again.count(n), lm.count(n));
            for (int[] g : again.ngrams(n)) {
                int[] mapped =
                        Arrays.stream(g).map(id -> lm.wordId(again.word(id))).toArray();
                assertEquals(again.entry(g)[0], lm.entry(mapped)[0], 1e-6);
                assertEquals(again.entry(g)[1], lm.entry(mapped)[1], 1e-6);
            }
        }
        // the decoder's view: states follow the longest known history
        int s = lm.startState();
        long[] arc = lm.next(s, lm.wordId("one"));
        assertEquals(
                lm.log10Prob(new int[] {lm.wordId("<s>")}, lm.wordId("one")) * Math.log(10),
                NgramLm.arcLogProb(arc),
                1e-9);
        assertEquals(
                List.of("<s>", "one"),
                Arrays.stream(lm.stateContext(NgramLm.arcNextState(arc)))
                        .mapToObj(lm::word)
                        .toList());
    }

    /**
     * Count cut-offs: the n-grams seen fewer times are gone, every history still sums to one (the renormalised
     * back-off), the kept n-grams keep the estimate without cut-offs, and a cut-off of 1 is no cut-off.
     */
    @Test
    void countCutOffsDropRareNgramsAndKeepEveryHistoryNormalised() {
        List<List<String>> text = corpus(11, 400);
        NgramLm full = WittenBell.train(text, List.of("unseenword"), 3);
        NgramLm cut = WittenBell.train(text, List.of("unseenword"), 3, new int[] {2, 3});
        assertNormalised(cut, 1e-5);
        assertTrue(cut.count(2) < full.count(2) && cut.count(3) < full.count(3), "something was cut");
        assertEquals(full.count(1), cut.count(1), "unigrams are never cut");
        // counts of the trigrams, to check the cut-off's threshold
        java.util.Map<String, Integer> counts = new java.util.HashMap<>();
        for (List<String> s : text) {
            List<String> w = new ArrayList<>(List.of("<s>"));
            w.addAll(s);
            w.add("</s>");
            for (int i = 2; i < w.size(); i++) {
                counts.merge(String.join(" ", w.subList(i - 2, i + 1)), 1, Integer::sum);
            }
        }
        for (int[] g : full.ngrams(3)) {
            String key = String.join(" ", Arrays.stream(g).mapToObj(full::word).toList());
            int[] mapped = Arrays.stream(g).map(id -> cut.wordId(full.word(id))).toArray();
            assertEquals(counts.get(key) >= 3, cut.contains(mapped), key + " seen " + counts.get(key) + " times");
            if (cut.contains(mapped)) {
                assertEquals(full.entry(g)[0], cut.entry(mapped)[0], 1e-6, key);
            }
        }
        NgramLm one = WittenBell.train(text, List.of("unseenword"), 3, new int[] {1, 1});
        for (int n = 1; n <= 3; n++) {
            assertEquals(full.count(n), one.count(n));
            for (int[] g : full.ngrams(n)) {
                assertEquals(full.entry(g)[0], one.entry(g)[0], 0f);
                assertEquals(full.entry(g)[1], one.entry(g)[1], 0f);
            }
        }
    }

    @Test
    void trainLmTakesMinCountsAndRefusesBadOnes(@TempDir Path tmp) throws IOException {
        Path text = tmp.resolve("text");
        StringBuilder sb = new StringBuilder();
        int i = 0;
        for (List<String> s : corpus(5, 300)) {
            sb.append("utt").append(i++).append(' ').append(String.join(" ", s)).append('\n');
        }
        Files.writeString(text, sb.toString());
        Path arpa = tmp.resolve("lm.arpa");
        assertEquals(0, Cli.execute(new TrainLm(), "--order=3", "--min-counts=2,2", text.toString(), arpa.toString()));
        NgramLm lm = Arpa.read(arpa);
        assertEquals(
                WittenBell.train(corpus(5, 300), List.of(), 3, new int[] {2, 2}).count(3), lm.count(3));
        assertNormalised(lm, 1e-4);
        assertTrue(Cli.execute(new TrainLm(), "--order=3", "--min-counts=0", text.toString(), arpa.toString()) != 0);
        assertTrue(Cli.execute(new TrainLm(), "--order=2", "--min-counts=2,2", text.toString(), arpa.toString()) != 0);
        Files.writeString(text, "a one two\nb three\na four\n");
        assertTrue(Cli.execute(new TrainLm(), "--order=2", text.toString(), arpa.toString()) != 0, "duplicate id");
    }

    /** The decoder's one-pass arc is logProb and nextState, from every state the model can be in. */
    @Test
    void arcIsLogProbAndNextStateInOnePass() {
        for (int order = 1; order <= 3; order++) {
            for (int[] cut : new int[][] {{}, {2, 2}}) {
                NgramLm lm = WittenBell.train(corpus(order + 20, 300), List.of("unseenword"), order, cut);
                List<Integer> states = new ArrayList<>(List.of(0, lm.startState()));
                int[] out = new int[1];
                for (int k = 0; k < states.size() && states.size() < 200; k++) {
                    for (int w = 0; w < lm.vocabulary().size(); w++) {
                        int st = states.get(k);
                        double lp = lm.arc(st, w, out);
                        assertEquals(lm.logProb(st, w), lp, 0.0, "order " + order + ", state " + st + ", word " + w);
                        assertEquals(lm.nextState(st, w), out[0], "order " + order + ", state " + st + ", word " + w);
                        if (!states.contains(out[0])) {
                            states.add(out[0]);
                        }
                    }
                }
                assertTrue(order == 1 || states.size() > 5, "states reached: " + states.size());
            }
        }
    }

    @Test
    void longIndexGivesStableDenseIndices() {
        LongIndex idx = new LongIndex(4);
        Random rnd = new Random(3);
        java.util.Map<Long, Integer> ref = new java.util.HashMap<>();
        for (int i = 0; i < 100_000; i++) {
            long k = 1 + rnd.nextInt(50_000) * 7919L;
            int got = idx.add(k);
            Integer want = ref.putIfAbsent(k, ref.size());
            assertEquals(want == null ? ref.size() - 1 : want, got);
        }
        assertEquals(ref.size(), idx.size());
        for (java.util.Map.Entry<Long, Integer> e : ref.entrySet()) {
            assertEquals(e.getValue(), idx.find(e.getKey()));
            assertEquals(e.getKey(), idx.key(e.getValue()));
        }
        assertEquals(-1, idx.find(2));
    }

    static String small() {
        return "\\data\\\nngram 1=3\nngram 2=1\n\n\\1-grams:\n-0.5\t<s>\t-0.1\n-0.3\ta\t-0.2\n-0.4\t</s>\n\n\\2-grams:\n-0.1\t<s> a\n\n\\end\\\n";
    }

    AmdException readError(Path tmp, String content) throws IOException {
        Path f = tmp.resolve("bad.arpa");
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return assertThrows(AmdException.class, () -> Arpa.read(f));
    }

    @Test
    void arpaErrorsNameFileAndLine(@TempDir Path tmp) throws IOException {
        Path ok = tmp.resolve("ok.arpa");
        Files.writeString(ok, small());
        assertEquals(3, Arpa.read(ok).count(1));

        AmdException e = readError(tmp, small().replace("ngram 2=1", "ngram 2=2"));
        assertTrue(e.getMessage().contains("bad.arpa:") && e.getMessage().contains("ngram 2=2"), e.getMessage());
        e = readError(tmp, small().replace("ngram 2=1", "ngram two=1"));
        assertTrue(e.getMessage().contains("bad.arpa:3:"), e.getMessage());
        e = readError(tmp, small().replace("\\end\\\n", ""));
        assertTrue(e.getMessage().contains("without \\end\\"), e.getMessage());
        e = readError(tmp, small().replace("-0.1\t<s> a", "-0.1\t<s> zz"));
        assertTrue(e.getMessage().contains("bad.arpa:11:") && e.getMessage().contains("zz"), e.getMessage());
        e = readError(tmp, small().replace("-0.3\ta", "x\ta"));
        assertTrue(e.getMessage().contains("bad.arpa:7:"), e.getMessage());
        // found by fuzzing: a count beyond an int had escaped as a NumberFormatException
        e = readError(tmp, small().replace("ngram 2=1", "ngram 2=40000000000"));
        assertTrue(e.getMessage().contains("bad.arpa:3:") && e.getMessage().contains("too large"), e.getMessage());
        e = readError(tmp, small().replace("\\2-grams:", "\\44444444444444444444-grams:"));
        assertTrue(
                e.getMessage().contains("bad.arpa:10:") && e.getMessage().contains("44444444444444444444-grams"),
                e.getMessage());
        e = readError(tmp, "no header here\n");
        assertTrue(e.getMessage().contains("\\data\\"), e.getMessage());
        e = readError(tmp, "Trie Language Model\u0003\0\0\0");
        assertTrue(e.getMessage().contains("binary"), e.getMessage());
    }

    /**
     * pocketsphinx ships its LMs as binary tries; with Debian's sphinxbase-utils installed they are converted to
     * ARPA by sphinx_lm_convert and read here (the reader checks the counts against the header). Not every shipped
     * model is normalised (turtle's unigrams sum to 0.5), so only the digits model's values are checked.
     */
    @Test
    void readsPocketsphinxLanguageModelsConvertedToArpa(@TempDir Path tmp) throws Exception {
        Path converter = Stream.of(System.getenv("PATH").split(":"))
                .map(d -> Path.of(d, "sphinx_lm_convert"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(null);
        DebianPackages.assume(converter != null, "sphinxbase-utils", "its sphinx_lm_convert writes the ARPA files");
        List<Path> bins = new ArrayList<>();
        for (String f : List.of(
                "/usr/share/pocketsphinx/test/data/tidigits/lm/tidigits.lm.bin",
                "/usr/share/pocketsphinx/test/data/turtle.lm.bin",
                "/usr/share/pocketsphinx/model/en-us/en-us-phone.lm.bin")) {
            if (Files.exists(Path.of(f))) {
                bins.add(Path.of(f));
            }
        }
        DebianPackages.assume(
                bins.size() == 3, "pocketsphinx-testdata and pocketsphinx-en-us", "they ship the binary LMs");
        for (Path bin : bins) {
            Path arpa = tmp.resolve(bin.getFileName() + ".arpa");
            Process p = new ProcessBuilder(
                            converter.toString(), "-i", bin.toString(), "-o", arpa.toString(), "-ofmt", "arpa")
                    .redirectErrorStream(true)
                    .redirectOutput(tmp.resolve("log").toFile())
                    .start();
            assertEquals(0, p.waitFor(), bin.toString());
            NgramLm lm = Arpa.read(arpa);
            assertTrue(lm.count(1) > 10, bin.toString());
            if (bin.toString().contains("tidigits")) {
                // the digits LM is a flat unigram over the 11 digits, <unk> and </s>: it sums to one
                assertEquals(-1.0695, lm.log10Prob(new int[0], lm.wordId("oh")), 1e-6);
                double sum = 0;
                for (int w = 0; w < lm.vocabulary().size(); w++) {
                    sum += Math.pow(10, lm.log10Prob(new int[0], w));
                }
                assertEquals(1.0, sum, 1e-3);
            }
        }
    }

    static boolean isText(Path p) {
        try (var in = Files.newInputStream(p)) {
            byte[] b = in.readNBytes(512);
            return new String(b, StandardCharsets.ISO_8859_1).contains("\\data\\")
                    || (b.length > 1 && (b[0] & 0xff) == 0x1f);
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void binarySphinxModelIsAClearError() {
        Path bin = Path.of("/usr/share/pocketsphinx/model/en-us/en-us-phone.lm.bin");
        DebianPackages.assume(Files.exists(bin), "pocketsphinx-en-us", "it ships the binary LM");
        AmdException e = assertThrows(AmdException.class, () -> Arpa.read(bin));
        assertTrue(e.getMessage().contains("binary"), e.getMessage());
    }
}
