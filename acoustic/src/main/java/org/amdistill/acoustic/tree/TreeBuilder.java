package org.amdistill.acoustic.tree;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import org.amdistill.core.cli.AmdException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kaldi's build-tree: roots as in roots.txt (each a set of phones; "shared" roots keep all pdf classes of their phones
 * in one node, so the tree may ask about the pdf class; "split" roots may be split), then greedy top-down splits
 * of the leaf whose best question gains most likelihood (one diagonal Gaussian per leaf), while the gain exceeds
 * {@code thresh} and the leaf budget allows, no leaf with less than {@code minCount} frames; then, within each root,
 * bottom-up merging of the leaves whose merge loses least while that loss is under the cluster threshold (by
 * default the smallest gain of any split made: Kaldi's {@code --cluster-thresh=-1}). Merged leaves share a pdf.
 */
public final class TreeBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(TreeBuilder.class);

    /** A root: its phones (ids), whether its phones' pdf classes share it, and whether it may be split. */
    @SuppressWarnings("ArrayRecordComponent") // arrays for speed: equals and hashCode see them by identity
    public record Root(int[] phones, boolean shared, boolean split) {}

    public static final class Options {
        /** Leaf budget; 0: no limit but {@code thresh}. */
        public int maxLeaves = 0;
        /** Least likelihood gain of a split (Kaldi's build-tree --thresh). */
        public double thresh = 300;
        /** Merge leaves while the merge loses less than this; negative: the smallest split gain made (Kaldi's -1). */
        public double clusterThresh = -1;
        /** Least frames on either side of a split. */
        public double minCount = 10;
    }

    /** The tree, its leaves' pooled statistics (index = pdf id), and what the splits and merges gained and lost. */
    public record Result(
            ContextDependency tree,
            List<GaussStats> pdfStats,
            int leavesBeforeMerge,
            double splitGain,
            double mergeLoss) {}

    /** One event of the statistics: pdf class and phone window (Kaldi's keys -1, 0, 1, 2). */
    @SuppressWarnings("ArrayRecordComponent") // arrays for speed: equals and hashCode see them by identity
    private record Event(int[] values, GaussStats stats) {}

    private static final class Node {
        final int root;
        final List<Event> events;
        final GaussStats total;
        final boolean mayAskClass;
        final boolean mayAskCentral;
        final boolean splittable;
        Node yes;
        Node no;
        int key;
        int[] yesSet;
        double bestGain = Double.NEGATIVE_INFINITY;
        int bestKey;
        int[] bestSet;
        int pdf = -1;

        Node(int root, List<Event> events, int dim, boolean mayAskClass, boolean mayAskCentral, boolean splittable) {
            this.root = root;
            this.events = events;
            this.total = new GaussStats(dim);
            for (Event e : events) {
                total.add(e.stats);
            }
            this.mayAskClass = mayAskClass;
            this.mayAskCentral = mayAskCentral;
            this.splittable = splittable;
        }
    }

    private final Options opts;
    private final List<int[]> phoneQuestions;
    private final int dim;

    public TreeBuilder(Options opts, List<int[]> phoneQuestions, int dim) {
        this.opts = opts;
        this.phoneQuestions = phoneQuestions;
        this.dim = dim;
    }

    /**
     * Builds the tree's event map from the statistics of every seen context.
     *
     * @param events      statistics keyed by {pdf class, left, phone, right} (phone ids, 0 for none)
     * @param numClasses  number of pdf classes of each phone id
     */
    public Result build(Map<int[], GaussStats> events, List<Root> roots, Map<Integer, Integer> numClasses) {
        List<Node> leaves = initialLeaves(events, roots, numClasses);
        if (opts.maxLeaves > 0 && leaves.size() > opts.maxLeaves) {
            throw new AmdException("leaf budget --num-leaves=" + opts.maxLeaves
                    + " is smaller than the number of roots (" + leaves.size()
                    + " root nodes: one per phone, or per phone and pdf class for not-shared roots); give at least "
                    + leaves.size());
        }
        PriorityQueue<Node> queue = new PriorityQueue<>((a, b) -> Double.compare(b.bestGain, a.bestGain));
        for (Node n : leaves) {
            findBestSplit(n);
            queue.add(n);
        }
        int numLeaves = leaves.size();
        double gain = 0;
        double smallest = Double.POSITIVE_INFINITY;
        while (!queue.isEmpty()
                && (opts.maxLeaves == 0 || numLeaves < opts.maxLeaves)
                && queue.peek().bestGain > opts.thresh) {
            Node n = queue.poll();
            split(n);
            gain += n.bestGain;
            smallest = Math.min(smallest, n.bestGain);
            findBestSplit(n.yes);
            findBestSplit(n.no);
            queue.add(n.yes);
            queue.add(n.no);
            numLeaves++;
        }
        double clusterThresh =
                opts.clusterThresh >= 0 ? opts.clusterThresh : (smallest == Double.POSITIVE_INFINITY ? 0 : smallest);
        double loss = cluster(leaves, clusterThresh);
        List<GaussStats> pdfStats = new ArrayList<>();
        for (Node root : leaves) {
            number(root, pdfStats);
        }
        LOG.info(
                "Tree: {} leaves after splitting (likelihood gain {} over {} frames), {} pdfs after merging (loss {}, threshold {})",
                numLeaves,
                String.format(java.util.Locale.ROOT, "%.1f", gain),
                (long) totalCount(leaves),
                pdfStats.size(),
                String.format(java.util.Locale.ROOT, "%.1f", loss),
                String.format(java.util.Locale.ROOT, "%.1f", clusterThresh));
        return new Result(
                new ContextDependency(toEventMap(leaves, roots, numClasses)), pdfStats, numLeaves, gain, loss);
    }

    private static double totalCount(List<Node> roots) {
        double c = 0;
        for (Node n : roots) {
            c += n.total.count();
        }
        return c;
    }

    /** One node per shared root, or per root and pdf class. Node.root indexes this list. */
    private List<Node> initialLeaves(
            Map<int[], GaussStats> events, List<Root> roots, Map<Integer, Integer> numClasses) {
        List<Node> out = new ArrayList<>();
        Map<Integer, Integer> rootOfPhone = new HashMap<>();
        for (int r = 0; r < roots.size(); r++) {
            for (int p : roots.get(r).phones()) {
                if (rootOfPhone.put(p, r) != null) {
                    throw new AmdException("roots: phone id " + p + " is in more than one root");
                }
            }
        }
        for (int p : numClasses.keySet()) {
            if (!rootOfPhone.containsKey(p)) {
                throw new AmdException("roots: phone id " + p + " is in no root");
            }
        }
        for (Root r : roots) {
            int classes = 0;
            for (int p : r.phones()) {
                Integer c = numClasses.get(p);
                if (c == null) {
                    throw new AmdException("roots: phone id " + p + " is not a phone of the lang's topology");
                }
                classes = Math.max(classes, c);
            }
            for (int group = 0; group < (r.shared() ? 1 : classes); group++) {
                List<Event> mine = new ArrayList<>();
                for (Map.Entry<int[], GaussStats> e : events.entrySet()) {
                    int[] v = e.getKey();
                    if (contains(r.phones(), v[2]) && (r.shared() || v[0] == group)) {
                        mine.add(new Event(v, e.getValue()));
                    }
                }
                out.add(new Node(out.size(), mine, dim, r.shared() && classes > 1, r.phones().length > 1, r.split()));
            }
        }
        return out;
    }

    private static boolean contains(int[] set, int v) {
        for (int x : set) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    private void findBestSplit(Node n) {
        n.bestGain = Double.NEGATIVE_INFINITY;
        if (!n.splittable || n.events.size() < 2) {
            return;
        }
        double base = n.total.objf();
        int[] keys = {EventMap.PDF_CLASS_KEY, 0, 2, 1};
        for (int key : keys) {
            if ((key == EventMap.PDF_CLASS_KEY && !n.mayAskClass) || (key == 1 && !n.mayAskCentral)) {
                continue;
            }
            TreeMap<Integer, GaussStats> byValue = new TreeMap<>();
            for (Event e : n.events) {
                byValue.computeIfAbsent(e.values[key + 1], k -> new GaussStats(dim))
                        .add(e.stats);
            }
            if (byValue.size() < 2) {
                continue;
            }
            for (int[] q : key == EventMap.PDF_CLASS_KEY ? classQuestions(byValue.lastKey() + 1) : phoneQuestions) {
                GaussStats yes = new GaussStats(dim);
                GaussStats no = new GaussStats(dim);
                for (Map.Entry<Integer, GaussStats> e : byValue.entrySet()) {
                    (Arrays.binarySearch(q, e.getKey()) >= 0 ? yes : no).add(e.getValue());
                }
                if (yes.count() < Math.max(opts.minCount, 1e-9) || no.count() < Math.max(opts.minCount, 1e-9)) {
                    continue;
                }
                double g = yes.objf() + no.objf() - base;
                if (g > n.bestGain) {
                    n.bestGain = g;
                    n.bestKey = key;
                    n.bestSet = q;
                }
            }
        }
    }

    /** Questions about the pdf class: every class set {0..k} and every single class (Kaldi's compile-questions asks about HMM position). */
    static List<int[]> classQuestions(int numClasses) {
        List<int[]> qs = new ArrayList<>();
        for (int k = 0; k + 1 < numClasses; k++) {
            int[] prefix = new int[k + 1];
            for (int i = 0; i <= k; i++) {
                prefix[i] = i;
            }
            qs.add(prefix);
        }
        for (int c = 0; c < numClasses; c++) {
            qs.add(new int[] {c});
        }
        return qs;
    }

    private void split(Node n) {
        List<Event> yes = new ArrayList<>();
        List<Event> no = new ArrayList<>();
        for (Event e : n.events) {
            (Arrays.binarySearch(n.bestSet, e.values[n.bestKey + 1]) >= 0 ? yes : no).add(e);
        }
        n.key = n.bestKey;
        n.yesSet = n.bestSet;
        n.yes = new Node(n.root, yes, dim, n.mayAskClass, n.mayAskCentral, true);
        n.no = new Node(n.root, no, dim, n.mayAskClass, n.mayAskCentral, true);
    }

    private static void collectLeaves(Node n, List<Node> out) {
        if (n.yes == null) {
            out.add(n);
        } else {
            collectLeaves(n.yes, out);
            collectLeaves(n.no, out);
        }
    }

    /**
     * Bottom-up merging inside each root: the pair of clusters whose merge loses least is merged while the loss is
     * below {@code thresh}. Each leaf's {@code pdf} is set to its cluster's index within the root for now.
     */
    private static double cluster(List<Node> roots, double thresh) {
        double totalLoss = 0;
        for (Node root : roots) {
            List<Node> leaves = new ArrayList<>();
            collectLeaves(root, leaves);
            List<GaussStats> clusters = new ArrayList<>();
            List<List<Node>> members = new ArrayList<>();
            for (Node l : leaves) {
                clusters.add(l.total.copy());
                members.add(new ArrayList<>(List.of(l)));
            }
            while (clusters.size() > 1) {
                int bi = -1;
                int bj = -1;
                double best = Double.POSITIVE_INFINITY;
                for (int i = 0; i < clusters.size(); i++) {
                    for (int j = i + 1; j < clusters.size(); j++) {
                        double cost = PhoneClustering.mergeCost(clusters.get(i), clusters.get(j));
                        if (cost < best) {
                            best = cost;
                            bi = i;
                            bj = j;
                        }
                    }
                }
                if (best >= thresh) {
                    break;
                }
                totalLoss += best;
                clusters.get(bi).add(clusters.remove(bj));
                members.get(bi).addAll(members.remove(bj));
            }
            for (int c = 0; c < members.size(); c++) {
                for (Node l : members.get(c)) {
                    l.pdf = c;
                }
            }
        }
        return totalLoss;
    }

    /** Gives final pdf ids in tree order (roots in order, yes before no), merged leaves one id. */
    private static void number(Node root, List<GaussStats> pdfStats) {
        List<Node> leaves = new ArrayList<>();
        collectLeaves(root, leaves);
        Map<Integer, Integer> idOfCluster = new HashMap<>();
        for (Node l : leaves) {
            Integer id = idOfCluster.get(l.pdf);
            if (id == null) {
                id = pdfStats.size();
                idOfCluster.put(l.pdf, id);
                pdfStats.add(new GaussStats(l.total.dim()));
            }
            pdfStats.get(id).add(l.total);
        }
        for (Node l : leaves) {
            l.pdf = idOfCluster.get(l.pdf);
        }
    }

    private static EventMap toEventMap(Node n) {
        if (n.yes == null) {
            return new EventMap.Constant(n.pdf);
        }
        return new EventMap.Split(n.key, n.yesSet, toEventMap(n.yes), toEventMap(n.no));
    }

    /** Kaldi's stub: a table on the central phone; a not-shared root a table on the pdf class below it. */
    private static EventMap toEventMap(List<Node> nodes, List<Root> roots, Map<Integer, Integer> numClasses) {
        int maxPhone = 0;
        for (int p : numClasses.keySet()) {
            maxPhone = Math.max(maxPhone, p);
        }
        EventMap[] table = new EventMap[maxPhone + 1];
        int next = 0;
        for (Root r : roots) {
            EventMap m;
            if (r.shared()) {
                m = toEventMap(nodes.get(next++));
            } else {
                int classes = 0;
                for (int p : r.phones()) {
                    classes = Math.max(classes, numClasses.get(p));
                }
                EventMap[] byClass = new EventMap[classes];
                for (int c = 0; c < classes; c++) {
                    byClass[c] = toEventMap(nodes.get(next++));
                }
                m = new EventMap.Table(EventMap.PDF_CLASS_KEY, byClass);
            }
            for (int p : r.phones()) {
                table[p] = m;
            }
        }
        return new EventMap.Table(1, table);
    }
}
