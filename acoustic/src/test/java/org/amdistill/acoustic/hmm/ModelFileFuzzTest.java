package org.amdistill.acoustic.hmm;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.amdistill.core.cli.FuzzOutcomes;

/**
 * Coverage-guided fuzzing of the text a model file carries beside its network or Gaussians: the HMM state
 * inventory (monophone, or context-dependent with its tree) and the transition model, the parts our own code
 * parses. The input is the inventory, a line {@code ---}, then the transitions. Seeds:
 * src/test/resources/org/amdistill/acoustic/hmm/ModelFileFuzzTestInputs/modelText.
 */
class ModelFileFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void modelText(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        int cut = text.indexOf("\n---\n");
        String inventory = cut < 0 ? text : text.substring(0, cut);
        String transitions = cut < 0 ? "" : text.substring(cut + 5);
        FuzzOutcomes.resultOrProjectError(() -> {
            HmmStateInventory inv = HmmStateInventory.fromText(inventory);
            TransitionModel.fromText(inv, transitions);
        });
    }
}
