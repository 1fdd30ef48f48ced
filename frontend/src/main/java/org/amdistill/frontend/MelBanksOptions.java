package org.amdistill.frontend;

import picocli.CommandLine.Option;

/** The triangular mel filterbank: Kaldi's MelBanksOptions (VTLN warping is not supported). */
public final class MelBanksOptions {
    @Option(names = "--num-mel-bins", description = "Number of triangular mel-frequency bins")
    public int numBins = 23;

    @Option(names = "--low-freq", description = "Low cutoff frequency for mel bins")
    public float lowFreq = 20;

    @Option(names = "--high-freq", description = "High cutoff frequency for mel bins (if <= 0, offset from Nyquist)")
    public float highFreq = 0;
}
