package org.amdistill.frontend;

import picocli.CommandLine.Option;

/** Kaldi's SlidingWindowCmnOptions (apply-cmvn-sliding): same names, defaults and meaning. */
public final class SlidingCmnOptions {
    @Option(names = "--cmn-window", description = "Window in frames for running average CMN computation")
    public int cmnWindow = 600;

    @Option(
            names = "--min-cmn-window",
            description = "Minimum CMN window used at start of decoding (adds latency only at start). "
                    + "Only applicable if center == false, ignored if center==true")
    public int minWindow = 100;

    @Option(
            names = "--center",
            arity = "0..1",
            fallbackValue = "true",
            description =
                    "If true, use a window centered on the current frame (to the extent possible, modulo end effects). "
                            + "If false, window is to the left.")
    public boolean center = false;

    @Option(
            names = "--norm-vars",
            arity = "0..1",
            fallbackValue = "true",
            description = "If true, normalize variance to one.")
    public boolean normVars = false;

    /** Kaldi's Check(), with a message naming the option. */
    public void validate() {
        if (cmnWindow <= 0) {
            throw new IllegalArgumentException("--cmn-window must be > 0, got " + cmnWindow);
        }
        if (center && (minWindow <= 0 || minWindow > cmnWindow)) {
            throw new IllegalArgumentException(
                    "--min-cmn-window must be in 1..--cmn-window with --center, got " + minWindow);
        }
    }

    public SlidingCmnOptions copy() {
        SlidingCmnOptions o = new SlidingCmnOptions();
        o.cmnWindow = cmnWindow;
        o.minWindow = minWindow;
        o.center = center;
        o.normVars = normVars;
        return o;
    }

    public String describe() {
        return "--cmn-window=" + cmnWindow + " --min-cmn-window=" + minWindow + " --center=" + center + " --norm-vars="
                + normVars;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SlidingCmnOptions s
                && s.cmnWindow == cmnWindow
                && s.minWindow == minWindow
                && s.center == center
                && s.normVars == normVars;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(cmnWindow, minWindow, center, normVars);
    }
}
