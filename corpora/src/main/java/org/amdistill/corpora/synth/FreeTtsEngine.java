package org.amdistill.corpora.synth;

import com.sun.speech.freetts.VoiceManager;
import com.sun.speech.freetts.audio.AudioPlayer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import javax.sound.sampled.AudioFormat;
import org.amdistill.core.audio.AudioData;

/** FreeTTS's kevin16, in process (a Maven dependency, so it is always there). One voice; no phone timing. */
public final class FreeTtsEngine implements TtsEngine {
    private static com.sun.speech.freetts.Voice kevin;

    @Override
    public String name() {
        return "freetts";
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public List<Voice> voices() {
        // One voice: its speakers differ by mean pitch (Hz), one pitch held out for dev and one for test.
        return List.of(
                new Voice("freetts", "kevin16", "p100", 'm', "train"),
                new Voice("freetts", "kevin16", "p120", 'm', "train"),
                new Voice("freetts", "kevin16", "p140", 'm', "dev"),
                new Voice("freetts", "kevin16", "p85", 'm', "test"));
    }

    private static synchronized com.sun.speech.freetts.Voice kevin() throws IOException {
        if (kevin == null) {
            System.setProperty("freetts.voices", "com.sun.speech.freetts.en.us.cmu_us_kal.KevinVoiceDirectory");
            com.sun.speech.freetts.Voice v = VoiceManager.getInstance().getVoice("kevin16");
            if (v == null) {
                throw new IOException("FreeTTS voice kevin16 not found on the class path");
            }
            v.allocate();
            kevin = v;
        }
        return kevin;
    }

    @Override
    public Synthesis synthesize(Voice voice, String text, double rate, double pitch) throws IOException {
        // The FreeTTS voice is a shared, stateful object: one utterance at a time.
        synchronized (FreeTtsEngine.class) {
            com.sun.speech.freetts.Voice v = kevin();
            v.setRate((float) (150 * rate));
            v.setPitch((float) (Integer.parseInt(voice.variant().substring(1)) * pitch));
            Capture cap = new Capture();
            v.setAudioPlayer(cap);
            if (!v.speak(text)) {
                throw new IOException("FreeTTS failed to speak '" + text + "'");
            }
            byte[] b = cap.bytes.toByteArray();
            AudioFormat f = cap.format;
            ByteOrder order = f != null && f.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            ByteBuffer bb = ByteBuffer.wrap(b).order(order);
            float[] x = new float[b.length / 2];
            for (int i = 0; i < x.length; i++) {
                x[i] = bb.getShort(2 * i);
            }
            return new Synthesis(AudioData.mono(f == null ? 16000 : f.getSampleRate(), x), null);
        }
    }

    private static final class Capture implements AudioPlayer {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AudioFormat format;
        float volume = 1f;

        @Override
        public void setAudioFormat(AudioFormat f) {
            format = f;
        }

        @Override
        public AudioFormat getAudioFormat() {
            return format;
        }

        @Override
        public void pause() {}

        @Override
        public void resume() {}

        @Override
        public void reset() {}

        @Override
        public boolean drain() {
            return true;
        }

        @Override
        public void begin(int size) {}

        @Override
        public boolean end() {
            return true;
        }

        @Override
        public void cancel() {}

        @Override
        public void close() {}

        @Override
        public float getVolume() {
            return volume;
        }

        @Override
        public void setVolume(float v) {
            volume = v;
        }

        @Override
        public long getTime() {
            return 0;
        }

        @Override
        public void resetTime() {}

        @Override
        public void startFirstSampleTimer() {}

        @Override
        public boolean write(byte[] b) {
            bytes.write(b, 0, b.length);
            return true;
        }

        @Override
        public boolean write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
            return true;
        }

        @Override
        public void showMetrics() {}
    }
}
