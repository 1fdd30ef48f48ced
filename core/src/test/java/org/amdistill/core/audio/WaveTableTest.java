package org.amdistill.core.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.table.Entry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WaveTableTest {
    @TempDir
    Path dir;

    private float[] ramp(int n, int offset) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (i + offset) % 30000;
        }
        return x;
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    /** Every entry's audio or its error message, in table order; a failing entry does not stop the others. */
    private static Map<String, Object> readAll(WaveTable t) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Entry<AudioData> e : t) {
            try {
                out.put(e.key(), e.value());
            } catch (AmdException ex) {
                out.put(e.key(), ex.getMessage());
            }
        }
        return out;
    }

    private static String message(Map<String, Object> results, String key) {
        Object v = results.get(key);
        assertTrue(v instanceof String, key + " should have failed, got " + v);
        String m = (String) v;
        assertTrue(m.startsWith("utterance '" + key + "' ("), m);
        return m;
    }

    @Test
    void pathsPipesAndBadEntriesFailOneByOne() throws IOException {
        float[] a = ramp(16000, 0);
        Path good = dir.resolve("good.wav");
        WavWriter.write(AudioData.mono(16000, a), good);
        byte[] wav = Files.readAllBytes(good);
        Path truncated = dir.resolve("truncated.wav");
        Files.write(truncated, Arrays.copyOf(wav, 1000));
        Path lying = dir.resolve("lying.wav");
        byte[] l = wav.clone();
        l[40] = (byte) 0xff; // data size field: 0x7d00 -> 0x7dff bytes, more than the file holds
        Files.write(lying, l);
        Path garbage = dir.resolve("garbage.wav");
        Files.writeString(garbage, "this is not audio\n");
        Path scp = write(
                "wav.scp",
                String.join(
                                "\n",
                                "r1 " + good,
                                "r2 cat " + good + " |",
                                "r3 " + dir.resolve("missing.wav"),
                                "r4 cat " + good + "; exit 3 |",
                                "r5 cat " + dir.resolve("nope.wav") + " |",
                                "r6 " + truncated,
                                "r7 " + lying,
                                "r8 " + garbage,
                                "r9 " + good)
                        + "\n");
        WaveTable t = WaveTable.open("scp:" + scp, null);
        assertEquals(9, t.size());
        Map<String, Object> r = readAll(t);
        assertEquals(List.of("r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9"), new ArrayList<>(r.keySet()));
        assertArrayEquals(a, ((AudioData) r.get("r1")).channel(0));
        assertArrayEquals(a, ((AudioData) r.get("r2")).channel(0));
        assertArrayEquals(a, ((AudioData) r.get("r9")).channel(0));

        String missing = message(r, "r3");
        assertTrue(
                missing.contains(scp + ":3") && missing.contains("missing.wav") && missing.contains("no such file"),
                missing);
        String exit3 = message(r, "r4");
        assertTrue(exit3.contains("exit status 3") && exit3.contains(scp + ":4"), exit3);
        String nope = message(r, "r5");
        assertTrue(nope.contains("exit status 1") && nope.contains("nope.wav"), nope);
        String cut = message(r, "r6");
        assertTrue(
                cut.contains("truncated.wav") && cut.contains("truncated WAV file") && cut.contains("at byte 36"), cut);
        String lie = message(r, "r7");
        assertTrue(
                lie.contains("lying.wav") && lie.contains("says 32255 bytes") && lie.contains("only 32000 follow"),
                lie);
        String junk = message(r, "r8");
        assertTrue(
                junk.contains("garbage.wav")
                        && junk.contains("not a WAV, NIST SPHERE or FLAC file")
                        && junk.contains("'this is "),
                junk);
    }

    @Test
    void bareWavScpPath() throws IOException {
        Path good = dir.resolve("g.wav");
        WavWriter.write(AudioData.mono(8000, ramp(100, 0)), good);
        Path scp = write("wav.scp", "x " + good + "\n");
        assertEquals(
                100,
                WaveTable.open(scp.toString(), null).iterator().next().value().numSamples());
        AmdException missing =
                assertThrows(AmdException.class, () -> WaveTable.open("scp:" + dir.resolve("none.scp"), null));
        assertTrue(missing.getMessage().contains("none.scp"), missing.getMessage());
    }

    @Test
    void segmentsCutLikeExtractSegments() throws IOException {
        float[] mono = ramp(16000, 0); // 1 s
        Path m = dir.resolve("mono.wav");
        WavWriter.write(AudioData.mono(16000, mono), m);
        float[] left = ramp(8000, 5);
        float[] right = ramp(8000, 7);
        Path s = dir.resolve("stereo.wav");
        WavWriter.write(new AudioData(8000, new float[][] {left, right}), s);
        Path scp = write("wav.scp", "mono " + m + "\nstereo cat " + s + " |\nbroken " + dir.resolve("gone.wav") + "\n");
        Path segments = write(
                "segments",
                String.join(
                                "\n",
                                "u01 mono 0.0 0.5",
                                "u02 mono 0.25 1.3", // ends 0.3 s past the end: truncated
                                "u03 mono 0.5 1.6", // 0.6 s past the end: rejected
                                "u04 mono 0.5 -1", // -1: to the end
                                "u05 nosuch 0 1",
                                "u06 mono 0.2 0.25", // shorter than 0.1 s
                                "u07 mono 0.7 0.3", // end before start
                                "u08 mono abc 1",
                                "u09 stereo 0.1 0.6 1",
                                "u10 stereo 0.1 0.6", // multi-channel needs a channel
                                "u11 stereo 0.1 0.6 2",
                                "u12 mono 2.0 3.0", // starts after the end
                                "u13 broken 0 1",
                                "u14 broken 1 2",
                                "u15 mono 0.0",
                                "u16 mono 0.0625 0.1875")
                        + "\n");
        WaveTable t = WaveTable.open("scp:" + scp, segments.toString());
        assertEquals(16, t.size());
        Map<String, Object> r = readAll(t);
        assertArrayEquals(Arrays.copyOfRange(mono, 0, 8000), ((AudioData) r.get("u01")).channel(0));
        assertArrayEquals(Arrays.copyOfRange(mono, 4000, 16000), ((AudioData) r.get("u02")).channel(0));
        assertArrayEquals(Arrays.copyOfRange(mono, 8000, 16000), ((AudioData) r.get("u04")).channel(0));
        AudioData u09 = (AudioData) r.get("u09");
        assertEquals(8000f, u09.sampleRate());
        assertEquals(1, u09.numChannels());
        assertArrayEquals(Arrays.copyOfRange(right, 800, 4800), u09.channel(0));
        assertArrayEquals(Arrays.copyOfRange(mono, 1000, 3000), ((AudioData) r.get("u16")).channel(0));

        assertTrue(message(r, "u03").contains("overshoot"), message(r, "u03"));
        // What extract-segments only warns about is marked so callers can skip it without counting a failure.
        List<String> rejected = new ArrayList<>();
        for (Entry<AudioData> e : t) {
            try {
                e.value();
            } catch (WaveTable.SegmentRejected ex) {
                rejected.add(e.key());
            } catch (AmdException ex) {
                // a real failure
            }
        }
        assertEquals(List.of("u03", "u06", "u12"), rejected);
        assertTrue(message(r, "u05").contains("recording 'nosuch' is not in " + scp), message(r, "u05"));
        assertTrue(message(r, "u06").contains("too short"), message(r, "u06"));
        assertTrue(message(r, "u07").contains("is not after start time"), message(r, "u07"));
        assertTrue(message(r, "u08").contains("must be numbers"), message(r, "u08"));
        assertTrue(
                message(r, "u10").contains("2 channels") && message(r, "u10").contains("fifth field"),
                message(r, "u10"));
        assertTrue(message(r, "u11").contains("channel 2"), message(r, "u11"));
        assertTrue(message(r, "u12").contains("starts at 2.0"), message(r, "u12"));
        String broken = message(r, "u13");
        assertTrue(
                broken.contains(segments + ":13")
                        && broken.contains("recording 'broken' (" + scp + ":3)")
                        && broken.contains("gone.wav"),
                broken);
        assertTrue(message(r, "u14").contains("gone.wav"));
        assertTrue(message(r, "u15").contains("expected 'utterance recording start end [channel]'"), message(r, "u15"));
    }

    @Test
    void kaldiWaveArchivesAndScpOffsetsIntoThem() throws IOException {
        // Kaldi's wave archive (extract-segments ... ark:-, wav-copy): "key " then the WAV, no binary marker.
        byte[] w1 = WavWriter.encode(AudioData.mono(16000, ramp(1000, 1)));
        byte[] w2 = WavWriter.encode(AudioData.mono(16000, ramp(2000, 2)));
        byte[] mp3 = new WavBytes().fmt(85, 1, 16000, 0).data(new byte[10]).bytes();
        byte[] w4 = WavWriter.encode(new AudioData(8000, new float[][] {ramp(300, 4), ramp(300, 5)}));
        ByteArrayOutputStream ark = new ByteArrayOutputStream();
        ark.writeBytes("a1 ".getBytes(StandardCharsets.US_ASCII));
        ark.writeBytes(w1);
        ark.writeBytes("a2 ".getBytes(StandardCharsets.US_ASCII));
        int offset2 = ark.size();
        ark.writeBytes(w2);
        ark.writeBytes("a3 ".getBytes(StandardCharsets.US_ASCII));
        ark.writeBytes(mp3);
        ark.writeBytes("a4 ".getBytes(StandardCharsets.US_ASCII));
        int offset4 = ark.size();
        ark.writeBytes(w4);
        Path file = dir.resolve("wav.ark");
        Files.write(file, ark.toByteArray());

        for (String spec : List.of("ark:" + file, "ark:cat " + file + " |")) {
            WaveTable t = WaveTable.open(spec, null);
            assertEquals(-1, t.size());
            Map<String, Object> r = readAll(t);
            assertEquals(List.of("a1", "a2", "a3", "a4"), new ArrayList<>(r.keySet()), spec);
            assertArrayEquals(ramp(1000, 1), ((AudioData) r.get("a1")).channel(0));
            assertArrayEquals(ramp(2000, 2), ((AudioData) r.get("a2")).channel(0));
            assertArrayEquals(ramp(300, 5), ((AudioData) r.get("a4")).channel(1));
            String bad = message(r, "a3");
            assertTrue(bad.contains("unsupported WAV sample format 85"), bad);
        }

        Path scp = write("wav.scp", "a4 " + file + ":" + offset4 + "\na2 " + file + ":" + offset2 + "\n");
        Map<String, Object> viaScp = readAll(WaveTable.open("scp:" + scp, null));
        assertArrayEquals(ramp(300, 4), ((AudioData) viaScp.get("a4")).channel(0));
        assertArrayEquals(ramp(2000, 2), ((AudioData) viaScp.get("a2")).channel(0));

        // A truncated archive ends the iteration with an error naming where the broken entry starts.
        Path cut = dir.resolve("cut.ark");
        Files.write(cut, Arrays.copyOf(ark.toByteArray(), offset4 + 100));
        List<String> keys = new ArrayList<>();
        AmdException e = assertThrows(AmdException.class, () -> {
            for (Entry<AudioData> en : WaveTable.open("ark:" + cut, null)) {
                keys.add(en.key());
            }
        });
        assertEquals(List.of("a1", "a2", "a3"), keys);
        assertTrue(
                e.getMessage().contains(cut.toString())
                        && e.getMessage().contains("entry 'a4' starting at byte " + offset4)
                        && e.getMessage().contains("truncated"),
                e.getMessage());

        AmdException seg = assertThrows(AmdException.class, () -> WaveTable.open("ark:" + file, scp.toString()));
        assertTrue(seg.getMessage().contains("segments need"), seg.getMessage());
    }

    @Test
    void standardInputAsAWavScpEntry() throws IOException {
        float[] x = ramp(500, 9);
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream(WavWriter.encode(AudioData.mono(16000, x))));
            Map<String, Object> r = readAll(WaveTable.open("scp:" + write("wav.scp", "in -\n"), null));
            assertArrayEquals(x, ((AudioData) r.get("in")).channel(0));
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void segmentsMayBeReadFromSeveralThreads() throws Exception {
        StringBuilder scp = new StringBuilder();
        StringBuilder seg = new StringBuilder();
        Map<String, float[]> expected = new LinkedHashMap<>();
        for (int r = 0; r < 6; r++) {
            float[] x = ramp(16000, 1000 * r);
            Path p = dir.resolve("r" + r + ".wav");
            WavWriter.write(AudioData.mono(16000, x), p);
            scp.append("rec").append(r).append(' ').append(p).append('\n');
            for (int k = 0; k < 5; k++) {
                String u = "rec" + r + "-" + k;
                seg.append(u)
                        .append(" rec")
                        .append(r)
                        .append(' ')
                        .append(k * 0.2)
                        .append(' ')
                        .append(k * 0.2 + 0.2)
                        .append('\n');
                expected.put(u, Arrays.copyOfRange(x, (int) (k * 0.2 * 16000), (int) ((k * 0.2 + 0.2) * 16000)));
            }
        }
        WaveTable t = WaveTable.open(
                "scp:" + write("wav.scp", scp.toString()),
                write("segments", seg.toString()).toString());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<AudioData>> futures = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            for (Entry<AudioData> e : t) {
                keys.add(e.key());
                futures.add(pool.submit(e::value));
            }
            for (int i = 0; i < keys.size(); i++) {
                assertArrayEquals(
                        expected.get(keys.get(i)), futures.get(i).get().channel(0), keys.get(i));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
