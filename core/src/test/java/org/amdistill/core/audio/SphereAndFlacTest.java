package org.amdistill.core.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.amdistill.core.DebianPackages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SphereAndFlacTest {
    @TempDir
    Path dir;

    /** A TIMIT-style SPHERE header padded to 1024 bytes. */
    static byte[] sphereHeader(String... fields) {
        StringBuilder h = new StringBuilder("NIST_1A\n   1024\n");
        for (String f : fields) {
            h.append(f).append('\n');
        }
        h.append("end_head\n");
        byte[] b = Arrays.copyOf(h.toString().getBytes(StandardCharsets.US_ASCII), 1024);
        Arrays.fill(b, h.length(), 1024, (byte) ' ');
        return b;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    static byte[] timit(int... samples) {
        return concat(
                sphereHeader(
                        "database_id -s5 TIMIT",
                        "database_version -s3 1.0",
                        "utterance_id -s8 aks0_sa1",
                        "channel_count -i 1",
                        "sample_count -i " + samples.length,
                        "sample_rate -i 16000",
                        "sample_min -i -6967",
                        "sample_max -i 7710",
                        "sample_n_bytes -i 2",
                        "sample_byte_format -s2 01",
                        "sample_sig_bits -i 16"),
                WavBytes.shorts(samples));
    }

    private static AudioData read(byte[] b, String name) throws IOException {
        return AudioReader.read(new ByteArrayInputStream(b), name);
    }

    private static String error(byte[] b, String name) {
        String m = assertThrows(IOException.class, () -> read(b, name)).getMessage();
        assertTrue(m.startsWith(name + ": "), "error names the file: " + m);
        return m;
    }

    @Test
    void timitSphere() throws IOException {
        AudioData a = read(timit(1, -2, 3, 32767, -32768), "SA1.WAV");
        assertEquals(16000f, a.sampleRate());
        assertArrayEquals(new float[] {1, -2, 3, 32767, -32768}, a.channel(0));
    }

    @Test
    void sphereBigEndianStereoAndMuLaw() throws IOException {
        byte[] be = concat(
                sphereHeader(
                        "channel_count -i 2",
                        "sample_count -i 2",
                        "sample_rate -r 8000.0",
                        "sample_n_bytes -i 2",
                        "sample_byte_format -s2 10",
                        "sample_coding -s3 pcm"),
                WavBytes.shorts(ByteOrder.BIG_ENDIAN, 100, -100, 200, -200));
        AudioData a = read(be, "x.sph");
        assertEquals(8000f, a.sampleRate());
        assertArrayEquals(new float[] {100, 200}, a.channel(0));
        assertArrayEquals(new float[] {-100, -200}, a.channel(1));

        // mu-law: 0xFF and 0x7F are the two zeros, 0x80 is the largest positive value, 0x00 the largest negative.
        byte[] ulaw = concat(
                sphereHeader(
                        "channel_count -i 1",
                        "sample_count -i 4",
                        "sample_rate -i 8000",
                        "sample_n_bytes -i 1",
                        "sample_coding -s4 ulaw"),
                new byte[] {(byte) 0xFF, 0x7F, (byte) 0x80, 0x00});
        assertArrayEquals(new float[] {0, 0, 32124, -32124}, read(ulaw, "u.sph").channel(0));
    }

    @Test
    void sphereReadsLikeSoxWritesIt() throws IOException, InterruptedException {
        DebianPackages.assume(hasSox(), "sox", "it writes the SPHERE and FLAC fixtures");
        float[] x = signal(16000, 3);
        Path wav = dir.resolve("a.wav");
        WavWriter.write(AudioData.mono(16000, x), wav);
        Path sph = dir.resolve("a.sph");
        sox(wav.toString(), sph.toString());
        AudioData a = AudioReader.read(Files.newInputStream(sph), sph.toString());
        assertEquals(16000f, a.sampleRate());
        assertArrayEquals(x, a.channel(0));
    }

    @Test
    void wavSampleFormatsWrittenBySoxReadLikeSoxsOwn16BitConversion() throws Exception {
        DebianPackages.assume(hasSox(), "sox", "it writes the SPHERE and FLAC fixtures");
        Path base = dir.resolve("base.wav");
        WavWriter.write(new AudioData(16000, new float[][] {signal(16000, 0.5), signal(16000, 0.5)}), base);
        List<List<String>> formats = List.of(
                List.of("-b", "8"),
                List.of("-b", "24"),
                List.of("-b", "32"),
                List.of("-e", "floating-point", "-b", "32"),
                List.of("-e", "floating-point", "-b", "64"),
                List.of("-e", "a-law"),
                List.of("-e", "u-law"),
                List.of("-c", "1", "-r", "8000"));
        for (List<String> format : formats) {
            Path exotic = dir.resolve("exotic.wav");
            List<String> args = new ArrayList<>(List.of(base.toString()));
            args.addAll(format);
            args.add(exotic.toString());
            sox(args.toArray(String[]::new));
            Path back = dir.resolve("back.wav");
            sox("-D", exotic.toString(), "-b", "16", "-e", "signed-integer", back.toString());
            AudioData ours = AudioReader.read(Files.newInputStream(exotic), exotic.toString());
            AudioData soxs = AudioReader.read(Files.newInputStream(back), back.toString());
            assertEquals(soxs.sampleRate(), ours.sampleRate(), format.toString());
            assertEquals(soxs.numChannels(), ours.numChannels(), format.toString());
            for (int c = 0; c < ours.numChannels(); c++) {
                assertEquals(soxs.numSamples(), ours.numSamples(), format.toString());
                for (int i = 0; i < ours.numSamples(); i++) {
                    assertEquals(
                            soxs.channel(c)[i], ours.channel(c)[i], 1.0, format + " channel " + c + " sample " + i);
                }
            }
        }
    }

    @Test
    void badSphereHeaders() {
        assertTrue(error(
                        concat(
                                sphereHeader("sample_count -i 5", "sample_rate -i 16000", "sample_n_bytes -i 2"),
                                WavBytes.shorts(1, 2)),
                        "short.sph")
                .contains("sample_count 5"));
        assertTrue(error(
                        concat(
                                sphereHeader(
                                        "sample_count -i 2",
                                        "sample_rate -i 16000",
                                        "sample_coding -s26 pcm,embedded-shorten-v1.1"),
                                new byte[10]),
                        "sx1.sph")
                .contains("sph2pipe"));
        assertTrue(error(concat(sphereHeader("sample_count -i many", "sample_rate -i 16000"), new byte[4]), "bad.sph")
                .contains("sample_count 'many'"));
        assertTrue(error(concat(sphereHeader("sample_count -i 2"), new byte[4]), "norate.sph")
                .contains("sample_rate"));
        byte[] noEnd = "NIST_1A\n   1024\nsample_rate -i 16000\n".getBytes(StandardCharsets.US_ASCII);
        assertTrue(error(concat(Arrays.copyOf(noEnd, 1024), new byte[4]), "noend.sph")
                .contains("end_head"));
        assertTrue(error("NIST_1A\n   abc\n".getBytes(StandardCharsets.US_ASCII), "size.sph")
                .contains("'abc'"));
        assertTrue(error("NIST_1A\n   1024\nsample_rate".getBytes(StandardCharsets.US_ASCII), "trunc.sph")
                .contains("header size 1024"));
        assertTrue(error(concat(sphereHeader("sample_rate -i 16000", "garbage"), new byte[4]), "line.sph")
                .contains("'garbage'"));
    }

    // ---- FLAC (decoded by jFLAC), checked against files made by sox ----

    static boolean hasSox() {
        try {
            return new ProcessBuilder("sox", "--version")
                            .redirectErrorStream(true)
                            .start()
                            .waitFor()
                    == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static void sox(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("sox", "-q"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "sox " + cmd + ": " + out);
    }

    /** Speech-like test signal: a few harmonics plus noise, 16-bit range. */
    static float[] signal(int rate, double seconds) {
        Random r = new Random(7);
        float[] x = new float[(int) (rate * seconds)];
        for (int i = 0; i < x.length; i++) {
            double t = i / (double) rate;
            x[i] = Math.round(8000 * Math.sin(2 * Math.PI * 220 * t)
                    + 3000 * Math.sin(2 * Math.PI * 1330 * t)
                    + 500 * r.nextGaussian());
        }
        return x;
    }

    private AudioData flacOf(AudioData a, String... soxOutputOptions) throws IOException, InterruptedException {
        Path wav = dir.resolve("in.wav");
        WavWriter.write(a, wav);
        Path flac = dir.resolve("out.flac");
        List<String> args = new ArrayList<>(List.of(wav.toString()));
        args.addAll(List.of(soxOutputOptions));
        args.add(flac.toString());
        sox(args.toArray(String[]::new));
        byte[] b = Files.readAllBytes(flac);
        assertEquals("fLaC", new String(b, 0, 4, StandardCharsets.US_ASCII));
        try (InputStream in = Files.newInputStream(flac)) {
            return AudioReader.read(in, flac.toString());
        }
    }

    @Test
    void flac16BitMonoIsLossless() throws Exception {
        DebianPackages.assume(hasSox(), "sox", "it writes the SPHERE and FLAC fixtures");
        float[] x = signal(16000, 5.3);
        AudioData a = flacOf(AudioData.mono(16000, x));
        assertEquals(16000f, a.sampleRate());
        assertEquals(1, a.numChannels());
        assertArrayEquals(x, a.channel(0));
    }

    @Test
    void flac24BitStereoAndOtherRates() throws Exception {
        DebianPackages.assume(hasSox(), "sox", "it writes the SPHERE and FLAC fixtures");
        float[] left = signal(44100, 1.1);
        float[] right = new float[left.length];
        for (int i = 0; i < right.length; i++) {
            right[i] = -left[i] / 2 + (i % 7);
        }
        right[5] = Math.round(right[5]);
        for (int i = 0; i < right.length; i++) {
            right[i] = Math.round(right[i]);
        }
        AudioData a = flacOf(new AudioData(44100, new float[][] {left, right}), "-b", "24");
        assertEquals(44100f, a.sampleRate());
        assertEquals(2, a.numChannels());
        assertArrayEquals(left, a.channel(0)); // 16 -> 24 bits is exact, and we scale back to 16-bit range
        assertArrayEquals(right, a.channel(1));
    }

    @Test
    void flac8Bit() throws Exception {
        DebianPackages.assume(hasSox(), "sox", "it writes the SPHERE and FLAC fixtures");
        float[] x = signal(8000, 0.5);
        AudioData a = flacOf(AudioData.mono(8000, x), "-b", "8", "-D");
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i], a.channel(0)[i], 256, "sample " + i);
        }
    }

    @Test
    void flacEveryCompressionLevelStereoSilenceAndWastedBitsAgreeWithJflac() throws Exception {
        DebianPackages.assume(hasSox(), "sox", "it writes the SPHERE and FLAC fixtures");
        float[] left = signal(16000, 1.7);
        float[] right = new float[left.length];
        for (int i = 0; i < left.length; i++) {
            right[i] = i < 4000
                    ? 0
                    : i < 12000 ? 4 * Math.round(left[i] / 8) : Math.round(0.9f * left[i]) + 3; // silence, wasted bits
        }
        AudioData stereo = new AudioData(16000, new float[][] {left, right});
        AudioData mono = AudioData.mono(16000, right);
        for (int level = 0; level <= 8; level++) {
            for (AudioData in : List.of(stereo, mono)) {
                AudioData a = flacOf(in, "-C", String.valueOf(level));
                byte[] flac = Files.readAllBytes(dir.resolve("out.flac"));
                AudioData ref = JflacReference.decode(new ByteArrayInputStream(flac), "ref");
                for (int c = 0; c < in.numChannels(); c++) {
                    assertArrayEquals(in.channel(c), a.channel(c), "level " + level + " channel " + c);
                    assertArrayEquals(ref.channel(c), a.channel(c), "jFLAC, level " + level + " channel " + c);
                }
            }
        }
    }

    @Test
    void flacAt24BitsAllLevels() throws Exception {
        DebianPackages.assume(hasSox(), "sox", "it writes the SPHERE and FLAC fixtures");
        float[] x = signal(22050, 0.9);
        for (int level : new int[] {0, 5, 8}) {
            assertArrayEquals(
                    x,
                    flacOf(AudioData.mono(22050, x), "-b", "24", "-C", String.valueOf(level))
                            .channel(0));
        }
    }

    @Test
    void flacWithUnknownLengthOrAnId3TagInFront() throws Exception {
        DebianPackages.assume(hasSox(), "sox", "it writes the SPHERE and FLAC fixtures");
        float[] x = signal(16000, 9.5); // longer than the first guess of the output size when the length is unknown
        flacOf(AudioData.mono(16000, x));
        byte[] flac = Files.readAllBytes(dir.resolve("out.flac"));
        // STREAMINFO's 36-bit total-samples field (0 = unknown, as streaming encoders write) sits at bytes 21.5-25.
        byte[] unknown = flac.clone();
        unknown[21] &= (byte) 0xF0;
        unknown[22] = 0;
        unknown[23] = 0;
        unknown[24] = 0;
        unknown[25] = 0;
        assertArrayEquals(x, read(unknown, "unknown.flac").channel(0));

        byte[] id3 = concat(new byte[] {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 20}, new byte[20], flac);
        assertArrayEquals(x, read(id3, "tagged.flac").channel(0));
        String mp3 = error(
                concat(new byte[] {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 2}, new byte[2], new byte[] {
                    (byte) 0xFF, (byte) 0xFB, 0, 0
                }),
                "song.mp3");
        assertTrue(mp3.contains("not a WAV, NIST SPHERE or FLAC file"), mp3);
    }

    @Test
    void corruptAndTruncatedFlac() throws Exception {
        DebianPackages.assume(hasSox(), "sox", "it writes the SPHERE and FLAC fixtures");
        Path wav = dir.resolve("in.wav");
        WavWriter.write(AudioData.mono(16000, signal(16000, 2)), wav);
        Path flac = dir.resolve("good.flac");
        sox(wav.toString(), flac.toString());
        byte[] good = Files.readAllBytes(flac);

        String truncated = error(Arrays.copyOf(good, good.length / 2), "cut.flac");
        assertTrue(truncated.contains("truncated FLAC file") && truncated.contains("at byte"), truncated);

        byte[] garbled = good.clone();
        Random r = new Random(1);
        for (int i = good.length / 3; i < good.length / 3 + 200; i++) {
            garbled[i] = (byte) r.nextInt();
        }
        String corrupt = error(garbled, "bad.flac");
        assertTrue(corrupt.contains("corrupt FLAC file") && corrupt.contains("at byte"), corrupt);

        String headerOnly = error(Arrays.copyOf(good, 4), "magic.flac");
        assertTrue(headerOnly.contains("STREAMINFO"), headerOnly);
    }
}
