package org.amdistill.decoding.scoring;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.amdistill.core.cli.AmdCommand;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.io.AtomicFiles;
import org.amdistill.core.table.ScpFile;
import org.amdistill.core.table.Transcripts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Is system B's WER really different from system A's? The matched-pair tests of sclite (MAPSSWE, sign test) and the
 * paired bootstrap of Bisani &amp; Ney (2004) on two systems' hypotheses of the same reference.
 */
@Command(
        name = "compare-wer",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description = {
            "Significance of a WER difference: compare-wer [options] <ref> <hyp-a> <hyp-b>",
            "Each hypothesis is a text table (ark:FILE or FILE) or a scored decode directory (its WER's grid point: "
                    + "scoring_kaldi/wer_from_dev, else best_wer, else hyp.txt; its scoring/test_filt.txt must equal <ref>).",
            "Differences are B minus A: negative when B makes fewer errors."
        })
public final class CompareWer implements AmdCommand {
    @Option(
            names = "--num-samples",
            description = "bootstrap samples (draws of the test set's utterances with replacement)")
    int numSamples = 10000;

    @Option(names = "--seed", description = "seed of the bootstrap's draws")
    long seed = 0;

    @Option(
            names = "--utt2spk",
            description = "speakers as the sign test's blocks (as sclite does); default: utterances")
    Path utt2spk;

    @Option(
            names = "--min-good",
            description = "MAPSSWE: correct words both systems share that end a segment (sclite's default)")
    int minGood = MatchedPairs.DEFAULT_MIN_GOOD;

    @Option(names = "--output", description = "also write the report's lines to this file")
    Path output;

    @Parameters(index = "0", paramLabel = "<ref>")
    String ref;

    @Parameters(index = "1", paramLabel = "<hyp-a>")
    String hypA;

    @Parameters(index = "2", paramLabel = "<hyp-b>")
    String hypB;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (numSamples <= 0) {
            throw new AmdException("--num-samples must be positive, got " + numSamples);
        }
        if (minGood <= 0) {
            throw new AmdException("--min-good must be positive, got " + minGood);
        }
        Map<String, List<String>> refs = Transcripts.read(ref);
        SystemComparison.Input in = SystemComparison.match(refs, ref, load(hypA, refs), hypA, load(hypB, refs), hypB);
        SystemComparison.Result r =
                SystemComparison.compare(in, utt2spk == null ? null : readUtt2spk(utt2spk), minGood, numSamples, seed);
        PrintWriter out = spec.commandLine().getOut();
        List<String> lines = r.lines();
        lines.forEach(out::println);
        out.flush();
        if (output != null) {
            AtomicFiles.writeString(output, String.join("\n", lines) + "\n");
        }
        return 0;
    }

    private Map<String, List<String>> load(String hyp, Map<String, List<String>> refs) throws IOException {
        Path p = Path.of(hyp);
        return Files.isDirectory(p) ? SystemComparison.readDecodeDir(p, refs, ref) : Transcripts.read(hyp);
    }

    static Map<String, String> readUtt2spk(Path file) {
        Map<String, String> m = new LinkedHashMap<>();
        for (ScpFile.ScpLine l : ScpFile.read(file.toString(), false)) {
            m.put(l.key(), l.value().trim());
        }
        return m;
    }
}
