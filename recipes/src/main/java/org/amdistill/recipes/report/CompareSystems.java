package org.amdistill.recipes.report;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.amdistill.core.cli.AmdCommand;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.io.AtomicFiles;
import org.amdistill.core.stats.KeptGain;
import org.amdistill.core.stats.PairedBootstrap;
import org.amdistill.core.table.Transcripts;
import org.amdistill.decoding.scoring.EditDistance;
import org.amdistill.decoding.scoring.MatchedPairs;
import org.amdistill.decoding.scoring.SystemComparison;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The recipe's significance table: every pair of its systems' test decodings compared as compare-wer compares two
 * (WER difference with its 95 % bootstrap interval, P(better), MAPSSWE and sign-test p-values), and the share of
 * the ensemble's WER gain over the baseline that the student keeps, with its interval from the same draws; and, on
 * request, each reference word's errors by system.
 */
@Command(
        name = "compare-systems",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description = {
            "Pairwise WER significance of a recipe's systems: compare-systems [options] --ref=TEXT NAME=DECODE_DIR... <csv-out>",
            "Pairs in the order given: B of each pair is the later system (e.g. baseline, ensemble, distilled gives "
                    + "ensemble vs baseline, distilled vs baseline, distilled vs ensemble)."
        })
public final class CompareSystems implements AmdCommand {
    /** The columns of the table, one row per pair and one for the gain kept. */
    public static final List<String> COLUMNS = List.of(
            "comparison",
            "a",
            "b",
            "wer_a",
            "wer_b",
            "value",
            "ci_low",
            "ci_high",
            "p_b_better",
            "p_mapsswe",
            "p_sign",
            "words");

    @Option(
            names = "--ref",
            required = true,
            description = "reference text of the test set (the decode directories' scoring/test_filt.txt)")
    Path ref;

    @Option(
            names = "--gain-kept",
            split = ",",
            description = "BASELINE,TEACHER,STUDENT: the share of the teacher's WER gain over "
                    + "the baseline that the student keeps, with its bootstrap interval")
    List<String> gainKept;

    @Option(
            names = "--per-word",
            description = "also write each reference word's substitutions, deletions and insertions by system here")
    Path perWord;

    @Option(names = "--num-samples", description = "bootstrap samples")
    int numSamples = 10000;

    @Option(names = "--seed", description = "seed of the bootstrap's draws (the same draws for every pair)")
    long seed = 0;

    @Parameters(index = "0..*", arity = "3..*", paramLabel = "NAME=DECODE_DIR... <csv-out>")
    List<String> args;

