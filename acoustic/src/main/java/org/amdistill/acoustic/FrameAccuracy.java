package org.amdistill.acoustic;

import org.amdistill.core.cli.AmdException;
import org.amdistill.core.table.Codecs;
import org.amdistill.core.table.Entry;
import org.amdistill.core.table.Matrix;
import org.amdistill.core.table.RandomAccessReader;
import org.amdistill.core.table.SequentialReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Frame accuracy of an {@link AcousticModel}: the share of frames whose most probable pdf is the aligned one. */
public final class FrameAccuracy {
    private static final Logger LOG = LoggerFactory.getLogger(FrameAccuracy.class);

    public record Result(long correct, long frames, int utterances, int skipped) {
        public double accuracy() {
            return frames == 0 ? 0 : correct / (double) frames;
        }
    }

    private FrameAccuracy() {}

    /**
     * No frame scored (no utterance with an alignment, or none of a usable length) is an error: a frame accuracy of
     * 0/0 printed as 0.00 (or NaN) with exit 0 passed for a result.
     */
    public static void requireFrames(long frames, String featsRspec, String aliRspec, int skipped) {
        if (frames == 0) {
            throw new AmdException("no frame to score: no utterance of " + featsRspec + " has a usable alignment in "
                    + aliRspec + " (" + skipped + " skipped)");
        }
    }

    /** One utterance's counts. */
    public record Utterance(String key, long correct, long frames) {}

    public static Result evaluate(AcousticModel model, String featsRspec, String aliRspec) {
        return evaluate(model, featsRspec, aliRspec, u -> {});
    }

    /** As {@link #evaluate(AcousticModel, String, String)}, handing each scored utterance's counts to {@code perUtterance}. */
    public static Result evaluate(
            AcousticModel model,
            String featsRspec,
            String aliRspec,
            java.util.function.Consumer<Utterance> perUtterance) {
        long correct = 0;
        long frames = 0;
        int utts = 0;
        int skipped = 0;
        try (SequentialReader<Matrix> r = SequentialReader.open(featsRspec, Codecs.MATRIX);
                RandomAccessReader<int[]> ali = RandomAccessReader.open(aliRspec, Codecs.INT_VECTOR)) {
            for (Entry<Matrix> e : r) {
                if (!ali.contains(e.key())) {
                    skipped++;
                    continue;
                }
                int[] lab = ali.get(e.key());
                Matrix feats = e.value();
                if (Math.abs(lab.length - feats.rows()) > 1) {
                    LOG.warn("Skipping {}: {} frames but {} aligned", e.key(), feats.rows(), lab.length);
                    skipped++;
                    continue;
                }
                ModelInput.checkPdfs(model.numPdfs(), e.key(), lab);
                Matrix post = model.logPosteriors(ModelInput.check(model, e.key(), feats));
                int n = Math.min(lab.length, post.rows());
                int k = post.cols();
                long before = correct;
                for (int t = 0; t < n; t++) {
                    int best = 0;
                    for (int p = 1; p < k; p++) {
                        if (post.get(t, p) > post.get(t, best)) {
                            best = p;
                        }
                    }
                    if (best == lab[t]) {
                        correct++;
                    }
                }
                frames += n;
                utts++;
                perUtterance.accept(new Utterance(e.key(), correct - before, n));
            }
        }
        requireFrames(frames, featsRspec, aliRspec, skipped);
        return new Result(correct, frames, utts, skipped);
    }
}
