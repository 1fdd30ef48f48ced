package org.amdistill.ensemble;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.amdistill.acoustic.AcousticModel;
import org.amdistill.acoustic.AcousticModelLoader;
import org.amdistill.acoustic.dnn.DnnAcousticModel;
import org.amdistill.acoustic.hmm.HmmModel;
import org.amdistill.acoustic.hmm.HmmStateInventory;
import org.amdistill.acoustic.hmm.TransitionModel;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.io.AtomicFiles;
import org.amdistill.core.table.Matrix;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An ensemble is an acoustic model like any other: the members' posteriors combined by their arithmetic mean (the
 * paper) or their geometric mean, renormalised. Its file ({@code ensemble.mdl}) is a short text listing the member
 * model files (relative to it) and the combination.
 */
public final class EnsembleModel implements AcousticModel, HmmModel {
    static final String MAGIC = "amdistill-ensemble 1";

    public enum Combination {
        ARITHMETIC,
        GEOMETRIC
    }

    private final List<DnnAcousticModel> members;
    private final Combination combination;
    private final boolean sharedInput; // every member normalises and splices the same way

    public EnsembleModel(List<DnnAcousticModel> members, Combination combination) {
        if (members.isEmpty()) {
            throw new AmdException("an ensemble needs at least one member");
        }
        HmmStateInventory inv = members.get(0).inventory();
        for (int i = 1; i < members.size(); i++) {
            if (!members.get(i).inventory().sameAs(inv)) {
                throw new AmdException(
                        "ensemble member " + (i + 1) + " has a different HMM state inventory from member 1");
            }
        }
        this.members = List.copyOf(members);
        this.combination = combination;
        this.sharedInput = members.stream().allMatch(m -> m.takesSameInputAs(members.get(0)));
    }

    public List<DnnAcousticModel> members() {
        return members;
    }

    /**
     * The front end every member was trained with (the members' files carry it). Members that turn audio into
     * their input differently cannot share one stream of features: an error names the first that differs.
     */
    public org.amdistill.frontend.FrontEnd frontEnd() {
        org.amdistill.frontend.FrontEnd fe = members.get(0).frontEnd();
        for (int i = 1; i < members.size(); i++) {
            if (!members.get(i).frontEnd().sameAs(fe)) {
                throw new AmdException("ensemble member " + (i + 1)
                        + " has another front end than member 1 (filterbank, CMVN or context window)");
            }
        }
        return fe;
    }

    /**
     * Log posteriors of frames {@code from .. to-1} of features normalised by the shared {@link #frontEnd}, as
     * {@link DnnAcousticModel#logPosteriorsOfNormalised} gives a member's: the members' posteriors combined.
     */
    public Matrix logPosteriorsOfNormalised(Matrix normalised, int from, int to) {
        if (combination == Combination.ARITHMETIC && to > from) {
            return meanOfPosteriors(to - from, m -> m.splicedInput(normalised, from, to));
        }
        return combine(
                members.stream()
                        .map(m -> m.logPosteriorsOfNormalised(normalised, from, to))
                        .toList(),
                combination);
    }

    public Combination combination() {
        return combination;
    }

    /** The ensemble of the first {@code k} members. */
    public EnsembleModel firstMembers(int k, Combination c) {
        return new EnsembleModel(members.subList(0, k), c);
    }

    @Override
    public HmmStateInventory inventory() {
        return members.get(0).inventory();
    }

    @Override
    public TransitionModel transitions() {
        return members.get(0).transitions();
    }

    @Override
    public int numPdfs() {
        return members.get(0).numPdfs();
    }

    @Override
    public int featureDim() {
        return members.get(0).featureDim();
    }

    /** Priors are the training alignment's state frequencies, the same for every member: the mean of theirs. */
    @Override
    public float[] logPriors() {
        float[] p = members.get(0).logPriors();
        for (int m = 1; m < members.size(); m++) {
            float[] q = members.get(m).logPriors();
            for (int i = 0; i < p.length; i++) {
                p[i] += q[i];
            }
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= members.size();
        }
        return p;
    }

    @Override
    public long numParams() {
        long n = 0;
        for (DnnAcousticModel m : members) {
            n += m.numParams();
        }
        return n;
    }

    @Override
    public Matrix logPosteriors(Matrix feats) {
        if (combination == Combination.ARITHMETIC && feats.rows() > 0) {
            // Posteriors averaged as they come, from one normalised, spliced input where the members agree on it:
            // what a deployed ensemble computes, and no more (it is what the student's cost is compared against).
            return meanOfPosteriors(feats.rows(), m -> m.input(feats));
        }
        return combine(memberLogPosteriors(feats), combination);
    }

