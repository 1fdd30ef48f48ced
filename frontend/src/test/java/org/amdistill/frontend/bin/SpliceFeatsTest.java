package org.amdistill.frontend.bin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.amdistill.core.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpliceFeatsTest {
    @Test
    void aNegativeContextIsAnErrorLineNotAStackTrace(@TempDir Path dir) throws Exception {
        Path in = Files.writeString(dir.resolve("feats.txt"), "u1  [\n  1 2\n  3 4 ]\n");
        StringWriter err = new StringWriter();
        int rc = Cli.execute(
                new SpliceFeats(),
                new PrintWriter(new StringWriter()),
                new PrintWriter(err),
                "--left-context=-1",
                "ark:" + in,
                "ark:" + dir.resolve("out.ark"));
        assertEquals(1, rc);
        assertEquals(
                "ERROR (splice-feats) --left-context and --right-context must be >= 0, got -1 and 4",
                err.toString().strip());
        assertFalse(Files.exists(dir.resolve("out.ark")));
    }
}
