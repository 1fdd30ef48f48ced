package org.amdistill.decoding.graph;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Phone HMMs from the narrow view a transition model offers: per phone, its number of emitting states, each
 * state's pdf id and self-loop log probability; states are left to right and the rest of each state's mass moves
 * on (Kaldi's standard topology). The acoustic module's inventory and transition model adapt to this with a few
 * lambdas.
 */
public final class StateInventoryHmms implements PhoneHmms {
    /** The three things the decoder asks of a transition model. */
    public interface StateInventory {
        /** Emitting states of the phone, or 0 if the model does not know it. */
        int numStates(String phone);

        int pdfId(String phone, int state);

        /** Natural-log probability of staying in the state. */
        double selfLoopLogProb(String phone, int state);

        /** Number of pdfs (the acoustic model's output dimension). */
        int numPdfs();
    }

    private final StateInventory inventory;
    private final Map<String, PhoneHmm> cache = new ConcurrentHashMap<>();

    public StateInventoryHmms(StateInventory inventory) {
        this.inventory = inventory;
    }

    @Override
    public PhoneHmm hmm(String phone) {
        PhoneHmm h = cache.get(phone);
        if (h != null) {
            return h;
        }
        int n = inventory.numStates(phone);
        if (n <= 0) {
            return null;
        }
        int[] pdfs = new int[n];
        int[][] to = new int[n][];
        float[][] lp = new float[n][];
        for (int s = 0; s < n; s++) {
            pdfs[s] = inventory.pdfId(phone, s);
            double loop = inventory.selfLoopLogProb(phone, s);
            to[s] = new int[] {s, s + 1};
            lp[s] = new float[] {(float) loop, (float) Math.log1p(-Math.exp(loop))};
        }
        h = new PhoneHmm(pdfs, to, lp);
        cache.put(phone, h);
        return h;
    }

    @Override
    public int numPdfs() {
        return inventory.numPdfs();
    }
}
