package org.amdistill.acoustic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.amdistill.core.cli.AmdException;

/**
 * Reads one kind of acoustic model file (a DNN, an ensemble, a distilled student...). Implementations are listed
 * in {@code META-INF/services/org.amdistill.acoustic.AcousticModelLoader} of their module, so that tools that take
 * {@code --model=FILE} (decode, alignment, evaluation) accept every kind without knowing them.
 */
public interface AcousticModelLoader {
    /** True if this loader reads {@code modelFile} (decided from its magic bytes or name, cheaply). */
    boolean accepts(Path modelFile);

    AcousticModel load(Path modelFile) throws IOException;

    /** Loads {@code modelFile} with the first loader that accepts it; a clear error if none does. */
    static AcousticModel loadAny(Path modelFile) {
        if (!Files.exists(modelFile)) {
            throw new AmdException("cannot open model " + modelFile + ": no such file");
        }
        List<String> kinds = new ArrayList<>();
        for (AcousticModelLoader l : ServiceLoader.load(AcousticModelLoader.class)) {
            kinds.add(l.getClass().getSimpleName());
            if (l.accepts(modelFile)) {
                try {
                    return l.load(modelFile);
                } catch (IOException e) {
                    throw new AmdException("cannot read model " + modelFile + ": " + e.getMessage(), e);
                }
            }
        }
        throw new AmdException("model " + modelFile + ": no model loader accepts this file (loaders available: "
                + (kinds.isEmpty() ? "none" : String.join(", ", kinds)) + ")");
    }
}
