package org.amdistill.acoustic.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.amdistill.acoustic.hmm.HmmStateInventory;
import org.amdistill.acoustic.hmm.TransitionModel;
import org.amdistill.core.table.Matrix;
import org.junit.jupiter.api.Test;

class ViterbiAlignerTest {
    /** Three phones, three left-to-right states each (pdfs 0..8), and a 3-state silence (pdfs 9..11). */
    static HmmStateInventory inventory() {
        StringBuilder sb = new StringBuilder();
        String[] phones = {"SIL", "A", "B", "C"};
        int pdf = 0;
        for (String p : phones) {
            sb.append(p);
            for (int s = 0; s < 3; s++) {
                sb.append(' ')
                        .append(pdf++)
                        .append(':')
                        .append(s)
                        .append("=0.75,")
                        .append(s + 1)
                        .append("=0.25");
            }
            sb.append('\n');
        }
        return HmmStateInventory.fromText(sb.toString());
    }

    @Test
    void recoversAKnownStateSequence() {
        HmmStateInventory inv = inventory();
        TransitionModel tm = new TransitionModel(inv);
        List<String> slots = List.of("?SIL", "A", "B", "?SIL", "C", "?SIL");
        AlignmentGraph g = AlignmentGraph.build(slots, tm, 0.5);
        // truth: A(3 states x 5 frames) B(3 x 4) silence(3 x 3) C(3 x 6), no leading/trailing silence
        int[] truthPdfs = new int[0];
        int[][] segs = {{3, 5}, {4, 5}, {5, 5}, {6, 4}, {7, 4}, {8, 4}, {0, 3}, {1, 3}, {2, 3}, {9, 6}, {10, 6}, {11, 6}
        };
        for (int[] s : segs) {
            int[] more = new int[s[1]];
            Arrays.fill(more, s[0]);
            int[] n = Arrays.copyOf(truthPdfs, truthPdfs.length + more.length);
            System.arraycopy(more, 0, n, truthPdfs.length, more.length);
            truthPdfs = n;
        }
        Random r = new Random(1);
        Matrix ll = new Matrix(truthPdfs.length, inv.numPdfs());
        for (int t = 0; t < truthPdfs.length; t++) {
            for (int p = 0; p < inv.numPdfs(); p++) {
                ll.set(t, p, (float) ((p == truthPdfs[t] ? 0 : -4) + 0.5 * r.nextGaussian()));
            }
        }
        ViterbiAligner.Alignment a = new ViterbiAligner(60, 300, 1.0).align(g, ll);
        int ok = 0;
        for (int t = 0; t < truthPdfs.length; t++) {
            ok += a.pdfs()[t] == truthPdfs[t] ? 1 : 0;
        }
        assertTrue(ok >= 0.95 * truthPdfs.length, ok + " of " + truthPdfs.length);
        List<Object[]> phones = a.phoneSegments();
        assertEquals(
                List.of("A", "B", "SIL", "C"),
                phones.stream().map(x -> (String) x[0]).toList());
        var counts = tm.newCounts();
        a.countTransitions(counts);
        assertEquals(4.0, counts.get("A")[0][0], 1.0, "A state 0 loops about 4 times");
        tm.update(counts);
        assertTrue(tm.selfLoopLogProb("C", 1) > Math.log(0.75), "C's long states learn a likelier self-loop");
    }

    @Test
    void tooFewFramesCannotAlignAndEqualAlignmentSplitsEvenly() {
        HmmStateInventory inv = inventory();
        AlignmentGraph g = AlignmentGraph.build(List.of("?SIL", "A", "B", "?SIL"), new TransitionModel(inv), 0.5);
        assertNull(new ViterbiAligner(60, 300, 1.0).align(g, new Matrix(5, inv.numPdfs())), "6 states need 6 frames");
        ViterbiAligner.Alignment eq = ViterbiAligner.equal(g, 12);
        assertEquals(
                List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 0, 1, 2),
                Arrays.stream(eq.pdfs()).boxed().toList(),
                "the edge silences are in the equal alignment (a silence model without frames never learns silence)");
        assertEquals(
                List.of(3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8),
                Arrays.stream(ViterbiAligner.equal(g, 11).pdfs()).boxed().toList(),
                "too few frames for the silences too: the mandatory phones alone");
        assertNull(ViterbiAligner.equal(g, 5));
    }

    @Test
    void theAcousticScaleOptionReachesTheAligner() {
        ViterbiOptions o = new ViterbiOptions();
        new picocli.CommandLine(o).parseArgs("--acoustic-scale=0.1");
        HmmStateInventory inv = inventory();
        AlignmentGraph g = AlignmentGraph.build(List.of("A", "B"), new TransitionModel(inv), 0.5);
        Matrix ll = new Matrix(8, inv.numPdfs());
        Random r = new Random(2);
        for (int t = 0; t < 8; t++) {
            for (int p = 0; p < inv.numPdfs(); p++) {
                ll.set(t, p, (float) (-10 * r.nextDouble()));
            }
        }
        Matrix scaled = ll.copy();
        for (int i = 0; i < scaled.data().length; i++) {
            scaled.data()[i] *= 0.1f;
        }
        // the best path's score with 0.1 on the acoustics is the score of the acoustics scaled by hand
        double byHand = new ViterbiOptions().aligner().align(g, scaled).score();
        assertEquals(byHand, o.aligner().align(g, ll).score(), 1e-4);
        assertTrue(
                Math.abs(new ViterbiOptions().aligner().align(g, ll).score() - byHand) > 1,
                "the scale changes the score");
    }
}
