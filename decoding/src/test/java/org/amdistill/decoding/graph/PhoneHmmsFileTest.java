package org.amdistill.decoding.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.amdistill.core.cli.AmdException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PhoneHmmsFileTest {
    @Test
    void readsLeftToRightPhonesWithTheirSelfLoopsOrAHalf(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("phones.txt");
        Files.writeString(f, "# phone pdfs selfloops\nSIL 0,1,2 0.9,0.8,0.7\n\nAH 3,4,5\n");
        PhoneHmmsFile h = PhoneHmmsFile.read(f);
        assertEquals(6, h.numPdfs());
        PhoneHmm sil = h.hmm("SIL");
        assertArrayEquals(new int[] {0, 1, 2}, sil.pdfs());
        assertArrayEquals(new int[] {1, 2}, sil.arcTo()[1]);
        assertEquals(Math.log(0.8), sil.arcLogProb()[1][0], 1e-6);
        assertEquals(Math.log(0.2), sil.arcLogProb()[1][1], 1e-6);
        assertEquals(Math.log(0.5), h.hmm("AH").arcLogProb()[2][0], 1e-6);
        assertEquals(3, h.hmm("AH").arcTo()[2][1], "the last state leaves the phone");
        assertNull(h.hmm("B"));
    }

    @Test
    void aBadLineIsAnErrorNamingTheFileAndLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("phones.txt");
        Files.writeString(f, "SIL 0,1\nAH 2,x\n");
        AmdException e = assertThrows(AmdException.class, () -> PhoneHmmsFile.read(f));
        assertTrue(e.getMessage().contains(f + ":2:"), e.getMessage());
        Files.writeString(f, "SIL 0,1 0.5,1.0\n");
        AmdException loop = assertThrows(AmdException.class, () -> PhoneHmmsFile.read(f));
        assertTrue(loop.getMessage().contains(f + ":1:"), loop.getMessage());
    }

    @Test
    void aPhoneHmmRefusesTransitionsOutsideItsStates() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new PhoneHmm(new int[] {0}, new int[][] {{0, 2}}, new float[][] {{0f, 0f}}));
        assertThrows(
                IllegalArgumentException.class, () -> new PhoneHmm(new int[] {}, new int[][] {}, new float[][] {}));
    }
}
