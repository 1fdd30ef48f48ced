package org.amdistill.acoustic.align;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.amdistill.acoustic.hmm.HmmStateInventory;
import org.amdistill.acoustic.hmm.TransitionModel;
import org.amdistill.core.cli.AmdException;
import org.amdistill.dataprep.lang.Lexicon;

/**
 * The HMM of one utterance for forced alignment: its words' phones in order (first pronunciation), each phone
 * expanded into its emitting states, with optional silence before, between and after words (entered with the
 * lang's silence probability, skipped otherwise). Only emitting states are nodes; entering and leaving phones are
 * folded into arcs.
 */
public final class AlignmentGraph {
    final int[] pdf;
    final int[] phoneSlot; // which phone instance a node belongs to
    final int[] stateInPhone;
    final int[][] arcTo;
    final double[][] arcLogProb;
    final int[][] arcIndex; // the arc's index in its phone state's topology (-1 for arcs between phones)
    final double[] startLogProb;
    final double[] endLogProb;
    final List<String> slotPhones;
    private final Set<Integer> optional = new HashSet<>();
    /** Context-dependent graphs: the nodes of the one copy of each phone instance that an equal alignment uses (null: all). */
    boolean[] onEqualPath;

    AlignmentGraph(
            int[] pdf,
            int[] phoneSlot,
            int[] stateInPhone,
            int[][] arcTo,
            double[][] arcLogProb,
            int[][] arcIndex,
            double[] startLogProb,
            double[] endLogProb,
            List<String> slotPhones) {
        this.pdf = pdf;
        this.phoneSlot = phoneSlot;
        this.stateInPhone = stateInPhone;
        this.arcTo = arcTo;
        this.arcLogProb = arcLogProb;
        this.arcIndex = arcIndex;
        this.startLogProb = startLogProb;
        this.endLogProb = endLogProb;
        this.slotPhones = slotPhones;
    }

    public int numNodes() {
        return pdf.length;
    }

    /** The phone sequence of a transcript, with optional-silence slots marked by a leading '?'. */
    public static List<String> phoneSlots(String[] words, Lexicon lexicon, String optionalSilence, String utt) {
        List<String> slots = new ArrayList<>();
        if (optionalSilence != null) {
            slots.add("?" + optionalSilence);
        }
        for (String w : words) {
            if (!lexicon.contains(w)) {
                throw new AmdException("utterance " + utt + ": word '" + w + "' is not in the lexicon");
            }
            slots.addAll(lexicon.pronunciations(w).get(0));
            if (optionalSilence != null) {
                slots.add("?" + optionalSilence);
            }
        }
        return slots;
    }

    public static AlignmentGraph build(List<String> slots, TransitionModel tm, double silProb) {
        if (tm.inventory().isContextDependent()) {
            return ContextDependentGraph.build(slots, tm, silProb);
        }
        Builder b = new Builder(slots, tm.inventory(), silProb);
        for (double[] e : b.entriesFrom(0)) {
            if (e[0] >= 0) {
                b.start[b.first[(int) e[0]]] = Math.max(b.start[b.first[(int) e[0]]], e[1]);
            }
        }
        for (int i = 0; i < slots.size(); i++) {
            b.addPhone(i, tm);
        }
        return b.graph();
    }

    /** The nodes and arcs of a graph under construction: node {@code first[i]} is the first state of slot {@code i}. */
    private static final class Builder {
        final List<String> slots;
        final HmmStateInventory inv;
        final int[] first;
        final int[] pdf;
        final int[] slot;
        final int[] st;
        final List<List<double[]>> arcs = new ArrayList<>(); // per node: (to, log prob, topology arc index)
        final double[] start;
        final double[] end;
        final double logSil;
        final double logNoSil;

        Builder(List<String> slots, HmmStateInventory inv, double silProb) {
            this.slots = slots;
            this.inv = inv;
            int n = 0;
            first = new int[slots.size()];
            for (int i = 0; i < slots.size(); i++) {
                first[i] = n;
                n += inv.phone(phoneOf(slots.get(i))).numStates();
            }
            pdf = new int[n];
            slot = new int[n];
            st = new int[n];
            for (int i = 0; i < n; i++) {
                arcs.add(new ArrayList<>());
            }
            start = new double[n];
            end = new double[n];
            Arrays.fill(start, Double.NEGATIVE_INFINITY);
            Arrays.fill(end, Double.NEGATIVE_INFINITY);
            logSil = Math.log(silProb);
            logNoSil = Math.log(1 - silProb);
        }

