package org.amdistill.acoustic.gmm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import org.amdistill.acoustic.align.AlignmentGraph;
import org.amdistill.acoustic.align.ViterbiAligner;
import org.amdistill.acoustic.hmm.HmmStateInventory;
import org.amdistill.acoustic.hmm.TransitionModel;
import org.amdistill.core.cli.Workers;
import org.amdistill.core.table.Matrix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flat-start monophone training as Kaldi's steps/train_mono.sh: every state starts as the global Gaussian, the
 * first statistics come from equal alignments, then Viterbi re-estimation with re-alignment on a schedule and
 * mixtures split by occupancy towards a total Gaussian budget.
 */
public final class MonophoneTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(MonophoneTrainer.class);

    /** One training utterance: GMM features and its alignment graph. */
    public record Utterance(String key, Matrix feats, AlignmentGraph graph) {}

    public static final class Options {
        public int numIters = 20;
        public int maxIterInc = 15;
        public int totGauss = 1000;
        public List<Integer> realignIters = List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 14, 16, 18);
        public double beam = 60;
        public double retryBeam = 300;
        public double acousticScale = 1.0;
        public double minVarianceFraction = 0.01;
        public double minOccupancy = 10;
        public int numThreads = Workers.allCores();
    }

    private final Options opts;
    private final HmmStateInventory inventory;

    public MonophoneTrainer(Options opts, HmmStateInventory inventory) {
        this.opts = opts;
        this.inventory = inventory;
    }

    /**
     * The trained model, its final alignments, and the average data log-likelihood per frame of each iteration:
     * element 0 is the first model (the global Gaussian) on the equal alignments, element {@code i} the model after
     * iteration {@code i - 1} on iteration {@code i}'s alignments (the figure the log shows for iteration i).
     */
    @SuppressWarnings("ArrayRecordComponent") // arrays for speed: equals and hashCode see them by identity
    public record Result(
            GmmAcousticModel model, Map<String, ViterbiAligner.Alignment> alignments, double[] logLikePerFrame) {}

    public Result train(GmmFeatures features, List<Utterance> utts) throws Exception {
        int dim = features.dim();
        double[][] moments = globalMeanAndVariance(utts, dim);
        double[] mean = moments[0];
        double[] var = moments[1];
        double[] varFloor = new double[dim];
        for (int d = 0; d < dim; d++) {
            varFloor[d] = opts.minVarianceFraction * var[d];
        }
        DiagGmmSet gmm = new DiagGmmSet(inventory.numPdfs(), dim, mean, var);
        TransitionModel tm = new TransitionModel(inventory);
        GmmAcousticModel model = new GmmAcousticModel(features, inventory, tm, gmm);

        // Equal alignment to start (Kaldi's align-equal-compiled).
        Map<String, ViterbiAligner.Alignment> ali = new ConcurrentHashMap<>();
        for (Utterance u : utts) {
            ViterbiAligner.Alignment a = ViterbiAligner.equal(u.graph, u.feats.rows());
            if (a != null) {
                ali.put(u.key, a);
            }
        }
        LOG.info("Equal alignment of {} of {} utterances", ali.size(), utts.size());
        return iterate(model, ali, utts, varFloor, true);
    }

    /**
     * Viterbi training from a given model and first alignments (Kaldi's train_deltas.sh after gmm-init-model and
     * convert-ali): the same schedule of re-estimation, realignment and mixture splitting as {@link #train}. First
     * alignments without a graph path (converted ones, {@code nodes == null}) give Gaussian statistics but no
     * transition counts: the model's transitions stay until the first realignment.
     */
    public Result trainFrom(
            GmmAcousticModel model,
            Map<String, ViterbiAligner.Alignment> firstAli,
            List<Utterance> utts,
            double[] varFloor)
            throws Exception {
        return iterate(model, new java.util.concurrent.ConcurrentHashMap<>(firstAli), utts, varFloor, false);
    }

    /** Global variance times {@code minVarianceFraction}: the floor of every Gaussian's variance. */
    public double[] varianceFloor(List<Utterance> utts, int dim) {
        double[] var = globalMeanAndVariance(utts, dim)[1];
        double[] floor = new double[dim];
        for (int d = 0; d < dim; d++) {
            floor[d] = opts.minVarianceFraction * var[d];
        }
        return floor;
    }

    /** The mean and the variance of every feature dimension over all frames: {mean, variance}. */
    static double[][] globalMeanAndVariance(List<Utterance> utts, int dim) {
        double[] mean = new double[dim];
        double[] var = new double[dim];
        long n = 0;
        for (Utterance u : utts) {
            float[] x = u.feats.data();
            for (int i = 0; i < x.length; i++) {
                mean[i % dim] += x[i];
                var[i % dim] += (double) x[i] * x[i];
            }
            n += u.feats.rows();
        }
        for (int d = 0; d < dim; d++) {
            mean[d] /= n;
            var[d] = var[d] / n - mean[d] * mean[d];
        }
        return new double[][] {mean, var};
    }

    /**
     * The training loop. With {@code firstUpdate} (a flat start) the model is first re-estimated on the first
     * alignments before iteration 1, as train_mono.sh's gmm-est on the equal alignments.
     */
    private Result iterate(
            GmmAcousticModel model,
            Map<String, ViterbiAligner.Alignment> ali,
            List<Utterance> utts,
            double[] varFloor,
            boolean firstUpdate)
            throws Exception {
        DiagGmmSet gmm = model.gmms;
        TransitionModel tm = model.transitions;
        ViterbiAligner aligner = new ViterbiAligner(opts.beam, opts.retryBeam, opts.acousticScale);
        int numGauss = Math.max(inventory.numPdfs(), gmm.numGaussians());
        int incGauss = Math.max(0, (opts.totGauss - numGauss) / Math.max(1, opts.maxIterInc));
        Workers pool = Workers.start("train-mono", Math.max(1, opts.numThreads));
        double[] logLike = new double[opts.numIters + 1];
        try {
            if (firstUpdate) {
                Stats first = accumulate(gmm, utts, ali, pool);
                logLike[0] = first.logLike / Math.max(1, first.frames);
                update(gmm, tm, first, varFloor);
            }
            for (int iter = 1; iter <= opts.numIters; iter++) {
                long t0 = System.nanoTime();
                if (opts.realignIters.contains(iter)) {
                    ali = realign(model, aligner, utts, pool);
                }
                Stats stats = accumulate(gmm, utts, ali, pool);
                logLike[iter] = stats.logLike / Math.max(1, stats.frames);
                update(gmm, tm, stats, varFloor);
                if (iter <= opts.maxIterInc) {
                    numGauss = Math.min(opts.totGauss, numGauss + incGauss);
                    split(gmm, stats.occ, numGauss);
                }
                LOG.info(
                        "Iteration {}: avg log-likelihood per frame {} over {} frames, {} Gaussians, {} utterances aligned ({} s)",
                        iter,
                        String.format(Locale.ROOT, "%.3f", stats.logLike / Math.max(1, stats.frames)),
                        (long) stats.frames,
                        gmm.numGaussians(),
                        ali.size(),
                        String.format(Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9));
            }
            ali = realign(model, aligner, utts, pool);
        } finally {
            pool.close();
        }
        return new Result(model, ali, logLike);
    }

    private Map<String, ViterbiAligner.Alignment> realign(
            GmmAcousticModel model, ViterbiAligner aligner, List<Utterance> utts, Workers pool) throws Exception {
        Map<String, ViterbiAligner.Alignment> ali = new ConcurrentHashMap<>();
        List<Future<?>> fs = new ArrayList<>();
        for (Utterance u : utts) {
            fs.add(pool.submit(() -> {
                ViterbiAligner.Alignment a = aligner.align(u.graph, model.gmms.logLikelihoods(u.feats));
                if (a != null) {
                    ali.put(u.key, a);
                }
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        return ali;
    }

    /** Sufficient statistics per pdf and component. */
    static final class Stats {
        double[][] occ;
        double[][][] sum;
        double[][][] sumSq;
        Map<String, double[][]> transitions;
        double logLike;
        double frames;

        Stats(DiagGmmSet g, TransitionModel tm) {
            int n = g.numPdfs();
            occ = new double[n][];
            sum = new double[n][][];
            sumSq = new double[n][][];
            for (int p = 0; p < n; p++) {
                int m = g.numComponents(p);
                occ[p] = new double[m];
                sum[p] = new double[m][g.dim];
                sumSq[p] = new double[m][g.dim];
            }
            transitions = tm.newCounts();
        }

        void add(Stats o) {
            for (int p = 0; p < occ.length; p++) {
                for (int c = 0; c < occ[p].length; c++) {
                    occ[p][c] += o.occ[p][c];
                    for (int d = 0; d < sum[p][c].length; d++) {
                        sum[p][c][d] += o.sum[p][c][d];
                        sumSq[p][c][d] += o.sumSq[p][c][d];
                    }
                }
            }
            o.transitions.forEach((ph, c) -> {
                double[][] mine = transitions.get(ph);
                for (int s = 0; s < c.length; s++) {
                    for (int k = 0; k < c[s].length; k++) {
                        mine[s][k] += c[s][k];
                    }
                }
            });
            logLike += o.logLike;
            frames += o.frames;
        }
    }

    private Stats accumulate(
            DiagGmmSet gmm, List<Utterance> utts, Map<String, ViterbiAligner.Alignment> ali, Workers pool)
            throws Exception {
        TransitionModel tmForCounts = new TransitionModel(inventory);
        int parts = Math.max(1, opts.numThreads);
        List<Future<Stats>> fs = new ArrayList<>();
        for (int part = 0; part < parts; part++) {
            final int pi = part;
            fs.add(pool.submit(() -> {
                Stats s = new Stats(gmm, tmForCounts);
                double[] buf = new double[256];
                for (int i = pi; i < utts.size(); i += parts) {
                    Utterance u = utts.get(i);
                    ViterbiAligner.Alignment a = ali.get(u.key);
                    if (a == null) {
                        continue;
                    }
                    if (a.nodes() != null) {
                        a.countTransitions(s.transitions);
                    }
                    float[] x = u.feats.data();
                    int dim = gmm.dim;
                    for (int t = 0; t < a.pdfs().length; t++) {
                        int p = a.pdfs()[t];
                        int m = gmm.numComponents(p);
                        if (buf.length < m) {
                            buf = new double[m];
                        }
                        gmm.componentLogLikes(p, x, t * dim, buf);
                        double lse = DiagGmmSet.logSumExp(buf, m);
                        s.logLike += lse;
                        s.frames++;
                        for (int c = 0; c < m; c++) {
                            double g = Math.exp(buf[c] - lse);
                            if (g < 1e-5) {
                                continue;
                            }
                            s.occ[p][c] += g;
                            double[] sm = s.sum[p][c];
                            double[] sq = s.sumSq[p][c];
                            for (int d = 0; d < dim; d++) {
                                double v = x[t * dim + d];
                                sm[d] += g * v;
                                sq[d] += g * v * v;
                            }
                        }
                    }
                }
                return s;
            }));
        }
        Stats total = new Stats(gmm, tmForCounts);
        for (Future<Stats> f : fs) {
            total.add(f.get());
        }
        return total;
    }

    private void update(DiagGmmSet gmm, TransitionModel tm, Stats s, double[] varFloor) {
        for (int p = 0; p < gmm.numPdfs(); p++) {
            double total = 0;
            for (double o : s.occ[p]) {
                total += o;
            }
            if (total < opts.minOccupancy) {
                continue; // too little data: keep what we had
            }
            int m = gmm.numComponents(p);
            double[] w = gmm.weights.get(p);
            for (int c = 0; c < m; c++) {
                double o = s.occ[p][c];
                if (o < 1e-3) {
                    continue;
                }
                w[c] = o / total;
                for (int d = 0; d < gmm.dim; d++) {
                    double mu = s.sum[p][c][d] / o;
                    double v = s.sumSq[p][c][d] / o - mu * mu;
                    gmm.means.get(p)[c][d] = mu;
                    gmm.vars.get(p)[c][d] = Math.max(v, varFloor[d]);
                }
            }
            double norm = 0;
            for (double x : w) {
                norm += x;
            }
            for (int c = 0; c < m; c++) {
                w[c] = Math.max(w[c] / norm, 1e-5);
            }
        }
        tm.update(s.transitions);
        gmm.refresh();
    }

    /**
     * Kaldi's SplitByCount: each pdf's share of {@code target} Gaussians grows with occupancy^0.2; the heaviest
     * components are split, their means moved apart by 0.2 standard deviations.
     */
    static void split(DiagGmmSet gmm, double[][] occ, int target) {
        int n = gmm.numPdfs();
        double[] pw = new double[n];
        double total = 0;
        for (int p = 0; p < n; p++) {
            double o = 0;
            for (double x : occ[p]) {
                o += x;
            }
            pw[p] = Math.pow(o, 0.2);
            total += pw[p];
        }
        if (total <= 0) {
            return;
        }
        for (int p = 0; p < n; p++) {
            int want = Math.max(1, (int) Math.round(target * pw[p] / total));
            while (gmm.numComponents(p) < want) {
                double[] w = gmm.weights.get(p);
                int best = 0;
                for (int c = 1; c < w.length; c++) {
                    if (w[c] > w[best]) {
                        best = c;
                    }
                }
                int m = w.length;
                double[] nw = Arrays.copyOf(w, m + 1);
                double[][] nm = Arrays.copyOf(gmm.means.get(p), m + 1);
                double[][] nv = Arrays.copyOf(gmm.vars.get(p), m + 1);
                nw[best] = w[best] / 2;
                nw[m] = w[best] / 2;
                double[] mu = nm[best].clone();
                double[] sd = nv[best];
                double[] up = new double[mu.length];
                double[] down = new double[mu.length];
                for (int d = 0; d < mu.length; d++) {
                    double delta = 0.2 * Math.sqrt(sd[d]);
                    up[d] = mu[d] + delta;
                    down[d] = mu[d] - delta;
                }
                nm[best] = up;
                nm[m] = down;
                nv[m] = sd.clone();
                gmm.weights.set(p, nw);
                gmm.means.set(p, nm);
                gmm.vars.set(p, nv);
            }
        }
        gmm.refresh();
    }
}
