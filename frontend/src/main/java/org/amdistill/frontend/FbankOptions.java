package org.amdistill.frontend;

import java.util.Locale;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Log mel filterbank options: Kaldi's FbankOptions, same names and defaults. */
public final class FbankOptions {
    @Mixin
    public FrameExtractionOptions frame = new FrameExtractionOptions();

    @Mixin
    public MelBanksOptions mel = new MelBanksOptions();

    @Option(names = "--use-energy", arity = "0..1", fallbackValue = "true", description = "Add an extra dimension with energy to the FBANK output.")
    public boolean useEnergy = false;

    @Option(names = "--energy-floor", description = "Floor on energy (absolute, not relative) in FBANK computation. Only makes a difference if --use-energy=true; only necessary if --dither=0.0.  Suggested values: 0.1 or 1.0")
    public float energyFloor = 0;

    @Option(names = "--raw-energy", arity = "0..1", fallbackValue = "true", description = "If true, compute energy before preemphasis and windowing")
    public boolean rawEnergy = true;

    @Option(names = "--htk-compat", arity = "0..1", fallbackValue = "true", description = "If true, put energy last (else first).  Warning: not sufficient to get HTK compatible features (need to change other parameters).")
    public boolean htkCompat = false;

    @Option(names = "--use-log-fbank", arity = "0..1", fallbackValue = "true", description = "If true, produce log-filterbank, else produce linear.")
    public boolean useLogFbank = true;

    @Option(names = "--use-power", arity = "0..1", fallbackValue = "true", description = "If true, use power, else use magnitude.")
    public boolean usePower = true;

    public int dim() {
        return mel.numBins + (useEnergy ? 1 : 0);
    }

    /** A one-line description that travels inside model files, so features can be recomputed the same way. */
    public String describe() {
        return String.format(Locale.ROOT,
                "--sample-frequency=%s --frame-length=%s --frame-shift=%s --num-mel-bins=%d --low-freq=%s --high-freq=%s "
                        + "--window-type=%s --preemphasis-coefficient=%s --remove-dc-offset=%b --round-to-power-of-two=%b "
                        + "--snip-edges=%b --use-energy=%b --raw-energy=%b --htk-compat=%b --use-log-fbank=%b --use-power=%b --energy-floor=%s",
                frame.sampleFrequency, frame.frameLengthMs, frame.frameShiftMs, mel.numBins, mel.lowFreq, mel.highFreq,
                frame.windowType, frame.preemphCoeff, frame.removeDcOffset, frame.roundToPowerOfTwo, frame.snipEdges,
                useEnergy, rawEnergy, htkCompat, useLogFbank, usePower, energyFloor);
    }
}
