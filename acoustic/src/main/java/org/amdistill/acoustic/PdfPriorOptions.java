package org.amdistill.acoustic;

import java.io.IOException;
import java.nio.file.Path;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.table.Codecs;
import org.amdistill.core.table.KaldiInput;
import org.amdistill.core.table.Matrix;
import org.amdistill.core.table.Rxfilename;
import picocli.CommandLine.Option;

/**
 * Kaldi's PdfPriorOptions (nnet1): the priors that turn a model's posteriors into hybrid scaled likelihoods, taken
 * from class frame counts instead of the model's own (alignment counts, or the model's summed posteriors over
 * training data from {@code compute-posterior-counts}, as Kaldi's nnet3 recipes re-estimate them), and scaled.
 */
public final class PdfPriorOptions {
    @Option(
            names = "--class-frame-counts",
            description =
                    "Kaldi vector of frame counts per pdf (alignment counts, or summed"
                            + " posteriors from compute-posterior-counts) to take the log priors from (default: the model's own priors)")
    public Path classFrameCounts;

    @Option(
            names = "--prior-scale",
            description = "Scale of the log priors subtracted from the log posteriors (0: no priors)")
    public double priorScale = 1.0;

    @Option(names = "--prior-floor", description = "Counts below this share of the total are floored to it")
    public double priorFloor = 1e-10;

    /** The scaled log priors to subtract from {@code model}'s log posteriors. */
    public float[] scaledLogPriors(AcousticModel model) {
        float[] logPriors = classFrameCounts == null
                ? model.logPriors()
                : logPriorsFromCounts(readCounts(classFrameCounts), priorFloor);
        if (logPriors.length != model.numPdfs()) {
            throw new AmdException(classFrameCounts + ": " + logPriors.length + " class frame counts but the model has "
                    + model.numPdfs() + " pdfs");
        }
        for (int i = 0; i < logPriors.length; i++) {
            logPriors[i] *= (float) priorScale;
        }
        return logPriors;
    }

    /** Log posteriors minus {@link #scaledLogPriors}: the scores of a decoder or an aligner. */
    public static Matrix logLikelihoods(AcousticModel model, Matrix features, float[] scaledLogPriors) {
        Matrix post = model.logPosteriors(features);
        float[] d = post.data();
        int n = scaledLogPriors.length;
        for (int i = 0; i < d.length; i++) {
            d[i] -= scaledLogPriors[i % n];
        }
        return post;
    }

    /** log(count / total), each count floored at {@code floor} x total. */
    public static float[] logPriorsFromCounts(double[] counts, double floor) {
        double total = 0;
        for (double c : counts) {
            if (!(c >= 0) || Double.isInfinite(c)) {
                throw new AmdException("class frame counts must be finite and non-negative, got " + c);
            }
            total += c;
        }
        if (!(total > 0)) {
            throw new AmdException("class frame counts sum to " + total + ": no priors can be taken from them");
        }
        float[] out = new float[counts.length];
        for (int i = 0; i < counts.length; i++) {
            out[i] = (float) Math.log(Math.max(counts[i], floor * total) / total);
        }
        return out;
    }

    /** A Kaldi vector (text or binary) from a file or pipe. */
    public static double[] readCounts(Path file) {
        try (KaldiInput in = Rxfilename.openKaldi(file.toString())) {
            int[] p = in.peek2();
            boolean binary = p[0] == 0 && p[1] == 'B';
            if (binary) {
                in.read();
                in.read();
            }
            return Codecs.DOUBLE_VECTOR.read(in, binary);
        } catch (IOException | RuntimeException e) {
            if (e instanceof AmdException a) {
                throw a;
            }
            throw new AmdException("cannot read class frame counts " + file + ": " + e.getMessage());
        }
    }
}
