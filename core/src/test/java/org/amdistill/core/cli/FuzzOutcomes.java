package org.amdistill.core.cli;

import java.io.IOException;

/**
 * The only outcomes a reader of outside bytes may have, checked by every fuzz target: a result, or the project's
 * error ({@link AmdException}, or an {@link IOException} from a reader, which the command layer prints the same way)
 * with a one-line message. Anything else — a runtime exception, an error, a message-less failure — propagates, and
 * the fuzzer reports it as a finding.
 */
public final class FuzzOutcomes {
    private FuzzOutcomes() {}

    /** A body that reads bad input. */
    @FunctionalInterface
    public interface Reading {
        void run() throws IOException;
    }

    public static void resultOrProjectError(Reading reading) {
        try {
            reading.run();
        } catch (AmdException | IOException e) {
            String m = e.getMessage();
            if (m == null || m.isBlank() || m.contains("\n")) {
                throw new AssertionError("an error without a one-line message: '" + m + "'", e);
            }
        }
    }
}
