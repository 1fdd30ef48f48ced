package org.amdistill.decoding.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * compare-wer's MAPSSWE and sign test against NIST's own: sclite aligns the same hypotheses and sc_stats computes
 * the tests (Debian package sctk; .ci/run installs it). Figures are compared at the precision sc_stats prints.
 */
class SctkAgreementTest {
    static final Path SCTK = Path.of("/usr/lib/sctk/bin");
    static final String[] WORDS = {"oh", "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"
    };

    /** Blocks up to which sc_stats's sign-test p-value is exact (it multiplies factorials out in floating point). */
    static final int EXACT_SIGN_BLOCKS = 20;

    record Figures(
            String segments,
            String errA,
            String errB,
            String mean,
            String sd,
            String z,
            int plus,
            int minus,
            int zero,
            String signP) {}

    @Test
    void differentSystemsAgreeWithSclite(@TempDir Path tmp) throws Exception {
        Random r = new Random(11);
        Map<String, List<String>> ref = references(r, 160);
        Map<String, List<String>> a = perturb(r, ref, 0.12);
        Map<String, List<String>> b = perturb(r, ref, 0.08);
        assertAgreement(tmp.resolve("utt"), ref, a, b, false);
        assertAgreement(tmp.resolve("spk"), ref, a, b, true);
    }

    /** Most utterances the same in both systems: the sign test's ties (N(0)), split as sclite splits them. */
    @Test
    void systemsWithTiesAgreeWithSclite(@TempDir Path tmp) throws Exception {
        Random r = new Random(12);
        Map<String, List<String>> ref = references(r, 160);
        Map<String, List<String>> a = perturb(r, ref, 0.15);
        Map<String, List<String>> b = new LinkedHashMap<>(a);
        Map<String, List<String>> redone = perturb(r, ref, 0.10);
        int k = 0;
        for (String u : ref.keySet()) {
            if (k++ % 5 == 0) {
                b.put(u, redone.get(u));
            }
        }
        Figures f = assertAgreement(tmp.resolve("utt"), ref, a, b, false);
        assertTrue(f.zero() > 100, "ties: " + f);
        assertAgreement(tmp.resolve("spk"), ref, a, b, true);
        // few enough blocks for sc_stats's p-value: ties split with the odd one to the minority
        Map<String, List<String>> few = new LinkedHashMap<>();
        int better = 0;
        int same = 0;
        for (String u : ref.keySet()) {
            int ea = EditDistance.counts(ref.get(u), a.get(u)).errors();
            int eb = EditDistance.counts(ref.get(u), b.get(u)).errors();
            if ((eb < ea && better++ < 6) || (eb == ea && same++ < 13)) {
                few.put(u, ref.get(u));
            }
        }
        Figures small = assertAgreement(tmp.resolve("few"), few, restrict(a, few), restrict(b, few), false);
        assertTrue(
                small.zero() % 2 == 1 && !small.signP().equals("1.000"),
                "an odd number of ties and a p below 1: " + small);
    }

    @Test
    void identicalSystemsAgreeWithSclite(@TempDir Path tmp) throws Exception {
        Random r = new Random(13);
        Map<String, List<String>> ref = references(r, 150);
        Map<String, List<String>> a = perturb(r, ref, 0.1);
        Figures f = assertAgreement(tmp, ref, a, a, false);
        assertEquals("0.000", f.z());
        assertEquals("1.000", f.signP());
    }

