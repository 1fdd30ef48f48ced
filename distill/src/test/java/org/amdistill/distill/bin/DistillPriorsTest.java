package org.amdistill.distill.bin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.amdistill.core.cli.AmdException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DistillPriorsTest {
    @Test
    void classFrameCountsGiveAStudentOnATransferSetTheTrainingAlignmentsPriors(@TempDir Path dir) throws Exception {
        Distill d = new Distill();
        d.classFrameCounts = dir.resolve("counts.vec");
        Files.writeString(d.classFrameCounts, "[ 6 3 1 ]\n");
        float[] p = d.studentPriors(false, null, null, 3);
        assertEquals(Math.log(0.6), p[0], 1e-6);
        assertEquals(Math.log(0.1), p[2], 1e-6);
        AmdException e = assertThrows(AmdException.class, () -> d.studentPriors(false, null, null, 4));
        assertTrue(e.getMessage().contains("3 class frame counts but the HMM model has 4 pdfs"), e.getMessage());
    }
}
