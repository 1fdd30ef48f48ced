package org.amdistill.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.amdistill.core.cli.AmdException;
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

    @Test
    void aTemporaryFileLeftByAKilledProcessIsSweptByTheNextWriteAndALiveOnesIsKept(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("feats.ark");
        long dead = deadPid();
        Path stale = Files.writeString(dir.resolve(".feats.ark.pid" + dead + ".123.tmp"), "half an archive");
        Path live = Files.writeString(
                dir.resolve(".feats.ark.pid" + ProcessHandle.current().pid() + ".456.tmp"), "x");
        Path other = Files.writeString(dir.resolve(".other.ark.pid" + dead + ".789.tmp"), "another target's");
        AtomicFiles.writeString(target, "done\n");
        assertFalse(Files.exists(stale), "the killed process's temporary file is swept");
        assertTrue(Files.exists(live), "a running process's temporary file is left alone");
        assertTrue(Files.exists(other), "only the target's own temporary files are swept");
        assertEquals("done\n", Files.readString(target));
    }

    /** The pid of a process that has exited. */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    @Test
    void aTableWithNoEntryIsNotPublishedUnderItsName(@TempDir Path dir) {
        Path ark = dir.resolve("feats.ark");
        Path scp = dir.resolve("feats.scp");
        AmdException e = assertThrows(AmdException.class, () -> {
            try (TableWriter<int[]> w = TableWriter.openAtomic("ark,scp:" + ark + "," + scp, Codecs.INT_VECTOR)) {
                w.commit(); // every utterance failed: nothing was written
            }
        });
        assertTrue(e.getMessage().contains("nothing was written to " + ark), e.getMessage());
        assertFalse(Files.exists(ark));
        assertFalse(Files.exists(scp));
        try (var s = Files.list(dir)) {
            assertEquals(0, s.count(), "no temporary file left either");
        } catch (java.io.IOException io) {
            throw new java.io.UncheckedIOException(io);
        }
    }
}
