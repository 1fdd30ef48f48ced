package org.amdistill.acoustic.dnn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.table.Codecs;
import org.amdistill.core.table.Entry;
import org.amdistill.core.table.Matrix;
import org.amdistill.core.table.RandomAccessReader;
import org.amdistill.core.table.Rxfilename;
import org.amdistill.core.table.SequentialReader;
import org.amdistill.core.table.Specifier;
import org.amdistill.frontend.ModelCmvn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training set as the trainer sees it: a sequence of chunks per epoch, each chunk's frames shuffled together.
 * A set that fits in the shuffle buffer is one chunk held in memory for every epoch (a global shuffle). A larger
 * one is streamed from its archives each epoch, in an utterance order drawn for the epoch, one buffer of
 * utterances at a time (Kaldi nnet1's randomizer): memory is bounded by the buffer, not by the corpus.
 */
public final class TrainingFrames {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingFrames.class);
    private static final int SAMPLE_FRAMES = 20_000;

    /** Receives one chunk of an epoch. */
    public interface ChunkConsumer {
        void accept(FrameData chunk) throws Exception;
    }

    private final FrameData inMemory;
    private final String featsRspec;
    private final String aliRspec;
    private final ModelCmvn cmvn;
    private final int numPdfs;
    private final long bufferFrames;
    private final List<String> keys;
    private final long numFrames;
    private final int dim;
    private final long[] labelCounts;
    private final FrameData sample;
    private final List<String> skipped;

    private TrainingFrames(FrameData data, int numPdfs) {
        this.inMemory = data;
        this.featsRspec = null;
        this.aliRspec = null;
        this.cmvn = null;
        this.numPdfs = numPdfs;
        this.bufferFrames = data.numFrames();
        this.keys = data.keys;
        this.numFrames = data.numFrames();
        this.dim = data.dim();
        this.labelCounts = data.labels.contains(null) ? null : data.labelCounts(numPdfs);
        this.sample = data;
        this.skipped = data.skipped;
    }

    private TrainingFrames(String featsRspec, String aliRspec, ModelCmvn cmvn, int numPdfs, long bufferFrames) {
        this.inMemory = null;
        this.featsRspec = featsRspec;
        this.aliRspec = aliRspec;
        this.cmvn = cmvn;
        this.numPdfs = numPdfs;
        this.bufferFrames = bufferFrames;
        Specifier spec = Specifier.parseRead(featsRspec);
        if (!spec.script() && Rxfilename.kind(spec.file()) != Rxfilename.Kind.FILE) {
            throw new AmdException("the training set " + featsRspec + " is larger than --shuffle-buffer-frames="
                    + bufferFrames + " and must be streamed, which needs an scp or an archive file (not a pipe)");
        }
        // One checking pass: which utterances are usable, how many frames, the label counts (for the priors), and
        // the first utterances as the sample on which training accuracy is estimated.
        this.keys = new ArrayList<>();
        this.skipped = new ArrayList<>();
        long frames = 0;
        long[] counts = aliRspec == null ? null : new long[numPdfs];
        List<FrameData.Utterance> first = new ArrayList<>();
        int sampleFrames = 0;
        int d = -1;
        try (SequentialReader<Matrix> r = SequentialReader.open(featsRspec, Codecs.MATRIX);
                RandomAccessReader<int[]> ali =
                        aliRspec == null ? null : RandomAccessReader.open(aliRspec, Codecs.INT_VECTOR)) {
            for (Entry<Matrix> e : r) {
                FrameData.Utterance u = FrameData.prepare(e.key(), e.value(), ali, aliRspec, cmvn, numPdfs, skipped);
                if (u == null) {
                    continue;
                }
                keys.add(u.key());
                frames += u.feats().rows();
                d = u.feats().cols();
                if (counts != null) {
                    for (int p : u.labels()) {
                        counts[p]++;
                    }
                }
                if (sampleFrames < SAMPLE_FRAMES) {
                    first.add(u);
                    sampleFrames += u.feats().rows();
                }
            }
        }
        if (keys.isEmpty()) {
            throw new AmdException("no usable utterances in " + featsRspec
                    + (skipped.isEmpty() ? "" : " (" + skipped.size() + " skipped)"));
        }
        this.numFrames = frames;
        this.dim = d;
        this.labelCounts = counts;
        this.sample = FrameData.of(first);
        LOG.info(
                "Streaming {} frames ({} utterances) from {} through a shuffle buffer of {} frames",
                frames,
                keys.size(),
                featsRspec,
                bufferFrames);
    }

    /** Frames already in memory: one chunk, globally shuffled each epoch. */
    public static TrainingFrames inMemory(FrameData data, int numPdfs) {
        return new TrainingFrames(data, numPdfs);
    }

    /**
     * The training set of {@code featsRspec} with labels from {@code aliRspec} (null: unlabelled): held in memory
     * when it fits in {@code bufferFrames}, streamed otherwise. Either way every epoch visits every usable frame
     * once, in an order that depends only on the seed and the epoch.
     */
    public static TrainingFrames open(
            String featsRspec, String aliRspec, ModelCmvn cmvn, int numPdfs, long bufferFrames) {
        if (bufferFrames <= 0) {
            throw new AmdException("--shuffle-buffer-frames must be > 0, got " + bufferFrames);
        }
        FrameData all = FrameData.load(featsRspec, aliRspec, cmvn, numPdfs, bufferFrames);
        return all != null
                ? new TrainingFrames(all, numPdfs)
                : new TrainingFrames(featsRspec, aliRspec, cmvn, numPdfs, bufferFrames);
    }

    public boolean streaming() {
        return inMemory == null;
    }

    /** The whole set in memory; an error for a streamed set (bagging, subsets). */
    public FrameData inMemory() {
        if (inMemory == null) {
            throw new AmdException(featsRspec + " is streamed (larger than --shuffle-buffer-frames=" + bufferFrames
                    + "); this needs it in memory");
        }
        return inMemory;
    }

    public long numFrames() {
        return numFrames;
    }

    public int numUtterances() {
        return keys.size();
    }

    public int dim() {
        return dim;
    }

    /** Usable utterances' keys, in table order. */
    public List<String> keys() {
        return Collections.unmodifiableList(keys);
    }

    /** Utterances skipped as unusable (listed in the log). */
    public List<String> skipped() {
        return Collections.unmodifiableList(skipped);
    }

    /** The first utterances (about 20,000 frames or all), for estimating training accuracy. */
    public FrameData sample() {
        return sample;
    }

    /** Add-one smoothed log priors from the label counts, or null for an unlabelled set. */
    public float[] logPriors() {
        return labelCounts == null ? null : DnnTrainer.logPriors(labelCounts);
    }

    /** Hands the epoch's chunks to {@code consumer}; a streamed set's utterance order is drawn from {@code rng}. */
    public void forEachChunk(Random rng, ChunkConsumer consumer) throws Exception {
        if (inMemory != null) {
            consumer.accept(inMemory);
            return;
        }
        List<String> order = new ArrayList<>(keys);
        Collections.shuffle(order, rng);
        try (RandomAccessReader<Matrix> feats = RandomAccessReader.open(featsRspec, Codecs.MATRIX);
                RandomAccessReader<int[]> ali =
                        aliRspec == null ? null : RandomAccessReader.open(aliRspec, Codecs.INT_VECTOR)) {
            List<FrameData.Utterance> chunk = new ArrayList<>();
            long chunkFrames = 0;
            List<String> unexpected = new ArrayList<>();
            for (String key : order) {
                FrameData.Utterance u =
                        FrameData.prepare(key, feats.get(key), ali, aliRspec, cmvn, numPdfs, unexpected);
                if (u == null) {
                    throw new AmdException("utterance " + key + " of " + featsRspec
                            + " changed since training started (it was usable, now it is not)");
                }
                chunk.add(u);
                chunkFrames += u.feats().rows();
                if (chunkFrames >= bufferFrames) {
                    consumer.accept(FrameData.of(chunk));
                    chunk = new ArrayList<>();
                    chunkFrames = 0;
                }
            }
            if (!chunk.isEmpty()) {
                consumer.accept(FrameData.of(chunk));
            }
        }
    }
}
