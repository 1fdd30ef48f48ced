package org.amdistill.dataprep.datadir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.amdistill.core.cli.AmdCommand;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Kaldi's utils/split_data.sh: {@code DATA/splitN/1..N} (by speaker) or {@code DATA/splitNutt/1..N} (per utterance),
 * each a valid data directory, so that a stage can run as N jobs ({@code JOB=1:N}). Speakers are kept whole and in
 * order, in contiguous runs balanced by their number of utterances, so per-speaker CMVN is the same in every split.
 * A split is made once and reused: it records a digest of the source's tables, and is remade when the source has
 * changed or the split was made from another directory.
 */
@Command(
        name = "split-data-dir",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description = "Split a data directory into N parts: split-data-dir [--per-utt] <data-dir> <num-jobs>")
public final class SplitDataDir implements AmdCommand {
    /** Written in each split directory: the digest of the source tables the split was made from. */
    static final String SOURCE_FILE = ".split_source";

    @Option(names = "--per-utt", description = "Split by utterance (a speaker may span parts) into DATA/splitNutt")
    boolean perUtt = false;

    @Parameters(index = "0", paramLabel = "<data-dir>")
    Path src;

    @Parameters(index = "1", paramLabel = "<num-jobs>")
    int numJobs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (numJobs < 1) {
            throw new AmdException("split-data-dir: <num-jobs> must be at least 1, got " + numJobs);
        }
        Path out = splitDir(src, numJobs, perUtt);
        String digest = digestOf(src);
        if (isUpToDate(out, numJobs, digest)) {
            spec.commandLine().getErr().println("split-data-dir: " + out + " is up to date");
            return 0;
        }
        DataDir d = DataDir.load(src, null);
        List<List<String>> parts = perUtt ? byUtterance(d, numJobs, src) : bySpeaker(d, numJobs, src);
        writeParts(d, parts, out, digest);
        spec.commandLine()
                .getErr()
                .println("split-data-dir: split " + d.utt2spk.size() + " utterances of " + src + " into " + numJobs
                        + " parts in " + out);
        return 0;
    }

    /** Where the split of {@code data} into {@code n} parts lives, as Kaldi names it. */
    public static Path splitDir(Path data, int n, boolean perUtt) {
        return data.resolve("split" + n + (perUtt ? "utt" : ""));
    }

    /**
     * Whole speakers, in C order, in {@code n} contiguous runs: run k ends at the first speaker whose cumulative
     * utterance count reaches k/n of the total, leaving at least one speaker for every later run.
     */
    static List<List<String>> bySpeaker(DataDir d, int n, Path src) {
        Map<String, List<String>> spk2utt = d.spk2utt();
        List<String> spks = new ArrayList<>(spk2utt.keySet());
        if (spks.size() < n) {
            throw new AmdException("split-data-dir: " + src + " has " + spks.size() + " speaker(s), fewer than the " + n
                    + " jobs asked for; use fewer jobs or --per-utt");
        }
        int total = d.utt2spk.size();
        List<List<String>> parts = new ArrayList<>();
        int next = 0;
        long cumulative = 0;
        for (int k = 1; k <= n; k++) {
            List<String> part = new ArrayList<>();
            long target = Math.round((double) k * total / n);
            int mustLeave = n - k; // speakers kept back so that every later part gets one
            do {
                List<String> utts = spk2utt.get(spks.get(next++));
                part.addAll(utts);
                cumulative += utts.size();
            } while (next < spks.size() - mustLeave && (k == n || cumulative < target));
            parts.add(part);
        }
        return parts;
    }

    /** Utterances in utt2spk order in {@code n} contiguous runs whose sizes differ by at most one. */
    static List<List<String>> byUtterance(DataDir d, int n, Path src) {
        List<String> utts = new ArrayList<>(d.utt2spk.keySet());
        if (utts.size() < n) {
            throw new AmdException("split-data-dir: " + src + " has " + utts.size() + " utterance(s), fewer than the "
                    + n + " jobs asked for");
        }
        List<List<String>> parts = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            parts.add(new ArrayList<>(utts.subList(k * utts.size() / n, (k + 1) * utts.size() / n)));
        }
        return parts;
    }

    /** Writes every part beside the final directory, then renames it into place (a killed run leaves no half split). */
    private static void writeParts(DataDir d, List<List<String>> parts, Path out, String digest) throws IOException {
        Path tmp = out.toAbsolutePath().resolveSibling("." + out.getFileName() + ".tmp");
        AtomicFiles.deleteTree(tmp);
        for (int k = 0; k < parts.size(); k++) {
            d.restrictTo(parts.get(k)).write(tmp.resolve(Integer.toString(k + 1)));
        }
        AtomicFiles.writeString(tmp.resolve(SOURCE_FILE), digest + "\n");
        AtomicFiles.deleteTree(out);
        Files.move(tmp, out);
    }

    private static boolean isUpToDate(Path out, int n, String digest) throws IOException {
        Path marker = out.resolve(SOURCE_FILE);
        if (!Files.exists(marker)
                || !Files.readString(marker, StandardCharsets.UTF_8).strip().equals(digest)) {
            return false;
        }
        for (int k = 1; k <= n; k++) {
            if (!Files.exists(out.resolve(Integer.toString(k)).resolve("utt2spk"))) {
                return false;
            }
        }
        return true;
    }

    /** SHA-256 over the names and contents of the source's tables (those a split copies). */
    static String digestOf(Path data) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        md.update(data.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
        for (String name : DataDir.TABLES.keySet()) {
            Path f = data.resolve(name);
            if (Files.exists(f)) {
                md.update(name.getBytes(StandardCharsets.UTF_8));
                md.update(Files.readAllBytes(f));
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
