package org.amdistill.core.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class RiffObjectTest {
    @Test
    void aRiffSizeLargerThanTheDataFailsWithoutAllocatingIt() {
        // "RIFF" claiming 2,000,000,000 bytes, then 10 bytes: AudioReaderFuzzTest's slow inputs
        byte[] wav = {'R', 'I', 'F', 'F', 0x00, (byte) 0x94, 0x35, 0x77, 'W', 'A', 'V', 'E', 1, 2, 3, 4, 5, 6};
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        IOException e = assertThrows(
                IOException.class, () -> AudioReader.readRiffObject(new ByteArrayInputStream(wav), "w.ark"));
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertEquals("w.ark: truncated WAV: its RIFF header says 2000000008 bytes, only 18 there", e.getMessage());
        assertTrue(allocated < 50_000_000, "allocated " + allocated + " bytes for an 18-byte input");
    }
}
