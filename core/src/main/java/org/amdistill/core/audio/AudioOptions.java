package org.amdistill.core.audio;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * Which channel to use and whether a sample-rate mismatch may be resampled away, with the names, defaults and
 * semantics of Kaldi's compute-fbank-feats: {@code --channel=-1} expects mono and takes the first channel (with a
 * warning) of multi-channel audio; a rate other than the target is an error unless {@code --allow-downsample} or
 * {@code --allow-upsample} asks for resampling (Kaldi's ResampleWaveform filter, see {@link Resampler}).
 */
public final class AudioOptions {
    private static final Logger LOG = LoggerFactory.getLogger(AudioOptions.class);

    @Option(names = "--channel", description = "Channel to extract (-1 -> expect mono, 0 -> left, 1 -> right)")
    public int channel = -1;

    @Option(
            names = "--allow-downsample",
            arity = "0..1",
            fallbackValue = "true",
            description =
                    "If true, allow the input waveform to have a higher frequency than the specified --sample-frequency (and we'll downsample).")
    public boolean allowDownsample = false;

    @Option(
            names = "--allow-upsample",
            arity = "0..1",
            fallbackValue = "true",
            description =
                    "If true, allow the input waveform to have a lower frequency than the specified --sample-frequency (and we'll upsample).")
    public boolean allowUpsample = false;

    /** The chosen channel of {@code audio} at {@code targetRate}; errors name {@code what} (e.g. "utterance 'x'"). */
    public float[] samples(AudioData audio, double targetRate, String what) throws IOException {
        int ch = channel;
        if (channel == -1) {
            ch = 0;
            if (audio.numChannels() != 1) {
                LOG.warn(
                        "{}: channel not specified but the audio has {} channels; defaulting to channel 0",
                        what,
                        audio.numChannels());
            }
        } else if (channel < -1 || channel >= audio.numChannels()) {
            throw new IOException(
                    what + ": --channel=" + channel + " but the audio has " + audio.numChannels() + " channel(s)");
        }
        float[] x = audio.channel(ch);
        double rate = audio.sampleRate();
        if (rate == targetRate) {
            return x;
        }
        if (rate > targetRate && !allowDownsample) {
            throw new IOException(what + ": waveform and config sample frequency mismatch: " + fmt(rate) + " vs. "
                    + fmt(targetRate) + " (use --allow-downsample=true to allow downsampling the waveform)");
        }
        if (rate < targetRate && !allowUpsample) {
            throw new IOException(what + ": waveform and config sample frequency mismatch: " + fmt(rate) + " vs. "
                    + fmt(targetRate) + " (use --allow-upsample=true to allow upsampling the waveform)");
        }
        return Resampler.resample(x, rate, targetRate);
    }

    /** {@link #samples} as mono {@link AudioData} at {@code targetRate}. */
    public AudioData resampled(AudioData audio, double targetRate, String what) throws IOException {
        return AudioData.mono((float) targetRate, samples(audio, targetRate, what));
    }

    private static String fmt(double hz) {
        return hz == Math.rint(hz) ? String.valueOf((long) hz) : String.valueOf(hz);
    }
}
