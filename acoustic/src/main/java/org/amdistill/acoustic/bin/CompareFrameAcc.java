package org.amdistill.acoustic.bin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.amdistill.core.cli.AmdCommand;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.io.AtomicFiles;
import org.amdistill.core.stats.PairedBootstrap;
import org.amdistill.core.table.ScpFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Is model B's frame accuracy really different from model A's? The paired bootstrap over utterances (Bisani &amp; Ney
 * 2004) of the difference, from the per-utterance counts eval-frame-acc --per-utt writes for each model.
 */
@Command(
        name = "compare-frame-acc",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description = {
            "Bootstrap interval of a frame-accuracy difference: compare-frame-acc [options] <per-utt-a> <per-utt-b>",
            "Inputs: eval-frame-acc --per-utt files (utt correct frames) of two models on the same features and alignment.",
            "Differences are B minus A: positive when B is more accurate."
        })
public final class CompareFrameAcc implements AmdCommand {
    @Option(names = "--num-samples", description = "bootstrap samples (draws of the utterances with replacement)")
    int numSamples = 10000;

    @Option(names = "--seed", description = "seed of the bootstrap's draws")
    long seed = 0;

    @Option(names = "--output", description = "also write the report's line to this file")
    Path output;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<per-utt-a>")
    Path a;

    @Parameters(index = "1", paramLabel = "<per-utt-b>")
    Path b;

    @Override
    public Integer call() throws Exception {
        if (numSamples <= 0) {
            throw new AmdException("--num-samples must be positive, got " + numSamples);
        }
        Map<String, long[]> countsA = read(a);
        Map<String, long[]> countsB = read(b);
        List<String> utts = new ArrayList<>(countsA.keySet());
        int n = utts.size();
        long[] correctA = new long[n];
        long[] correctB = new long[n];
        long[] frames = new long[n];
        for (int i = 0; i < n; i++) {
            String u = utts.get(i);
            long[] cb = countsB.get(u);
            if (cb == null) {
                throw new AmdException("the two models were scored on different utterance sets: " + u + " is in " + a
                        + " but not in " + b);
            }
            if (cb[1] != countsA.get(u)[1]) {
                throw new AmdException("utterance " + u + " has " + countsA.get(u)[1] + " frames in " + a + " but "
                        + cb[1] + " in " + b + ": the models were scored on different features or alignments");
            }
            correctA[i] = countsA.get(u)[0];
            correctB[i] = cb[0];
            frames[i] = cb[1];
        }
        for (String u : countsB.keySet()) {
            if (!countsA.containsKey(u)) {
                throw new AmdException("the two models were scored on different utterance sets: " + u + " is in " + b
                        + " but not in " + a);
            }
        }
        PairedBootstrap.Difference d = PairedBootstrap.rateDifference(correctA, correctB, frames, numSamples, seed);
        String line = String.format(
                java.util.Locale.ROOT,
                "BOOTSTRAP (B - A): frame accuracy A %.2f, B %.2f, difference %.2f, "
                        + "95 %% interval [ %.2f, %.2f ], P(B better) %.3f, P(A better) %.3f (%d utterances, %d samples, seed %d)",
                100.0 * sum(correctA) / sum(frames),
                100.0 * sum(correctB) / sum(frames),
                d.value(),
                d.lower(),
                d.upper(),
                d.shareAbove(),
                d.shareBelow(),
                n,
                numSamples,
                seed);
        spec.commandLine().getOut().println(line);
        spec.commandLine().getOut().flush();
        if (output != null) {
            AtomicFiles.writeString(output, line + "\n");
        }
        return 0;
    }

    /** utt -> {correct, frames}, checked: two non-negative integers per line, correct at most frames, no duplicates. */
    static Map<String, long[]> read(Path file) {
        Map<String, long[]> out = new LinkedHashMap<>();
        for (ScpFile.ScpLine l : ScpFile.read(file.toString(), true)) {
            String[] f = l.value().trim().split("\\s+");
            long[] c;
            try {
                c = new long[] {Long.parseLong(f[0]), Long.parseLong(f[f.length - 1])};
            } catch (NumberFormatException e) {
                c = null;
            }
            if (c == null || f.length != 2 || c[0] < 0 || c[0] > c[1]) {
                throw new AmdException(l.where() + ": expected 'utt correct frames' with 0 <= correct <= frames, got '"
                        + l.value() + "'");
            }
            if (out.put(l.key(), c) != null) {
                throw new AmdException(l.where() + ": duplicate utterance id '" + l.key() + "'");
            }
        }
        if (out.isEmpty()) {
            throw new AmdException(file + ": no utterances (empty file)");
        }
        return out;
    }

    private static long sum(long[] v) {
        long s = 0;
        for (long x : v) {
            s += x;
        }
        return s;
    }
}
