package org.amdistill.decoding.scoring;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.amdistill.core.cli.AmdCommand;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.io.AtomicFiles;
import org.amdistill.core.table.ScpFile;
import org.amdistill.core.table.Transcripts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Scores a decode directory as Kaldi's steps/scoring/score_kaldi_wer.sh lays it out: the hypotheses of the LM weight
 * / insertion penalty grid (scoring/penalty_WIP/LMWT.txt, written by {@code decode --grid-lm-weights}) against the
 * reference (scoring/test_filt.txt) give wer_LMWT_WIP files, the best of them scoring_kaldi/best_wer, and its
 * per-utterance alignments and confusion counts scoring_kaldi/wer_details/{per_utt,ops}. With --dev, the weights
 * that were best on the dev decode directory are applied to this one (scoring_kaldi/wer_from_dev).
 *
 * <p>The grid is re-searched by the decoder rather than rescored from lattices: the network's forward pass runs
 * once, and a Viterbi search of a small task costs a few percent of real time, so a grid of tens of points is cheap
 * and exact (each point is a true best path, not an approximation from a pruned lattice).
 */
@Command(
        name = "score",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description =
                "WER over the LM-weight / insertion-penalty grid of a decode directory: score [options] <decode-dir>")
public final class Score implements AmdCommand {
    private static final Pattern GRID_FILE = Pattern.compile("penalty_([^/]+)");
    /** The grid point a %WER line names by its file, wer_LMWT_PENALTY (Kaldi's best_wer line). */
    private static final Pattern WER_FILE = Pattern.compile("wer_([^_\\s/]+)_(\\S+)\\s*$");

    @Option(names = "--ref", description = "reference text (default: <decode-dir>/scoring/test_filt.txt)")
    Path ref;

    @Option(names = "--dev", description = "a dev decode directory: apply the weights best there to this directory")
    Path dev;

    @Option(
            names = "--phone-map",
            description = "map file applied to reference and hypotheses (from to / from alone deletes)")
    Path phoneMap;

    @Option(
            names = "--print-best",
            description = "print only the best grid point, 'LMWT PENALTY' (from scoring_kaldi/best_wer, scoring the "
                    + "directory first where it has none), for scripts that decode or package at it")
    boolean printBest;

    @Parameters(index = "0", paramLabel = "<decode-dir>")
    Path decodeDir;

    /** The best grid point of a directory: LMWT and penalty as named in the files, and its %WER line. */
    public record Best(String lmwt, String penalty, String werLine) {
        /** The grid point named by the first line of a best_wer or wer_from_dev file. */
        public static Best read(Path file) throws IOException {
            List<String> lines = Files.readAllLines(file);
            String line = lines.isEmpty() ? "" : lines.get(0);
            Matcher m = WER_FILE.matcher(line);
            if (!m.find()) {
                throw new AmdException(file + ": no wer_LMWT_PENALTY file named in '" + line + "'");
            }
            return new Best(m.group(1), m.group(2), line);
        }

        /** This point's hypotheses in decode directory {@code dir}. */
        public Path hypotheses(Path dir) {
            return dir.resolve("scoring/penalty_" + penalty).resolve(lmwt + ".txt");
        }
    }

    @Override
    public Integer call() throws IOException {
        if (printBest) {
            Path file = decodeDir.resolve("scoring_kaldi/best_wer");
            Best b = Files.exists(file) ? Best.read(file) : scoreDirectory(decodeDir, ref, phoneMap, null);
            if (b == null) {
                throw new AmdException(
                        decodeDir + " has no scored grid (scoring/penalty_*/*.txt) to take a best point from");
            }
            System.out.println(b.lmwt() + " " + b.penalty());
            return 0;
        }
        Best best = scoreDirectory(decodeDir, ref, phoneMap, System.out);
        if (dev != null) {
            Best fromDev = scoreDirectory(dev, null, phoneMap, null);
            if (fromDev == null) {
                throw new AmdException("dev decode directory " + dev + " has no scored grid (scoring/penalty_*/*.txt)");
            }
            Path wer = decodeDir.resolve("wer_" + fromDev.lmwt() + "_" + fromDev.penalty());
            if (!Files.exists(wer)) {
                throw new AmdException(decodeDir + " was not decoded at the dev's best LMWT " + fromDev.lmwt()
                        + ", penalty " + fromDev.penalty());
            }
            String line = Files.readAllLines(wer).get(0) + " " + wer;
            AtomicFiles.writeLines(decodeDir.resolve("scoring_kaldi/wer_from_dev"), List.of(line));
            System.out.println(
                    "best on dev (LMWT " + fromDev.lmwt() + ", penalty " + fromDev.penalty() + ") applied: " + line);
        } else if (best == null && !Files.exists(decodeDir.resolve("hyp.txt"))) {
            throw new AmdException(decodeDir + ": nothing to score (no hyp.txt, no scoring/penalty_*/*.txt)");
        }
        return 0;
    }

