package org.amdistill.acoustic.dnn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.amdistill.acoustic.ModelInput;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.table.Codecs;
import org.amdistill.core.table.Entry;
import org.amdistill.core.table.Matrix;
import org.amdistill.core.table.RandomAccessReader;
import org.amdistill.core.table.SequentialReader;
import org.amdistill.frontend.ModelCmvn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Training or evaluation frames: each utterance's normalised features (spliced on the fly, never stored spliced)
 * and its per-frame pdf labels. Features and alignments must agree in length within one frame (Kaldi's
 * tolerance); other disagreements, missing alignments and non-finite features are skipped and listed.
 */
public final class FrameData {
    private static final Logger LOG = LoggerFactory.getLogger(FrameData.class);

    public final List<String> keys = new ArrayList<>();
    public final List<Matrix> feats = new ArrayList<>();
    public final List<int[]> labels = new ArrayList<>();
    public final List<String> skipped = new ArrayList<>();
    private int[] uttOf;
    private int[] frameOf;

    /** Loads {@code featsRspec} with labels from {@code aliRspec} (null: unlabelled), normalising each utterance. */
    public static FrameData load(String featsRspec, String aliRspec, ModelCmvn cmvn, int numPdfs) {
        return load(featsRspec, aliRspec, cmvn, numPdfs, Long.MAX_VALUE);
    }

    /** As {@link #load(String, String, ModelCmvn, int)}, or null as soon as the usable frames exceed {@code maxFrames}. */
    public static FrameData load(String featsRspec, String aliRspec, ModelCmvn cmvn, int numPdfs, long maxFrames) {
        FrameData d = new FrameData();
        long frames = 0;
        RandomAccessReader<int[]> ali = aliRspec == null ? null : RandomAccessReader.open(aliRspec, Codecs.INT_VECTOR);
        try (SequentialReader<Matrix> r = SequentialReader.open(featsRspec, Codecs.MATRIX)) {
            for (Entry<Matrix> e : r) {
                Utterance u = prepare(e.key(), e.value(), ali, aliRspec, cmvn, numPdfs, d.skipped);
                if (u == null) {
                    continue;
                }
                frames += u.feats().rows();
                if (frames > maxFrames) {
                    return null;
                }
                d.keys.add(u.key());
                d.feats.add(u.feats());
                d.labels.add(u.labels());
            }
        } finally {
            if (ali != null) {
                ali.close();
            }
        }
        if (d.keys.isEmpty()) {
            throw new AmdException("no usable utterances in " + featsRspec
                    + (d.skipped.isEmpty() ? "" : " (" + d.skipped.size() + " skipped)"));
        }
        d.index();
        return d;
    }

    /** One utterance ready for training: normalised features and (if labelled) as many labels as frames. */
    @SuppressWarnings("ArrayRecordComponent") // arrays for speed: equals and hashCode see them by identity
    public record Utterance(String key, Matrix feats, int[] labels) {}

    /**
     * Checks and normalises one utterance: features and alignment must agree within one frame, pdfs lie in the
     * inventory, features are finite. A per-utterance problem is logged, added to {@code skipped} and gives null; a
     * pdf outside the inventory is fatal (the alignment comes from another model).
     */
    static Utterance prepare(
            String utt,
            Matrix m,
            RandomAccessReader<int[]> ali,
            String aliRspec,
            ModelCmvn cmvn,
            int numPdfs,
            List<String> skipped) {
        try {
            int[] lab = null;
            if (ali != null) {
                if (!ali.contains(utt)) {
                    throw new AmdException("utterance " + utt + " has no alignment in " + aliRspec);
                }
                lab = ali.get(utt);
            }
            ModelInput.checkFinite(utt, m);
            if (lab != null) {
                if (Math.abs(lab.length - m.rows()) > 1) {
                    throw new AmdException("utterance " + utt + ": " + m.rows() + " feature frames but " + lab.length
                            + " aligned frames");
                }
                for (int p : lab) {
                    if (p < 0 || p >= numPdfs) {
                        throw new InventoryMismatch("utterance " + utt + ": alignment " + aliRspec + " names pdf " + p
                                + ", outside the inventory's 0.." + (numPdfs - 1)
                                + " (alignment from a different model?)");
                    }
                }
                int n = Math.min(lab.length, m.rows());
                if (n != m.rows()) {
                    m = m.rowRange(0, n);
                }
                if (n != lab.length) {
                    lab = Arrays.copyOf(lab, n);
                }
            }
            if (m.rows() == 0) {
                throw new AmdException("utterance " + utt + " has no frames");
            }
            m = cmvn.apply(m.copy());
            return new Utterance(utt, m, lab);
        } catch (InventoryMismatch ex) {
            throw ex;
        } catch (AmdException ex) {
            LOG.warn("Skipping: {}", ex.getMessage());
            skipped.add(utt);
            return null;
        }
    }

    /** Not a per-utterance problem: the alignment and the model disagree about the inventory. */
    private static final class InventoryMismatch extends AmdException {
        InventoryMismatch(String message) {
            super(message);
        }
    }

    /** Frames already in memory (tests, generated transfer sets): features as given, labels may be null. */
    public static FrameData of(List<String> keys, List<Matrix> feats, List<int[]> labels) {
        FrameData d = new FrameData();
        d.keys.addAll(keys);
        d.feats.addAll(feats);
        d.labels.addAll(labels);
        d.index();
        return d;
    }

    void index() {
        int total = 0;
        for (Matrix m : feats) {
            total += m.rows();
        }
        uttOf = new int[total];
        frameOf = new int[total];
        int k = 0;
        for (int u = 0; u < feats.size(); u++) {
            for (int t = 0; t < feats.get(u).rows(); t++) {
                uttOf[k] = u;
                frameOf[k] = t;
                k++;
            }
        }
    }

    public int numFrames() {
        return uttOf.length;
    }

    public int utterance(int frameIndex) {
        return uttOf[frameIndex];
    }

    public int frame(int frameIndex) {
        return frameOf[frameIndex];
    }

    public int dim() {
        return feats.get(0).cols();
    }

    /** Utterances prepared elsewhere (a streamed chunk). */
    static FrameData of(List<Utterance> utts) {
        FrameData d = new FrameData();
        for (Utterance u : utts) {
            d.keys.add(u.key());
            d.feats.add(u.feats());
            d.labels.add(u.labels());
        }
        d.index();
        return d;
    }

    /** Per-pdf counts of the labels. */
    public long[] labelCounts(int numPdfs) {
        long[] c = new long[numPdfs];
        for (int[] lab : labels) {
            if (lab != null) {
                for (int p : lab) {
                    c[p]++;
                }
            }
        }
        return c;
    }

    /** A subset of the utterances (for the 3 %-data experiment and bagging). */
    public FrameData subset(List<Integer> utterances) {
        FrameData d = new FrameData();
        for (int u : utterances) {
            d.keys.add(keys.get(u));
            d.feats.add(feats.get(u));
            d.labels.add(labels.get(u));
        }
        d.index();
        return d;
    }
}
