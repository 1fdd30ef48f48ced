package org.amdistill.acoustic.dnn;

import java.nio.file.Path;
import org.amdistill.acoustic.AcousticModel;
import org.amdistill.acoustic.AcousticModelLoader;

/** Lets every {@code --model=} option read DNN model files. */
public final class DnnModelLoader implements AcousticModelLoader {
    @Override
    public boolean accepts(Path modelFile) {
        return DnnAcousticModel.isDnnModel(modelFile);
    }

    @Override
    public AcousticModel load(Path modelFile) {
        return DnnAcousticModel.load(modelFile);
    }
}
