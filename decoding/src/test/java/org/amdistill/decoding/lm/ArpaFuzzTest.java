package org.amdistill.decoding.lm;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.amdistill.core.cli.FuzzOutcomes;
import org.amdistill.core.io.AtomicFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Coverage-guided fuzzing of the ARPA reader (plain or gzipped text; binary LMs refused). Seeds:
 * src/test/resources/org/amdistill/decoding/lm/ArpaFuzzTestInputs/arpa.
 */
class ArpaFuzzTest {
    private static Path dir;

    @BeforeAll
    static void makeDir() throws Exception {
        dir = Files.createTempDirectory("arpa-fuzz");
    }

    @AfterAll
    static void removeDir() throws Exception {
        AtomicFiles.deleteTree(dir);
    }

    @FuzzTest(maxDuration = "10m")
    void arpa(byte[] data) throws Exception {
        Path f = Files.write(dir.resolve("lm.arpa"), data);
        FuzzOutcomes.resultOrProjectError(() -> Arpa.read(f));
    }
}
