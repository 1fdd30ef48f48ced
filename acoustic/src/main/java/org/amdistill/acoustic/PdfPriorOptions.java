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

    @Option(
            names = "--posterior-smoothing",
            description = "Weight e of the uniform distribution mixed into each frame's posteriors before the priors"
                    + " are subtracted, log((1 - e) p + e / N): bounds what one confidently wrong frame costs a path,"
                    + " as averaging an ensemble's members does (0: none)")
    public double posteriorSmoothing = 0;

    /** The scores of a decoder or an aligner for {@code model}: these options' priors and smoothing. */
    public HybridScores hybridScores(AcousticModel model) {
        if (!(posteriorSmoothing >= 0 && posteriorSmoothing < 1)) {
            throw new AmdException("--posterior-smoothing must be in [0, 1), got " + posteriorSmoothing);
        }
        return new HybridScores(scaledLogPriors(model), posteriorSmoothing);
    }

    /**
     * Hybrid scaled log-likelihoods: log of the posteriors (mixed with the uniform distribution by {@code smoothing})
     * minus the scaled log priors.
     */
    public record HybridScores(float[] scaledLogPriors, double smoothing) {
        public Matrix logLikelihoods(AcousticModel model, Matrix features) {
            Matrix post = model.logPosteriors(features);
            float[] d = post.data();
            int n = scaledLogPriors.length;
            if (smoothing > 0) {
                double keep = 1 - smoothing;
                double uniform = smoothing / n;
                for (int i = 0; i < d.length; i++) {
                    d[i] = (float) Math.log(keep * Math.exp(d[i]) + uniform);
                }
            }
            for (int i = 0; i < d.length; i++) {
                d[i] -= scaledLogPriors[i % n];
            }
            return post;
        }
    }

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
