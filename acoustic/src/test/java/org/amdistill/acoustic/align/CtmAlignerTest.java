package org.amdistill.acoustic.align;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.amdistill.acoustic.SyntheticAlignData;
import org.amdistill.acoustic.hmm.HmmStateInventory;
import org.amdistill.acoustic.hmm.TransitionModel;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.table.Matrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CtmAlignerTest {
    static List<CtmAligner.Segment> segments(SyntheticAlignData.Utt u) {
        List<CtmAligner.Segment> s = new ArrayList<>();
        for (int i = 0; i < u.phones().size(); i++) {
            s.add(new CtmAligner.Segment(
                    u.phones().get(i), u.phoneStart()[i] * 0.01, u.phoneFrames()[i] * 0.01, i + 1));
        }
        return s;
    }

    /** Scores that favour each frame's true pdf: Viterbi inside the true phones must give back the true states. */
    @Test
    void viterbiInsideKnownPhonesRecoversTheStates(@TempDir Path dir) throws Exception {
        HmmStateInventory inv = HmmStateInventory.fromLang(SyntheticAlignData.lang(dir));
        TransitionModel tm = new TransitionModel(inv);
        Random r = new Random(5);
        CtmAligner ca = new CtmAligner(tm, new ViterbiAligner(60, 300, 1.0), "SIL", new FrameTiming(0.01, 0));
        for (SyntheticAlignData.Utt u : SyntheticAlignData.utterances(inv, 10, 8, r)) {
            int frames = u.pdfs().length;
            Matrix ll = new Matrix(frames, inv.numPdfs());
            for (int t = 0; t < frames; t++) {
                for (int p = 0; p < inv.numPdfs(); p++) {
                    ll.set(t, p, (float) ((p == u.pdfs()[t] ? 0 : -6) + 0.3 * r.nextGaussian()));
                }
            }
            CtmAligner.Repairs rep = new CtmAligner.Repairs();
            List<String> warn = new ArrayList<>();
            ViterbiAligner.Alignment a = ca.align(u.key(), segments(u), frames, ll, Path.of("ctm"), rep, warn);
            assertArrayEquals(u.pdfs(), a.pdfs(), u.key());
            assertEquals(
                    u.phones(),
                    a.phoneSegments().stream().map(x -> (String) x[0]).toList(),
                    "one segment per CTM phone, repeats kept apart");
            assertTrue(warn.isEmpty(), warn.toString());
            // the path is one the utterance graph allows: its transitions can be counted
            var counts = tm.newCounts();
            a.countTransitions(counts);
            double arcs = counts.values().stream()
                    .flatMap(Arrays::stream)
                    .flatMapToDouble(Arrays::stream)
                    .sum();
            assertEquals(frames - 1, arcs, 1e-9, "every frame-to-frame step is an arc of the graph");
        }
    }

    @Test
    void shortPhonesTruncationAndOverlaps(@TempDir Path dir) throws Exception {
        HmmStateInventory inv = HmmStateInventory.fromLang(SyntheticAlignData.lang(dir));
        CtmAligner ca = new CtmAligner(new TransitionModel(inv), null, "SIL", new FrameTiming(0.01, 0));
        CtmAligner.Repairs rep = new CtmAligner.Repairs();
        List<String> warn = new ArrayList<>();
        List<CtmAligner.Segment> segs = List.of(
                new CtmAligner.Segment("W", 0.0, 0.02, 1), // 2 frames for 3 states: first and last state
                new CtmAligner.Segment("AH", 0.02, 0.004, 2), // under half a frame: dropped
                new CtmAligner.Segment("N", 0.024, 0.05, 3), // frames 2..6 (starts where W ended)
                new CtmAligner.Segment("T", 0.07, 0.10, 4)); // runs to frame 17, past the 10 feature frames
        ViterbiAligner.Alignment a = ca.align("u", segs, 10, null, Path.of("ctm"), rep, warn);
        int[] want = {
            inv.pdfId("W", 0),
            inv.pdfId("W", 2),
            inv.pdfId("N", 0),
            inv.pdfId("N", 0),
            inv.pdfId("N", 1),
            inv.pdfId("N", 1),
            inv.pdfId("N", 2),
            inv.pdfId("T", 0),
            inv.pdfId("T", 1),
            inv.pdfId("T", 2)
        };
        assertArrayEquals(want, a.pdfs());
        assertEquals(1, rep.shortPhones);
        assertEquals(1, rep.droppedPhones);
        assertEquals(1, rep.truncated);
        // three frames of the 5-state silence: fewer than its states, enough for its topology (0, one of 1-3, 4)
        CtmAligner.Repairs rep2 = new CtmAligner.Repairs();
        int[] sil = ca.align(
                        "v",
                        List.of(new CtmAligner.Segment("SIL", 0.0, 0.03, 1)),
                        3,
                        null,
                        Path.of("ctm"),
                        rep2,
                        new ArrayList<>())
                .pdfs();
        assertEquals(0, rep2.shortPhones);
        assertEquals(inv.pdfId("SIL", 0), sil[0]);
        assertEquals(inv.pdfId("SIL", 4), sil[2]);
        AmdException e = assertThrows(
                AmdException.class,
                () -> ca.align(
                        "u",
                        List.of(new CtmAligner.Segment("W", 0.0, 0.05, 1), new CtmAligner.Segment("N", 0.03, 0.05, 2)),
                        8,
                        null,
                        Path.of("x.ctm"),
                        new CtmAligner.Repairs(),
                        new ArrayList<>()));
        assertTrue(
                e.getMessage().contains("x.ctm:2") && e.getMessage().contains("before the previous phone ends"),
                e.getMessage());
    }

    /** Times on half frames (TTS timings in ms) must not open one-frame holes between touching phones. */
    @Test
    void touchingPhonesOnHalfFramesLeaveNoHoles(@TempDir Path dir) throws Exception {
        HmmStateInventory inv = HmmStateInventory.fromLang(SyntheticAlignData.lang(dir));
        CtmAligner ca = new CtmAligner(new TransitionModel(inv), null, "SIL", new FrameTiming(0.01, 0));
        String[] phones = {"W", "AH", "N", "T", "UW", "N"};
        // 0.030 + 0.115 is 0.14500000000000002 (frame 15) but 0.010 + 0.105 is 0.11499999999999999 (frame 11, the next
        // phone's start 0.115 is frame 12); 0.457 + 0.097 = 0.554 ends a millisecond before the next phone (a TTS CTM's
        // independently rounded times)
        double[][] times = {
            {0.010, 0.105}, {0.115, 0.030}, {0.145, 0.312}, {0.457, 0.097}, {0.555, 0.105}, {0.660, 0.040}
        };
        List<CtmAligner.Segment> segs = new ArrayList<>();
        for (int i = 0; i < phones.length; i++) {
            segs.add(new CtmAligner.Segment(phones[i], times[i][0], times[i][1], i + 1));
        }
        double t = 0.7;
        CtmAligner.Repairs rep = new CtmAligner.Repairs();
        int frames = ca.toFrame(t);
        ViterbiAligner.Alignment a = ca.align("u", segs, frames, null, Path.of("ctm"), rep, new ArrayList<>());
        assertEquals(1, rep.gaps, "no hole but the leading 10 ms");
        assertEquals(0, rep.padded);
        assertEquals(
                List.of(phones),
                a.phoneSegments().stream().map(x -> (String) x[0]).toList());
    }

    @Test
    void minFramesFollowsTheTopology(@TempDir Path dir) throws Exception {
        HmmStateInventory inv = HmmStateInventory.fromLang(SyntheticAlignData.lang(dir));
        assertEquals(3, CtmAligner.minFrames(inv.phone("W")));
        assertEquals(3, CtmAligner.minFrames(inv.phone("SIL")), "5-state silence: 0, one of 1-3, 4");
    }
}
