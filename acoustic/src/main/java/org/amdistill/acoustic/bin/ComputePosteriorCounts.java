package org.amdistill.acoustic.bin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.amdistill.acoustic.AcousticModel;
import org.amdistill.acoustic.AcousticModelLoader;
import org.amdistill.acoustic.ModelInput;
import org.amdistill.core.cli.AmdCommand;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.io.AtomicFiles;
import org.amdistill.core.table.Codecs;
import org.amdistill.core.table.Entry;
import org.amdistill.core.table.Matrix;
import org.amdistill.core.table.SequentialReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A model's posteriors summed over every frame of a feature set: its expected class frame counts, from which its
 * priors are re-estimated as its own mean posterior (what Kaldi's nnet2/nnet3 recipes do with nnet-adjust-priors,
 * rather than the alignment's counts). Written as a Kaldi text vector, for {@code --class-frame-counts}.
 */
@Command(
        name = "compute-posterior-counts",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description =
                "Sum a model's state posteriors over all frames: compute-posterior-counts [options] --model=MDL <feats-rspecifier> <counts-wxfilename>")
public final class ComputePosteriorCounts implements AmdCommand {
    @Option(names = "--model", required = true, description = "Acoustic model (DNN, ensemble, student)")
    Path model;

    @Parameters(index = "0", paramLabel = "<feats-rspecifier>")
    String feats;

    @Parameters(index = "1", paramLabel = "<counts-wxfilename>")
    Path out;

    @Override
    public Integer call() throws IOException {
        AcousticModel m = AcousticModelLoader.loadAny(model);
        double[] counts = sum(m, feats);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        Codecs.DOUBLE_VECTOR.write(text, counts, false);
        AtomicFiles.writeString(out, text.toString(StandardCharsets.UTF_8));
        double total = 0;
        for (double c : counts) {
            total += c;
        }
        System.err.printf(
                Locale.ROOT,
                "LOG (compute-posterior-counts) summed posteriors over %.0f frames of %s into %s%n",
                total,
                feats,
                out);
        return 0;
    }

    /** Posteriors summed over every frame of every utterance. */
    public static double[] sum(AcousticModel m, String featsRspec) {
        double[] counts = new double[m.numPdfs()];
        long frames = 0;
        try (SequentialReader<Matrix> r = SequentialReader.open(featsRspec, Codecs.MATRIX)) {
            for (Entry<Matrix> e : r) {
                Matrix lp = m.logPosteriors(ModelInput.check(m, e.key(), e.value()));
                float[] d = lp.data();
                int n = lp.cols();
                for (int i = 0; i < d.length; i++) {
                    counts[i % n] += Math.exp(d[i]);
                }
                frames += lp.rows();
            }
        }
        if (frames == 0) {
            throw new AmdException("no frames in " + featsRspec + ": no posterior counts");
        }
        return counts;
    }
}
