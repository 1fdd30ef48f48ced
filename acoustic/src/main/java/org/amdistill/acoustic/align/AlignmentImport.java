package org.amdistill.acoustic.align;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.amdistill.acoustic.hmm.HmmStateInventory;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.table.Codecs;
import org.amdistill.core.table.Entry;
import org.amdistill.core.table.Matrix;
import org.amdistill.core.table.SequentialReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alignments made elsewhere, as pdf ids per frame (the output of Kaldi's {@code ali-to-pdf}, text or binary
 * int-vector tables), checked against a state inventory and, optionally, against the features they label.
 *
 * <p>A pdf id outside the inventory is fatal: the alignment was made with another tree or model, and every
 * utterance would be wrong in the same way. Per-utterance problems (no alignment for an utterance with features, a
 * length that differs by more than one frame, an alignment without features) skip that utterance and are listed.
 */
public final class AlignmentImport {
    private static final Logger LOG = LoggerFactory.getLogger(AlignmentImport.class);

    /** Frames by which an alignment may differ from its features (Kaldi's tolerance, as {@code train-dnn} allows). */
    public static final int LENGTH_TOLERANCE = 1;

    /**
     * What an import kept and what it left out: {@code pdfs} and {@code segments} (phone segments recovered from the
     * pdfs) for the utterances kept; {@code missing}: utterances with features but no alignment; {@code lengthMismatch}:
     * alignments whose length differs from the features' by more than {@link #LENGTH_TOLERANCE} ("utt ali-frames
     * feat-frames"); {@code noFeatures}: alignments of utterances that have no features; {@code withinTolerance}: kept
     * alignments one frame off.
     */
    public record Result(
            Map<String, int[]> pdfs,
            Map<String, List<Object[]>> segments,
            List<String> missing,
            List<String> lengthMismatch,
            List<String> noFeatures,
            int withinTolerance) {
        /** Utterances of the features that got no alignment, for {@code unaligned.txt}. */
        public List<String> unaligned() {
            List<String> u = new ArrayList<>(missing);
            for (String m : lengthMismatch) {
                u.add(m.substring(0, m.indexOf(' ')));
            }
            u.sort(null);
            return u;
        }
    }

    private AlignmentImport() {}

