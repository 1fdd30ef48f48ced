package org.amdistill.core.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;

/**
 * The temporary file of a write-then-rename: beside its target (so the rename is atomic), hidden, and readable by
 * others as an ordinary file is ({@code Files.createTempFile} makes it owner-only, which the rename would keep).
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** A new empty temporary file in {@code target}'s directory, named after it. */
    public static Path tempBeside(Path target) throws IOException {
        Path abs = target.toAbsolutePath();
        Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName() + ".", ".tmp");
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        }
        return tmp;
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
