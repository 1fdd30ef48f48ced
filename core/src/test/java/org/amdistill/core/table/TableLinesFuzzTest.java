package org.amdistill.core.table;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.util.List;
import org.amdistill.core.cli.FuzzOutcomes;

/**
 * Coverage-guided fuzzing of the line tables of a data directory: scp and {@code key value} files (wav.scp, text,
 * utt2spk) and each line read as a {@code segments} line. Seeds:
 * src/test/resources/org/amdistill/core/table/TableLinesFuzzTestInputs/tableLines.
 */
class TableLinesFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void tableLines(byte[] data) {
        FuzzOutcomes.resultOrProjectError(() -> {
            List<ScpFile.ScpLine> lines = ScpFile.read(new ByteArrayInputStream(data), "fuzz.scp", false);
            for (ScpFile.ScpLine l : lines) {
                FuzzOutcomes.resultOrProjectError(() -> Segment.parseForReading(l.key(), l.value()));
                FuzzOutcomes.resultOrProjectError(() -> Segment.parse(l.key(), l.value()));
            }
        });
    }
}
