package org.amdistill.recognizer;

import be.tarsos.dsp.AudioDispatcher;
import be.tarsos.dsp.AudioEvent;
import be.tarsos.dsp.AudioProcessor;
import be.tarsos.dsp.io.jvm.AudioDispatcherFactory;
import be.tarsos.dsp.io.jvm.JVMAudioInputStream;
import java.io.File;
import java.io.IOException;
import java.util.function.Consumer;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.amdistill.core.cli.AmdException;

/**
 * Audio for a {@link RecognizerStream} through TarsosDSP's {@link AudioDispatcher}: a microphone line, or a file of
 * any format Java Sound reads, converted by Java Sound to 16-bit mono at the recogniser's rate (its sample-rate and
 * channel conversion), delivered in chunks of a fixed duration. A file goes through exactly the path a microphone
 * does, so a test of it tests the live path up to the sound card.
 */
public final class TarsosAudio {
    private TarsosAudio() {}

    /** 16-bit signed little-endian mono at {@code rate}: what the recogniser is fed. */
    static AudioFormat format(int rate) {
        return new AudioFormat(rate, 16, 1, true, false);
    }

    /** A dispatcher over {@code file}, converted to the recogniser's format, in chunks of {@code chunkSamples}. */
    public static AudioDispatcher fromFile(File file, int rate, int chunkSamples) {
        try {
            AudioInputStream in = AudioSystem.getAudioInputStream(file);
            AudioFormat f = in.getFormat();
            AudioInputStream pcm = in;
            if (!AudioFormat.Encoding.PCM_SIGNED.equals(f.getEncoding())
                    || f.getSampleSizeInBits() != 16
                    || f.isBigEndian()) {
                pcm = AudioSystem.getAudioInputStream(
                        new AudioFormat(f.getSampleRate(), 16, f.getChannels(), true, false), pcm);
            }
            if (pcm.getFormat().getChannels() != 1 || pcm.getFormat().getSampleRate() != rate) {
                pcm = AudioSystem.getAudioInputStream(format(rate), pcm);
            }
            AudioDispatcher d = new AudioDispatcher(new JVMAudioInputStream(pcm), chunkSamples, 0);
            d.setZeroPadLastBuffer(false);
            return d;
        } catch (UnsupportedAudioFileException | IllegalArgumentException e) {
            throw new AmdException(
                    file + ": Java Sound cannot read or convert it to " + rate + " Hz mono (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new AmdException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** A dispatcher over the default microphone at {@code rate}. */
    public static AudioDispatcher fromMicrophone(int rate, int chunkSamples) {
        try {
            return AudioDispatcherFactory.fromDefaultMicrophone(rate, chunkSamples, 0);
        } catch (LineUnavailableException | IllegalArgumentException e) {
            throw new AmdException(
                    "no microphone line at " + rate + " Hz, 16-bit mono (no sound card here?): " + e.getMessage());
        }
    }

    /**
     * Feeds {@code stream} from {@code dispatcher} (TarsosDSP's floats, full scale 1, back to 16-bit scale) and
     * calls {@code afterChunk} after each chunk (for partial results); runs on the calling thread until the audio
     * ends or {@code dispatcher.stop()}.
     */
    public static void feed(
            AudioDispatcher dispatcher, RecognizerStream stream, Consumer<RecognizerStream> afterChunk) {
        dispatcher.addAudioProcessor(new AudioProcessor() {
            @Override
            public boolean process(AudioEvent e) {
                float[] f = e.getFloatBuffer();
                float[] x = new float[f.length];
                for (int i = 0; i < f.length; i++) {
                    x[i] = Math.round(f[i] * 32767f); // the source is 16-bit: back to its integers exactly
                }
                stream.accept(x);
                afterChunk.accept(stream);
                return true;
            }

            @Override
            public void processingFinished() {}
        });
        dispatcher.run();
    }
}