    @Override
    public Integer call() throws IOException {
        if (numSamples <= 0) {
            throw new AmdException("--num-samples must be positive, got " + numSamples);
        }
        Path out = Path.of(args.get(args.size() - 1));
        Map<String, List<String>> refs = Transcripts.read(ref.toString());
        Map<String, Map<String, List<String>>> hyps = new LinkedHashMap<>();
        for (String a : args.subList(0, args.size() - 1)) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new AmdException("expected NAME=DECODE_DIR, got '" + a + "'");
            }
            hyps.put(
                    a.substring(0, eq),
                    SystemComparison.readDecodeDir(Path.of(a.substring(eq + 1)), refs, ref.toString()));
        }
        List<String> names = new ArrayList<>(hyps.keySet());
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                rows.add(pairRow(refs, names.get(i), hyps.get(names.get(i)), names.get(j), hyps.get(names.get(j))));
            }
        }
        if (gainKept != null) {
            rows.add(gainKeptRow(refs, hyps));
        }
        StringWriter csv = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(
                csv,
                CSVFormat.DEFAULT
                        .builder()
                        .setHeader(COLUMNS.toArray(String[]::new))
                        .build())) {
            for (List<String> r : rows) {
                p.printRecord(r);
                System.out.println(String.join(" ", r));
            }
        }
        AtomicFiles.writeString(out, csv.toString());
        if (perWord != null) {
            AtomicFiles.writeString(perWord, String.join("\n", perWordErrors(refs, hyps)) + "\n");
        }
        return 0;
    }

    private List<String> pairRow(
            Map<String, List<String>> refs,
            String a,
            Map<String, List<String>> hypA,
            String b,
            Map<String, List<String>> hypB) {
        SystemComparison.Result r = SystemComparison.compare(
                SystemComparison.match(refs, ref.toString(), hypA, a, hypB, b),
                null,
                MatchedPairs.DEFAULT_MIN_GOOD,
                numSamples,
                seed);
        PairedBootstrap.Difference d = r.bootstrap();
        return List.of(
                b + " vs " + a,
                a,
                b,
                f(r.werA().wer()),
                f(r.werB().wer()),
                f(d.value()),
                f(d.lower()),
                f(d.upper()),
                p(d.shareBelow()),
                p(r.mapsswe().p()),
                p(r.sign().p()),
                String.valueOf(r.werA().numWords));
    }

    /** (WER_base - WER_student) / (WER_base - WER_teacher) in percent, on the data and on each bootstrap draw. */
    private List<String> gainKeptRow(Map<String, List<String>> refs, Map<String, Map<String, List<String>>> hyps) {
        if (gainKept.size() != 3 || !hyps.keySet().containsAll(gainKept)) {
            throw new AmdException(
                    "--gain-kept needs three of the systems given (BASELINE,TEACHER,STUDENT), got " + gainKept);
        }
        List<String> utts = new ArrayList<>(refs.keySet());
        long[][] errors = new long[3][utts.size()];
        long[] words = new long[utts.size()];
        for (int s = 0; s < 3; s++) {
            Map<String, List<String>> h = hyps.get(gainKept.get(s));
            SystemComparison.match(refs, ref.toString(), h, gainKept.get(s), h, gainKept.get(s));
            for (int i = 0; i < utts.size(); i++) {
                errors[s][i] = EditDistance.counts(refs.get(utts.get(i)), h.get(utts.get(i)))
                        .errors();
                words[i] = refs.get(utts.get(i)).size();
            }
        }
        KeptGain.Estimate kept = KeptGain.ofRates(errors[0], errors[1], errors[2], words, numSamples, seed);
        double totalWords = Arrays.stream(words).sum();
        return List.of(
                "WER gain kept by " + gainKept.get(2) + " (% of " + gainKept.get(1) + " vs " + gainKept.get(0) + ")",
                gainKept.get(0),
                gainKept.get(2),
                f(100 * Arrays.stream(errors[0]).sum() / totalWords),
                f(100 * Arrays.stream(errors[2]).sum() / totalWords),
                f(kept.value()),
                f(kept.lower()),
                f(kept.upper()),
                "",
                "",
                "",
                String.valueOf((long) totalWords));
    }

    /**
     * Per reference word (insertions: per inserted word), its count in the reference and each system's substitutions,
     * deletions and insertions: where the systems' errors differ.
     */
    static List<String> perWordErrors(Map<String, List<String>> refs, Map<String, Map<String, List<String>>> hyps) {
        List<String> names = new ArrayList<>(hyps.keySet());
        int k = names.size();
        Map<String, int[]> table = new TreeMap<>();
        for (Map.Entry<String, List<String>> e : refs.entrySet()) {
            for (String w : e.getValue()) {
                table.computeIfAbsent(w, x -> new int[3 * k + 1])[3 * k]++;
            }
            for (int s = 0; s < k; s++) {
                for (EditDistance.Pair p :
                        EditDistance.align(e.getValue(), hyps.get(names.get(s)).get(e.getKey()))) {
                    switch (p.op()) {
                        case 'S' -> table.computeIfAbsent(p.ref(), x -> new int[3 * k + 1])[3 * s]++;
                        case 'D' -> table.computeIfAbsent(p.ref(), x -> new int[3 * k + 1])[3 * s + 1]++;
                        case 'I' -> table.computeIfAbsent(p.hyp(), x -> new int[3 * k + 1])[3 * s + 2]++;
                        default -> {}
                    }
                }
            }
        }
        List<String> lines = new ArrayList<>();
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-12s %6s", "word", "count"));
        names.forEach(n -> header.append(" | ").append(n).append(" sub/del/ins"));
        lines.add(header.toString());
        for (Map.Entry<String, int[]> e : table.entrySet()) {
            int[] c = e.getValue();
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-12s %6d", e.getKey(), c[3 * k]));
            for (int s = 0; s < k; s++) {
                line.append(String.format(Locale.ROOT, " | %4d %4d %4d", c[3 * s], c[3 * s + 1], c[3 * s + 2]));
            }
            lines.add(line.toString());
        }
        return lines;
    }

    private static String f(double v) {
        return SystemComparison.fixed(v, 2);
    }

    private static String p(double v) {
        return SystemComparison.fixed(v, 4);
    }
}
