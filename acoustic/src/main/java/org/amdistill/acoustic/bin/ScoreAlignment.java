package org.amdistill.acoustic.bin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.amdistill.acoustic.align.FrameTiming;
import org.amdistill.core.cli.AmdCommand;
import org.amdistill.core.cli.AmdException;
import org.amdistill.dataprep.datadir.DataDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Phone-boundary accuracy of an alignment against reference phone timings (both as phone CTMs). */
@Command(
        name = "score-alignment",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description =
                "Share of reference phone boundaries with an aligned boundary within the collar: score-alignment [options] <ref-ctm> <hyp-ctm>")
public final class ScoreAlignment implements AmdCommand {
    @Spec
    CommandSpec spec;

    @Option(names = "--collar", description = "Tolerance in seconds")
    double collar = 0.02;

    @Option(
            names = "--hyp-offset",
            description =
                    "Seconds added to the hypothesis's times: a CTM written from frames in Kaldi's convention (t * shift) "
                            + "puts each boundary at the start of the later frame's window, while the change it marks lies between the two windows' centres, "
                            + "(window - shift) / 2 later (0.0075 for 25 ms windows every 10 ms); 0 for a hypothesis in the audio's own terms")
    double hypOffset = FrameTiming.WINDOW_CENTRES.offset();

    @Option(
            names = "--utt-list",
            description =
                    "Score only the utterances listed in this file (first field of each line), e.g. the clean ones")
    Path uttList;

    @Parameters(index = "0", paramLabel = "<ref-ctm>")
    Path ref;

    @Parameters(index = "1", paramLabel = "<hyp-ctm>")
    Path hyp;

    /** Internal phone boundaries (start times of every phone after the first) per utterance. */
    static Map<String, List<Double>> boundaries(Path ctm, double offset) throws Exception {
        Map<String, List<Double>> b = new TreeMap<>();
        int n = 0;
        for (String line : Files.readAllLines(ctm)) {
            n++;
            String[] f = line.strip().split("\\s+");
            if (f.length < 5) {
                if (line.isBlank()) {
                    continue;
                }
                throw new AmdException(ctm + ":" + n + ": expected 'utt channel start duration phone'");
            }
            List<Double> l = b.computeIfAbsent(f[0], k -> new ArrayList<>());
            l.add(Double.parseDouble(f[2]) + offset);
        }
        for (List<Double> l : b.values()) {
            l.remove(0);
        }
        return b;
    }

    /** Fraction of reference boundaries matched within {@code collar}; {utterances, boundaries, matched}. */
    public static double[] score(Map<String, List<Double>> ref, Map<String, List<Double>> hyp, double collar) {
        long total = 0;
        long hit = 0;
        long utts = 0;
        for (Map.Entry<String, List<Double>> e : ref.entrySet()) {
            List<Double> h = hyp.get(e.getKey());
            if (h == null) {
                continue;
            }
            utts++;
            for (double r : e.getValue()) {
                total++;
                for (double x : h) {
                    if (Math.abs(x - r) <= collar + 1e-9) {
                        hit++;
                        break;
                    }
                }
            }
        }
        return new double[] {utts, total, hit};
    }

    @Override
    public Integer call() throws Exception {
        Map<String, List<Double>> r = boundaries(ref, 0);
        if (uttList != null) {
            r.keySet().retainAll(new HashSet<>(DataDir.readList(uttList)));
        }
        double[] s = score(r, boundaries(hyp, hypOffset), collar);
        if (s[0] == 0) {
            throw new AmdException(
                    "no utterance is in both " + ref + " and " + hyp + (uttList == null ? "" : " and in " + uttList));
        }
        spec.commandLine()
                .getOut()
                .printf(
                        Locale.ROOT,
                        "%%BOUNDARY %.2f [ %d / %d within %.0f ms, %d utterances ]%n",
                        100 * s[2] / s[1],
                        (long) s[2],
                        (long) s[1],
                        collar * 1000,
                        (long) s[0]);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
