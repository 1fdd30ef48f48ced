package org.amdistill.frontend;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Log mel filterbank options: Kaldi's FbankOptions, same names and defaults. */
public final class FbankOptions {
    @Mixin
    public FrameExtractionOptions frame = new FrameExtractionOptions();

    @Mixin
    public MelBanksOptions mel = new MelBanksOptions();

    @Option(
            names = "--use-energy",
            arity = "0..1",
            fallbackValue = "true",
            description = "Add an extra dimension with energy to the FBANK output.")
    public boolean useEnergy = false;

    @Option(
            names = "--energy-floor",
            description =
                    "Floor on energy (absolute, not relative) in FBANK computation. Only makes a difference if --use-energy=true; only necessary if --dither=0.0.  Suggested values: 0.1 or 1.0")
    public float energyFloor = 0;

    @Option(
            names = "--raw-energy",
            arity = "0..1",
            fallbackValue = "true",
            description = "If true, compute energy before preemphasis and windowing")
    public boolean rawEnergy = true;

    @Option(
            names = "--htk-compat",
            arity = "0..1",
            fallbackValue = "true",
            description =
                    "If true, put energy last (else first).  Warning: not sufficient to get HTK compatible features (need to change other parameters).")
    public boolean htkCompat = false;

    @Option(
            names = "--use-log-fbank",
            arity = "0..1",
            fallbackValue = "true",
            description = "If true, produce log-filterbank, else produce linear.")
    public boolean useLogFbank = true;

    @Option(
            names = "--use-power",
            arity = "0..1",
            fallbackValue = "true",
            description = "If true, use power, else use magnitude.")
    public boolean usePower = true;

    public int dim() {
        return mel.numBins + (useEnergy ? 1 : 0);
    }

    /** Every option as {@code --name=value}, so that parsing them gives these options back (model files carry them). */
    public List<String> toArgs() {
        List<String> a = new ArrayList<>();
        a.add("--sample-frequency=" + frame.sampleFrequency);
        a.add("--frame-length=" + frame.frameLengthMs);
        a.add("--frame-shift=" + frame.frameShiftMs);
        a.add("--dither=" + frame.dither);
        a.add("--seed=" + frame.seed);
        a.add("--preemphasis-coefficient=" + frame.preemphCoeff);
        a.add("--remove-dc-offset=" + frame.removeDcOffset);
        a.add("--window-type=" + frame.windowType);
        a.add("--round-to-power-of-two=" + frame.roundToPowerOfTwo);
        a.add("--blackman-coeff=" + frame.blackmanCoeff);
        a.add("--snip-edges=" + frame.snipEdges);
        a.add("--num-mel-bins=" + mel.numBins);
        a.add("--low-freq=" + mel.lowFreq);
        a.add("--high-freq=" + mel.highFreq);
        a.add("--use-energy=" + useEnergy);
        a.add("--energy-floor=" + energyFloor);
        a.add("--raw-energy=" + rawEnergy);
        a.add("--htk-compat=" + htkCompat);
        a.add("--use-log-fbank=" + useLogFbank);
        a.add("--use-power=" + usePower);
        return a;
    }
}
