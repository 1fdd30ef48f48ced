package org.amdistill.decoding.scoring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.amdistill.core.cli.AmdCommand;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.io.AtomicFiles;
import org.amdistill.core.table.Transcripts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * How much of a teacher's WER gain over a baseline a student keeps: the three WERs on one reference, the paired
 * differences and the kept share (student's gain / teacher's gain) with percentile intervals from one bootstrap over
 * utterances (the three systems drawn together), and optionally each reference word's errors by system.
 */
@Command(
        name = "kept-gain",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description = {
            "The share of a teacher's WER gain a student keeps: kept-gain [options] <ref> <baseline-hyp> <teacher-hyp> <student-hyp>",
            "A hypothesis is a text file (or ark:FILE) or a decode directory: its grid point chosen on dev "
                    + "(scoring_kaldi/wer_from_dev), else its hyp.txt."
        })
public final class KeptGain implements AmdCommand {
    private static final Pattern FROM_DEV = Pattern.compile(".*wer_([^_\\s]+)_(\\S+)\\s*$");

    @Option(names = "--num-samples", description = "bootstrap samples (draws of the utterances with replacement)")
    int numSamples = 10000;

    @Option(names = "--seed", description = "seed of the bootstrap's draws")
    long seed = 0;

    @Option(names = "--names", split = ",", description = "names of the three systems")
    List<String> names = List.of("baseline", "teacher", "student");

    @Option(
            names = "--per-word",
            arity = "0..1",
            fallbackValue = "true",
            description = "also each word's substitutions, deletions and insertions by system")
    boolean perWord = false;

    @Option(names = "--output", description = "also write the report to this file")
    Path output;

    @Parameters(index = "0", paramLabel = "<ref>")
    String ref;

    @Parameters(index = "1", paramLabel = "<baseline-hyp>")
    String baseline;

    @Parameters(index = "2", paramLabel = "<teacher-hyp>")
    String teacher;

    @Parameters(index = "3", paramLabel = "<student-hyp>")
    String student;

    @Override
    public Integer call() throws IOException {
        if (numSamples <= 0 || names.size() != 3) {
            throw new AmdException("--num-samples must be positive and --names must give three names");
        }
        Map<String, List<String>> refs = Transcripts.read(ref);
        List<Map<String, List<String>>> hyps = new ArrayList<>();
        for (String h : List.of(baseline, teacher, student)) {
            hyps.add(Transcripts.read(hypFile(h)));
        }
        List<String> utts = new ArrayList<>(refs.keySet());
        int[] words = new int[utts.size()];
        int[][] errors = new int[3][utts.size()];
        for (int u = 0; u < utts.size(); u++) {
            List<String> r = refs.get(utts.get(u));
            words[u] = r.size();
            for (int s = 0; s < 3; s++) {
                List<String> h = hyps.get(s).get(utts.get(u));
                if (h == null) {
                    throw new AmdException("utterance " + utts.get(u) + " of " + ref + " has no hypothesis in "
                            + List.of(baseline, teacher, student).get(s));
                }
                errors[s][u] = EditDistance.counts(r, h).errors();
            }
        }
        List<String> lines = report(words, errors);
        if (perWord) {
            lines.addAll(perWordErrors(refs, hyps));
        }
        lines.forEach(System.out::println);
        if (output != null) {
            AtomicFiles.writeString(output, String.join("\n", lines) + "\n");
        }
        return 0;
    }

    /** A decode directory's hypotheses at its dev-chosen grid point, else its hyp.txt; any other argument as it is. */
    static String hypFile(String arg) throws IOException {
        Path p = Path.of(arg);
        if (!Files.isDirectory(p)) {
            return arg;
        }
        Path fromDev = p.resolve("scoring_kaldi/wer_from_dev");
        if (Files.exists(fromDev)) {
            Matcher m = FROM_DEV.matcher(Files.readAllLines(fromDev).get(0));
            if (!m.matches()) {
                throw new AmdException(fromDev + ": no wer_LMWT_PENALTY file named on its line");
            }
            return p.resolve("scoring/penalty_" + m.group(2))
                    .resolve(m.group(1) + ".txt")
                    .toString();
        }
        if (Files.exists(p.resolve("hyp.txt"))) {
            return p.resolve("hyp.txt").toString();
        }
        throw new AmdException(arg + " is a directory without scoring_kaldi/wer_from_dev or hyp.txt");
    }

