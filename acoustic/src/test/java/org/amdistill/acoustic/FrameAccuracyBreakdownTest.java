package org.amdistill.acoustic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.amdistill.acoustic.hmm.HmmStateInventory;
import org.amdistill.core.table.Matrix;
import org.junit.jupiter.api.Test;

class FrameAccuracyBreakdownTest {
    /** sil: one state (pdf 0); a: two states (pdfs 1, 2). */
    static final HmmStateInventory INV =
            HmmStateInventory.fromText("sil 0:0=0.5,1=0.5\na 1:1=0.5,2=0.5 2:2=0.5,3=0.5\n");

    /** Log posteriors that put 0.9 on the given pdf of each frame. */
    static Matrix confident(int... pdfs) {
        Matrix m = new Matrix(pdfs.length, 3);
        for (int t = 0; t < pdfs.length; t++) {
            for (int p = 0; p < 3; p++) {
                m.data()[t * 3 + p] = (float) Math.log(p == pdfs[t] ? 0.9 : 0.05);
            }
        }
        return m;
    }

    @Test
    void distancesCountFromTheNearestPhoneBoundaryAndARepeatedPhoneStartsAgain() {
        FrameAccuracyBreakdown b = new FrameAccuracyBreakdown(INV, Set.of("sil"), 1, 10);
        assertArrayEquals(new int[] {0, 0, 0, 1, 1, 0, 0}, b.boundaryDistances(new int[] {0, 0, 1, 1, 2, 2, 0}));
        // a a: the second a starts where the state goes back to 0
        assertArrayEquals(new int[] {0, 0, 0, 0}, b.boundaryDistances(new int[] {1, 2, 1, 2}));
    }

    /** Tied triphone states (pdf names that are not phone_state) find their phone boundaries as monophones do. */
    @Test
    void tiedStatePdfsFindTheirPhoneBoundaries(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        org.amdistill.acoustic.gmm.TriphoneFixture f = org.amdistill.acoustic.gmm.TriphoneFixture.train(dir);
        HmmStateInventory tri = f.tri().training().model().inventory;
        int[] pdfs = f.tri().training().alignments().values().iterator().next().pdfs();
        FrameAccuracyBreakdown b = new FrameAccuracyBreakdown(tri, Set.of("SIL"), 1, 10);
        int[] d = b.boundaryDistances(pdfs);
        int[] expected = new int[pdfs.length];
        List<Object[]> segs = org.amdistill.acoustic.align.AlignmentImport.phoneSegments(pdfs, tri);
        for (Object[] seg : segs) {
            int start = (int) seg[1];
            int end = start + (int) seg[2] - 1;
            for (int u = start; u <= end; u++) {
                expected[u] = Math.min(u - start, end - u);
            }
        }
        assertTrue(segs.size() > 2, "several phones: " + segs.size());
        assertArrayEquals(expected, d);
    }

    @Test
    void accuraciesDifferencesAndTheKeptShareByCategory() {
        int[] labels = {0, 0, 1, 1, 2, 2, 0};
        FrameAccuracyBreakdown b = new FrameAccuracyBreakdown(INV, Set.of("sil"), 3, 10);
        // baseline wrong on two speech frames (one edge, one middle), teacher right everywhere, student wrong on the
        // middle one
        b.add(labels, List.of(confident(0, 0, 2, 2, 2, 2, 0), confident(labels), confident(0, 0, 1, 2, 2, 2, 0)));
        long[][] s = b.totals(new int[] {1});
        List<String> cats = b.categories();
        int speech = cats.indexOf("speech");
        int middle = cats.indexOf("speech-boundary-distance-1");
        int edge = cats.indexOf("speech-boundary-distance-0");
        assertEquals(4, s[0][speech]);
        assertEquals(2, s[1][speech]);
        assertEquals(4, s[2][speech]);
        assertEquals(3, s[3][speech]);
        assertEquals(2, s[0][middle]);
        assertEquals(1, s[1][middle], "the baseline's middle error");
        assertEquals(1, s[3][middle], "the student's middle error");
        assertEquals(2, s[3][edge], "the student keeps the edge gain");
        assertEquals(3, s[0][cats.indexOf("phone-sil")]);
        assertEquals(2, s[0][cats.indexOf("state-1")]);
        List<String> report = b.report(List.of("base", "teach", "stud"), 50, 1);
        String speechLine =
                report.stream().filter(l -> l.startsWith("speech ")).findFirst().orElseThrow();
        assertTrue(speechLine.contains("50.00  100.00   75.00"), speechLine);
        assertTrue(
                speechLine.contains("+50.00")
                        && speechLine.contains("+25.00")
                        && speechLine.endsWith("+50.00 [+50.00, +50.00]"),
                speechLine);
        assertEquals(Math.log(0.9) * 5 / 7 + Math.log(0.05) * 2 / 7, b.meanLogPosterior(new int[] {1})[0], 1e-6);
        assertEquals(0.9, b.meanConfidence(1), 1e-6);
        assertEquals(0.1, b.expectedCalibrationError(1), 1e-6, "the teacher is right on every frame at confidence 0.9");
    }
}
