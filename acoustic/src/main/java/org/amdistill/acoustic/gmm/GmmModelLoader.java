package org.amdistill.acoustic.gmm;

import java.nio.file.Path;
import org.amdistill.acoustic.AcousticModel;
import org.amdistill.acoustic.AcousticModelLoader;

/** Lets every {@code --model=} option read GMM models. */
public final class GmmModelLoader implements AcousticModelLoader {
    @Override
    public boolean accepts(Path modelFile) {
        return GmmAcousticModel.isGmmModel(modelFile);
    }

    @Override
    public AcousticModel load(Path modelFile) {
        return GmmAcousticModel.load(modelFile);
    }
}
