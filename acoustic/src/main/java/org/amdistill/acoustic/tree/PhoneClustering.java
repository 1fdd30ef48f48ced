package org.amdistill.acoustic.tree;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Questions about phones as Kaldi's cluster-phones finds them: each phone's statistics (pooled over its contexts, for
 * the chosen pdf classes) form one Gaussian; the phones are split top-down into two clusters at a time, each split
 * refined by moving single phones while that raises the likelihood, down to single phones. Every cluster of the
 * resulting binary tree is a question (a set of phones). Phones without statistics are in no question: in a tree
 * they always take the "no" branch.
 */
public final class PhoneClustering {
    private PhoneClustering() {}

    /** The question sets, largest first (the root, the whole phone set, included), deduplicated. */
    public static List<List<String>> questions(TreeStats stats, List<String> phones, Set<Integer> pdfClasses) {
        Map<String, GaussStats> perPhone = new LinkedHashMap<>();
        for (String p : phones) {
            GaussStats g = new GaussStats(stats.dim());
            stats.stats().forEach((c, s) -> {
                if (c.phone().equals(p) && (pdfClasses.isEmpty() || pdfClasses.contains(c.pdfClass()))) {
                    g.add(s);
                }
            });
            if (g.count() > 0) {
                perPhone.put(p, g);
            }
        }
        List<List<String>> out = new ArrayList<>();
        split(new ArrayList<>(perPhone.keySet()), perPhone, out);
        out.sort((a, b) -> Integer.compare(b.size(), a.size()));
        return new ArrayList<>(new LinkedHashSet<>(out));
    }

    private static void split(List<String> set, Map<String, GaussStats> perPhone, List<List<String>> out) {
        if (set.isEmpty()) {
            return;
        }
        out.add(List.copyOf(set));
        if (set.size() == 1) {
            return;
        }
        boolean[] inB = initialSplit(set, perPhone);
        refine(set, perPhone, inB);
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) {
            (inB[i] ? b : a).add(set.get(i));
        }
        split(a, perPhone, out);
        split(b, perPhone, out);
    }

    /** Seeds: the two phones whose merge costs most; every other phone joins the seed it costs less to join. */
    private static boolean[] initialSplit(List<String> set, Map<String, GaussStats> perPhone) {
        int n = set.size();
        int sa = 0;
        int sb = 1;
        double worst = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double cost = mergeCost(perPhone.get(set.get(i)), perPhone.get(set.get(j)));
                if (cost > worst) {
                    worst = cost;
                    sa = i;
                    sb = j;
                }
            }
        }
        boolean[] inB = new boolean[n];
        for (int i = 0; i < n; i++) {
            GaussStats g = perPhone.get(set.get(i));
            inB[i] = i == sb
                    || (i != sa && mergeCost(g, perPhone.get(set.get(sb))) < mergeCost(g, perPhone.get(set.get(sa))));
        }
        return inB;
    }

    /** Moves single phones between the two clusters while that raises the total likelihood (neither side left empty). */
    private static void refine(List<String> set, Map<String, GaussStats> perPhone, boolean[] inB) {
        for (int round = 0; round < 100; round++) {
            boolean moved = false;
            for (int i = 0; i < set.size(); i++) {
                double before = objf(set, perPhone, inB);
                inB[i] = !inB[i];
                if (sideEmpty(inB) || objf(set, perPhone, inB) <= before + 1e-9) {
                    inB[i] = !inB[i];
                } else {
                    moved = true;
                }
            }
            if (!moved) {
                return;
            }
        }
    }

    private static boolean sideEmpty(boolean[] inB) {
        int b = 0;
        for (boolean x : inB) {
            b += x ? 1 : 0;
        }
        return b == 0 || b == inB.length;
    }

    private static double objf(List<String> set, Map<String, GaussStats> perPhone, boolean[] inB) {
        int dim = perPhone.get(set.get(0)).dim();
        GaussStats a = new GaussStats(dim);
        GaussStats b = new GaussStats(dim);
        for (int i = 0; i < set.size(); i++) {
            (inB[i] ? b : a).add(perPhone.get(set.get(i)));
        }
        return a.objf() + b.objf();
    }

    static double mergeCost(GaussStats a, GaussStats b) {
        return a.objf() + b.objf() - a.objfPooled(b);
    }
}
