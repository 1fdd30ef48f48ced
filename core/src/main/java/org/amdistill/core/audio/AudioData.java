package org.amdistill.core.audio;

/**
 * Decoded audio: per-channel samples in 16-bit integer scale (a full-scale 16-bit sample is 32767), as Kaldi's
 * WaveData holds them, so that features match Kaldi's for the same file whatever its sample format.
 */
public final class AudioData {
    private final float sampleRate;
    private final float[][] channels;

    public AudioData(float sampleRate, float[][] channels) {
        if (channels.length == 0) {
            throw new IllegalArgumentException("audio with no channels");
        }
        for (float[] c : channels) {
            if (c.length != channels[0].length) {
                throw new IllegalArgumentException(
                        "channels of different lengths: " + c.length + " and " + channels[0].length);
            }
        }
        if (!(sampleRate > 0)) {
            throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        }
        this.sampleRate = sampleRate;
        this.channels = channels;
    }

    public static AudioData mono(float sampleRate, float[] samples) {
        return new AudioData(sampleRate, new float[][] {samples});
    }

    public float sampleRate() {
        return sampleRate;
    }

    public int numChannels() {
        return channels.length;
    }

    public int numSamples() {
        return channels[0].length;
    }

    /** Channel {@code c}'s samples (the array itself, not a copy). */
    public float[] channel(int c) {
        return channels[c];
    }

    public double durationSeconds() {
        return numSamples() / (double) sampleRate;
    }
}
