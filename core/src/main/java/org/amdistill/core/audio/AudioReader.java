package org.amdistill.core.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads WAV (RIFF/RIFX; 8/16/24/32-bit PCM, 32/64-bit float, WAVE_FORMAT_EXTENSIBLE, any rate and channel count),
 * NIST SPHERE (TIMIT's format: 16-bit PCM either byte order, 8-bit mu-law) and FLAC (LibriSpeech's), recognised by
 * their magic bytes, never by the file name. Samples come out in 16-bit integer scale (Kaldi reads only 16-bit WAV;
 * other sample formats are scaled as if converted to 16-bit, so a 24-bit file gives the features of its 16-bit
 * conversion). Errors are {@link IOException}s that name the source and, where one applies, the byte offset.
 */
public final class AudioReader {
    private static final int WAVE_FORMAT_PCM = 1;
    private static final int WAVE_FORMAT_IEEE_FLOAT = 3;
    private static final int WAVE_FORMAT_ALAW = 6;
    private static final int WAVE_FORMAT_MULAW = 7;
    private static final int WAVE_FORMAT_EXTENSIBLE = 0xFFFE;

    private AudioReader() {}

    public static AudioData read(InputStream in, String source) throws IOException {
        byte[] all = in.readAllBytes();
        return read(all, source);
    }

    public static AudioData read(byte[] b, String source) throws IOException {
        if (startsWith(b, "RIFF") || startsWith(b, "RIFX")) {
            return readWav(b, source);
        }
        if (startsWith(b, "NIST_1A")) {
            return readSphere(b, source);
        }
        if (startsWith(b, "fLaC")) {
            return Flac.decode(b, 0, b.length, source);
        }
        if (startsWith(b, "ID3")) {
            // FLAC may be preceded by an ID3v2 tag; anything else with one (MP3) is not ours.
            int skip = 10
                    + ((b.length >= 10)
                            ? ((b[6] & 0x7f) << 21 | (b[7] & 0x7f) << 14 | (b[8] & 0x7f) << 7 | (b[9] & 0x7f))
                            : 0);
            if (skip + 4 <= b.length
                    && b[skip] == 'f'
                    && b[skip + 1] == 'L'
                    && b[skip + 2] == 'a'
                    && b[skip + 3] == 'C') {
                return Flac.decode(b, skip, b.length, source);
            }
        }
        if (b.length == 0) {
            throw new IOException(source + ": empty file, expected audio (WAV, NIST SPHERE or FLAC)");
        }
        throw new IOException(source + ": not a WAV, NIST SPHERE or FLAC file (starts with " + describeStart(b) + ")");
    }

    /**
     * The bytes of exactly one RIFF/RIFX object (its header says how long it is), as Kaldi's wave archives and scp
     * offsets into them hold WAVs back to back; a streaming-mode size (0 or 0xFFFFFFFF) cannot be delimited there.
     */
    public static byte[] readRiffObject(InputStream in, String source) throws IOException {
        byte[] head = in.readNBytes(8);
        int size = riffObjectSize(head, source);
        // readNBytes(n) reads in chunks: a damaged size fails at the end of the data there, not by allocating it
        // (AudioReaderFuzzTest: headers claiming up to 2 GB made every such read allocate that much)
        byte[] body = in.readNBytes(size - 8);
        if (body.length < size - 8) {
            throw new IOException(source + ": truncated WAV: its RIFF header says " + size + " bytes, only "
                    + (body.length + 8) + " there");
        }
        byte[] all = Arrays.copyOf(head, size);
        System.arraycopy(body, 0, all, 8, body.length);
        return all;
    }

    /** The total length (header included) of the RIFF object whose first 8 bytes are {@code head}. */
    static int riffObjectSize(byte[] head, String source) throws IOException {
        if (head.length < 8) {
            throw new IOException(
                    source + ": truncated: " + head.length + " bytes where a WAV (RIFF) header was expected");
        }
        boolean riff = head[0] == 'R' && head[1] == 'I' && head[2] == 'F' && (head[3] == 'F' || head[3] == 'X');
        if (!riff) {
            throw new IOException(source + ": expected a WAV file (RIFF), found " + describeStart(head));
        }
        long size = ByteBuffer.wrap(head, 4, 4)
                        .order(head[3] == 'F' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN)
                        .getInt()
                & 0xffffffffL;
        if (size == 0 || size == 0xffffffffL || size > Integer.MAX_VALUE - 16) {
            throw new IOException(
                    source + ": WAV with RIFF size " + size + " cannot be read from an archive (its end is unknown)");
        }
        return (int) size + 8;
    }

