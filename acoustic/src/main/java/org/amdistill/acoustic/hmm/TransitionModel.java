package org.amdistill.acoustic.hmm;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.amdistill.core.cli.AmdException;

/**
 * Transition log probabilities of every phone's HMM arcs: initialised from the topology, re-estimated from counts
 * of the arcs that Viterbi alignments take (with a floor so that no arc dies).
 */
public final class TransitionModel {
    private static final double MIN_PROB = 0.01;
    private final HmmStateInventory inventory;
    private final Map<String, double[][]> logProb = new LinkedHashMap<>();

    public TransitionModel(HmmStateInventory inventory) {
        this.inventory = inventory;
        for (String ph : inventory.phones()) {
            HmmStateInventory.PhoneTopology p = inventory.phone(ph);
            double[][] lp = new double[p.numStates()][];
            for (int s = 0; s < lp.length; s++) {
                lp[s] = new double[p.arcTo()[s].length];
                for (int k = 0; k < lp[s].length; k++) {
                    lp[s][k] = Math.log(p.initialProb()[s][k]);
                }
            }
            logProb.put(ph, lp);
        }
    }

    public HmmStateInventory inventory() {
        return inventory;
    }

    /** Natural-log probability of arc {@code arc} of state {@code state} of {@code phone}. */
    public double logProb(String phone, int state, int arc) {
        return logProb.get(phone)[state][arc];
    }

    public double[][] logProbs(String phone) {
        double[][] lp = logProb.get(phone);
        if (lp == null) {
            throw new AmdException("phone '" + phone + "' has no transition probabilities");
        }
        return lp;
    }

    /** Probability of staying in a state (its self-loop; 0 when it has none). */
    public double selfLoopLogProb(String phone, int state) {
        int[] to = inventory.phone(phone).arcTo()[state];
        for (int k = 0; k < to.length; k++) {
            if (to[k] == state) {
                return logProb.get(phone)[state][k];
            }
        }
        return Double.NEGATIVE_INFINITY;
    }

    /** Counts of arcs taken, to re-estimate from: phone -> [state][arc]. */
    public Map<String, double[][]> newCounts() {
        Map<String, double[][]> c = new LinkedHashMap<>();
        logProb.forEach((ph, lp) -> {
            double[][] z = new double[lp.length][];
            for (int s = 0; s < lp.length; s++) {
                z[s] = new double[lp[s].length];
            }
            c.put(ph, z);
        });
        return c;
    }

    /** Maximum-likelihood update from arc counts; states never visited keep their probabilities. */
    public void update(Map<String, double[][]> counts) {
        counts.forEach((ph, c) -> {
            double[][] lp = logProb.get(ph);
            for (int s = 0; s < c.length; s++) {
                double total = 0;
                for (double x : c[s]) {
                    total += x;
                }
                if (total < 5) {
                    continue;
                }
                double norm = 0;
                double[] p = new double[c[s].length];
                for (int k = 0; k < p.length; k++) {
                    p[k] = Math.max(MIN_PROB, c[s][k] / total);
                    norm += p[k];
                }
                for (int k = 0; k < p.length; k++) {
                    lp[s][k] = Math.log(p[k] / norm);
                }
            }
        });
    }

    public String toText() {
        StringBuilder sb = new StringBuilder();
        logProb.forEach((ph, lp) -> {
            sb.append(ph);
            for (double[] s : lp) {
                sb.append(' ');
                for (int k = 0; k < s.length; k++) {
                    sb.append(k == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.6f", s[k]));
                }
            }
            sb.append('\n');
        });
        return sb.toString();
    }

    public static TransitionModel fromText(HmmStateInventory inv, String text) {
        TransitionModel tm = new TransitionModel(inv);
        for (String line : text.strip().split("\n")) {
            String[] f = line.strip().split(" ");
            double[][] lp = tm.logProbs(f[0]);
            if (f.length - 1 != lp.length) {
                throw new AmdException("transition model: phone " + f[0] + " has " + (f.length - 1)
                        + " states, inventory " + lp.length);
            }
            for (int s = 0; s < lp.length; s++) {
                String[] v = f[s + 1].split(",");
                if (v.length != lp[s].length) {
                    throw new AmdException("transition model: phone " + f[0] + " state " + s + " has " + v.length
                            + " transition log-probabilities, its topology " + lp[s].length);
                }
                for (int k = 0; k < v.length; k++) {
                    lp[s][k] = logProb(f[0], s, v[k]);
                }
            }
        }
        return tm;
    }

    private static double logProb(String phone, int state, String value) {
        try {
            double lp = Double.parseDouble(value);
            if (Double.isNaN(lp) || lp > 0) {
                throw new NumberFormatException();
            }
            return lp;
        } catch (NumberFormatException e) {
            throw new AmdException("transition model: phone " + phone + " state " + state + ": '" + value
                    + "' is not a log-probability (a number <= 0)");
        }
    }
}
