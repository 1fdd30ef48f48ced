package org.amdistill.acoustic.bin;

import java.util.LinkedHashMap;
import java.util.Map;
import org.amdistill.acoustic.align.AlignmentImport;
import org.amdistill.acoustic.hmm.HmmStateInventory;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.table.Codecs;
import org.amdistill.core.table.Entry;
import org.amdistill.core.table.SequentialReader;

/** Reading a pdf-id alignment table whole, every id checked against the inventory it should refer to. */
final class ImportAliSupport {
    private ImportAliSupport() {}

    static Map<String, int[]> readAlignments(String rspec, HmmStateInventory inv, String inventoryName) {
        Map<String, int[]> out = new LinkedHashMap<>();
        try (SequentialReader<int[]> r = SequentialReader.open(rspec, Codecs.INT_VECTOR)) {
            for (Entry<int[]> e : r) {
                int[] v = e.value();
                AlignmentImport.checkPdfs(e.key(), v, inv.numPdfs(), rspec, inventoryName);
                out.put(e.key(), v);
            }
        }
        if (out.isEmpty()) {
            throw new AmdException("alignment " + rspec + " has no utterances");
        }
        return out;
    }
}
