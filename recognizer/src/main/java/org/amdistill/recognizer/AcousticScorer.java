package org.amdistill.recognizer;

import java.util.List;
import org.amdistill.acoustic.dnn.DnnAcousticModel;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.table.Matrix;
import org.amdistill.ensemble.EnsembleModel;
import org.amdistill.frontend.FrontEnd;

/**
 * The acoustic model as a recogniser uses it: one front end, and scaled log-likelihoods of frames of features it
 * has normalised, a block at a time. A single DNN (a student) or an ensemble whose members share their front end.
 */
final class AcousticScorer {
    private final DnnAcousticModel single;
    private final EnsembleModel ensemble;
    private final FrontEnd frontEnd;
    private final float[] logPriors;
    private final int numPdfs;

    AcousticScorer(List<DnnAcousticModel> members, EnsembleModel.Combination combination) {
        if (members.size() == 1) {
            single = members.get(0);
            ensemble = null;
            frontEnd = single.frontEnd();
            logPriors = single.logPriors();
            numPdfs = single.numPdfs();
        } else {
            single = null;
            ensemble = new EnsembleModel(members, combination);
            frontEnd = ensemble.frontEnd();
            logPriors = ensemble.logPriors();
            numPdfs = ensemble.numPdfs();
        }
        if (frontEnd.fbank() == null) {
            throw new AmdException(
                    "the model carries no filterbank options (trained without --fbank-config, or written before"
                            + " model files carried them): package it with package-recognizer --fbank-config=FILE");
        }
    }

    FrontEnd frontEnd() {
        return frontEnd;
    }

    int numPdfs() {
        return numPdfs;
    }

    long numParams() {
        return single != null ? single.numParams() : ensemble.numParams();
    }

    /** log posterior - log prior of frames {@code from .. to-1} of {@code normalised} (context taken from it). */
    Matrix logLikelihoods(Matrix normalised, int from, int to) {
        Matrix m = single != null
                ? single.logPosteriorsOfNormalised(normalised, from, to)
                : ensemble.logPosteriorsOfNormalised(normalised, from, to);
        float[] d = m.data();
        for (int i = 0; i < d.length; i++) {
            d[i] -= logPriors[i % numPdfs];
        }
        return m;
    }
}
