package org.amdistill.dataprep.audio;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads WAV (RIFF/RIFX; 8/16/24/32-bit PCM, 32/64-bit float, WAVE_FORMAT_EXTENSIBLE, any rate and channel count),
 * NIST SPHERE (TIMIT's format) and FLAC (LibriSpeech's), recognised by their magic bytes. Errors name the source
 * and the byte offset.
 */
public final class AudioReader {
    private AudioReader() {
    }

    public static AudioData read(InputStream in, String source) throws IOException {
        byte[] all = in.readAllBytes();
        return read(all, source);
    }

    public static AudioData read(byte[] b, String source) throws IOException {
        if (b.length >= 4 && (startsWith(b, "RIFF") || startsWith(b, "RIFX"))) {
            return readWav(b, source);
        }
        if (b.length >= 8 && startsWith(b, "NIST_1A")) {
            return readSphere(b, source);
        }
        if (b.length >= 4 && startsWith(b, "fLaC")) {
            return FlacDecoder.decode(new ByteArrayInputStream(b), source);
        }
        if (b.length == 0) {
            throw new IOException(source + ": empty file, expected audio (WAV, SPHERE or FLAC)");
        }
        String head = new String(b, 0, Math.min(8, b.length), StandardCharsets.ISO_8859_1).replaceAll("[^\\x20-\\x7e]", "?");
        throw new IOException(source + ": not a WAV, NIST SPHERE or FLAC file (starts with '" + head + "')");
    }

