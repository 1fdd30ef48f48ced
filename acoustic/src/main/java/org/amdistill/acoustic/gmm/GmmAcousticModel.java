package org.amdistill.acoustic.gmm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.amdistill.acoustic.AcousticModel;
import org.amdistill.acoustic.hmm.HmmModel;
import org.amdistill.acoustic.hmm.HmmStateInventory;
import org.amdistill.acoustic.hmm.TransitionModel;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.io.AtomicFiles;
import org.amdistill.core.table.Matrix;

/**
 * A monophone GMM-HMM: its feature transform, state inventory, transition model and one diagonal GMM per pdf.
 * The file is text, in sections, and describes itself: nothing else is needed to align with it.
 */
public final class GmmAcousticModel implements AcousticModel, HmmModel {
    static final String MAGIC = "amdistill-gmm-model 1";
    public final GmmFeatures features;
    public final HmmStateInventory inventory;
    public final TransitionModel transitions;
    public final DiagGmmSet gmms;

    public GmmAcousticModel(
            GmmFeatures features, HmmStateInventory inventory, TransitionModel transitions, DiagGmmSet gmms) {
        this.features = features;
        this.inventory = inventory;
        this.transitions = transitions;
        this.gmms = gmms;
    }

    @Override
    public HmmStateInventory inventory() {
        return inventory;
    }

    @Override
    public TransitionModel transitions() {
        return transitions;
    }

    @Override
    public int numPdfs() {
        return inventory.numPdfs();
    }

    @Override
    public Matrix logLikelihoods(Matrix fbank) {
        return gmms.logLikelihoods(features.compute(fbank));
    }

    /** Posteriors under a flat prior: the likelihoods normalised per frame. */
    @Override
    public Matrix logPosteriors(Matrix fbank) {
        Matrix ll = logLikelihoods(fbank);
        int n = numPdfs();
        float[] d = ll.data();
        for (int t = 0; t < ll.rows(); t++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int p = 0; p < n; p++) {
                max = Math.max(max, d[t * n + p]);
            }
            double s = 0;
            for (int p = 0; p < n; p++) {
                s += Math.exp(d[t * n + p] - max);
            }
            double lse = max + Math.log(s);
            for (int p = 0; p < n; p++) {
                d[t * n + p] -= (float) lse;
            }
        }
        return ll;
    }

    @Override
    public float[] logPriors() {
        float[] p = new float[numPdfs()];
        Arrays.fill(p, (float) -Math.log(numPdfs()));
        return p;
    }

    public void save(Path file) {
        StringBuilder sb = new StringBuilder(MAGIC).append('\n');
        sb.append("[features]\nnum-ceps=")
                .append(features.numCeps())
                .append(" lifter=")
                .append(features.lifter())
                .append(" delta-order=")
                .append(features.deltaOrder())
                .append('\n');
        sb.append("[inventory]\n").append(inventory.toText());
        sb.append("[transitions]\n").append(transitions.toText());
        sb.append("[gmm]\n").append(gmms.toText());
        try {
            Path abs = file.toAbsolutePath();
            Files.createDirectories(abs.getParent());
            Path tmp = AtomicFiles.tempBeside(abs);
            Files.writeString(tmp, sb.toString(), StandardCharsets.UTF_8);
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new AmdException("cannot write model " + file + ": " + e.getMessage());
        }
    }

    public static boolean isGmmModel(Path file) {
        try (var in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes(MAGIC.length());
            return new String(b, StandardCharsets.UTF_8).equals(MAGIC);
        } catch (IOException e) {
            return false;
        }
    }

    public static GmmAcousticModel load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new AmdException("cannot read model " + file + ": " + e.getMessage());
        }
        if (!text.startsWith(MAGIC)) {
            throw new AmdException(file + " is not a GMM model (no '" + MAGIC + "' header)");
        }
        Map<String, StringBuilder> sections = new LinkedHashMap<>();
        StringBuilder cur = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("[") && line.endsWith("]")) {
                cur = new StringBuilder();
                sections.put(line.substring(1, line.length() - 1), cur);
            } else if (cur != null) {
                cur.append(line).append('\n');
            }
        }
        for (String s : new String[] {"features", "inventory", "transitions", "gmm"}) {
            if (!sections.containsKey(s)) {
                throw new AmdException("model " + file + " is corrupt: no [" + s + "] section");
            }
        }
        try {
            String[] f = sections.get("features").toString().strip().split(" ");
            // delta-order came later: a model without it has Kaldi's deltas and accelerations
            int deltaOrder = f.length > 2 && f[2].startsWith("delta-order=") ? Integer.parseInt(f[2].split("=")[1]) : 2;
            GmmFeatures feats = new GmmFeatures(
                    Integer.parseInt(f[0].split("=")[1]), Double.parseDouble(f[1].split("=")[1]), deltaOrder);
            HmmStateInventory inv =
                    HmmStateInventory.fromText(sections.get("inventory").toString());
            TransitionModel tm =
                    TransitionModel.fromText(inv, sections.get("transitions").toString());
            DiagGmmSet g = DiagGmmSet.fromText(sections.get("gmm").toString());
            if (g.numPdfs() != inv.numPdfs()) {
                throw new AmdException("model " + file + ": " + g.numPdfs() + " GMMs for " + inv.numPdfs() + " pdfs");
            }
            return new GmmAcousticModel(feats, inv, tm, g);
        } catch (RuntimeException e) {
            if (e instanceof AmdException) {
                throw e;
            }
            throw new AmdException("model " + file + " is corrupt: " + e);
        }
    }
}
