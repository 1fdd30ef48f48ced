package org.amdistill.ensemble.bin;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import org.amdistill.acoustic.FrameAccuracy;
import org.amdistill.acoustic.ModelInput;
import org.amdistill.core.cli.AmdCommand;
import org.amdistill.core.io.AtomicFiles;
import org.amdistill.core.table.Codecs;
import org.amdistill.core.table.Entry;
import org.amdistill.core.table.Matrix;
import org.amdistill.core.table.RandomAccessReader;
import org.amdistill.core.table.SequentialReader;
import org.amdistill.ensemble.EnsembleModel;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Frame accuracy of every member, and of the ensemble of the first k members for k = 1..N (arithmetic and
 * geometric means), from one forward pass of each member per utterance.
 */
@Command(
        name = "eval-ensemble",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description =
                "Frame accuracy of an ensemble, its members, and against the number of members: eval-ensemble [options] --model=ENSEMBLE <feats-rspecifier> <ali-rspecifier>")
public final class EvalEnsemble implements AmdCommand {
    @Option(names = "--model", required = true, description = "ensemble.mdl")
    Path model;

    @Option(names = "--members-csv", description = "Write member,frame_acc here")
    Path membersCsv;

    @Option(names = "--curve-csv", description = "Write num_members,frame_acc_arithmetic,frame_acc_geometric here")
    Path curveCsv;

    @Parameters(index = "0")
    String feats;

    @Parameters(index = "1")
    String ali;

    @Override
    public Integer call() throws Exception {
        EnsembleModel e = EnsembleModel.load(model, null);
        int n = e.members().size();
        long[] memberCorrect = new long[n];
        long[] arith = new long[n];
        long[] geo = new long[n];
        long frames = 0;
        try (SequentialReader<Matrix> r = SequentialReader.open(feats, Codecs.MATRIX);
                RandomAccessReader<int[]> a = RandomAccessReader.open(ali, Codecs.INT_VECTOR)) {
            for (Entry<Matrix> en : r) {
                if (!a.contains(en.key())) {
                    continue;
                }
                int[] lab = a.get(en.key());
                ModelInput.checkPdfs(e.numPdfs(), en.key(), lab);
                Matrix f = ModelInput.check(e, en.key(), en.value());
                List<Matrix> posts = e.memberLogPosteriors(f);
                int t = Math.min(lab.length, f.rows());
                for (int k = 0; k < n; k++) {
                    memberCorrect[k] += correct(posts.get(k), lab, t);
                }
                countEnsemblesOfFirstK(posts, lab, t, arith, geo);
                frames += t;
            }
        }
        FrameAccuracy.requireFrames(frames, feats, ali, 0);
        double mean = 0;
        for (int k = 0; k < n; k++) {
            System.out.printf(
                    Locale.ROOT, "member %d: frame accuracy %.2f%n", k + 1, 100.0 * memberCorrect[k] / frames);
            mean += 100.0 * memberCorrect[k] / frames;
        }
        System.out.printf(Locale.ROOT, "members: mean frame accuracy %.2f%n", mean / n);
        for (int k = 0; k < n; k++) {
            System.out.printf(
                    Locale.ROOT,
                    "ensemble of %d: frame accuracy %.2f (arithmetic) %.2f (geometric)%n",
                    k + 1,
                    100.0 * arith[k] / frames,
                    100.0 * geo[k] / frames);
        }
        final long fr = frames;
        if (membersCsv != null) {
            write(membersCsv, new String[] {"member", "frame_acc"}, n, k ->
                    new Object[] {k + 1, fmt(memberCorrect[k], fr)});
        }
        if (curveCsv != null) {
            write(curveCsv, new String[] {"num_members", "frame_acc_arithmetic", "frame_acc_geometric"}, n, k ->
                    new Object[] {k + 1, fmt(arith[k], fr), fmt(geo[k], fr)});
        }
        return 0;
    }

    private static String fmt(long c, long n) {
        return String.format(Locale.ROOT, "%.6f", c / (double) n);
    }

    private static void write(Path file, String[] header, int n, IntFunction<Object[]> row) throws Exception {
        Path abs = file.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        Path tmp = AtomicFiles.tempBeside(abs);
        try (Writer w = Files.newBufferedWriter(tmp);
                CSVPrinter csv = new CSVPrinter(
                        w, CSVFormat.DEFAULT.builder().setHeader(header).build())) {
            for (int k = 0; k < n; k++) {
                csv.printRecord(row.apply(k));
            }
        }
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Adds to {@code arith[k]} and {@code geo[k]} the frames that the first k + 1 members' ensemble gets right, with
     * each row's values computed as {@link EnsembleModel#combine} computes them (the same sums in the same order, so the
     * same argmax), from running sums over the members: N member passes per frame instead of N (N + 1) / 2.
     */
    static void countEnsemblesOfFirstK(List<Matrix> logPosts, int[] lab, int frames, long[] arith, long[] geo) {
        int n = logPosts.get(0).cols();
        double[] probSum = new double[n];
        double[] logSum = new double[n];
        float[] geoRow = new float[n];
        for (int t = 0; t < frames; t++) {
            Arrays.fill(probSum, 0);
            Arrays.fill(logSum, 0);
            int off = t * n;
            for (int k = 0; k < logPosts.size(); k++) {
                float[] d = logPosts.get(k).data();
                int members = k + 1;
                int bestArith = 0;
                float bestArithValue = Float.NEGATIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < n; i++) {
                    probSum[i] += Math.exp(d[off + i]);
                    logSum[i] += d[off + i];
                    float a = (float) Math.log(Math.max(probSum[i] / members, 1e-30));
                    if (a > bestArithValue || i == 0) {
                        bestArithValue = a;
                        bestArith = i;
                    }
                    geoRow[i] = (float) (logSum[i] / members);
                    max = Math.max(max, geoRow[i]);
                }
                double z = 0;
                for (int i = 0; i < n; i++) {
                    z += Math.exp(geoRow[i] - max);
                }
                double lse = max + Math.log(z);
                int bestGeo = 0;
                float bestGeoValue = Float.NEGATIVE_INFINITY;
                for (int i = 0; i < n; i++) {
                    float g = (float) (geoRow[i] - lse);
                    if (g > bestGeoValue || i == 0) {
                        bestGeoValue = g;
                        bestGeo = i;
                    }
                }
                arith[k] += bestArith == lab[t] ? 1 : 0;
                geo[k] += bestGeo == lab[t] ? 1 : 0;
            }
        }
    }

    static long correct(Matrix logPost, int[] lab, int frames) {
        long c = 0;
        int k = logPost.cols();
        float[] d = logPost.data();
        for (int t = 0; t < frames; t++) {
            int best = 0;
            for (int p = 1; p < k; p++) {
                if (d[t * k + p] > d[t * k + best]) {
                    best = p;
                }
            }
            if (best == lab[t]) {
                c++;
            }
        }
        return c;
    }
}
