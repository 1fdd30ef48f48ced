package org.amdistill.decoding.decoder;

import org.amdistill.acoustic.hmm.HmmModel;
import org.amdistill.acoustic.hmm.HmmStateInventory;
import org.amdistill.core.cli.AmdException;
import org.amdistill.dataprep.lang.LangDir;
import org.amdistill.decoding.graph.DecodingGraph;
import org.amdistill.decoding.graph.PhoneHmms;
import org.amdistill.decoding.graph.Pronunciations;

/**
 * How a word-decoding graph is made from a lang directory and the model's HMMs: the one place {@code decode} and a
 * recogniser package share, so that they recognise with the same graph.
 */
public final class WordGraphs {
    private WordGraphs() {}

    /**
     * The graph's recipe: the lexicon's pronunciations, the HMMs, and the optional silence with {@code silProb}
     * (null: the lang directory's). The lang directory must give the phones the pdf ids {@code model} was trained
     * with (checked when the HMMs are the model's own, {@code model} non-null).
     */
    public static DecodingGraph.Spec spec(LangDir langDir, PhoneHmms hmms, Double silProb, HmmModel model) {
        if (model != null) {
            checkInventory(langDir, model);
        }
        return new DecodingGraph.Spec(
                Pronunciations.of(langDir.lexicon),
                hmms,
                langDir.optionalSilence,
                silProb != null ? silProb : langDir.silProb);
    }

    /** The lang directory must give the phones the pdf ids the model was trained with. */
    public static void checkInventory(LangDir langDir, HmmModel model) {
        HmmStateInventory fromLang;
        try {
            fromLang = HmmStateInventory.fromLang(langDir);
        } catch (AmdException e) {
            throw new AmdException("lang directory does not fit the model: " + e.getMessage());
        }
        if (!model.inventory().hasTopologyOf(langDir)) {
            throw new AmdException("the lang directory is inconsistent with the model's state inventory: it gives "
                    + fromLang.numPdfs() + " pdfs over phones " + fromLang.phones() + ", the model "
                    + model.inventory().numPdfs()
                    + " over " + model.inventory().phones()
                    + " (decode with the lang directory the model was trained with)");
        }
    }
}
