package org.amdistill.decoding.graph;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.amdistill.acoustic.hmm.HmmModel;
import org.amdistill.acoustic.hmm.HmmStateInventory;
import org.amdistill.acoustic.hmm.TransitionModel;

/**
 * The phone HMMs of a model that knows them ({@link HmmModel}: the state inventory's topology and pdf ids, the
 * transition model's arc log probabilities), in any topology the inventory holds (Kaldi's 3-state left-to-right,
 * the 5-state silence with its extra arcs, ...).
 */
public final class TransitionModelHmms implements PhoneHmms {
    private final HmmStateInventory inventory;
    private final TransitionModel transitions;
    private final Map<String, PhoneHmm> cache = new ConcurrentHashMap<>();

    public TransitionModelHmms(HmmModel model) {
        this(model.inventory(), model.transitions());
    }

    public TransitionModelHmms(HmmStateInventory inventory, TransitionModel transitions) {
        this.inventory = inventory;
        this.transitions = transitions;
    }

    @Override
    public PhoneHmm hmm(String phone) {
        return hmm(null, phone, null);
    }

    @Override
    public boolean contextDependent() {
        return inventory.isContextDependent();
    }

    @Override
    public String contextDescription() {
        return inventory.isContextDependent() ? inventory.tree().toText() : "";
    }

    @Override
    public PhoneHmm hmm(String left, String phone, String right) {
        if (!inventory.hasPhone(phone)) {
            return null;
        }
        String key = inventory.isContextDependent() ? left + " " + phone + " " + right : phone;
        return cache.computeIfAbsent(key, unused -> {
            String p = phone;
            HmmStateInventory.PhoneTopology t = inventory.phone(p);
            double[][] lp = transitions.logProbs(p);
            int[][] to = new int[t.numStates()][];
            float[][] f = new float[t.numStates()][];
            for (int s = 0; s < t.numStates(); s++) {
                to[s] = t.arcTo()[s].clone();
                f[s] = new float[lp[s].length];
                for (int a = 0; a < lp[s].length; a++) {
                    f[s][a] = (float) lp[s][a];
                }
            }
            int[] pdfs = new int[t.numStates()];
            for (int st = 0; st < pdfs.length; st++) {
                pdfs[st] = inventory.pdfId(left, p, st, right);
            }
            return new PhoneHmm(pdfs, to, f);
        });
    }

    @Override
    public int numPdfs() {
        return inventory.numPdfs();
    }
}
