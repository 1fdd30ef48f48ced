package org.amdistill.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.table.Transcripts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Utf8LinesTest {
    @Test
    void utf8LinesAreReadWithTheirCarriageReturnsDropped(@TempDir Path dir) throws Exception {
        Path f = Files.write(dir.resolve("text"), "u1 café 日本\r\nu2\n\nu3 x".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("u1 café 日本", "u2", "", "u3 x"), Utf8Lines.readAll(f));
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedNamingTheFileLineAndByte(@TempDir Path dir) throws Exception {
        // Latin-1 'café' and 'cafè': read as U+FFFD they were the same word, and compute-wer scored them equal
        Path f = Files.write(
                dir.resolve("text"),
                new byte[] {'u', '1', ' ', 'o', 'k', '\n', 'u', '2', ' ', 'c', 'a', 'f', (byte) 0xe9, '\n'});
        AmdException e = assertThrows(AmdException.class, () -> Transcripts.read("ark:" + f));
        assertEquals(
                f + ":2: not valid UTF-8 (byte 0xE9 at byte 7 of the line); text files must be UTF-8", e.getMessage());
    }
}
