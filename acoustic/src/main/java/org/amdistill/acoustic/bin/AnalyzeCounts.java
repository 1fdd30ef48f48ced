package org.amdistill.acoustic.bin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.amdistill.core.cli.AmdCommand;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.io.AtomicFiles;
import org.amdistill.core.table.Codecs;
import org.amdistill.core.table.Entry;
import org.amdistill.core.table.SequentialReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Kaldi's analyze-counts: how often each pdf id occurs in a set of alignments, written as a Kaldi text vector (the
 * class frame counts from which hybrid priors are taken, {@code --class-frame-counts}).
 */
@Command(
        name = "analyze-counts",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description =
                "Count the pdf ids of alignments: analyze-counts [options] <alignments-rspecifier> <counts-wxfilename>")
public final class AnalyzeCounts implements AmdCommand {
    @Option(
            names = "--counts-dim",
            description = "Number of pdfs (the vector's length; ids must be below it); 0: the largest id + 1")
    int countsDim = 0;

    @Parameters(index = "0", paramLabel = "<alignments-rspecifier>")
    String ali;

    @Parameters(index = "1", paramLabel = "<counts-wxfilename>")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (countsDim < 0) {
            throw new AmdException("--counts-dim must be 0 (from the data) or positive, got " + countsDim);
        }
        double[] counts = new double[Math.max(countsDim, 1)];
        long frames = 0;
        try (SequentialReader<int[]> r = SequentialReader.open(ali, Codecs.INT_VECTOR)) {
            for (Entry<int[]> e : r) {
                for (int pdf : e.value()) {
                    if (pdf < 0 || (countsDim > 0 && pdf >= countsDim)) {
                        throw new AmdException("alignment of " + e.key() + " has pdf id " + pdf + ", outside [0, "
                                + countsDim + ") (--counts-dim)");
                    }
                    if (pdf >= counts.length) {
                        counts = java.util.Arrays.copyOf(counts, pdf + 1);
                    }
                    counts[pdf]++;
                }
                frames += e.value().length;
            }
        }
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        Codecs.DOUBLE_VECTOR.write(text, counts, false);
        AtomicFiles.writeString(out, text.toString(StandardCharsets.UTF_8));
        System.err.printf(Locale.ROOT, "LOG (analyze-counts) counted %d frames of %s into %s%n", frames, ali, out);
        return 0;
    }
}
