package org.amdistill.acoustic.align;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.amdistill.acoustic.hmm.HmmStateInventory;
import org.amdistill.acoustic.hmm.TransitionModel;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.table.Matrix;

/**
 * State alignments from phone timings (a phone CTM: {@code utt channel start duration phone}): each phone keeps the
 * frames the CTM gives it, and its frames are shared among its HMM states by Viterbi with the model's scores inside
 * those boundaries, or equally when there is no model (by the transition probabilities alone where a phone has fewer
 * frames than states but enough for its topology, as a silence that skips states). The result is an {@link ViterbiAligner.Alignment} on the
 * utterance's graph of the CTM's phones, so it is written, counted and turned back into a CTM as any other.
 *
 * <p>Frames follow {@code ali.ctm}'s convention: a phone starting at {@code s} seconds for {@code d} seconds holds
 * frames {@code round(s / shift)} up to, not including, {@code round((s + d) / shift)}.
 */
public final class CtmAligner {
    /** One CTM line. */
    public record Segment(String phone, double start, double duration, int line) {}

    /** A phone on frames {@code [start, end)}. */
    public record Span(String phone, int start, int end) {
        int frames() {
            return end - start;
        }
    }

    /** Counts of what had to be mended, over all utterances. */
    public static final class Repairs {
        public int padded; // utterances whose CTM ends before the features do
        public long padFrames;
        public int truncated; // utterances whose CTM runs past the features by more than the tolerance
        public int gaps; // holes between phones, given to silence or to the phone before
        public int droppedPhones; // phones shorter than half a frame
        public int shortPhones; // phones with fewer frames than their HMM needs (states spread, topology not kept)
        public int viterbiFailures; // phones the model could not align (equal split used)

        public synchronized void add(Repairs o) {
            padded += o.padded;
            padFrames += o.padFrames;
            truncated += o.truncated;
            gaps += o.gaps;
            droppedPhones += o.droppedPhones;
            shortPhones += o.shortPhones;
            viterbiFailures += o.viterbiFailures;
        }
    }

    /** Frames a CTM may run past the features without a warning (the last window does not fit). */
    public static final int EXCESS_TOLERANCE = 3;

    /** Viterbi on equal scores: the path the transition probabilities prefer. */
    private static final ViterbiAligner FLAT = new ViterbiAligner(60, 300, 1.0);

    private final TransitionModel tm;
    private final HmmStateInventory inv;
    private final ViterbiAligner aligner;
    private final String silence;
    private final FrameTiming timing;
    private final Map<String, AlignmentGraph> phoneGraphs = new HashMap<>();
    private final Map<String, Integer> minFrames = new HashMap<>();

    /**
     * @param aligner  null: equal split within each phone
     * @param silence  the phone for holes and padding (the lang's optional silence); null: the neighbouring phone
     */
    public CtmAligner(TransitionModel tm, ViterbiAligner aligner, String silence, FrameTiming timing) {
        this.tm = tm;
        this.inv = tm.inventory();
        this.aligner = aligner;
        this.silence = silence;
        this.timing = timing;
        for (String p : inv.phones()) {
            phoneGraphs.put(p, AlignmentGraph.build(List.of(p), tm, 0.5));
            minFrames.put(p, minFrames(inv.phone(p)));
        }
    }

    /** Fewest frames a pass through the phone's HMM takes (entering at state 0). */
    static int minFrames(HmmStateInventory.PhoneTopology p) {
        int n = p.numStates();
        int[] dist = new int[n + 1];
        Arrays.fill(dist, Integer.MAX_VALUE);
        dist[0] = 1;
        ArrayDeque<Integer> q = new ArrayDeque<>(List.of(0));
        while (!q.isEmpty()) {
            int s = q.poll();
            for (int d : p.arcTo()[s]) {
                int nd = d == n ? dist[s] : dist[s] + 1;
                if (nd < dist[d]) {
                    dist[d] = nd;
                    if (d < n) {
                        q.add(d);
                    }
                }
            }
        }
        return dist[n];
    }

