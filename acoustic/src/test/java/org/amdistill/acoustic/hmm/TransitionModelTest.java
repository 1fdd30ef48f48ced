package org.amdistill.acoustic.hmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.amdistill.acoustic.SyntheticAlignData;
import org.amdistill.core.cli.AmdException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransitionModelTest {
    private static double sumOfProbs(double[] logProbs) {
        double s = 0;
        for (double lp : logProbs) {
            s += Math.exp(lp);
        }
        return s;
    }

    @Test
    void startsFromTheTopologysProbabilitiesAndEachStatesArcsSumToOne(@TempDir Path dir) throws Exception {
        HmmStateInventory inv = HmmStateInventory.fromLang(SyntheticAlignData.lang(dir));
        TransitionModel tm = new TransitionModel(inv);
        for (String p : inv.phones()) {
            HmmStateInventory.PhoneTopology t = inv.phone(p);
            double[][] lp = tm.logProbs(p);
            for (int s = 0; s < t.numStates(); s++) {
                assertEquals(1.0, sumOfProbs(lp[s]), 1e-9, p + " state " + s);
                for (int k = 0; k < lp[s].length; k++) {
                    assertEquals(Math.log(t.initialProb()[s][k]), tm.logProb(p, s, k), 1e-12);
                }
            }
        }
        // a 3-state phone's first state loops on itself with Kaldi's 0.75
        assertEquals(Math.log(0.75), tm.selfLoopLogProb("AH", 0), 1e-12);
        AmdException e = assertThrows(AmdException.class, () -> tm.logProbs("ZH"));
        assertTrue(e.getMessage().contains("'ZH'"), e.getMessage());
    }

    @Test
    void reestimatesFromCountsWithAFloorAndLeavesRarelyVisitedStatesAlone(@TempDir Path dir) throws Exception {
        HmmStateInventory inv = HmmStateInventory.fromLang(SyntheticAlignData.lang(dir));
        TransitionModel tm = new TransitionModel(inv);
        Map<String, double[][]> counts = tm.newCounts();
        double[][] ah = counts.get("AH");
        int loop = -1;
        int[] to = inv.phone("AH").arcTo()[0];
        for (int k = 0; k < to.length; k++) {
            if (to[k] == 0) {
                loop = k;
            }
        }
        ah[0][loop] = 90; // state 0: 90 loops, 10 forward
        ah[0][1 - loop] = 10;
        ah[1][0] = 2; // state 1: too few counts to update
        double before = tm.logProb("AH", 1, 0);
        tm.update(counts);
        assertEquals(Math.log(0.9), tm.selfLoopLogProb("AH", 0), 1e-9);
        assertEquals(1.0, sumOfProbs(tm.logProbs("AH")[0]), 1e-9);
        assertEquals(before, tm.logProb("AH", 1, 0), 0);

        ah[0][loop] = 100; // an arc never taken keeps the floor (0.01 before renormalising)
        ah[0][1 - loop] = 0;
        tm.update(counts);
        assertEquals(Math.log(0.01 / 1.01), tm.logProb("AH", 0, 1 - loop), 1e-9);
    }

    @Test
    void theTextFormKeepsSixDecimals(@TempDir Path dir) throws Exception {
        HmmStateInventory inv = HmmStateInventory.fromLang(SyntheticAlignData.lang(dir));
        TransitionModel tm = new TransitionModel(inv);
        Map<String, double[][]> counts = tm.newCounts();
        counts.get("T")[0][0] = 30;
        counts.get("T")[0][1] = 70;
        tm.update(counts);
        TransitionModel back = TransitionModel.fromText(inv, tm.toText());
        assertEquals(tm.toText(), back.toText());
        for (String p : inv.phones()) {
            for (int s = 0; s < inv.phone(p).numStates(); s++) {
                for (int k = 0; k < inv.phone(p).arcTo()[s].length; k++) {
                    assertEquals(tm.logProb(p, s, k), back.logProb(p, s, k), 1e-6);
                }
            }
        }
        String wrong = tm.toText().replaceFirst("(?m)^(AH \\S+) \\S+", "$1");
        AmdException e = assertThrows(AmdException.class, () -> TransitionModel.fromText(inv, wrong));
        assertTrue(e.getMessage().contains("AH"), e.getMessage());
        // found by fuzzing: two values run together (a lost comma) had escaped as a NumberFormatException
        String runTogether = tm.toText().replaceFirst("(?m)^(T -?[0-9.]+),", "$1");
        e = assertThrows(AmdException.class, () -> TransitionModel.fromText(inv, runTogether));
        assertTrue(e.getMessage().contains("phone T state 0"), e.getMessage());
        String notANumber = tm.toText().replaceFirst("(?m)^(T )-?[0-9.]+", "$1-1.2-0.3");
        e = assertThrows(AmdException.class, () -> TransitionModel.fromText(inv, notANumber));
        assertTrue(e.getMessage().contains("'-1.2-0.3' is not a log-probability"), e.getMessage());
    }
}
