package org.amdistill.decoding.graph;

/**
 * Phone name -> its HMM with the model's pdf ids and transition probabilities. The acoustic model's transition
 * model (org.amdistill.acoustic.hmm) is adapted to this; a model that knows its own HMMs can implement it directly.
 */
public interface PhoneHmms {
    /** The phone's HMM (for a context-dependent model: at the utterance's edges), or null if the model has no HMM for that phone. */
    PhoneHmm hmm(String phone);

    /** Number of pdfs the pdf ids index (the acoustic model's output dimension). */
    int numPdfs();

    /** True if a phone's pdfs depend on its neighbours (a tree model): the graph then expands words into triphones. */
    default boolean contextDependent() {
        return false;
    }

    /** The HMM of {@code phone} between {@code left} and {@code right} (null: none, the utterance's edge). */
    default PhoneHmm hmm(String left, String phone, String right) {
        return hmm(phone);
    }

    /** What the context dependency is made of (the tree), for the graph cache's key; empty for monophones. */
    default String contextDescription() {
        return "";
    }
}