    /**
     * Reads a phone CTM, grouped by utterance in file order. Every phone must be an HMM phone of {@code inv} (a
     * phone of phones.txt): anything else is an error naming the file and line.
     */
    public static Map<String, List<Segment>> readCtm(Path ctm, HmmStateInventory inv, String phonesSource) {
        List<String> lines;
        try {
            lines = Files.readAllLines(ctm);
        } catch (IOException e) {
            throw new AmdException("cannot read CTM " + ctm + ": " + e.getMessage());
        }
        Map<String, List<Segment>> out = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith(";;")) {
                continue;
            }
            String where = ctm + ":" + (i + 1);
            String[] f = line.split("\\s+");
            if (f.length < 5) {
                throw new AmdException(
                        where + ": expected 'utterance channel start duration phone', got '" + line + "'");
            }
            double start;
            double dur;
            try {
                start = Double.parseDouble(f[2]);
                dur = Double.parseDouble(f[3]);
            } catch (NumberFormatException e) {
                throw new AmdException(where + ": start '" + f[2] + "' or duration '" + f[3] + "' is not a number");
            }
            if (!(start >= 0) || !(dur >= 0) || !Double.isFinite(start + dur)) {
                throw new AmdException(where + ": negative or non-finite start " + f[2] + " or duration " + f[3]);
            }
            String phone = f[4];
            if (!inv.hasPhone(phone)) {
                throw new AmdException(where + ": phone '" + phone + "' (utterance " + f[0] + ") is not a phone of "
                        + phonesSource + " (map the CTM's phone set onto the lang's first)");
            }
            out.computeIfAbsent(f[0], k -> new ArrayList<>()).add(new Segment(phone, start, dur, i + 1));
        }
        return out;
    }

    /**
     * Turns an utterance's CTM segments into contiguous phone spans covering exactly {@code numFrames} frames: holes
     * go to silence (or the phone before), a CTM that ends early is padded with silence (or its last phone), one
     * that runs past the features is cut.
     */
    List<Span> spans(String utt, List<Segment> segs, int numFrames, Path ctmFile, Repairs rep, List<String> warnings) {
        List<Segment> sorted = new ArrayList<>(segs);
        sorted.sort(Comparator.comparingDouble(Segment::start));
        List<Span> out = contiguousSpans(utt, sorted, ctmFile, rep, warnings);
        int ctmEnd = 0;
        for (Segment s : sorted) {
            ctmEnd = Math.max(ctmEnd, toFrame(s.start() + s.duration()));
        }
        fitToFeatures(out, utt, ctmEnd, numFrames, ctmFile, rep, warnings);
        return out;
    }

    /** The CTM's phones (sorted by start) as touching frame spans: holes filled, phones under half a frame dropped. */
    private List<Span> contiguousSpans(
            String utt, List<Segment> sorted, Path ctmFile, Repairs rep, List<String> warnings) {
        List<Span> out = new ArrayList<>();
        int prevEnd = 0;
        double prevEndSec = 0;
        boolean lastIsFill = false;
        for (Segment s : sorted) {
            if (s.start() < prevEndSec - timing.shift() / 2) {
                throw new AmdException(ctmFile + ":" + s.line() + ": utterance " + utt + ": phone " + s.phone() + " at "
                        + s.start() + " s starts before the previous phone ends (" + prevEndSec + " s)");
            }
            // a phone that starts within half a frame of the previous one's end touches it (times rounded to ms apart)
            int a = s.start() - prevEndSec < timing.shift() / 2 ? prevEnd : Math.max(prevEnd, toFrame(s.start()));
            prevEndSec = Math.max(prevEndSec, s.start() + s.duration());
            int b = toFrame(s.start() + s.duration());
            if (b <= a) {
                rep.droppedPhones++;
                warnings.add("phone " + s.phone() + " at " + s.start() + " s (line " + s.line()
                        + ") is shorter than half a frame: its time goes to its neighbours");
                continue;
            }
            if (a > prevEnd) {
                fillGap(out, prevEnd, a, rep);
                lastIsFill = true;
            }
            Span last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (lastIsFill
                    && last != null
                    && s.phone().equals(silence)
                    && last.phone() != null
                    && last.phone().equals(silence)
                    && last.end() == a) {
                out.set(out.size() - 1, new Span(s.phone(), last.start(), b)); // a silence hole before a silence
            } else {
                out.add(new Span(s.phone(), a, b));
            }
            lastIsFill = false;
            prevEnd = b;
        }
        if (out.isEmpty()) {
            throw new AmdException(ctmFile + ": utterance " + utt + " has no phone of at least half a frame");
        }
        return out;
    }

    /**
     * Makes the spans end at {@code numFrames}: a CTM that ends early (at {@code ctmEnd}) padded with silence (or its
     * last phone), one that runs past the features cut.
     */
    private void fitToFeatures(
            List<Span> out, String utt, int ctmEnd, int numFrames, Path ctmFile, Repairs rep, List<String> warnings) {
        if (ctmEnd > numFrames + EXCESS_TOLERANCE) {
            rep.truncated++;
            warnings.add("CTM runs to frame " + ctmEnd + ", past the " + numFrames + " feature frames: cut");
        }
        while (!out.isEmpty() && out.get(out.size() - 1).start() >= numFrames) {
            out.remove(out.size() - 1);
        }
        if (out.isEmpty() || out.get(out.size() - 1).phone() == null) {
            throw new AmdException(ctmFile + ": utterance " + utt
                    + ": the CTM's first phone starts after the last of its " + numFrames + " feature frames");
        }
        Span last = out.get(out.size() - 1);
        if (last.end() > numFrames) {
            out.set(out.size() - 1, new Span(last.phone(), last.start(), numFrames));
        } else if (last.end() < numFrames) {
            int pad = numFrames - last.end();
            rep.padded++;
            rep.padFrames += pad;
            boolean withSilence = silence != null && !last.phone().equals(silence) && pad >= minFrames.get(silence);
            warnings.add("CTM covers " + last.end() + " of " + numFrames + " feature frames: padded with "
                    + (withSilence ? silence : "its last phone " + last.phone()));
            if (withSilence) {
                out.add(new Span(silence, last.end(), numFrames));
            } else {
                out.set(out.size() - 1, new Span(last.phone(), last.start(), numFrames));
            }
        }
    }

    int toFrame(double seconds) {
        return timing.frame(seconds);
    }

    private void fillGap(List<Span> out, int from, int to, Repairs rep) {
        rep.gaps++;
        if (silence != null && to - from >= minFrames.get(silence)) {
            Span prev = out.isEmpty() ? null : out.get(out.size() - 1);
            if (prev != null && prev.phone().equals(silence)) {
                out.set(out.size() - 1, new Span(silence, prev.start(), to));
            } else {
                out.add(new Span(silence, from, to));
            }
        } else if (!out.isEmpty()) {
            Span prev = out.get(out.size() - 1);
            out.set(out.size() - 1, new Span(prev.phone(), prev.start(), to));
        } else {
            // a short hole before the first phone: the first phone starts earlier (the caller adds it at 'to')
            out.add(new Span(null, from, to));
        }
    }

    /**
     * Aligns one utterance: {@code logLikes} (frames x pdfs, null without a model) gives state scores; the spans
     * come from {@link #spans}. Problems that can be mended are counted in {@code rep} and described in
     * {@code warnings}.
     */
    public ViterbiAligner.Alignment align(
            String utt,
            List<Segment> segs,
            int numFrames,
            Matrix logLikes,
            Path ctmFile,
            Repairs rep,
            List<String> warnings) {
        if (numFrames == 0) {
            throw new AmdException("utterance " + utt + " has no feature frames");
        }
        List<Span> spans = spans(utt, segs, numFrames, ctmFile, rep, warnings);
        // a short hole before the first phone joins it
        if (spans.get(0).phone() == null) {
            Span first = spans.remove(0);
            Span next = spans.get(0);
            spans.set(0, new Span(next.phone(), first.start(), next.end()));
        }
        List<String> phones = new ArrayList<>();
        for (Span s : spans) {
            phones.add(s.phone());
        }
        AlignmentGraph g = AlignmentGraph.build(phones, tm, 0.5);
        int[] nodes = new int[numFrames];
        int[] pdfs = new int[numFrames];
        double score = 0;
        int firstNode = 0;
        for (Span s : spans) {
            AlignmentGraph pg = phoneGraphs.get(s.phone());
            PhonePath path = phonePath(s, pg, logLikes, rep, warnings);
            score += path.score();
            for (int t = 0; t < s.frames(); t++) {
                nodes[s.start() + t] = firstNode + path.nodes()[t];
                pdfs[s.start() + t] = g.pdf[firstNode + path.nodes()[t]];
            }
            firstNode += pg.numNodes();
        }
        return new ViterbiAligner.Alignment(pdfs, nodes, score, g);
    }

    /** A path through one phone's HMM: its node at each of the span's frames, and its Viterbi score (0 if none). */
    @SuppressWarnings("ArrayRecordComponent") // arrays for speed: equals and hashCode see them by identity
    private record PhonePath(int[] nodes, double score) {}

    /**
     * The phone's states over its span: the Viterbi path where there is a model and it finds one, else an equal split,
     * else (fewer frames than states but enough for the topology, a silence that skips states) the likeliest path;
     * with fewer frames than the HMM needs, its states spread from first to last.
     */
    private PhonePath phonePath(Span s, AlignmentGraph pg, Matrix logLikes, Repairs rep, List<String> warnings) {
        int n = pg.numNodes();
        int frames = s.frames();
        if (frames >= minFrames.get(s.phone())) {
            ViterbiAligner.Alignment a = null;
            double score = 0;
            if (aligner != null) {
                a = aligner.align(pg, logLikes.rowRange(s.start(), s.end()));
                if (a == null) {
                    rep.viterbiFailures++;
                    warnings.add("no Viterbi path through phone " + s.phone() + " at frames " + s.start() + ".."
                            + (s.end() - 1) + ": states split equally");
                } else {
                    score = a.score();
                }
            }
            if (a == null) {
                a = ViterbiAligner.equal(pg, frames);
            }
            if (a == null) {
                a = FLAT.align(pg, new Matrix(frames, inv.numPdfs()));
            }
            if (a != null) {
                return new PhonePath(a.nodes(), score);
            }
        }
        rep.shortPhones++;
        warnings.add("phone " + s.phone() + " has " + frames + " frames, fewer than the " + minFrames.get(s.phone())
                + " its HMM needs: states spread over them");
        int[] local = new int[frames];
        for (int t = 0; t < frames; t++) {
            local[t] = frames == 1 ? 0 : (int) Math.round((double) t * (n - 1) / (frames - 1));
        }
        return new PhonePath(local, 0);
    }
}
