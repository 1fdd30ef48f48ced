package org.amdistill.core.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The temporary file of a write-then-rename: beside its target (so the rename is atomic), hidden, and readable by
 * others as an ordinary file is ({@code Files.createTempFile} makes it owner-only, which the rename would keep).
 */
public final class AtomicFiles {
    private static final Logger LOG = LoggerFactory.getLogger(AtomicFiles.class);

    private AtomicFiles() {}

    /**
     * A new empty temporary file in {@code target}'s directory, named after it and after this process
     * ({@code .NAME.pidPID.RANDOM.tmp}). It is deleted if the JVM exits before it is renamed (an exception, Ctrl-C,
     * {@code kill}); what a {@code kill -9} leaves behind is swept here, by the next write of the same target.
     */
    public static Path tempBeside(Path target) throws IOException {
        Path abs = target.toAbsolutePath();
        sweepStaleTemps(abs);
        Path tmp = Files.createTempFile(
                abs.getParent(), tempPrefix(abs) + ProcessHandle.current().pid() + ".", ".tmp");
        tmp.toFile().deleteOnExit();
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        }
        return tmp;
    }

    private static String tempPrefix(Path abs) {
        return "." + abs.getFileName() + ".pid";
    }

    /**
     * Deletes the temporary files of {@code target} whose process no longer runs (killed before its rename); returns
     * how many. Those of live processes (another job writing the same file) are left alone.
     */
    public static int sweepStaleTemps(Path target) throws IOException {
        Path abs = target.toAbsolutePath();
        String prefix = tempPrefix(abs);
        int swept = 0;
        if (abs.getParent() == null || !Files.isDirectory(abs.getParent())) {
            return 0;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(abs.getParent(), prefix + "*.tmp")) {
            for (Path p : ds) {
                String rest = p.getFileName().toString().substring(prefix.length());
                int dot = rest.indexOf('.');
                long pid;
                try {
                    pid = Long.parseLong(dot < 0 ? rest : rest.substring(0, dot));
                } catch (NumberFormatException e) {
                    continue; // not one of ours
                }
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                if (Files.deleteIfExists(p)) {
                    swept++;
                    LOG.warn("removed {}, left by process {} that was killed while writing {}", p, pid, abs);
                }
            }
        }
        return swept;
    }

    /** Writes {@code content} as UTF-8 to {@code file} through a temporary file and an atomic rename. */
    public static void writeString(Path file, String content) throws IOException {
        Path abs = file.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        Path tmp = tempBeside(abs);
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes each of {@code lines} followed by a newline, as {@link #writeString} does. */
    public static void writeLines(Path file, List<String> lines) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String line : lines) {
            sb.append(line).append('\n');
        }
        writeString(file, sb.toString());
    }

    /** Deletes a file or a directory with everything in it; nothing there is not an error. */
    public static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