    /** WERs, paired differences and the kept share, each with its 95 % bootstrap interval. */
    List<String> report(int[] words, int[][] errors) {
        int n = words.length;
        double[] point = statistics(words, errors, null);
        double[][] samples = new double[point.length][numSamples];
        Random r = new Random(seed);
        int[] draw = new int[n];
        for (int b = 0; b < numSamples; b++) {
            for (int i = 0; i < n; i++) {
                draw[i] = r.nextInt(n);
            }
            double[] s = statistics(words, errors, draw);
            for (int j = 0; j < s.length; j++) {
                samples[j][b] = s[j];
            }
        }
        long total = Arrays.stream(words).asLongStream().sum();
        List<String> lines = new ArrayList<>();
        String[] labels = {
            "%WER " + names.get(0),
            "%WER " + names.get(1),
            "%WER " + names.get(2),
            names.get(1) + " - " + names.get(0),
            names.get(2) + " - " + names.get(0),
            names.get(2) + " - " + names.get(1),
            "kept share of the " + names.get(1) + "'s WER gain, %"
        };
        for (int j = 0; j < point.length; j++) {
            double[] ci = interval(samples[j]);
            lines.add(String.format(Locale.ROOT, "%-40s %8.2f [%.2f, %.2f]", labels[j], point[j], ci[0], ci[1]));
        }
        lines.add(String.format(
                Locale.ROOT,
                "%d utterances, %d reference words; 95 %% intervals from %d bootstrap draws (seed %d)",
                n,
                total,
                numSamples,
                seed));
        return lines;
    }

    /** WER of each system, differences (teacher - baseline, student - baseline, student - teacher), kept share; in percent. */
    static double[] statistics(int[] words, int[][] errors, int[] draw) {
        long w = 0;
        long[] e = new long[3];
        int n = draw == null ? words.length : draw.length;
        for (int i = 0; i < n; i++) {
            int u = draw == null ? i : draw[i];
            w += words[u];
            for (int s = 0; s < 3; s++) {
                e[s] += errors[s][u];
            }
        }
        double[] wer = new double[3];
        for (int s = 0; s < 3; s++) {
            wer[s] = w == 0 ? Double.NaN : 100.0 * e[s] / w;
        }
        double teacherGain = wer[0] - wer[1];
        double kept = teacherGain == 0 ? Double.NaN : 100 * (wer[0] - wer[2]) / teacherGain;
        return new double[] {wer[0], wer[1], wer[2], wer[1] - wer[0], wer[2] - wer[0], wer[2] - wer[1], kept};
    }

    static double[] interval(double[] samples) {
        double[] v =
                Arrays.stream(samples).filter(x -> !Double.isNaN(x)).sorted().toArray();
        if (v.length == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        return new double[] {v[(int) Math.floor(0.025 * (v.length - 1))], v[(int) Math.ceil(0.975 * (v.length - 1))]};
    }

    /** Per reference word (insertions: per inserted word): substitutions, deletions, insertions of each system. */
    List<String> perWordErrors(Map<String, List<String>> refs, List<Map<String, List<String>>> hyps) {
        Map<String, int[]> table = new TreeMap<>();
        for (Map.Entry<String, List<String>> e : refs.entrySet()) {
            for (String w : e.getValue()) {
                table.computeIfAbsent(w, k -> new int[10])[9]++;
            }
            for (int s = 0; s < 3; s++) {
                for (EditDistance.Pair p :
                        EditDistance.align(e.getValue(), hyps.get(s).get(e.getKey()))) {
                    switch (p.op()) {
                        case 'S' -> table.computeIfAbsent(p.ref(), k -> new int[10])[3 * s]++;
                        case 'D' -> table.computeIfAbsent(p.ref(), k -> new int[10])[3 * s + 1]++;
                        case 'I' -> table.computeIfAbsent(p.hyp(), k -> new int[10])[3 * s + 2]++;
                        default -> {}
                    }
                }
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format(
                Locale.ROOT,
                "%-12s %6s | %s sub/del/ins | %s sub/del/ins | %s sub/del/ins",
                "word",
                "count",
                names.get(0),
                names.get(1),
                names.get(2)));
        for (Map.Entry<String, int[]> e : table.entrySet()) {
            int[] c = e.getValue();
            lines.add(String.format(
                    Locale.ROOT,
                    "%-12s %6d | %4d %4d %4d | %4d %4d %4d | %4d %4d %4d",
                    e.getKey(),
                    c[9],
                    c[0],
                    c[1],
                    c[2],
                    c[3],
                    c[4],
                    c[5],
                    c[6],
                    c[7],
                    c[8]));
        }
        return lines;
    }
}
