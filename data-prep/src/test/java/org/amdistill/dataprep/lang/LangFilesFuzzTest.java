package org.amdistill.dataprep.lang;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.amdistill.core.cli.FuzzOutcomes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Coverage-guided fuzzing of the lang directory's readers of outside text: the lexicon (lexicon.txt and, with its
 * probabilities, lexiconp.txt) and the HMM topology. Seeds: src/test/resources/org/amdistill/dataprep/lang/
 * LangFilesFuzzTestInputs/{lexicon,topology}.
 */
class LangFilesFuzzTest {
    private static Path dir;

    @BeforeAll
    static void makeDir() throws Exception {
        dir = Files.createTempDirectory("lang-fuzz");
    }

    @AfterAll
    static void removeDir() throws Exception {
        org.amdistill.core.io.AtomicFiles.deleteTree(dir);
    }

    @FuzzTest(maxDuration = "10m")
    void lexicon(byte[] data) throws Exception {
        Path plain = Files.write(dir.resolve("lexicon.txt"), data);
        Path withProb = Files.write(dir.resolve("lexiconp.txt"), data);
        FuzzOutcomes.resultOrProjectError(() -> Lexicon.read(plain));
        FuzzOutcomes.resultOrProjectError(() -> Lexicon.read(withProb));
    }

    @FuzzTest(maxDuration = "10m")
    void topology(byte[] data) throws Exception {
        Path f = Files.write(dir.resolve("topo"), data);
        FuzzOutcomes.resultOrProjectError(() -> Topology.read(f));
    }
}