    private static boolean startsWith(byte[] b, String magic) {
        for (int i = 0; i < magic.length(); i++) {
            if (b.length <= i || b[i] != magic.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static AudioData readWav(byte[] b, String source) throws IOException {
        ByteOrder order = startsWith(b, "RIFX") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        ByteBuffer bb = ByteBuffer.wrap(b).order(order);
        if (b.length < 12 || !new String(b, 8, 4, StandardCharsets.ISO_8859_1).equals("WAVE")) {
            throw new IOException(source + ": RIFF file is not WAVE (byte 8)");
        }
        int pos = 12;
        int format = -1;
        int channels = 0;
        int rate = 0;
        int bits = 0;
        int blockAlign = 0;
        while (pos + 8 <= b.length) {
            String id = new String(b, pos, 4, StandardCharsets.ISO_8859_1);
            long size = bb.getInt(pos + 4) & 0xffffffffL;
            int body = pos + 8;
            if (id.equals("fmt ")) {
                if (size < 16 || body + 16 > b.length) {
                    throw new IOException(source + ": fmt chunk too short (" + size + " bytes) at byte " + pos);
                }
                format = bb.getShort(body) & 0xffff;
                channels = bb.getShort(body + 2) & 0xffff;
                rate = bb.getInt(body + 4);
                blockAlign = bb.getShort(body + 12) & 0xffff;
                bits = bb.getShort(body + 14) & 0xffff;
                if (format == 0xFFFE) { // WAVE_FORMAT_EXTENSIBLE: the real format is the sub-format GUID's first two bytes
                    if (size < 40 || body + 26 > b.length) {
                        throw new IOException(source + ": WAVE_FORMAT_EXTENSIBLE fmt chunk too short at byte " + pos);
                    }
                    format = bb.getShort(body + 24) & 0xffff;
                }
            } else if (id.equals("data")) {
                if (format < 0) {
                    throw new IOException(source + ": data chunk before fmt chunk at byte " + pos);
                }
                long avail = b.length - body;
                long len = size;
                if (size == 0 || size == 0xffffffffL) {
                    len = avail; // written by a streaming writer that never patched the size: read to the end
                } else if (size > avail) {
                    throw new IOException(source + ": header says " + size + " bytes of audio at byte " + body
                            + " but the file holds only " + avail + " (truncated file?)");
                }
                return decodePcm(bb, body, (int) len, format, channels, rate, bits, blockAlign, source);
            }
            pos = (int) Math.min(Integer.MAX_VALUE, body + size + (size & 1)); // chunks are padded to even sizes
        }
        throw new IOException(source + ": no data chunk in WAV file (" + (format < 0 ? "no fmt chunk either" : "truncated?") + ")");
    }

    private static AudioData decodePcm(ByteBuffer bb, int start, int len, int format, int channels, int rate, int bits,
                                       int blockAlign, String source) throws IOException {
        if (channels <= 0) {
            throw new IOException(source + ": WAV with " + channels + " channels");
        }
        if (rate <= 0) {
            throw new IOException(source + ": WAV with sample rate " + rate);
        }
        int bytes = bits / 8;
        boolean pcm = format == 1;
        boolean flt = format == 3;
        if (!(pcm && (bits == 8 || bits == 16 || bits == 24 || bits == 32)) && !(flt && (bits == 32 || bits == 64))) {
            throw new IOException(source + ": unsupported WAV format " + format + " with " + bits + " bits per sample"
                    + " (supported: PCM 8/16/24/32-bit, IEEE float 32/64-bit)");
        }
        if (blockAlign != bytes * channels) {
            blockAlign = bytes * channels;
        }
        int n = len / blockAlign;
        float[][] out = new float[channels][n];
        ByteBuffer d = bb.duplicate().order(bb.order());
        if (pcm && bits == 16 && channels == 1) { // the common case: one bulk conversion
            short[] s = new short[n];
            d.position(start);
            d.slice().order(bb.order()).asShortBuffer().get(s, 0, n);
            float[] o = out[0];
            for (int i = 0; i < n; i++) {
                o[i] = s[i];
            }
            return new AudioData(rate, out);
        }
        int p = start;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < channels; c++) {
                float v;
                switch (bits) {
                    case 8 -> v = ((bb.get(p) & 0xff) - 128) * 256f;
                    case 16 -> v = bb.getShort(p);
                    case 24 -> {
                        int x = bb.order() == ByteOrder.LITTLE_ENDIAN
                                ? (bb.get(p) & 0xff) | (bb.get(p + 1) & 0xff) << 8 | bb.get(p + 2) << 16
                                : (bb.get(p + 2) & 0xff) | (bb.get(p + 1) & 0xff) << 8 | bb.get(p) << 16;
                        v = x / 256f;
                    }
                    case 32 -> v = flt ? bb.getFloat(p) * 32768f : bb.getInt(p) / 65536f;
                    default -> v = (float) (bb.getDouble(p) * 32768.0);
                }
                out[c][i] = v;
                p += bytes;
            }
        }
        return new AudioData(rate, out);
    }

    private static AudioData readSphere(byte[] b, String source) throws IOException {
        String first = new String(b, 0, Math.min(b.length, 32), StandardCharsets.ISO_8859_1);
        String[] firstLines = first.split("\n");
        if (firstLines.length < 2) {
            throw new IOException(source + ": NIST SPHERE header is malformed (no header size line)");
        }
        int headerSize;
        try {
            headerSize = Integer.parseInt(firstLines[1].strip());
        } catch (NumberFormatException e) {
            throw new IOException(source + ": NIST SPHERE header size line is not a number: '" + firstLines[1].strip() + "'");
        }
        if (headerSize < 16 || headerSize > b.length) {
            throw new IOException(source + ": NIST SPHERE header size " + headerSize + " is outside the file (" + b.length + " bytes)");
        }
        String header = new String(b, 0, headerSize, StandardCharsets.ISO_8859_1);
        long count = -1;
        int rate = -1;
        int channels = 1;
        int width = 2;
        String byteFormat = "01";
        String coding = "pcm";
        for (String line : header.split("\n")) {
            String[] f = line.strip().split("\\s+", 3);
            if (f.length < 3) {
                if (f[0].equals("end_head")) {
                    break;
                }
                continue;
            }
            switch (f[0]) {
                case "sample_count" -> count = Long.parseLong(f[2].strip());
                case "sample_rate" -> rate = (int) Double.parseDouble(f[2].strip());
                case "channel_count" -> channels = Integer.parseInt(f[2].strip());
                case "sample_n_bytes" -> width = Integer.parseInt(f[2].strip());
                case "sample_byte_format" -> byteFormat = f[2].strip();
                case "sample_coding" -> coding = f[2].strip();
                default -> {
                }
            }
        }
        if (rate <= 0) {
            throw new IOException(source + ": NIST SPHERE header has no sample_rate");
        }
        if (coding.contains("shorten") || coding.contains("wavpack")) {
            throw new IOException(source + ": NIST SPHERE file is " + coding + "-compressed; decompress it in wav.scp with "
                    + "'sph2pipe -f wav FILE |'");
        }
        if (!coding.startsWith("pcm") || width != 2) {
            throw new IOException(source + ": unsupported NIST SPHERE coding '" + coding + "' with " + width + " bytes per sample (16-bit PCM only)");
        }
        long avail = (b.length - headerSize) / (2L * channels);
        if (count < 0) {
            count = avail;
        }
        if (count > avail) {
            throw new IOException(source + ": NIST SPHERE header says " + count + " samples but the file holds " + avail + " (truncated?)");
        }
        ByteOrder order = byteFormat.equals("10") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        ByteBuffer bb = ByteBuffer.wrap(b).order(order);
        float[][] out = new float[channels][(int) count];
        int p = headerSize;
        for (int i = 0; i < count; i++) {
            for (int c = 0; c < channels; c++) {
                out[c][i] = bb.getShort(p);
                p += 2;
            }
        }
        return new AudioData(rate, out);
    }

    /** Samples {@code [from, to)} of every channel. */
    public static AudioData cut(AudioData a, int from, int to) {
        float[][] ch = new float[a.numChannels()][];
        for (int c = 0; c < ch.length; c++) {
            ch[c] = Arrays.copyOfRange(a.channel(c), from, to);
        }
        return new AudioData(a.sampleRate(), ch);
    }
}
