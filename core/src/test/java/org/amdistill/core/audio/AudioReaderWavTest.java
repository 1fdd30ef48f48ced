package org.amdistill.core.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudioReaderWavTest {
    @TempDir
    Path dir;

    private static AudioData read(byte[] b) throws IOException {
        return AudioReader.read(new ByteArrayInputStream(b), "test.wav");
    }

    @Test
    void writerOutputReadsBackExactlyAndAtomically() throws IOException {
        float[] x = {0, 1, -1, 32767, -32768, 1234, -4321};
        Path f = dir.resolve("sub/a.wav");
        WavWriter.write(AudioData.mono(16000, x), f);
        AudioData a = AudioReader.read(Files.newInputStream(f), f.toString());
        assertEquals(16000f, a.sampleRate());
        assertEquals(1, a.numChannels());
        assertArrayEquals(x, a.channel(0));
        assertEquals(44 + 2 * x.length, Files.size(f));
        try (var files = Files.list(f.getParent())) {
            assertEquals(1, files.count(), "no temporary file left beside the output");
        }
        ByteArrayOutputStream os = new ByteArrayOutputStream();
        WavWriter.write(AudioData.mono(16000, x), os);
        assertArrayEquals(Files.readAllBytes(f), os.toByteArray());
    }

    @Test
    void writerClipsAndRoundsAndKeepsChannels() throws IOException {
        AudioData a = new AudioData(8000, new float[][] {{40000f, 1.6f, -2.4f}, {-40000f, 0f, 7f}});
        AudioData b = read(WavWriter.encode(a));
        assertEquals(2, b.numChannels());
        assertArrayEquals(new float[] {32767, 2, -2}, b.channel(0));
        assertArrayEquals(new float[] {-32768, 0, 7}, b.channel(1));
        assertEquals(3 / 8000.0, b.durationSeconds(), 1e-12);
    }

    @Test
    void pcm16StereoIsDeinterleaved() throws IOException {
        byte[] w = new WavBytes()
                .fmt(1, 2, 22050, 16)
                .data(WavBytes.shorts(1, -1, 2, -2, 3, -3))
                .bytes();
        AudioData a = read(w);
        assertEquals(22050f, a.sampleRate());
        assertArrayEquals(new float[] {1, 2, 3}, a.channel(0));
        assertArrayEquals(new float[] {-1, -2, -3}, a.channel(1));
    }

    @Test
    void pcm8And24And32AreScaledTo16BitRange() throws IOException {
        byte[] u8 = {(byte) 128, (byte) 255, 0, (byte) 129};
        assertArrayEquals(
                new float[] {0, 127 * 256f, -128 * 256f, 256f},
                read(new WavBytes().fmt(1, 1, 8000, 8).data(u8).bytes()).channel(0));

        // 24-bit little-endian: 0x000100 = 256 -> 1.0; 0xFFFF00 = -256 -> -1.0; 0x7FFFFF -> 32767.996
        byte[] s24 = {0x00, 0x01, 0x00, 0x00, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F};
        assertArrayEquals(
                new float[] {1f, -1f, 8388607 / 256f},
                read(new WavBytes().fmt(1, 1, 16000, 24).data(s24).bytes()).channel(0));

        ByteBuffer i32 = ByteBuffer.allocate(12)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(65536)
                .putInt(-65536 * 100)
                .putInt(Integer.MIN_VALUE);
        assertArrayEquals(
                new float[] {1f, -100f, -32768f},
                read(new WavBytes().fmt(1, 1, 16000, 32).data(i32.array()).bytes())
                        .channel(0));
    }

    @Test
    void floatFormatsPlainAndExtensible() throws IOException {
        ByteBuffer f32 = ByteBuffer.allocate(12)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putFloat(0.5f)
                .putFloat(-1f)
                .putFloat(0.25f);
        float[] expected = {16384f, -32768f, 8192f};
        assertArrayEquals(
                expected,
                read(new WavBytes().fmt(3, 1, 44100, 32).data(f32.array()).bytes())
                        .channel(0));
        AudioData ext = read(
                new WavBytes().fmtExtensible(3, 1, 44100, 32).data(f32.array()).bytes());
        assertEquals(44100f, ext.sampleRate());
        assertArrayEquals(expected, ext.channel(0));

        ByteBuffer f64 = ByteBuffer.allocate(16)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putDouble(0.5)
                .putDouble(-0.25);
        assertArrayEquals(
                new float[] {16384f, -8192f},
                read(new WavBytes().fmt(3, 1, 8000, 64).data(f64.array()).bytes())
                        .channel(0));

        AudioData extPcm = read(new WavBytes()
                .fmtExtensible(1, 2, 48000, 16)
                .data(WavBytes.shorts(5, 6, 7, 8))
                .bytes());
        assertArrayEquals(new float[] {5, 7}, extPcm.channel(0));
        assertArrayEquals(new float[] {6, 8}, extPcm.channel(1));
    }

    @Test
    void companded8BitAndOddBitDepthsInWholeByteContainers() throws IOException {
        // G.711: mu-law 0xFF/0x7F are zero, 0x80 the largest positive; A-law 0xD5 is the smallest positive step,
        // 0xAA the largest positive, 0x2A the largest negative.
        byte[] mu = {(byte) 0xFF, 0x7F, (byte) 0x80, 0x00};
        assertArrayEquals(
                new float[] {0, 0, 32124, -32124},
                read(new WavBytes().fmt(7, 1, 8000, 8).data(mu).bytes()).channel(0));
        byte[] alaw = {(byte) 0xD5, (byte) 0xAA, 0x2A, 0x55};
        assertArrayEquals(
                new float[] {8, 32256, -32256, -8},
                read(new WavBytes().fmt(6, 1, 8000, 8).data(alaw).bytes()).channel(0));

        // 12-bit samples, left-justified in 2-byte containers (blockAlign 2): read as the 16-bit values they are.
        ByteBuffer f = ByteBuffer.allocate(16)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) 1)
                .putShort((short) 1)
                .putInt(16000)
                .putInt(32000)
                .putShort((short) 2)
                .putShort((short) 12);
        byte[] w = new WavBytes()
                .chunk("fmt ", f.array())
                .data(WavBytes.shorts(16, -32, 2047 * 16))
                .bytes();
        assertArrayEquals(new float[] {16, -32, 2047 * 16}, read(w).channel(0));
    }

    @Test
    void bigEndianRifx() throws IOException {
        byte[] w = new WavBytes(ByteOrder.BIG_ENDIAN)
                .fmt(1, 1, 16000, 16)
                .data(WavBytes.shorts(ByteOrder.BIG_ENDIAN, 300, -300))
                .bytes();
        assertArrayEquals(new float[] {300, -300}, read(w).channel(0));
    }

    @Test
    void unknownChunksAreSkippedIncludingOddSizedPadding() throws IOException {
        byte[] w = new WavBytes()
                .chunk("JUNK", new byte[] {1, 2, 3}) // odd: one pad byte follows
                .fmt(1, 1, 16000, 16)
                .chunk("LIST", "INFOISFT\u0005\0\0\0x".getBytes(StandardCharsets.ISO_8859_1))
                .chunk("fact", new byte[] {4, 0, 0, 0})
                .data(WavBytes.shorts(10, 20, 30))
                .chunk("id3 ", new byte[] {9, 9, 9})
                .bytes();
        assertArrayEquals(new float[] {10, 20, 30}, read(w).channel(0));
    }

    @Test
    void longerFmtChunkWithExtraBytes() throws IOException {
        // A 18-byte fmt (cbSize = 0), as some writers produce.
        ByteBuffer f = ByteBuffer.allocate(18)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) 1)
                .putShort((short) 1)
                .putInt(16000)
                .putInt(32000)
                .putShort((short) 2)
                .putShort((short) 16)
                .putShort((short) 0);
        byte[] w = new WavBytes()
                .chunk("fmt ", f.array())
                .data(WavBytes.shorts(1, 2))
                .bytes();
        assertArrayEquals(new float[] {1, 2}, read(w).channel(0));
    }

    @Test
    void streamingWritersSizesZeroOrAllOnesMeanReadToEnd() throws IOException {
        byte[] samples = WavBytes.shorts(7, 8, 9, 10);
        for (long size : new long[] {0L, 0xFFFFFFFFL}) {
            byte[] w = new WavBytes()
                    .fmt(1, 1, 16000, 16)
                    .chunk("data", samples, size)
                    .riffSize((int) size)
                    .bytes();
            assertArrayEquals(new float[] {7, 8, 9, 10}, read(w).channel(0), "data size " + size);
        }
    }

    @Test
    void aTrailingPartialSampleIsDropped() throws IOException {
        byte[] w = new WavBytes()
                .fmt(1, 2, 16000, 16)
                .data(Arrays.copyOf(WavBytes.shorts(1, 2, 3, 4), 7))
                .bytes();
        assertEquals(1, read(w).numSamples());
    }

    @Test
    void tenMinutesOf16BitAudioReadWhole() throws IOException {
        // One hour at 16 kHz would be 115 MB; ten minutes keeps the test light. The bulk conversion runs at hundreds of
        // MB/s; the time is printed, not asserted (a timed assertion fails on a loaded machine: speed is for
        // benchmarks).
        short[] s = new short[16000 * 600];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) (i * 31);
        }
        ByteBuffer bb = ByteBuffer.allocate(2 * s.length).order(ByteOrder.LITTLE_ENDIAN);
        bb.asShortBuffer().put(s);
        byte[] w = new WavBytes().fmt(1, 1, 16000, 16).data(bb.array()).bytes();
        read(w); // warm-up
        long t0 = System.nanoTime();
        AudioData a = read(w);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(s.length, a.numSamples());
        assertEquals(s[123457], a.channel(0)[123457]);
        assertEquals(s[s.length - 1], a.channel(0)[s.length - 1]);
        System.out.printf("reading 10 minutes of 16-bit audio took %.3f s%n", seconds);
    }
}
