package org.amdistill.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.amdistill.core.cli.AmdCommand;
import org.amdistill.core.cli.Cli;
import org.junit.jupiter.api.Test;

class AmdTest {
    @Test
    void everyCommandsHelpRendersWithoutPicocliWarnings() {
        Map<String, AmdCommand> commands = Amd.commands();
        assertTrue(commands.size() > 30, commands.keySet().toString());
        PrintStream err = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        try {
            for (Map.Entry<String, AmdCommand> e : commands.entrySet()) {
                String help = Cli.commandLine(e.getValue()).getUsageMessage();
                assertTrue(help.contains("Usage: " + e.getKey()), e.getKey() + ": " + help);
                // A bare '%' in an option's description is a format error to picocli: it prints a warning and the raw
                // text.
                assertTrue(!help.contains("%n"), e.getKey() + " shows an unformatted description: " + help);
            }
        } finally {
            System.setErr(err);
        }
        assertEquals("", warnings.toString(StandardCharsets.UTF_8));
    }
}
