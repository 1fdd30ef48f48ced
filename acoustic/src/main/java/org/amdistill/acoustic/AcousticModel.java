package org.amdistill.acoustic;

import org.amdistill.core.table.Matrix;

/**
 * Anything that scores the frames of an utterance against HMM states (pdf ids): one DNN, an ensemble, a
 * distilled student, a GMM. Alignment, frame accuracy, forward passes and decoding take any of them unchanged.
 *
 * <p>Input is an utterance's features as stored in {@code feats.scp} (filterbanks, before CMVN and splicing): a
 * model applies its own normalisation and context window, so it needs nothing but itself and the features.
 */
public interface AcousticModel {
    /** Number of pdf ids (HMM states) the model scores; columns of every matrix it returns. */
    int numPdfs();

    /**
     * Dimension of the feature frames {@link #logPosteriors} takes (before the model's own normalisation and context
     * window); -1 where the model does not know it. {@link ModelInput} checks features against it.
     */
    default int featureDim() {
        return -1;
    }

    /** log p(pdf | frame), one row per frame; rows sum to one in probability. */
    Matrix logPosteriors(Matrix features);

    /** Number of trained parameters (for reports); -1 where it is not meaningful. */
    default long numParams() {
        return -1;
    }

    /** log p(pdf), the state priors used to turn posteriors into scaled likelihoods. */
    float[] logPriors();

    /**
     * Hybrid scaled log-likelihoods log p(frame | pdf) + const = log posterior - log prior, the scores aligners and
     * decoders use. Generative models (a GMM) override this with their own likelihoods.
     */
    default Matrix logLikelihoods(Matrix features) {
        Matrix post = logPosteriors(features);
        float[] prior = logPriors();
        float[] d = post.data();
        int n = numPdfs();
        for (int i = 0; i < d.length; i++) {
            d[i] -= prior[i % n];
        }
        return post;
    }
}
