package org.amdistill.decoding.scoring;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.amdistill.core.cli.AmdCommand;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.table.Transcripts;
import org.amdistill.core.table.Wxfilename;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Kaldi's compute-wer, with identical output. Without --text the transcripts must be integers (word ids), as in
 * Kaldi; they are compared as tokens, which gives the same counts. In strict mode a missing hypothesis is an error with exit status 255,
 * as Kaldi's KALDI_ERR gives.
 */
@Command(
        name = "compute-wer",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description =
                "Compute WER by comparing transcriptions: compute-wer [options] <ref-rspecifier> <hyp-rspecifier> [<stats-out>]")
public final class ComputeWer implements AmdCommand {
    @Option(
            names = "--mode",
            description = "Scoring mode: present (score those we have transcriptions for), "
                    + "all (treat absent transcriptions as empty), strict (die if all in ref not also in hyp)")
    String mode = "strict";

    @Option(
            names = "--text",
            arity = "0..1",
            fallbackValue = "true",
            description = "Expect strings, not integers, as input.")
    boolean text = false;

    @Parameters(index = "0", paramLabel = "<ref-rspecifier>")
    String refSpec;

    @Parameters(index = "1", paramLabel = "<hyp-rspecifier>")
    String hypSpec;

    @Parameters(
            index = "2",
            arity = "0..1",
            paramLabel = "<stats-out>",
            description = "optional: per-word alignment statistics")
    String statsOut;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        WerSummary.Mode m;
        switch (mode) {
            case "present" -> m = WerSummary.Mode.PRESENT;
            case "all" -> m = WerSummary.Mode.ALL;
            case "strict" -> m = WerSummary.Mode.STRICT;
            default -> throw new AmdException(
                    "--mode option invalid: expected \"present\"|\"all\"|\"strict\", got " + mode);
        }
        Map<String, List<String>> ref = Transcripts.read(refSpec);
        Map<String, List<String>> hyp = Transcripts.read(hypSpec);
        if (!text) {
            requireIntegers(ref, refSpec);
            requireIntegers(hyp, hypSpec);
        }
        WerSummary s;
        try {
            s = WerSummary.score(ref, hyp, m).requireWords(refSpec + " against " + hypSpec);
        } catch (WerSummary.MissingHypothesis e) {
            spec.commandLine().getErr().println("ERROR (compute-wer) " + e.getMessage());
            spec.commandLine().getErr().flush();
            return 255;
        }
        if (statsOut != null) {
            writeStats(ref, hyp, m);
        }
        PrintWriter out = spec.commandLine().getOut();
        for (String line : s.lines()) {
            out.print(line);
            out.print('\n');
        }
        out.flush();
        return 0;
    }

    /** Without --text Kaldi reads integer vectors and fails on anything else; so do we, naming the utterance. */
    private static void requireIntegers(Map<String, List<String>> table, String spec) {
        for (Map.Entry<String, List<String>> e : table.entrySet()) {
            for (String w : e.getValue()) {
                try {
                    Integer.parseInt(w);
                } catch (NumberFormatException ex) {
                    throw new AmdException(spec + ": utterance " + e.getKey() + ": '" + w
                            + "' is not an integer (word transcripts need --text)");
                }
            }
        }
    }

    private void writeStats(Map<String, List<String>> ref, Map<String, List<String>> hyp, WerSummary.Mode m)
            throws IOException {
        try (OutputStream os = Wxfilename.open(statsOut);
                Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, List<String>> e : ref.entrySet()) {
                List<String> h = hyp.get(e.getKey());
                if (h == null && m == WerSummary.Mode.PRESENT) {
                    continue;
                }
                for (EditDistance.Pair p : EditDistance.align(e.getValue(), h == null ? List.of() : h)) {
                    switch (p.op()) {
                        case 'I' -> w.write("insertion " + p.hyp() + "\n");
                        case 'D' -> w.write("deletion " + p.ref() + "\n");
                        case 'S' -> w.write("substitution " + p.ref() + " " + p.hyp() + "\n");
                        default -> w.write("correct " + p.ref() + "\n");
                    }
                }
            }
        }
    }
}