    private static String describeStart(byte[] b) {
        StringBuilder s = new StringBuilder("'");
        for (int i = 0; i < Math.min(8, b.length); i++) {
            int c = b[i] & 0xff;
            s.append(c >= 0x20 && c < 0x7f ? Character.toString(c) : String.format("\\x%02x", c));
        }
        return s.append("'").toString();
    }

    private static boolean startsWith(byte[] b, String magic) {
        if (b.length < magic.length()) {
            return false;
        }
        for (int i = 0; i < magic.length(); i++) {
            if (b[i] != magic.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static String tag(byte[] b, int pos) {
        StringBuilder s = new StringBuilder();
        for (int i = pos; i < pos + 4 && i < b.length; i++) {
            int c = b[i] & 0xff;
            s.append(c >= 0x20 && c < 0x7f ? Character.toString(c) : String.format("\\x%02x", c));
        }
        return s.toString();
    }

    private static AudioData readWav(byte[] b, String source) throws IOException {
        ByteOrder order = startsWith(b, "RIFX") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        ByteBuffer bb = ByteBuffer.wrap(b).order(order);
        if (b.length < 12) {
            throw new IOException(
                    source + ": truncated WAV file: " + b.length + " bytes, shorter than the 12-byte RIFF header");
        }
        if (!tag(b, 8).equals("WAVE")) {
            throw new IOException(source + ": RIFF file of type '" + tag(b, 8) + "' at byte 8, expected 'WAVE'");
        }
        int pos = 12;
        int[] fmt = null; // format, channels, rate, block align, bits per sample
        int fmtPos = -1;
        while (pos + 8 <= b.length) {
            String id = tag(b, pos);
            long size = bb.getInt(pos + 4) & 0xffffffffL;
            int body = pos + 8;
            if (id.equals("fmt ")) {
                fmtPos = pos;
                fmt = readFmt(bb, b.length, pos, size, source);
            } else if (id.equals("data")) {
                if (fmt == null) {
                    throw new IOException(source + ": data chunk at byte " + pos + " comes before any fmt chunk");
                }
                return dataChunk(b, order, pos, size, fmt, fmtPos, source);
            }
            long next = body + size + (size & 1); // chunks are padded to an even size
            if (next > b.length && !(next == b.length + 1 && (size & 1) == 1)) {
                throw new IOException(source + ": truncated or malformed WAV file: '" + id + "' chunk at byte " + pos
                        + " says " + size + " bytes but the file ends at byte " + b.length
                        + (fmt == null ? " (no fmt chunk found)" : " (no data chunk found)"));
            }
            pos = (int) next;
        }
        if (fmt == null) {
            throw new IOException(source + ": truncated or malformed WAV file: no fmt chunk in " + b.length + " bytes");
        }
        throw new IOException(source + ": truncated or malformed WAV file: no data chunk in " + b.length + " bytes");
    }

    /** The audio of the data chunk at {@code pos} ({@code size} bytes as its header says), as {@code fmt} describes it. */
    private static AudioData dataChunk(
            byte[] b, ByteOrder order, int pos, long size, int[] fmt, int fmtPos, String source) throws IOException {
        int body = pos + 8;
        int format = fmt[0];
        int channels = fmt[1];
        int blockAlign = fmt[3];
        int bits = fmt[4];
        long avail = (long) b.length - body;
        long len = size;
        if (size == 0 || size == 0xffffffffL) {
            len = avail; // a streaming writer that never patched the size: the data runs to the end
        } else if (size > avail) {
            throw new IOException(source + ": truncated WAV file: data chunk at byte " + pos + " says " + size
                    + " bytes of audio but only " + avail + " follow (file is " + b.length + " bytes)");
        }
        if (format == WAVE_FORMAT_PCM
                && channels > 0
                && bits % 8 != 0
                && blockAlign % channels == 0
                && bits < 8 * (blockAlign / channels) + 8) {
            // e.g. 12-bit in 2-byte or 20-bit in 3-byte containers: samples are left-justified, so the
            // container is read as a sample of its full width.
            bits = 8 * (blockAlign / channels);
        }
        return decodeWav(b, order, body, (int) len, format, channels, fmt[2], bits, fmtPos, source);
    }

    /** The fmt chunk at {@code pos}: {format, channels, rate, block align, bits per sample}. */
    private static int[] readFmt(ByteBuffer bb, int length, int pos, long size, String source) throws IOException {
        int body = pos + 8;
        if (size < 16) {
            throw new IOException(
                    source + ": fmt chunk at byte " + pos + " is " + size + " bytes, at least 16 expected");
        }
        if (body + 16 > length) {
            throw new IOException(source + ": truncated WAV file: fmt chunk at byte " + pos + " runs past the end ("
                    + length + " bytes)");
        }
        int format = bb.getShort(body) & 0xffff;
        if (format == WAVE_FORMAT_EXTENSIBLE) {
            // The real format is the first two bytes of the sub-format GUID (…-0000-0010-8000-00aa00389b71).
            if (size < 40 || body + 26 > length) {
                throw new IOException(source + ": WAVE_FORMAT_EXTENSIBLE fmt chunk at byte " + pos + " is " + size
                        + " bytes, 40 expected");
            }
            format = bb.getShort(body + 24) & 0xffff;
        }
        return new int[] {
            format,
            bb.getShort(body + 2) & 0xffff,
            bb.getInt(body + 4),
            bb.getShort(body + 12) & 0xffff,
            bb.getShort(body + 14) & 0xffff
        };
    }

    private static AudioData decodeWav(
            byte[] b,
            ByteOrder order,
            int start,
            int len,
            int format,
            int channels,
            int rate,
            int bits,
            int fmtPos,
            String source)
            throws IOException {
        if (channels <= 0) {
            throw new IOException(source + ": fmt chunk at byte " + fmtPos + " says " + channels + " channels");
        }
        if (rate <= 0) {
            throw new IOException(
                    source + ": fmt chunk at byte " + fmtPos + " says sample rate " + (rate & 0xffffffffL));
        }
        boolean pcm = format == WAVE_FORMAT_PCM;
        boolean flt = format == WAVE_FORMAT_IEEE_FLOAT;
        if ((format == WAVE_FORMAT_ALAW || format == WAVE_FORMAT_MULAW) && bits == 8) {
            float[] table = format == WAVE_FORMAT_ALAW ? ALAW : ULAW;
            int n = len / channels;
            float[][] out = new float[channels][n];
            for (int i = 0, p = start; i < n; i++) {
                for (int c = 0; c < channels; c++) {
                    out[c][i] = table[b[p++] & 0xff];
                }
            }
            return new AudioData(rate, out);
        }
        if (!(pcm && (bits == 8 || bits == 16 || bits == 24 || bits == 32)) && !(flt && (bits == 32 || bits == 64))) {
            throw new IOException(
                    source + ": unsupported WAV sample format " + formatName(format) + " with " + bits
                            + " bits per sample (fmt chunk at byte " + fmtPos
                            + "; supported: PCM 8/16/24/32-bit, IEEE float"
                            + " 32/64-bit, 8-bit A-law and mu-law; convert with e.g. 'sox FILE -b 16 -e signed-integer -t wav - |' in wav.scp)");
        }
        int n = len / (bits / 8 * channels);
        float[][] out = new float[channels][n];
        convertLinear(b, start, order, bits, pcm, out);
        return new AudioData(rate, out);
    }

    /** Linear PCM (8/16/24/32-bit) or IEEE float (32/64-bit) samples into each channel's floats on the 16-bit scale. */
    private static void convertLinear(byte[] b, int start, ByteOrder order, int bits, boolean pcm, float[][] out) {
        int channels = out.length;
        int n = out[0].length;
        int frame = bits / 8 * channels;
        ByteBuffer data = ByteBuffer.wrap(b, start, n * frame).slice().order(order);
        int total = n * channels;
        if (bits == 16) {
            convert16(b, start, order == ByteOrder.LITTLE_ENDIAN, out);
        } else if (bits == 8) {
            for (int i = 0, p = start; i < n; i++) {
                for (int c = 0; c < channels; c++, p++) {
                    out[c][i] = ((b[p] & 0xff) - 128) * 256f; // 8-bit WAV is unsigned, centred on 128
                }
            }
        } else if (bits == 24) {
            boolean le = order == ByteOrder.LITTLE_ENDIAN;
            for (int i = 0, p = start; i < n; i++) {
                for (int c = 0; c < channels; c++, p += 3) {
                    int x = le
                            ? (b[p] & 0xff) | (b[p + 1] & 0xff) << 8 | b[p + 2] << 16
                            : (b[p + 2] & 0xff) | (b[p + 1] & 0xff) << 8 | b[p] << 16;
                    out[c][i] = x * (1f / 256f);
                }
            }
        } else if (bits == 32 && pcm) {
            int[] s = new int[total];
            data.asIntBuffer().get(s);
            for (int i = 0, k = 0; i < n; i++) {
                for (int c = 0; c < channels; c++) {
                    out[c][i] = s[k++] * (1f / 65536f);
                }
            }
        } else if (bits == 32) {
            float[] s = new float[total];
            data.asFloatBuffer().get(s);
            for (int i = 0, k = 0; i < n; i++) {
                for (int c = 0; c < channels; c++) {
                    out[c][i] = s[k++] * 32768f;
                }
            }
        } else {
            double[] s = new double[total];
            data.asDoubleBuffer().get(s);
            for (int i = 0, k = 0; i < n; i++) {
                for (int c = 0; c < channels; c++) {
                    out[c][i] = (float) (s[k++] * 32768.0);
                }
            }
        }
    }

    /**
     * 16-bit samples straight from the bytes into each channel's floats: one pass, no intermediate array (the
     * whole-process fbank benchmark reads an hour of audio in well under a second this way).
     */
    private static void convert16(byte[] b, int start, boolean littleEndian, float[][] out) {
        int channels = out.length;
        int n = out[0].length;
        int stride = 2 * channels;
        int lo = littleEndian ? 0 : 1;
        int hi = 1 - lo;
        for (int c = 0; c < channels; c++) {
            float[] o = out[c];
            for (int i = 0, p = start + 2 * c; i < n; i++, p += stride) {
                o[i] = (short) ((b[p + lo] & 0xff) | (b[p + hi] << 8));
            }
        }
    }

    private static String formatName(int format) {
        return switch (format) {
            case WAVE_FORMAT_PCM -> "PCM (1)";
            case WAVE_FORMAT_IEEE_FLOAT -> "IEEE float (3)";
            case 6 -> "A-law (6)";
            case 7 -> "mu-law (7)";
            default -> String.valueOf(format);
        };
    }

    /** The fields of a NIST SPHERE header that say how to read its samples. */
    private record SphereHeader(
            int size, long count, int rate, int channels, int width, String byteFormat, String coding) {}

    private static AudioData readSphere(byte[] b, String source) throws IOException {
        SphereHeader h = sphereHeader(b, source);
        boolean ulaw = checkSphereCoding(h, source);
        int width = h.width();
        int channels = h.channels();
        long avail = (b.length - h.size()) / ((long) width * channels);
        long count = h.count() < 0 ? avail : h.count();
        if (count > avail) {
            throw new IOException(source + ": truncated NIST SPHERE file: header says sample_count " + count
                    + " but the " + (b.length - h.size()) + " bytes after the " + h.size() + "-byte header hold only "
                    + avail);
        }
        int n = (int) count;
        float[][] out = new float[channels][n];
        if (ulaw) {
            for (int i = 0, p = h.size(); i < n; i++) {
                for (int c = 0; c < channels; c++) {
                    out[c][i] = ULAW[b[p++] & 0xff];
                }
            }
        } else {
            // "01" little-endian, "10" big-endian; TIMIT writes "01". A missing field means the machine's (little)
            // order.
            String byteFormat = h.byteFormat();
            ByteOrder order = "10".equals(byteFormat) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            if (byteFormat != null && !byteFormat.equals("01") && !byteFormat.equals("10")) {
                throw new IOException(
                        source + ": unsupported NIST SPHERE sample_byte_format '" + byteFormat + "' for 16-bit pcm");
            }
            convert16(b, h.size(), order == ByteOrder.LITTLE_ENDIAN, out);
        }
        return new AudioData(h.rate(), out);
    }

    /** "NIST_1A\n   1024\n" then "name -type value" lines up to "end_head"; the header is that many bytes. */
    private static SphereHeader sphereHeader(byte[] b, String source) throws IOException {
        int firstNl = indexOf(b, (byte) '\n', 0, Math.min(b.length, 64));
        int secondNl = firstNl < 0 ? -1 : indexOf(b, (byte) '\n', firstNl + 1, Math.min(b.length, 64));
        if (secondNl < 0) {
            throw new IOException(
                    source + ": malformed NIST SPHERE header: no header-size line after NIST_1A at byte 8");
        }
        String sizeLine = new String(b, firstNl + 1, secondNl - firstNl - 1, StandardCharsets.ISO_8859_1).strip();
        int headerSize;
        try {
            headerSize = Integer.parseInt(sizeLine);
        } catch (NumberFormatException e) {
            throw new IOException(source + ": malformed NIST SPHERE header: header size '" + sizeLine + "' at byte "
                    + (firstNl + 1) + " is not a number");
        }
        if (headerSize < secondNl + 1 || headerSize > b.length) {
            throw new IOException(source + ": malformed or truncated NIST SPHERE file: header size " + headerSize
                    + " but the file is " + b.length + " bytes");
        }
        // Headers are padded to their size with blanks (or NULs from some writers).
        String header = new String(b, 0, headerSize, StandardCharsets.ISO_8859_1).replace('\0', ' ');
        return sphereFields(header, secondNl + 1, headerSize, source);
    }

    /** The "name -type value" lines of a SPHERE header from byte {@code lineStart}, up to "end_head". */
    private static SphereHeader sphereFields(String header, int lineStart, int headerSize, String source)
            throws IOException {
        long count = -1;
        int rate = -1;
        int channels = 1;
        int width = 2;
        String byteFormat = null;
        String coding = "pcm";
        for (String line : header.substring(lineStart).split("\n")) {
            int at = lineStart;
            lineStart += line.length() + 1;
            String s = line.strip();
            if (s.equals("end_head")) {
                return new SphereHeader(headerSize, count, rate, channels, width, byteFormat, coding);
            }
            if (s.isEmpty()) {
                continue;
            }
            String[] f = s.split("\\s+", 3);
            if (f.length < 3 || !f[1].startsWith("-")) {
                throw new IOException(source + ": malformed NIST SPHERE header line at byte " + at + ": '" + s
                        + "' (expected 'name -type value')");
            }
            String value = f[2].strip();
            try {
                switch (f[0]) {
                    case "sample_count" -> count = Long.parseLong(value);
                    case "sample_rate" -> rate = (int) Math.round(Double.parseDouble(value));
                    case "channel_count" -> channels = Integer.parseInt(value);
                    case "sample_n_bytes" -> width = Integer.parseInt(value);
                    case "sample_byte_format" -> byteFormat = value;
                    case "sample_coding" -> coding = value;
                    default -> {}
                }
            } catch (NumberFormatException e) {
                throw new IOException(source + ": malformed NIST SPHERE header: " + f[0] + " '" + value + "' at byte "
                        + at + " is not a number");
            }
        }
        throw new IOException(source + ": malformed NIST SPHERE header: no end_head in its " + headerSize + " bytes");
    }

    /** Checks what the header says can be read here; returns whether the samples are 8-bit mu-law (else 16-bit pcm). */
    private static boolean checkSphereCoding(SphereHeader h, String source) throws IOException {
        if (h.rate() <= 0) {
            throw new IOException(source + ": NIST SPHERE header has no (positive) sample_rate");
        }
        if (h.channels() <= 0 || h.channels() > 1024) {
            throw new IOException(source + ": NIST SPHERE header says channel_count " + h.channels());
        }
        String coding = h.coding();
        if (coding.contains("shorten") || coding.contains("wavpack") || coding.contains("shortpack")) {
            throw new IOException(source + ": NIST SPHERE file is compressed (sample_coding " + coding
                    + "); decompress it" + " in wav.scp with 'sph2pipe -f wav " + source + " |'");
        }
        boolean ulaw = coding.startsWith("ulaw") || coding.startsWith("mu-law");
        if (ulaw ? h.width() != 1 : !coding.startsWith("pcm") || h.width() != 2) {
            throw new IOException(source + ": unsupported NIST SPHERE sample_coding '" + coding
                    + "' with sample_n_bytes " + h.width() + " (supported: 16-bit pcm, 8-bit ulaw)");
        }
        return ulaw;
    }

    /** G.711 mu-law byte -> 16-bit linear. */
    private static final float[] ULAW = new float[256];

    static {
        for (int i = 0; i < 256; i++) {
            int u = ~i & 0xff;
            int t = ((u & 0x0f) << 3) + 0x84;
            t <<= (u & 0x70) >> 4;
            ULAW[i] = (u & 0x80) != 0 ? 0x84 - t : t - 0x84;
        }
    }

    /** G.711 A-law byte -> 16-bit linear. */
    private static final float[] ALAW = new float[256];

    static {
        for (int i = 0; i < 256; i++) {
            int a = i ^ 0x55;
            int t = (a & 0x0f) << 4;
            int seg = (a & 0x70) >> 4;
            t = seg == 0 ? t + 8 : seg == 1 ? t + 0x108 : (t + 0x108) << (seg - 1);
            ALAW[i] = (a & 0x80) != 0 ? t : -t;
        }
    }

    private static int indexOf(byte[] b, byte x, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
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
