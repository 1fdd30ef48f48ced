package org.amdistill.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.amdistill.core.table.Codecs;
import org.amdistill.core.table.TableWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @Test
    void filesWrittenThroughATemporaryFileAreReadableByOthersAndNoTemporaryFileStays(@TempDir Path dir)
            throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path text = dir.resolve("text");
        AtomicFiles.writeString(text, "u1 hello\n");
        Path ark = dir.resolve("ali.ark");
        try (TableWriter<int[]> w = TableWriter.open("ark:" + ark, Codecs.INT_VECTOR)) {
            w.write("u1", new int[] {1, 2});
        }
        for (Path p : new Path[] {text, ark}) {
            assertTrue(
                    Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_READ),
                    p + " " + Files.getPosixFilePermissions(p));
        }
        try (var s = Files.list(dir)) {
            assertEquals(2, s.count(), "no temporary file left beside the outputs");
        }
    }
}
