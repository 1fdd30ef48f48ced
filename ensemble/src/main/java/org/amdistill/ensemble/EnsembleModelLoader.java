package org.amdistill.ensemble;

import java.nio.file.Path;
import org.amdistill.acoustic.AcousticModel;
import org.amdistill.acoustic.AcousticModelLoader;

/** Lets every {@code --model=} option take an ensemble. */
public final class EnsembleModelLoader implements AcousticModelLoader {
    @Override
    public boolean accepts(Path modelFile) {
        return EnsembleModel.isEnsemble(modelFile);
    }

    @Override
    public AcousticModel load(Path modelFile) {
        return EnsembleModel.load(modelFile, null);
    }
}
