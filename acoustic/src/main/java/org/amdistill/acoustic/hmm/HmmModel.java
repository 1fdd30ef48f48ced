package org.amdistill.acoustic.hmm;

import java.nio.file.Path;
import org.amdistill.acoustic.AcousticModel;
import org.amdistill.acoustic.AcousticModelLoader;
import org.amdistill.core.cli.AmdException;

/** A model that knows its HMMs (state inventory and transition probabilities), so it can align and decode. */
public interface HmmModel {
    HmmStateInventory inventory();

    TransitionModel transitions();

    /** Loads {@code file} (any model kind) and requires it to carry its HMMs, as alignments and targets refer to them. */
    static HmmModel load(Path file) {
        AcousticModel m = AcousticModelLoader.loadAny(file);
        if (!(m instanceof HmmModel hm)) {
            throw new AmdException("model " + file + " carries no HMM state inventory and transitions");
        }
        return hm;
    }
}