    private static Figures assertAgreement(
            Path dir,
            Map<String, List<String>> ref,
            Map<String, List<String>> a,
            Map<String, List<String>> b,
            boolean speakers)
            throws Exception {
        assumeTrue(
                Files.isExecutable(SCTK.resolve("sclite")) && Files.isExecutable(SCTK.resolve("sc_stats")),
                "Debian package sctk is not installed (apt-get install sctk): sclite/sc_stats comparison skipped");
        Files.createDirectories(dir);
        Map<String, String> utt2spk = new LinkedHashMap<>();
        int i = 0;
        for (String u : ref.keySet()) {
            utt2spk.put(u, speakers ? "spk" + (i++ % 7) : u);
        }
        // sclite's aligner weighs a substitution 4 and an insertion or deletion 3, so where two substitutions and a
        // deletion plus an insertion cost compute-wer the same it takes the latter; compare-wer keeps compute-wer's
        // alignment. The tests are compared on the utterances both aligners align alike (nearly all of them).
        sclite(dir, ref, a, b, utt2spk);
        Set<String> differ = alignedDifferently(dir.resolve("a.trn.sgml"), ref, a);
        differ.addAll(alignedDifferently(dir.resolve("b.trn.sgml"), ref, b));
        assertTrue(
                differ.size() <= ref.size() / 20,
                differ.size() + " of " + ref.size() + " utterances aligned differently");
        ref = without(ref, differ);
        a = without(a, differ);
        b = without(b, differ);
        Figures sclite = sclite(dir, ref, a, b, utt2spk);
        SystemComparison.Result ours = SystemComparison.compare(
                SystemComparison.match(ref, "ref", a, "a", b, "b"),
                speakers ? utt2spk : null,
                MatchedPairs.DEFAULT_MIN_GOOD,
                100,
                1);
        MatchedPairs.Result m = ours.mapsswe();
        SignTest.Result s = ours.sign();
        boolean aFirst = sumOfPercents(s, sclite);
        Figures mine = new Figures(
                String.valueOf(m.segments()),
                SystemComparison.fixed(m.percentErrorA(), 2),
                SystemComparison.fixed(m.percentErrorB(), 2),
                SystemComparison.fixed(m.mean(), 3),
                SystemComparison.fixed(m.sd(), 3),
                SystemComparison.fixed(m.z(), 3),
                aFirst ? s.aWorse() : s.bWorse(),
                aFirst ? s.bWorse() : s.aWorse(),
                s.ties(),
                SystemComparison.fixed(s.p(), 3));
        if (s.blocks() > EXACT_SIGN_BLOCKS) {
            // sc_stats 2.4.10's binomial is exact only up to about 20 blocks (N=24: p 0.001 where the exact value
            // is 0.152); above that the counts are compared, the p-value is not
            sclite = new Figures(
                    sclite.segments(),
                    sclite.errA(),
                    sclite.errB(),
                    sclite.mean(),
                    sclite.sd(),
                    sclite.z(),
                    sclite.plus(),
                    sclite.minus(),
                    sclite.zero(),
                    mine.signP());
        }
        assertEquals(sclite, mine, "sc_stats vs compare-wer in " + dir);
        System.out.println("sc_stats = compare-wer on " + ref.size() + " utterances (" + differ.size()
                + " more aligned differently by sclite, left out): " + mine);
        return mine;
    }

    private static Map<String, List<String>> restrict(Map<String, List<String>> t, Map<String, List<String>> to) {
        Map<String, List<String>> out = new LinkedHashMap<>(t);
        out.keySet().retainAll(to.keySet());
        return out;
    }

    private static Map<String, List<String>> without(Map<String, List<String>> t, Set<String> drop) {
        Map<String, List<String>> out = new LinkedHashMap<>(t);
        out.keySet().removeAll(drop);
        return out;
    }

    /** Utterances whose alignment in sclite's sgml output is not compute-wer's (EditDistance.align). */
    private static Set<String> alignedDifferently(
            Path sgml, Map<String, List<String>> ref, Map<String, List<String>> hyp) throws IOException {
        Set<String> out = new TreeSet<>();
        Matcher m = Pattern.compile("<PATH id=\"\\([^-]*-([^)]*)\\)\"[^>]*>\n(.*?)\n?</PATH>", Pattern.DOTALL)
                .matcher(Files.readString(sgml, StandardCharsets.ISO_8859_1));
        int paths = 0;
        while (m.find()) {
            paths++;
            StringBuilder theirs = new StringBuilder();
            for (String item : m.group(2).strip().split(":")) {
                if (!item.isEmpty()) {
                    theirs.append(item.charAt(0));
                }
            }
            StringBuilder ours = new StringBuilder();
            for (EditDistance.Pair p : EditDistance.align(ref.get(m.group(1)), hyp.get(m.group(1)))) {
                ours.append(p.op());
            }
            if (!theirs.toString().equals(ours.toString())) {
                out.add(m.group(1));
            }
        }
        assertEquals(ref.size(), paths, "paths in " + sgml);
        return out;
    }

    /** sc_stats orders the sign test's systems by worse first; match our counts to its N(+)/N(-) by that order. */
    private static boolean sumOfPercents(SignTest.Result s, Figures sclite) {
        return sclite.plus() == s.aWorse() && sclite.minus() == s.bWorse();
    }

