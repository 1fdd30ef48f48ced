package org.amdistill.acoustic.align;

import picocli.CommandLine.Option;

/** The Viterbi options of every command that aligns (align, ali-from-ctm, train-mono). */
public final class ViterbiOptions {
    @Option(names = "--beam", description = "Viterbi beam (log-likelihood units)")
    public double beam = 60;

    @Option(names = "--retry-beam", description = "Beam for a second try when the first finds no path")
    public double retryBeam = 300;

    @Option(
            names = "--acoustic-scale",
            description =
                    "Scale on state log-likelihoods against transition log-probabilities " + "(Kaldi aligns with 0.1)")
    public double acousticScale = 1.0;

    public ViterbiAligner aligner() {
        return new ViterbiAligner(beam, retryBeam, acousticScale);
    }
}
