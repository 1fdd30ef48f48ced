package org.amdistill.acoustic.dnn;

import java.util.ArrayList;
import java.util.List;
import org.amdistill.dataprep.cli.AmdException;
import org.amdistill.dataprep.table.Codecs;
import org.amdistill.dataprep.table.Entry;
import org.amdistill.dataprep.table.Matrix;
import org.amdistill.dataprep.table.RandomAccessReader;
import org.amdistill.dataprep.table.SequentialReader;
import org.amdistill.frontend.Cmvn;
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
    public static FrameData load(String featsRspec, String aliRspec, Cmvn.Mode cmvn, int numPdfs) {
        FrameData d = new FrameData();
        RandomAccessReader<int[]> ali = aliRspec == null ? null : RandomAccessReader.open(aliRspec, Codecs.INT_VECTOR);
        try (SequentialReader<Matrix> r = SequentialReader.open(featsRspec, Codecs.MATRIX)) {
            for (Entry<Matrix> e : r) {
                String utt = e.key();
                try {
                    int[] lab = null;
                    if (ali != null) {
                        if (!ali.contains(utt)) {
                            throw new AmdException("utterance " + utt + " has no alignment in " + aliRspec);
                        }
                        lab = ali.get(utt);
                    }
                    Matrix m = e.value();
                    for (float v : m.data()) {
                        if (!Float.isFinite(v)) {
                            throw new AmdException("utterance " + utt + " has non-finite features (" + v + ")");
                        }
                    }
                    if (lab != null) {
                        if (Math.abs(lab.length - m.rows()) > 1) {
                            throw new AmdException("utterance " + utt + ": " + m.rows() + " feature frames but " + lab.length + " aligned frames");
                        }
                        for (int p : lab) {
                            if (p < 0 || p >= numPdfs) {
                                throw new AmdException("utterance " + utt + ": alignment names pdf " + p + ", outside the inventory's 0.." + (numPdfs - 1)
                                        + " (alignment from a different model?)");
                            }
                        }
                        int n = Math.min(lab.length, m.rows());
                        if (n != m.rows()) {
                            m = m.rowRange(0, n);
                        }
                        if (n != lab.length) {
                            lab = java.util.Arrays.copyOf(lab, n);
                        }
                    }
                    if (m.rows() == 0) {
                        throw new AmdException("utterance " + utt + " has no frames");
                    }
                    m = m.copy();
                    cmvn.applyPerUtterance(m);
                    d.keys.add(utt);
                    d.feats.add(m);
                    d.labels.add(lab);
                } catch (AmdException ex) {
                    if (ex.getMessage().contains("outside the inventory")) {
                        throw ex; // a wrong inventory is not a per-utterance problem
                    }
                    LOG.warn("Skipping: {}", ex.getMessage());
                    d.skipped.add(utt);
                }
            }
        } finally {
            if (ali != null) {
                ali.close();
            }
        }
        if (d.keys.isEmpty()) {
            throw new AmdException("no usable utterances in " + featsRspec + (d.skipped.isEmpty() ? "" : " (" + d.skipped.size() + " skipped)"));
        }
        d.index();
        return d;
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