        /** Entries reachable from slot boundary b (before slot b): list of (slot, logprob); slot -1 is the end. */
        List<double[]> entriesFrom(int b) {
            List<double[]> e = new ArrayList<>();
            if (b >= slots.size()) {
                return e;
            }
            if (slots.get(b).startsWith("?")) {
                e.add(new double[] {b, logSil});
                if (b + 1 < slots.size()) {
                    e.add(new double[] {b + 1, logNoSil});
                } else {
                    e.add(new double[] {-1, logNoSil}); // skipping a final optional silence ends the utterance
                }
            } else {
                e.add(new double[] {b, 0});
            }
            return e;
        }

        /** The states of slot {@code i}'s phone, with their arcs inside the phone and out of it. */
        void addPhone(int i, TransitionModel tm) {
            String ph = phoneOf(slots.get(i));
            HmmStateInventory.PhoneTopology p = inv.phone(ph);
            double[][] lp = tm.logProbs(ph);
            for (int s = 0; s < p.numStates(); s++) {
                int node = first[i] + s;
                pdf[node] = p.pdfs()[s];
                slot[node] = i;
                st[node] = s;
                for (int k = 0; k < p.arcTo()[s].length; k++) {
                    int d = p.arcTo()[s][k];
                    if (d < p.numStates()) {
                        arcs.get(node).add(new double[] {first[i] + d, lp[s][k], k});
                    } else {
                        leavePhone(node, i, lp[s][k], k);
                    }
                }
            }
        }

        /** An arc leaving slot {@code i}'s phone: into whatever can follow, or the end. */
        private void leavePhone(int node, int i, double logProb, int k) {
            List<double[]> next = entriesFrom(i + 1);
            if (next.isEmpty()) {
                end[node] = Math.max(end[node], logProb);
            }
            for (double[] e : next) {
                if (e[0] < 0) {
                    end[node] = Math.max(end[node], logProb + e[1]);
                } else {
                    arcs.get(node).add(new double[] {first[(int) e[0]], logProb + e[1], k});
                }
            }
        }

        AlignmentGraph graph() {
            List<String> phones = new ArrayList<>();
            for (String s : slots) {
                phones.add(phoneOf(s));
            }
            AlignmentGraph g = fromArcLists(pdf, slot, st, arcs, start, end, phones);
            for (int i = 0; i < slots.size(); i++) {
                if (slots.get(i).startsWith("?")) {
                    g.optional.add(i);
                }
            }
            return g;
        }
    }

    /**
     * A graph from per-node arc lists, each arc (to, log prob, topology arc index) as the builders collect them: both
     * the monophone and the context-dependent builder end here.
     */
    static AlignmentGraph fromArcLists(
            int[] pdf,
            int[] slot,
            int[] state,
            List<List<double[]>> arcs,
            double[] start,
            double[] end,
            List<String> phones) {
        int n = pdf.length;
        int[][] to = new int[n][];
        double[][] lps = new double[n][];
        int[][] idx = new int[n][];
        for (int i = 0; i < n; i++) {
            List<double[]> a = arcs.get(i);
            to[i] = new int[a.size()];
            lps[i] = new double[a.size()];
            idx[i] = new int[a.size()];
            for (int k = 0; k < a.size(); k++) {
                to[i][k] = (int) a.get(k)[0];
                lps[i][k] = a.get(k)[1];
                idx[i][k] = (int) a.get(k)[2];
            }
        }
        return new AlignmentGraph(pdf, slot, state, to, lps, idx, start, end, phones);
    }

    static String phoneOf(String slot) {
        return slot.startsWith("?") ? slot.substring(1) : slot;
    }

    /** Phone instances that are optional silences. */
    Set<Integer> optionalSlots() {
        return optional;
    }

    /** The phone slots the graph was built from, optional silences marked by a leading '?' (to build it anew for another model). */
    public List<String> slots() {
        List<String> s = new ArrayList<>();
        for (int i = 0; i < slotPhones.size(); i++) {
            s.add((optional.contains(i) ? "?" : "") + slotPhones.get(i));
        }
        return s;
    }

    /** The phone of each phone instance, in order. */
    public List<String> slotPhones() {
        return slotPhones;
    }
}
