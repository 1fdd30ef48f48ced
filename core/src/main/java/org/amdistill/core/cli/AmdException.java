package org.amdistill.core.cli;

/**
 * An error caused by the user's input (a file, a line, an utterance, an option), reported as one clear line
 * without a stack trace. The message names what was wrong and where.
 */
public class AmdException extends RuntimeException {
    public AmdException(String message) {
        super(message);
    }

    public AmdException(String message, Throwable cause) {
        super(message, cause);
    }
}
