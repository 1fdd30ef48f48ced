package org.amdistill.acoustic.align;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.amdistill.acoustic.hmm.HmmStateInventory;
import org.amdistill.acoustic.hmm.TransitionModel;

/**
 * The alignment graph of a context-dependent model: each phone instance is expanded into one copy per context it
 * can be seen in. Contexts cross word boundaries, and an optional silence between words changes them: the phone
 * before it has the silence as its right context when it is taken and the next word's first phone when it is
 * skipped (likewise for the phone after it). So a phone next to an optional silence has two versions on that side,
 * and the arcs join only versions that agree on whether the silence was taken. Copies whose pdfs agree in every
 * context are kept as one, so a tree that does not split on a context costs nothing.
 */
final class ContextDependentGraph {
    /** A copy of one phone instance; {@code leftSil}/{@code rightSil}: the adjacent optional silence taken (null: either). */
    @SuppressWarnings("ArrayRecordComponent") // arrays for speed: equals and hashCode see them by identity
    private record Copy(int slot, Boolean leftSil, Boolean rightSil, int[] pdfs, boolean onEqualPath) {}

    private ContextDependentGraph() {}

    static AlignmentGraph build(List<String> slots, TransitionModel tm, double silProb) {
        HmmStateInventory inv = tm.inventory();
        int n = slots.size();
        boolean[] opt = new boolean[n];
        String[] ph = new String[n];
        for (int i = 0; i < n; i++) {
            opt[i] = slots.get(i).startsWith("?");
            ph[i] = AlignmentGraph.phoneOf(slots.get(i));
        }
        List<List<Copy>> copies = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            copies.add(copiesOf(i, opt, ph, inv));
        }
        double logSil = Math.log(silProb);
        double logNoSil = Math.log(1 - silProb);
        int[][] first = new int[n][];
        Builder b = new Builder(numberNodes(copies, first));
        if (opt[0]) {
            b.start(first[0][0], logSil);
            if (n > 1) {
                enter(b, copies, first, 1, false, logNoSil, -1, 0);
            }
        } else {
            enter(b, copies, first, 0, null, 0, -1, 0);
        }
        for (int i = 0; i < n; i++) {
            HmmStateInventory.PhoneTopology p = inv.phone(ph[i]);
            double[][] lp = tm.logProbs(ph[i]);
            for (int c = 0; c < copies.get(i).size(); c++) {
                Copy copy = copies.get(i).get(c);
                for (int s = 0; s < p.numStates(); s++) {
                    int node = first[i][c] + s;
                    b.node(node, copy.pdfs[s], i, s, copy.onEqualPath);
                    for (int k = 0; k < p.arcTo()[s].length; k++) {
                        int d = p.arcTo()[s][k];
                        if (d < p.numStates()) {
                            b.arc(node, first[i][c] + d, lp[s][k], k);
                        } else {
                            leave(b, copies, first, opt, i, copy, node, lp[s][k], k, logSil, logNoSil);
                        }
                    }
                }
            }
        }
        List<String> phones = new ArrayList<>(Arrays.asList(ph));
        AlignmentGraph g = b.finish(phones);
        for (int i = 0; i < n; i++) {
            if (opt[i]) {
                g.optionalSlots().add(i);
            }
        }
        return g;
    }

    /** Numbers the nodes, copy after copy of slot after slot: {@code first[i][c]} is copy c's first; returns the count. */
    private static int numberNodes(List<List<Copy>> copies, int[][] first) {
        int numNodes = 0;
        for (int i = 0; i < first.length; i++) {
            first[i] = new int[copies.get(i).size()];
            for (int c = 0; c < first[i].length; c++) {
                first[i][c] = numNodes;
                numNodes += copies.get(i).get(c).pdfs.length;
            }
        }
        return numNodes;
    }

    /** Arcs out of the last states of {@code copy} (slot i): into whatever follows in a consistent context, or the end. */
    private static void leave(
            Builder b,
            List<List<Copy>> copies,
            int[][] first,
            boolean[] opt,
            int i,
            Copy copy,
            int node,
            double lp,
            int k,
            double logSil,
            double logNoSil) {
        int n = opt.length;
        if (i == n - 1) {
            b.end(node, lp);
        } else if (opt[i]) {
            enter(b, copies, first, i + 1, true, lp, node, k);
        } else if (!opt[i + 1]) {
            enter(b, copies, first, i + 1, false, lp, node, k);
        } else {
            if (copy.rightSil == null || copy.rightSil) {
                b.arc(node, first[i + 1][0], lp + logSil, k);
            }
            if (copy.rightSil == null || !copy.rightSil) {
                if (i + 2 < n) {
                    enter(b, copies, first, i + 2, false, lp + logNoSil, node, k);
                } else {
                    b.end(node, lp + logNoSil);
                }
            }
        }
    }

    /** Arcs (or starts, when {@code from < 0}) into every copy of slot j whose left context agrees with {@code leftSil} (null: any). */
    private static void enter(
            Builder b, List<List<Copy>> copies, int[][] first, int j, Boolean leftSil, double lp, int from, int k) {
        List<Copy> cs = copies.get(j);
        for (int c = 0; c < cs.size(); c++) {
            Boolean l = cs.get(c).leftSil;
            if (leftSil == null || l == null || l.equals(leftSil)) {
                if (from < 0) {
                    b.start(first[j][c], lp);
                } else {
                    b.arc(from, first[j][c], lp, k);
                }
            }
        }
    }

    /** The copies of slot i: one per (left, right) context it can be seen in, or one if the pdfs never differ. */
    private static List<Copy> copiesOf(int i, boolean[] opt, String[] ph, HmmStateInventory inv) {
        int n = opt.length;
        int states = inv.phone(ph[i]).numStates();
        if (opt[i]) {
            String left = i > 0 ? ph[i - 1] : null;
            String right = i + 1 < n ? ph[i + 1] : null;
            return List.of(new Copy(i, null, null, pdfs(inv, left, ph[i], right, states), true));
        }
        boolean silBefore = i > 0 && opt[i - 1];
        boolean silAfter = i + 1 < n && opt[i + 1];
        List<Copy> out = new ArrayList<>();
        for (Boolean ls : silBefore ? new Boolean[] {true, false} : new Boolean[] {null}) {
            String left = i == 0 ? null : !silBefore || ls ? ph[i - 1] : i >= 2 ? ph[i - 2] : null;
            for (Boolean rs : silAfter ? new Boolean[] {true, false} : new Boolean[] {null}) {
                String right = i == n - 1 ? null : !silAfter || rs ? ph[i + 1] : i + 2 < n ? ph[i + 2] : null;
                boolean onEqualPath = (ls == null || ls == (i - 1 == 0)) && (rs == null || rs == (i + 1 == n - 1));
                out.add(new Copy(i, ls, rs, pdfs(inv, left, ph[i], right, states), onEqualPath));
            }
        }
        for (Copy c : out) {
            if (!Arrays.equals(c.pdfs, out.get(0).pdfs)) {
                return out;
            }
        }
        return List.of(new Copy(i, null, null, out.get(0).pdfs, true));
    }

    private static int[] pdfs(HmmStateInventory inv, String left, String phone, String right, int states) {
        int[] p = new int[states];
        for (int s = 0; s < states; s++) {
            p[s] = inv.pdfId(left, phone, s, right);
        }
        return p;
    }

    /** Collects nodes and arcs, then makes the graph. */
    private static final class Builder {
        final int[] pdf;
        final int[] slot;
        final int[] state;
        final boolean[] onEqualPath;
        final List<List<double[]>> arcs = new ArrayList<>();
        final double[] start;
        final double[] end;

        Builder(int n) {
            pdf = new int[n];
            slot = new int[n];
            state = new int[n];
            onEqualPath = new boolean[n];
            start = new double[n];
            end = new double[n];
            Arrays.fill(start, Double.NEGATIVE_INFINITY);
            Arrays.fill(end, Double.NEGATIVE_INFINITY);
            for (int i = 0; i < n; i++) {
                arcs.add(new ArrayList<>());
            }
        }

        void node(int i, int p, int sl, int st, boolean eq) {
            pdf[i] = p;
            slot[i] = sl;
            state[i] = st;
            onEqualPath[i] = eq;
        }

        void arc(int from, int to, double lp, int k) {
            arcs.get(from).add(new double[] {to, lp, k});
        }

        void start(int i, double lp) {
            start[i] = Math.max(start[i], lp);
        }

        void end(int i, double lp) {
            end[i] = Math.max(end[i], lp);
        }

        AlignmentGraph finish(List<String> phones) {
            AlignmentGraph g = AlignmentGraph.fromArcLists(pdf, slot, state, arcs, start, end, phones);
            g.onEqualPath = onEqualPath;
            return g;
        }
    }
}
