package org.amdistill.core.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.amdistill.core.cli.AmdException;
import org.junit.jupiter.api.Test;

class SegmentTest {
    @Test
    void aDataDirectorysSegmentEndsAfterItStartsAndReadingAlsoTakesMinusOneForTheEnd() {
        Segment s = Segment.parse("u1", "rec1 0.5 1.25 1");
        assertEquals(new Segment("u1", "rec1", 0.5, 1.25, 1), s);
        assertEquals(0.75, s.duration(), 1e-12);
        assertEquals(-1, Segment.parse("u1", "rec1 0 1").channel());

        AmdException toEnd = assertThrows(AmdException.class, () -> Segment.parse("u1", "rec1 0.5 -1"));
        assertTrue(toEnd.getMessage().contains("is not after start time"), toEnd.getMessage());
        assertEquals(-1.0, Segment.parseForReading("u1", "rec1 0.5 -1").end());

        for (String bad :
                new String[] {"rec1 0.5", "rec1 x 1", "rec1 -0.1 1", "rec1 1 1", "rec1 0 1 A", "rec1 0 Infinity"}) {
            assertThrows(AmdException.class, () -> Segment.parseForReading("u1", bad), bad);
        }
    }
}
