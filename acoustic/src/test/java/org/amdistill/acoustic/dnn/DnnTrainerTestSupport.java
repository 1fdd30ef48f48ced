package org.amdistill.acoustic.dnn;

import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.amdistill.acoustic.hmm.HmmStateInventory;
import org.amdistill.acoustic.hmm.TransitionModel;
import org.amdistill.core.table.Matrix;

/** Small trained models and features for tests of commands outside this package. */
public final class DnnTrainerTestSupport {
    private DnnTrainerTestSupport() {}

    /** Trains a one-epoch model of {@code hiddenDim} units on {@link DnnTrainerTest}'s data; returns its final.mdl. */
    public static Path trainTiny(Path dir, int hiddenDim) throws Exception {
        DnnConfig c = DnnTrainerTest.config(1);
        c.hiddenDim = hiddenDim;
        FrameData train = DnnTrainerTest.data(3, 4);
        HmmStateInventory inv = DnnTrainerTest.inventory();
        new DnnTrainer(c, inv, new TransitionModel(inv), Map.of())
                .train(train, train, DnnTrainer.hardLabels(DnnTrainerTest.CLASSES), null, train, dir, false);
        return dir.resolve("final.mdl");
    }

    /** Features of the shape those models take. */
    public static Matrix features(long seed, int frames) {
        Random r = new Random(seed);
        Matrix m = new Matrix(frames, DnnTrainerTest.DIM);
        for (int i = 0; i < m.data().length; i++) {
            m.data()[i] = (float) r.nextGaussian();
        }
        return m;
    }
}
