package org.amdistill.acoustic.hmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.amdistill.acoustic.SyntheticAlignData;
import org.amdistill.core.cli.AmdException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HmmStateInventoryTest {
    @Test
    void theLangsPhonesGetConsecutivePdfsInPhoneOrderWithKaldisTopologies(@TempDir Path dir) throws Exception {
        HmmStateInventory inv = HmmStateInventory.fromLang(SyntheticAlignData.lang(dir));
        // silence phones have 5 states, the others 3 (SyntheticAlignData's lang); every state its own pdf
        assertEquals(2 * 5 + SyntheticAlignData.NONSIL.size() * 3, inv.numPdfs());
        List<String> phones = inv.phones();
        int next = 0;
        for (String p : phones) {
            HmmStateInventory.PhoneTopology t = inv.phone(p);
            assertEquals(p.equals("SIL") || p.equals("SPN") ? 5 : 3, t.numStates(), p);
            for (int s = 0; s < t.numStates(); s++) {
                assertEquals(next, inv.pdfId(p, s), p + " state " + s);
                assertEquals(p, inv.phoneOfPdf(next));
                assertEquals(p + "_" + s, inv.pdfName(next));
                next++;
            }
            // the last state can leave the phone (arc to numStates), no state jumps past it
            int last = t.numStates() - 1;
            assertTrue(Arrays.stream(t.arcTo()[last]).anyMatch(d -> d == t.numStates()), p);
            for (int[] arcs : t.arcTo()) {
                for (int d : arcs) {
                    assertTrue(d >= 0 && d <= t.numStates());
                }
            }
        }
        assertTrue(inv.hasPhone("AH"));
        assertFalse(inv.hasPhone("ZH"));
        AmdException e = assertThrows(AmdException.class, () -> inv.phone("ZH"));
        assertTrue(e.getMessage().contains("'ZH'"), e.getMessage());
    }

    @Test
    void theTextFormTravelsInModelFilesAndComesBackTheSame(@TempDir Path dir) throws Exception {
        HmmStateInventory inv = HmmStateInventory.fromLang(SyntheticAlignData.lang(dir));
        HmmStateInventory back = HmmStateInventory.fromText(inv.toText());
        assertEquals(inv.toText(), back.toText());
        assertEquals(inv.fingerprint(), back.fingerprint());
        assertTrue(inv.sameAs(back));
        assertEquals(inv.phones(), back.phones());
        for (int pdf = 0; pdf < inv.numPdfs(); pdf++) {
            assertEquals(inv.pdfName(pdf), back.pdfName(pdf));
            assertEquals(inv.phoneOfPdf(pdf), back.phoneOfPdf(pdf));
        }
        for (String p : inv.phones()) {
            assertArrayEquals(inv.phone(p).initialProb()[0], back.phone(p).initialProb()[0]);
        }
    }

    @Test
    void inventoriesThatNumberPdfsDifferentlyAreNotTheSame(@TempDir Path dir) throws Exception {
        HmmStateInventory inv = HmmStateInventory.fromLang(SyntheticAlignData.lang(dir));
        // swap the first two phones' lines: the same phones, other pdf ids
        String[] lines = inv.toText().split("\n");
        String swapped = lines[1] + "\n" + lines[0] + "\n"
                + String.join("\n", List.of(lines).subList(2, lines.length)) + "\n";
        HmmStateInventory other = HmmStateInventory.fromText(swapped);
        assertTrue(inv.sameAs(other)); // the order of lines does not matter, the pdf ids do
        String renumbered = inv.toText().replaceFirst(" 0:", " 99:");
        AmdException e = assertThrows(AmdException.class, () -> HmmStateInventory.fromText(renumbered));
        assertTrue(e.getMessage().contains("not consecutive"), e.getMessage());
        // damaged lines (found by fuzzing: a NumberFormatException had escaped) are named with what is wrong
        for (String[] damage : List.of(
                new String[] {"=0.75,", "=0\u0000.75,", "'0\u0000.75' is not a probability"},
                new String[] {"=0.75,", "=1.75,", "'1.75' is not a probability"},
                new String[] {" 0:", " x:", "'x' is not a state or pdf number"},
                new String[] {"=0.75,", ",", "is not <to>=<prob>"},
                new String[] {" 0:", " 0", "is not <number>:<to>=<prob>"})) {
            String damaged = inv.toText().replaceFirst(damage[0], damage[1]);
            e = assertThrows(AmdException.class, () -> HmmStateInventory.fromText(damaged), damage[1]);
            assertTrue(e.getMessage().contains(damage[2]) && e.getMessage().contains("line '"), e.getMessage());
        }
        String shuffled = inv.toText()
                .replaceFirst(" 0:", " @:")
                .replaceFirst(" 1:", " 0:")
                .replace(" @:", " 1:");
        HmmStateInventory moved = HmmStateInventory.fromText(shuffled);
        assertFalse(inv.sameAs(moved));
        assertNotEquals(inv.fingerprint(), moved.fingerprint());
    }
}
