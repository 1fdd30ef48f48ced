package org.amdistill.core.table;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.util.List;
import org.amdistill.core.cli.FuzzOutcomes;

/**
 * Coverage-guided fuzzing of the Kaldi archive reader (binary and text; FM, DM, CM, CM2, CM3 matrices, vectors,
 * posteriors). The first byte picks the object type; the rest is the archive. Seeds:
 * src/test/resources/org/amdistill/core/table/ArchiveFuzzTestInputs/archive.
 */
class ArchiveFuzzTest {
    private static final List<KaldiCodec<?>> CODECS = List.of(
            Codecs.MATRIX,
            Codecs.DOUBLE_MATRIX,
            Codecs.FLOAT_VECTOR,
            Codecs.DOUBLE_VECTOR,
            Codecs.INT_VECTOR,
            Posterior.CODEC);

    @FuzzTest(maxDuration = "10m")
    void archive(byte[] data) {
        if (data.length == 0) {
            return;
        }
        KaldiCodec<?> codec = CODECS.get((data[0] & 0xff) % CODECS.size());
        FuzzOutcomes.resultOrProjectError(() -> {
            KaldiInput in = new KaldiInput(new ByteArrayInputStream(data, 1, data.length - 1), "fuzz.ark", 0);
            try (SequentialReader<?> r = SequentialReader.ofArchive(in, codec)) {
                for (Entry<?> e : r) {
                    e.value();
                }
            }
        });
    }
}
