package org.amdistill.decoding.graph;

/**
 * Phone name -> its HMM with the model's pdf ids and transition probabilities. The acoustic model's transition
 * model (org.amdistill.acoustic.hmm) is adapted to this; a model that knows its own HMMs can implement it directly.
 */
public interface PhoneHmms {
    /** The phone's HMM, or null if the model has no HMM for that phone. */
    PhoneHmm hmm(String phone);

    /** Number of pdfs the pdf ids index (the acoustic model's output dimension). */
    int numPdfs();
}
