package org.amdistill.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

class CliTest {
    @Command(name = "broken-tool")
    static final class Broken implements AmdCommand {
        @Override
        public Integer call() {
            int[] none = new int[0];
            return none[1]; // a defect of ours, not of the input
        }
    }

    @Test
    void anUnexpectedExceptionIsOneLineSayingItIsADefectWithoutAStackTrace() {
        assumeNoDebug();
        StringWriter err = new StringWriter();
        int rc = Cli.execute(new Broken(), new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(1, rc);
        String e = err.toString().strip();
        assertFalse(e.contains("\n"), "one line: " + e);
        assertTrue(
                e.startsWith("ERROR (broken-tool) internal error: java.lang.ArrayIndexOutOfBoundsException: Index 1 out"
                        + " of bounds for length 0 (a defect: please report it; AMD_DEBUG=1 shows the stack trace)"),
                e);
    }

    private static void assumeNoDebug() {
        org.junit.jupiter.api.Assumptions.assumeFalse(Cli.debug(), "AMD_DEBUG is set in this environment");
    }
}
