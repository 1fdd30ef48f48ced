package org.amdistill.acoustic;

import org.amdistill.core.cli.AmdException;
import org.amdistill.core.table.Matrix;

/**
 * The one place that checks what an acoustic model is given, before any work is done with it: the feature
 * dimension against the model's input, finite feature values, pdf ids within the model's range. Every error names
 * the utterance (and frame, column or source) and what was wrong, so that bad input never reaches the network as a
 * shape error deep inside it, nor comes out of it as NaN scores blamed on the model.
 */
public final class ModelInput {
    private ModelInput() {}

    /** {@code feats} of utterance {@code utt} checked for {@code model}: its dimension and finite values. */
    public static Matrix check(AcousticModel model, String utt, Matrix feats) {
        checkDim(model.featureDim(), feats.cols(), "utterance '" + utt + "'");
        checkFinite(utt, feats);
        return feats;
    }

    /**
     * Features of dimension {@code dim} against a model taking {@code modelDim} ({@code -1}: the model does not say);
     * {@code what} names them ("utterance 'u1'", "the dev set dev/feats.scp").
     */
    public static void checkDim(int modelDim, int dim, String what) {
        if (modelDim >= 0 && dim != modelDim) {
            throw new AmdException(what + ": features have dimension " + dim + " but the model takes " + modelDim
                    + " (features made with other --num-mel-bins, or already spliced or with deltas?)");
        }
    }

    /** Every value of {@code feats} is finite: NaN or infinite features name their utterance, frame and column. */
    public static void checkFinite(String utt, Matrix feats) {
        int i = firstNonFinite(feats);
        if (i >= 0) {
            throw new AmdException("utterance '" + utt + "': feature value " + feats.data()[i] + " at frame "
                    + (i / feats.cols()) + ", column " + (i % feats.cols()) + " (features must be finite)");
        }
    }

    public static boolean isFinite(Matrix feats) {
        return firstNonFinite(feats) < 0;
    }

    private static int firstNonFinite(Matrix feats) {
        float[] d = feats.data();
        for (int i = 0; i < d.length; i++) {
            if (!Float.isFinite(d[i])) {
                return i;
            }
        }
        return -1;
    }

    /** Every pdf id of utterance {@code utt}'s alignment is in [0, numPdfs) of the model. */
    public static void checkPdfs(int numPdfs, String utt, int[] pdfs) {
        for (int t = 0; t < pdfs.length; t++) {
            if (pdfs[t] < 0 || pdfs[t] >= numPdfs) {
                throw new AmdException("alignment of utterance '" + utt + "', frame " + t + ": pdf id " + pdfs[t]
                        + " is outside the model's range [0, " + numPdfs + ") (an alignment of another model?)");
            }
        }
    }
}