    /**
     * Reads {@code aliRspec} (pdf ids per frame), checks every pdf against {@code inv} and, when
     * {@code featsRspec} is given, each alignment's length against its features.
     *
     * @param inventoryName what {@code inv} came from, for error messages
     */
    public static Result run(String aliRspec, String featsRspec, HmmStateInventory inv, String inventoryName) {
        Map<String, int[]> ali = readAlignments(aliRspec, inv, inventoryName);
        Result matched = featsRspec == null
                ? new Result(ali, null, new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), 0)
                : matchFeatures(ali, aliRspec, featsRspec);
        Map<String, List<Object[]>> segs = new LinkedHashMap<>();
        matched.pdfs().forEach((k, v) -> segs.put(k, phoneSegments(v, inv)));
        return new Result(
                matched.pdfs(),
                segs,
                matched.missing(),
                matched.lengthMismatch(),
                matched.noFeatures(),
                matched.withinTolerance());
    }

    /** Every alignment of {@code aliRspec}, its pdfs checked against {@code inv}; each utterance once. */
    private static Map<String, int[]> readAlignments(String aliRspec, HmmStateInventory inv, String inventoryName) {
        Map<String, int[]> ali = new LinkedHashMap<>();
        try (SequentialReader<int[]> r = SequentialReader.open(aliRspec, Codecs.INT_VECTOR)) {
            for (Entry<int[]> e : r) {
                int[] v;
                try {
                    v = e.value();
                } catch (AmdException ex) {
                    throw new AmdException(
                            "alignment " + aliRspec + ", utterance " + e.key() + ": " + ex.getMessage(), ex);
                }
                checkPdfs(e.key(), v, inv.numPdfs(), aliRspec, inventoryName);
                if (ali.put(e.key(), v) != null) {
                    throw new AmdException("alignment " + aliRspec + ": utterance " + e.key() + " appears twice");
                }
            }
        }
        if (ali.isEmpty()) {
            throw new AmdException("alignment " + aliRspec + " has no utterances");
        }
        return ali;
    }

    /**
     * The alignments whose utterance has features of about their length (in feature order), and what was left out
     * (segments not yet made: null).
     */
    private static Result matchFeatures(Map<String, int[]> ali, String aliRspec, String featsRspec) {
        Map<String, int[]> kept = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        List<String> mismatch = new ArrayList<>();
        int tolerated = 0;
        Set<String> seen = new HashSet<>();
        try (SequentialReader<Matrix> r = SequentialReader.open(featsRspec, Codecs.MATRIX)) {
            for (Entry<Matrix> e : r) {
                String utt = e.key();
                seen.add(utt);
                int[] a = ali.get(utt);
                if (a == null) {
                    missing.add(utt);
                    continue;
                }
                int frames = e.value().rows();
                int diff = Math.abs(frames - a.length);
                if (diff > LENGTH_TOLERANCE) {
                    LOG.warn("Utterance {}: {} aligned frames but {} feature frames: skipped", utt, a.length, frames);
                    mismatch.add(utt + " " + a.length + " " + frames);
                    continue;
                }
                if (diff > 0) {
                    tolerated++;
                }
                kept.put(utt, a);
            }
        }
        List<String> noFeats = new ArrayList<>();
        for (String utt : ali.keySet()) {
            if (!seen.contains(utt)) {
                noFeats.add(utt);
            }
        }
        if (!missing.isEmpty()) {
            LOG.warn(
                    "{} utterances of {} have no alignment in {}: {}",
                    missing.size(),
                    featsRspec,
                    aliRspec,
                    preview(missing));
        }
        if (!noFeats.isEmpty()) {
            LOG.warn(
                    "{} alignments of {} have no features in {} (not imported): {}",
                    noFeats.size(),
                    aliRspec,
                    featsRspec,
                    preview(noFeats));
        }
        return new Result(kept, null, missing, mismatch, noFeats, tolerated);
    }

    /** The first ten of a list of utterances, and " ..." where there are more: for a log line. */
    public static String preview(List<String> l) {
        return l.size() <= 10 ? String.join(" ", l) : String.join(" ", l.subList(0, 10)) + " ...";
    }

    /** Fails naming the utterance and frame of the first pdf id outside {@code 0..numPdfs-1}. */
    public static void checkPdfs(String utt, int[] pdfs, int numPdfs, String source, String inventoryName) {
        for (int t = 0; t < pdfs.length; t++) {
            int p = pdfs[t];
            if (p < 0 || p >= numPdfs) {
                throw new AmdException(
                        "alignment " + source + ", utterance " + utt + ", frame " + t + ": pdf id " + p
                                + " is outside the state inventory of " + inventoryName + " (0.." + (numPdfs - 1)
                                + "); was it made with another model or tree, or is it transition ids (convert with Kaldi's ali-to-pdf)?");
            }
        }
    }

    /**
     * Phone segments ([phone, first frame, frame count]) of a pdf sequence: a new segment starts where the phone
     * changes, or where the same phone's HMM has no arc from the previous frame's state to this one (a repeated phone).
     */
    public static List<Object[]> phoneSegments(int[] pdfs, HmmStateInventory inv) {
        List<Object[]> segs = new ArrayList<>();
        int start = 0;
        for (int t = 1; t <= pdfs.length; t++) {
            if (t == pdfs.length || !samePhoneInstance(inv, pdfs[t - 1], pdfs[t])) {
                segs.add(new Object[] {inv.phoneOfPdf(pdfs[start]), start, t - start});
                start = t;
            }
        }
        return segs;
    }

    static boolean samePhoneInstance(HmmStateInventory inv, int from, int to) {
        String phone = inv.phoneOfPdf(from);
        if (!phone.equals(inv.phoneOfPdf(to))) {
            return false;
        }
        HmmStateInventory.PhoneTopology p = inv.phone(phone);
        for (int s = 0; s < p.numStates(); s++) {
            if (!inv.pdfHasClass(from, p.pdfClasses()[s])) {
                continue;
            }
            for (int d : p.arcTo()[s]) {
                // a change of pdf inside one state (its self-loop) is another instance of the phone, in another context
                if (d < p.numStates() && inv.pdfHasClass(to, p.pdfClasses()[d]) && (from == to || d != s)) {
                    return true;
                }
            }
        }
        return false;
    }
}
