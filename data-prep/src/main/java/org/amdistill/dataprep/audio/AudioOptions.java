package org.amdistill.dataprep.audio;

import java.io.IOException;
import picocli.CommandLine.Option;

/**
 * Which channel to use and whether a sample-rate mismatch may be resampled away, as in Kaldi's
 * compute-fbank-feats (there a mismatch is an error unless --allow-downsample/--allow-upsample).
 */
public final class AudioOptions {
    @Option(names = "--channel", description = "Channel to extract (-1 -> expect mono, 0 -> left, 1 -> right)")
    public int channel = -1;

    @Option(names = "--allow-downsample", arity = "0..1", fallbackValue = "true",
            description = "If true, allow the input waveform to have a higher frequency than the specified --sample-frequency (we will downsample)")
    public boolean allowDownsample = false;

    @Option(names = "--allow-upsample", arity = "0..1", fallbackValue = "true",
            description = "If true, allow the input waveform to have a lower frequency than the specified --sample-frequency (we will upsample)")
    public boolean allowUpsample = false;

    /** The chosen channel of {@code audio} at {@code targetRate}, or an error naming {@code what}. */
    public float[] samples(AudioData audio, double targetRate, String what) throws IOException {
        // -1: Kaldi expects mono and, for multi-channel input, takes the first channel with a warning.
        int ch = channel == -1 ? 0 : channel;
        if (ch < 0 || ch >= audio.numChannels()) {
            throw new IOException(what + ": --channel=" + channel + " but the audio has " + audio.numChannels() + " channel(s)");
        }
        float[] x = audio.channel(ch);
        double rate = audio.sampleRate();
        if (rate == targetRate) {
            return x;
        }
        if (rate > targetRate && !allowDownsample) {
            throw new IOException(what + ": sample frequency " + (int) rate + " Hz is higher than --sample-frequency="
                    + (int) targetRate + " (use --allow-downsample=true to resample)");
        }
        if (rate < targetRate && !allowUpsample) {
            throw new IOException(what + ": sample frequency " + (int) rate + " Hz is lower than --sample-frequency="
                    + (int) targetRate + " (use --allow-upsample=true to resample)");
        }
        return Resampler.resample(x, rate, targetRate);
    }
}
