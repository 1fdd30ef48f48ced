package org.amdistill.acoustic.align;

import picocli.CommandLine.Option;

/** The frame-time options of every command that writes or reads phone CTMs. */
public final class FrameTimingOptions {
    @Option(names = "--frame-shift", description = "Frame shift in seconds")
    double frameShift = FrameTiming.DEFAULT.shift();

    @Option(names = "--frame-offset", description = "Time of the boundary between frames t-1 and t past t * shift, in seconds: "
            + "(window - shift) / 2 puts it between the two windows' centres (7.5 ms for 25 ms windows with snip-edges); 0 writes Kaldi's t * shift")
    double frameOffset = FrameTiming.DEFAULT.offset();

    public FrameTiming timing() {
        return new FrameTiming(frameShift, frameOffset);
    }
}