    /**
     * Every member's log posteriors of an utterance; the normalised, spliced input is made once for all members
     * where they agree on it (the same numbers as each member's own {@link DnnAcousticModel#logPosteriors}).
     */
    public List<Matrix> memberLogPosteriors(Matrix feats) {
        if (!sharedInput || feats.rows() == 0) {
            return members.stream().map(m -> m.logPosteriors(feats)).toList();
        }
        INDArray x = members.get(0).input(feats);
        List<Matrix> out = new ArrayList<>(members.size());
        for (DnnAcousticModel m : members) {
            out.add(m.logPosteriorsOfInput(x));
        }
        return out;
    }

    /** Whether every member takes the same input (normalisation and context window): then it is made once. */
    public boolean sharedInput() {
        return sharedInput;
    }

    /** Log of the members' mean posteriors, each member's input made by {@code input} (once, where they agree on it). */
    private Matrix meanOfPosteriors(int frames, Function<DnnAcousticModel, INDArray> input) {
        INDArray shared = sharedInput ? input.apply(members.get(0)) : null;
        Matrix out = new Matrix(frames, numPdfs());
        double[] acc = new double[out.data().length];
        for (DnnAcousticModel m : members) {
            float[] p = m.posteriorsOfInput(shared != null ? shared : input.apply(m))
                    .data();
            for (int i = 0; i < p.length; i++) {
                acc[i] += p[i];
            }
        }
        float[] o = out.data();
        double k = members.size();
        for (int i = 0; i < o.length; i++) {
            o[i] = (float) Math.log(Math.max(acc[i] / k, 1e-30));
        }
        return out;
    }

    /** Combines members' log posteriors: log of the mean probability, or the renormalised mean log probability. */
    public static Matrix combine(List<Matrix> logPosts, Combination c) {
        Matrix first = logPosts.get(0);
        int rows = first.rows();
        int n = first.cols();
        Matrix out = new Matrix(rows, n);
        float[] o = out.data();
        int k = logPosts.size();
        for (int t = 0; t < rows; t++) {
            int off = t * n;
            if (c == Combination.ARITHMETIC) {
                for (int i = 0; i < n; i++) {
                    double s = 0;
                    for (Matrix lp : logPosts) {
                        s += Math.exp(lp.data()[off + i]);
                    }
                    o[off + i] = (float) Math.log(Math.max(s / k, 1e-30));
                }
            } else {
                double max = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < n; i++) {
                    double s = 0;
                    for (Matrix lp : logPosts) {
                        s += lp.data()[off + i];
                    }
                    o[off + i] = (float) (s / k);
                    max = Math.max(max, o[off + i]);
                }
                double z = 0;
                for (int i = 0; i < n; i++) {
                    z += Math.exp(o[off + i] - max);
                }
                double lse = max + Math.log(z);
                for (int i = 0; i < n; i++) {
                    o[off + i] = (float) (o[off + i] - lse);
                }
            }
        }
        return out;
    }

    public static void write(Path file, List<Path> memberFiles, Combination c) {
        StringBuilder sb = new StringBuilder(MAGIC)
                .append('\n')
                .append("combination=")
                .append(c.name().toLowerCase(Locale.ROOT))
                .append('\n');
        Path dir = file.toAbsolutePath().getParent();
        for (Path m : memberFiles) {
            sb.append("member=").append(dir.relativize(m.toAbsolutePath())).append('\n');
        }
        try {
            AtomicFiles.writeString(file, sb.toString());
        } catch (IOException e) {
            throw new AmdException("cannot write " + file + ": " + e.getMessage());
        }
    }

    public static boolean isEnsemble(Path file) {
        try (var in = Files.newInputStream(file)) {
            return new String(in.readNBytes(MAGIC.length()), StandardCharsets.UTF_8).equals(MAGIC);
        } catch (IOException e) {
            return false;
        }
    }

    public static EnsembleModel load(Path file, Combination override) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new AmdException("cannot read ensemble " + file + ": " + e.getMessage());
        }
        Combination c = Combination.ARITHMETIC;
        List<DnnAcousticModel> members = new ArrayList<>();
        Path dir = file.toAbsolutePath().getParent();
        for (int i = 1; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.startsWith("combination=")) {
                c = Combination.valueOf(l.substring("combination=".length()).toUpperCase(Locale.ROOT));
            } else if (l.startsWith("member=")) {
                Path m = dir.resolve(l.substring("member=".length()));
                if (!Files.exists(m)) {
                    throw new AmdException(
                            "ensemble " + file + " line " + (i + 1) + ": member model " + m + " is missing");
                }
                AcousticModel am = AcousticModelLoader.loadAny(m);
                if (!(am instanceof DnnAcousticModel d)) {
                    throw new AmdException("ensemble member " + m + " is not a DNN model");
                }
                members.add(d);
            }
        }
        return new EnsembleModel(members, override != null ? override : c);
    }
}
