package org.amdistill.core.audio;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.amdistill.core.io.AtomicFiles;

/** Writes 16-bit PCM WAV (mono or interleaved multi-channel), samples in 16-bit integer scale, clipped. */
public final class WavWriter {
    private WavWriter() {}

    /**
     * The whole WAV file as bytes. Samples are rounded to the nearest integer and clipped to 16 bits (Kaldi's writer
     * truncates toward zero; rounding halves the quantisation error and agrees on integer-valued audio).
     */
    public static byte[] encode(AudioData a) {
        int ch = a.numChannels();
        int n = a.numSamples();
        long dataBytes = 2L * n * ch;
        if (dataBytes > Integer.MAX_VALUE - 44) {
            throw new IllegalArgumentException(
                    "audio too long for one WAV file: " + n + " samples x " + ch + " channels");
        }
        int rate = Math.round(a.sampleRate());
        byte[] out = new byte[44 + (int) dataBytes];
        ByteBuffer bb = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        bb.put("RIFF".getBytes(StandardCharsets.US_ASCII))
                .putInt(36 + (int) dataBytes)
                .put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII))
                .putInt(16)
                .putShort((short) 1)
                .putShort((short) ch)
                .putInt(rate)
                .putInt(rate * ch * 2)
                .putShort((short) (ch * 2))
                .putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII))
                .putInt((int) dataBytes);
        for (int c = 0; c < ch; c++) {
            float[] x = a.channel(c);
            for (int i = 0, p = 44 + 2 * c; i < n; i++, p += 2 * ch) {
                int v = Math.max(-32768, Math.min(32767, Math.round(x[i])));
                out[p] = (byte) v;
                out[p + 1] = (byte) (v >> 8);
            }
        }
        return out;
    }

    public static void write(AudioData a, OutputStream out) throws IOException {
        out.write(encode(a));
    }

    /** Writes atomically: a temporary file beside {@code file}, then a rename. */
    public static void write(AudioData a, Path file) throws IOException {
        Path abs = file.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        Path tmp = AtomicFiles.tempBeside(abs);
        try {
            Files.write(tmp, encode(a));
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
