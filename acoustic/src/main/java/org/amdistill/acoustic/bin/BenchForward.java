package org.amdistill.acoustic.bin;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.amdistill.acoustic.AcousticModel;
import org.amdistill.acoustic.AcousticModelLoader;
import org.amdistill.core.cli.AmdCommand;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.io.AtomicFiles;
import org.amdistill.core.table.Codecs;
import org.amdistill.core.table.Entry;
import org.amdistill.core.table.Matrix;
import org.amdistill.core.table.SequentialReader;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Inference cost of acoustic models in one run: seconds for scaled log-likelihoods of every utterance of a set, per
 * model, after an untimed pass (start-up, JIT), the fastest of several repetitions that take the models in turn; and
 * each model's ratio to the last one given (a student against its ensemble).
 */
@Command(
        name = "bench-forward",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description =
                "Time forward passes of models over a feature set: bench-forward [--repetitions=N] <feats-rspecifier> <model>...")
public final class BenchForward implements AmdCommand {
    @Option(names = "--repetitions", description = "Timed passes over the set per model (the fastest counts)")
    int repetitions = 5;

    @Option(
            names = "--evict-mb",
            description =
                    "Before each utterance, untimed, write this many MB of scratch memory, so "
                            + "that every pass starts with the model out of the caches, as in a decoder that searches between passes (0: warm)")
    int evictMb = 0;

    @Option(
            names = "--csv",
            description =
                    "Also write the figures as CSV (model,seconds,utterances,frames,params,ratio_to_last), atomically")
    Path csv;

    @Parameters(index = "0", paramLabel = "<feats-rspecifier>")
    String feats;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "<model>")
    List<Path> models;

    @Override
    public Integer call() {
        List<Matrix> utts = new ArrayList<>();
        long frames = 0;
        try (SequentialReader<Matrix> r = SequentialReader.open(feats, Codecs.MATRIX)) {
            for (Entry<Matrix> e : r) {
                utts.add(e.value());
                frames += e.value().rows();
            }
        }
        List<AcousticModel> loaded = new ArrayList<>();
        for (Path p : models) {
            loaded.add(AcousticModelLoader.loadAny(p));
        }
        long[] scratch = new long[evictMb * (1 << 17)];
        double[] best = new double[models.size()];
        Arrays.fill(best, Double.MAX_VALUE);
        // Repetitions interleave the models, so that a slow spell of a shared machine hits all of them alike.
        for (int rep = 0; rep <= repetitions; rep++) {
            for (int k = 0; k < loaded.size(); k++) {
                AcousticModel m = loaded.get(k);
                long ns = 0;
                for (Matrix u : utts) {
                    evict(scratch);
                    long t0 = System.nanoTime();
                    m.logLikelihoods(u);
                    ns += System.nanoTime() - t0;
                }
                double s = ns / 1e9;
                if (rep > 0) { // the first pass warms up
                    best[k] = Math.min(best[k], s);
                }
            }
        }
        for (int k = 0; k < models.size(); k++) {
            System.out.printf(
                    Locale.ROOT,
                    "%s: %.3f s for %d utterances, %d frames (%.0f frames/s); %.3f of %s%n",
                    models.get(k),
                    best[k],
                    utts.size(),
                    frames,
                    frames / best[k],
                    best[k] / best[models.size() - 1],
                    models.get(models.size() - 1));
        }
        if (csv != null) {
            writeCsv(best, utts.size(), frames, loaded);
        }
        return 0;
    }

    /** The figures as CSV through Commons CSV (a model path with a comma or a quote is quoted), atomically. */
    private void writeCsv(double[] best, int numUtts, long frames, List<AcousticModel> loaded) {
        StringWriter table = new StringWriter();
        try {
            try (CSVPrinter p = new CSVPrinter(
                    table,
                    CSVFormat.DEFAULT
                            .builder()
                            .setRecordSeparator('\n')
                            .setHeader("model", "seconds", "utterances", "frames", "params", "ratio_to_last")
                            .build())) {
                for (int k = 0; k < models.size(); k++) {
                    p.printRecord(
                            models.get(k),
                            String.format(Locale.ROOT, "%.6f", best[k]),
                            numUtts,
                            frames,
                            loaded.get(k).numParams(),
                            String.format(Locale.ROOT, "%.4f", best[k] / best[models.size() - 1]));
                }
            }
            AtomicFiles.writeString(csv, table.toString());
        } catch (IOException e) {
            throw new AmdException("cannot write " + csv + ": " + e.getMessage());
        }
    }

    /**
     * Writes one word per cache line of {@code scratch}; the stores stay (the array lives on across calls and is far
     * too large for the JIT to replace by scalars).
     */
    private static void evict(long[] scratch) {
        for (int i = 0; i < scratch.length; i += 8) {
            scratch[i] += i;
        }
    }
}
