package org.amdistill.acoustic.hmm;

/** A model that knows its HMMs (state inventory and transition probabilities), so it can align and decode. */
public interface HmmModel {
    HmmStateInventory inventory();

    TransitionModel transitions();
}
