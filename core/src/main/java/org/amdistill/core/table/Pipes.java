package org.amdistill.core.table;

import java.io.IOException;
import org.amdistill.core.cli.AmdException;

/** The commands of Kaldi's {@code cmd |} rxfilenames and {@code | cmd} wxfilenames: run by bash, checked at close. */
final class Pipes {
    private Pipes() {}

    /**
     * Starts {@code command} with its standard error, and the end of the pipe we do not use, on ours: its standard
     * input when we read its output, its standard output when we write its input.
     */
    static Process start(String command, boolean weRead) {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", command);
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        if (weRead) {
            pb.redirectInput(ProcessBuilder.Redirect.INHERIT);
        } else {
            pb.redirectOutput(ProcessBuilder.Redirect.INHERIT);
        }
        try {
            return pb.start();
        } catch (IOException e) {
            throw new AmdException("cannot run command '" + command + "': " + e.getMessage());
        }
    }

    /** Waits for the command to end: a non-zero exit status is an error, as in Kaldi. */
    static void awaitSuccess(Process proc, String command) throws IOException {
        try {
            int status = proc.waitFor();
            if (status != 0) {
                throw new IOException("command '" + command + "' failed with exit status " + status);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for command '" + command + "'");
        }
    }
}
