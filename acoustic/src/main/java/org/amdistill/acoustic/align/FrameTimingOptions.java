package org.amdistill.acoustic.align;

import picocli.CommandLine.Option;

/** The frame-time options of every command that writes or reads phone CTMs. */
public final class FrameTimingOptions {
    @Option(names = "--frame-shift", description = "Frame shift in seconds")
    double frameShift = FrameTiming.KALDI.shift();

    @Option(
            names = "--frame-offset",
            description =
                    "Time of the boundary before frame t past t * shift, in CTMs read and written (seconds): "
                            + "0 is Kaldi's convention; (window - shift) / 2 puts it between the two windows' centres, where the change it marks lies in the audio "
                            + "(0.0075 for 25 ms windows every 10 ms), for CTMs in the audio's own terms such as hand labels and TTS timings")
    double frameOffset = FrameTiming.KALDI.offset();

    public FrameTiming timing() {
        return new FrameTiming(frameShift, frameOffset);
    }
}
