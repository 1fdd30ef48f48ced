package org.amdistill.frontend;

import java.util.Map;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.table.Matrix;

/**
 * How a model normalises an utterance's features by itself, without speaker statistics: not at all, by the
 * utterance's own mean (and variance), or by Kaldi's sliding window ({@code apply-cmvn-sliding}), which a
 * streaming recogniser can apply as audio arrives. Training and recognition call the same {@link #apply}.
 */
public record ModelCmvn(Cmvn.Mode mode, SlidingCmnOptions sliding) {
    public static final ModelCmvn NONE = new ModelCmvn(Cmvn.Mode.NONE, null);

    public ModelCmvn {
        if (mode == Cmvn.Mode.SLIDING) {
            if (sliding == null) {
                throw new IllegalArgumentException("sliding CMN needs its options");
            }
            sliding.validate();
            sliding = sliding.copy();
        } else {
            sliding = null;
        }
    }

    public static ModelCmvn of(Cmvn.Mode mode) {
        return new ModelCmvn(mode, mode == Cmvn.Mode.SLIDING ? new SlidingCmnOptions() : null);
    }

    /** The mode named as train-dnn's --cmvn names it: none, mean, mean_var, sliding. */
    public static ModelCmvn parse(String name, SlidingCmnOptions sliding) {
        return switch (name) {
            case "none" -> NONE;
            case "mean" -> of(Cmvn.Mode.MEAN);
            case "mean_var" -> of(Cmvn.Mode.MEAN_VAR);
            case "sliding" -> new ModelCmvn(Cmvn.Mode.SLIDING, sliding);
            default -> throw new AmdException("--cmvn must be none, mean, mean_var or sliding, got '" + name + "'");
        };
    }

    /** Whether a frame's normalisation is known before the utterance ends (so a stream can emit it early). */
    public boolean online() {
        return mode == Cmvn.Mode.NONE || mode == Cmvn.Mode.SLIDING;
    }

    /** Normalises {@code feats}: in place for the per-utterance modes; returns the normalised matrix. */
    public Matrix apply(Matrix feats) {
        if (mode == Cmvn.Mode.SLIDING) {
            return feats.rows() == 0 ? feats : SlidingCmn.apply(sliding, feats);
        }
        mode.applyPerUtterance(feats);
        return feats;
    }

    public String describe() {
        return mode.name().toLowerCase(java.util.Locale.ROOT) + (sliding != null ? " " + sliding.describe() : "");
    }

    /** Writes the mode as model-file properties ({@code cmvn}, and {@code cmvn-sliding} for the sliding window). */
    public void store(Map<String, String> p) {
        p.put("cmvn", mode.name());
        if (sliding != null) {
            p.put("cmvn-sliding", sliding.describe());
        }
    }

    /** Reads what {@link #store} wrote. */
    public static ModelCmvn load(Map<String, String> p, String source) {
        String m = p.get("cmvn");
        if (m == null) {
            throw new AmdException(source + ": no cmvn entry (not a model file?)");
        }
        Cmvn.Mode mode;
        try {
            mode = Cmvn.Mode.valueOf(m);
        } catch (IllegalArgumentException e) {
            throw new AmdException(source + ": unknown cmvn mode '" + m + "' (written by a newer version?)");
        }
        if (mode != Cmvn.Mode.SLIDING) {
            return new ModelCmvn(mode, null);
        }
        SlidingCmnOptions o = new SlidingCmnOptions();
        FrontEnd.parseOptions(o, p.getOrDefault("cmvn-sliding", ""), source + " cmvn-sliding");
        return new ModelCmvn(mode, o);
    }
}