    /**
     * Scores hyp.txt (to wer, scoring/per_utt, scoring/ops) and every grid file of {@code dir}; returns the best grid
     * point (null without a grid). Prints the lines to {@code out} if not null.
     */
    public static Best scoreDirectory(Path dir, Path refFile, Path phoneMap, PrintStream out) throws IOException {
        Path r = refFile != null ? refFile : dir.resolve("scoring/test_filt.txt");
        if (!Files.exists(r)) {
            throw new AmdException("no reference text for " + dir + " (" + r + " does not exist; give --ref)");
        }
        Map<String, List<String>> refs = load(r, phoneMap);
        if (Files.exists(dir.resolve("hyp.txt"))) {
            Map<String, List<String>> hyp = load(dir.resolve("hyp.txt"), phoneMap);
            WerSummary s = WerSummary.score(refs, hyp, WerSummary.Mode.PRESENT)
                    .requireWords(r + " against " + dir.resolve("hyp.txt"));
            AtomicFiles.writeLines(dir.resolve("wer"), s.lines());
            ScoringDetails.write(dir.resolve("scoring"), refs, hyp);
            if (out != null) {
                out.println(s.lines().get(0) + " " + dir.resolve("wer"));
            }
        }
        Best best = null;
        float bestWer = Float.POSITIVE_INFINITY;
        Path scoring = dir.resolve("scoring");
        if (!Files.isDirectory(scoring)) {
            return null;
        }
        List<Path> penaltyDirs = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(scoring, "penalty_*")) {
            ds.forEach(penaltyDirs::add);
        }
        penaltyDirs.sort(null);
        for (Path pd : penaltyDirs) {
            Matcher m = GRID_FILE.matcher(pd.getFileName().toString());
            if (!m.matches()) {
                continue;
            }
            String penalty = m.group(1);
            List<Path> files = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(pd, "*.txt")) {
                ds.forEach(files::add);
            }
            files.sort((a, b) -> Double.compare(parse(a), parse(b)));
            for (Path f : files) {
                String lmwt = f.getFileName().toString().replaceFirst("\\.txt$", "");
                Map<String, List<String>> hyp = load(f, phoneMap);
                WerSummary s = WerSummary.score(refs, hyp, WerSummary.Mode.PRESENT);
                Path wer = dir.resolve("wer_" + lmwt + "_" + penalty);
                AtomicFiles.writeLines(wer, s.lines());
                if (s.wer() < bestWer) {
                    bestWer = s.wer();
                    best = new Best(lmwt, penalty, s.lines().get(0) + " " + wer);
                }
            }
        }
        if (best != null) {
            AtomicFiles.writeLines(dir.resolve("scoring_kaldi/best_wer"), List.of(best.werLine()));
            Map<String, List<String>> hyp =
                    load(scoring.resolve("penalty_" + best.penalty()).resolve(best.lmwt() + ".txt"), phoneMap);
            ScoringDetails.write(dir.resolve("scoring_kaldi/wer_details"), refs, hyp);
            if (out != null) {
                out.println(best.werLine());
            }
        }
        return best;
    }

    private static double parse(Path f) {
        try {
            return Double.parseDouble(f.getFileName().toString().replaceFirst("\\.txt$", ""));
        } catch (NumberFormatException e) {
            return Double.MAX_VALUE;
        }
    }

    private static Map<String, List<String>> load(Path f, Path phoneMap) {
        Map<String, List<String>> m = Transcripts.read(f.toString());
        return phoneMap == null ? m : mapped(m, phoneMap);
    }

    /** LMWT as Kaldi's scripts name it: an integer without decimals ("11"), else as given. */
    public static String lmwt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    /** Insertion penalty as Kaldi's scripts name it ("0.0", "0.5", "1.0"). */
    public static String penalty(double v) {
        return String.format(Locale.ROOT, "%s", v);
    }

    /**
     * Maps every word through {@code map} (e.g. TIMIT's 61 phones to 39): a line "from to" maps, a line "from"
     * alone deletes; words not in the map are kept.
     */
    static Map<String, List<String>> mapped(Map<String, List<String>> in, Path mapFile) {
        Map<String, String> map = new HashMap<>();
        for (ScpFile.ScpLine l : ScpFile.read(mapFile.toString(), false)) {
            map.put(l.key(), l.value().isEmpty() ? null : l.value().split("\\s+")[0]);
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : in.entrySet()) {
            List<String> w = new ArrayList<>();
            for (String x : e.getValue()) {
                if (!map.containsKey(x)) {
                    w.add(x);
                } else if (map.get(x) != null) {
                    w.add(map.get(x));
                }
            }
            out.put(e.getKey(), w);
        }
        return out;
    }
}