    static Figures sclite(
            Path dir,
            Map<String, List<String>> ref,
            Map<String, List<String>> a,
            Map<String, List<String>> b,
            Map<String, String> utt2spk)
            throws Exception {
        writeTrn(dir.resolve("ref.trn"), ref, utt2spk);
        writeTrn(dir.resolve("a.trn"), a, utt2spk);
        writeTrn(dir.resolve("b.trn"), b, utt2spk);
        for (String sys : List.of("a", "b")) {
            run(
                    dir,
                    SCTK.resolve("sclite").toString(),
                    "-r",
                    "ref.trn",
                    "trn",
                    "-h",
                    sys + ".trn",
                    "trn",
                    sys.toUpperCase(Locale.ROOT),
                    "-i",
                    "spu_id",
                    "-o",
                    "sgml",
                    "-O",
                    ".",
                    "-f",
                    "0");
        }
        byte[] sgml = concat(dir.resolve("a.trn.sgml"), dir.resolve("b.trn.sgml"));
        String mapsswe = stats(dir, sgml, "mapsswe");
        String sign = stats(dir, sgml, "sign");
        Matcher m = Pattern.compile("\\(# segs: (\\d+)\\).*\\(% Error: +(\\S+) +(\\S+)\\) \\(mean: +(\\S+)\\) "
                        + "\\(std dev: +(\\S+)\\) \\(Z Stat: +(\\S+)\\)")
                .matcher(mapsswe);
        assertTrue(m.find(), "no MTCH_PR_RESULTS line in sc_stats's output:\n" + mapsswe);
        Matcher plus = Pattern.compile("N\\(\\+\\) = +(\\d+)").matcher(sign);
        Matcher minus = Pattern.compile("N\\(-\\) = +(\\d+)").matcher(sign);
        Matcher zero = Pattern.compile("N\\(0\\) = +(\\d+)").matcher(sign);
        Matcher p = Pattern.compile("it occurring is +(\\S+),").matcher(sign);
        assertTrue(plus.find() && minus.find() && zero.find() && p.find(), "sign test figures not found:\n" + sign);
        return new Figures(
                m.group(1),
                m.group(2),
                m.group(3),
                m.group(4),
                m.group(5),
                m.group(6),
                Integer.parseInt(plus.group(1)),
                Integer.parseInt(minus.group(1)),
                Integer.parseInt(zero.group(1)),
                p.group(1));
    }

    private static String stats(Path dir, byte[] sgml, String test) throws Exception {
        Path in = dir.resolve("both.sgml");
        Files.write(in, sgml);
        return run(dir, "sh", "-c", SCTK.resolve("sc_stats") + " -p -t " + test + " -v -n - < both.sgml");
    }

    private static byte[] concat(Path x, Path y) throws IOException {
        byte[] a = Files.readAllBytes(x);
        byte[] b = Files.readAllBytes(y);
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String run(Path dir, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", cmd) + " did not finish");
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + " failed:\n" + out);
        return out;
    }

    /** trn lines "words (speaker-utterance)", as sclite -i spu_id reads them. */
    private static void writeTrn(Path f, Map<String, List<String>> t, Map<String, String> utt2spk) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : t.entrySet()) {
            String words = String.join(" ", e.getValue());
            lines.add((words.isEmpty() ? "" : words + " ") + "(" + utt2spk.get(e.getKey()) + "-" + e.getKey() + ")");
        }
        Files.write(f, lines);
    }

    static Map<String, List<String>> references(Random r, int n) {
        Map<String, List<String>> ref = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            List<String> w = new ArrayList<>();
            int len = 1 + r.nextInt(9);
            for (int k = 0; k < len; k++) {
                w.add(WORDS[r.nextInt(WORDS.length)]);
            }
            ref.put(String.format("u%04d", i), w);
        }
        return ref;
    }

    /** Substitutions, deletions and insertions at about {@code rate} per word, as a recogniser makes them. */
    static Map<String, List<String>> perturb(Random r, Map<String, List<String>> ref, double rate) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : ref.entrySet()) {
            List<String> h = new ArrayList<>();
            for (String w : e.getValue()) {
                double u = r.nextDouble();
                if (u < rate * 0.6) {
                    h.add(WORDS[r.nextInt(WORDS.length)]);
                } else if (u < rate * 0.8) {
                    continue;
                } else {
                    h.add(w);
                }
                if (r.nextDouble() < rate * 0.2) {
                    h.add(WORDS[r.nextInt(WORDS.length)]);
                }
            }
            out.put(e.getKey(), h);
        }
        return out;
    }
}
