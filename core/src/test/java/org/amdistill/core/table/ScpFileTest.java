package org.amdistill.core.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.amdistill.core.cli.AmdException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScpFileTest {
    @Test
    void duplicateKeysAreCountedForTheirWarning(@TempDir Path dir) throws Exception {
        Path scp = Files.writeString(dir.resolve("wav.scp"), "u1 a.wav\nu2 b.wav\nu1 c.wav\nu1 d.wav\n");
        assertEquals(2, ScpFile.warnDuplicateKeys(ScpFile.read(scp.toString())));
        assertEquals(0, ScpFile.warnDuplicateKeys(ScpFile.read(scp.toString()).subList(0, 2)));
    }

    @Test
    void aClaimedSizeLargerThanTheDataFailsAtItsEndWithoutAllocatingTheClaim() {
        // an int vector claiming 10^8 elements (500 MB) in a 14-byte archive: ArchiveFuzzTest's kind of finding
        byte[] ark = {'u', ' ', 0, 'B', 4, 0x00, (byte) 0xe1, (byte) 0xf5, 0x05, 4, 1, 0, 0, 0};
        KaldiInput in = new KaldiInput(new ByteArrayInputStream(ark), "fuzz.ark", 0);
        AmdException e = assertThrows(AmdException.class, () -> {
            try (SequentialReader<int[]> r = SequentialReader.ofArchive(in, Codecs.INT_VECTOR)) {
                r.iterator();
            }
        });
        assertTrue(e.getMessage().contains("unexpected end of file in an int vector"), e.getMessage());
    }
}
