package org.amdistill.core.audio;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A FLAC decoder over the whole file in memory (LibriSpeech's format). Written because jFLAC decodes only about
 * 1,000x real time on one core, slower than the filterbank itself; this one reads bits through a 64-bit cache and
 * restores predictors in plain int loops. Every frame's CRC-8 (header) and CRC-16 (whole frame) is checked, so a
 * corrupt file is an error naming the byte offset of the bad frame, never silently wrong audio.
 */
final class Flac {
    private final byte[] b;
    private final int end;
    private final String source;
    private int pos;
    private long cache;
    private int cacheBits;

    private Flac(byte[] b, int start, int end, String source) {
        this.b = b;
        this.pos = start;
        this.end = end;
        this.source = source;
    }

    static AudioData decode(byte[] b, int start, int end, String source) throws IOException {
        return new Flac(b, start, end, source).decode();
    }

    private IOException truncated(String where) {
        return new IOException(source + ": truncated FLAC file: it ends (at byte " + end + ") " + where);
    }

    private IOException corrupt(String what) {
        return new IOException(source + ": corrupt FLAC file: " + what);
    }

    // ---- bits ----

    private static final VarHandle BIG_ENDIAN_INT =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private void refill() {
        if (cacheBits <= 32 && pos + 4 <= end) {
            cache = cache << 32 | ((int) BIG_ENDIAN_INT.get(b, pos) & 0xffffffffL);
            pos += 4;
            cacheBits += 32;
        }
        while (cacheBits <= 56 && pos < end) {
            cache = cache << 8 | (b[pos++] & 0xff);
            cacheBits += 8;
        }
    }

    /** Unsigned value of the next {@code n} bits, 0 <= n <= 32. */
    private long bits(int n) throws IOException {
        if (n == 0) {
            return 0;
        }
        if (cacheBits < n) {
            refill();
            if (cacheBits < n) {
                throw new EOFException();
            }
        }
        cacheBits -= n;
        return (cache >>> cacheBits) & ((1L << n) - 1);
    }

    private int signedBits(int n) throws IOException {
        if (n == 0) {
            return 0;
        }
        long v = bits(n);
        return (int) (v << (64 - n) >> (64 - n));
    }

    /** The number of 0 bits before the next 1 bit, which is consumed. */
    private int unary() throws IOException {
        int q = 0;
        while (true) {
            if (cacheBits == 0) {
                refill();
                if (cacheBits == 0) {
                    throw new EOFException();
                }
            }
            long v = cacheBits == 64 ? cache : cache & ((1L << cacheBits) - 1);
            if (v == 0) {
                q += cacheBits;
                cacheBits = 0;
                continue;
            }
            int highest = 63 - Long.numberOfLeadingZeros(v);
            q += cacheBits - 1 - highest;
            cacheBits = highest;
            return q;
        }
    }

    /** Byte offset of the next unread bit's byte (the reader is byte-aligned where this is used). */
    private int bytePos() {
        return pos - cacheBits / 8;
    }

    private void alignToByte() {
        cacheBits -= cacheBits % 8;
    }

    private static final class EOFException extends IOException {}

    // ---- stream ----

    /** What STREAMINFO says: sample rate, channels, bits per sample, total samples (0: unknown). */
    private record StreamInfo(int rate, int channels, int bps, long total) {}

    private AudioData decode() throws IOException {
        pos += 4; // "fLaC"
        StreamInfo info = metadata();
        // Trust the announced length only as far as the file could plausibly hold it (a corrupt header must not
        // make us allocate gigabytes); the arrays grow if the frames hold more.
        long total = info.total();
        long plausible = Math.max(1 << 16, 16L * end);
        int capacity = (int) Math.min(total > 0 ? total : 1 << 16, Math.min(plausible, Integer.MAX_VALUE - 16));
        int[][] out = new int[info.channels()][capacity];
        int n = frames(info, out);
        if (total > 0 && n < total) {
            throw truncated("after " + n + " of the " + total + " samples its STREAMINFO announces");
        }
        if (total > 0 && n > total) {
            throw corrupt("its frames hold " + n + " samples but its STREAMINFO says " + total);
        }
        if (info.rate() <= 0) {
            throw corrupt("STREAMINFO gives sample rate 0");
        }
        float scale = (float) Math.pow(2, 16 - info.bps());
        float[][] f = new float[info.channels()][n];
        for (int c = 0; c < info.channels(); c++) {
            int[] src = out[c];
            float[] dst = f[c];
            for (int i = 0; i < n; i++) {
                dst[i] = src[i] * scale;
            }
        }
        return new AudioData(info.rate(), f);
    }

    /** The metadata blocks: STREAMINFO is read, the others skipped. */
    private StreamInfo metadata() throws IOException {
        StreamInfo info = null;
        try {
            boolean last = false;
            while (!last) {
                int blockAt = bytePos();
                last = bits(1) == 1;
                int type = (int) bits(7);
                int length = (int) bits(24);
                if (type == 0) {
                    if (length < 34) {
                        throw corrupt("STREAMINFO block at byte " + blockAt + " is " + length + " bytes, 34 expected");
                    }
                    bits(16); // min block size
                    bits(16); // max block size
                    bits(24); // min frame size
                    bits(24); // max frame size
                    int rate = (int) bits(20);
                    int channels = (int) bits(3) + 1;
                    int bps = (int) bits(5) + 1;
                    long total = bits(4) << 32 | bits(32);
                    skipBytes(length - 18);
                    info = new StreamInfo(rate, channels, bps, total);
                } else if (type == 127) {
                    throw corrupt("invalid metadata block type 127 at byte " + blockAt);
                } else {
                    skipBytes(length);
                }
            }
        } catch (EOFException e) {
            throw truncated(info != null ? "inside its metadata blocks" : "before its STREAMINFO block");
        }
        if (info == null) {
            throw corrupt("no STREAMINFO block after the fLaC marker");
        }
        return info;
    }

    /** Decodes the frames into {@code out} (its arrays grown as needed); returns the number of samples per channel. */
    private int frames(StreamInfo info, int[][] out) throws IOException {
        int n = 0;
        int[][] block = new int[8][];
        while (true) {
            if (info.total() > 0 && n >= info.total()) {
                break; // trailing bytes (e.g. an ID3v1 tag) after the last sample are not ours to judge
            }
            refill();
            if (cacheBits == 0) {
                break;
            }
            int frameAt = bytePos();
            int decoded;
            try {
                decoded = frame(frameAt, info.channels(), info.bps(), block);
            } catch (EOFException e) {
                throw truncated("in the middle of the frame at byte " + frameAt + ", after " + n + " samples");
            }
            if (n + decoded > out[0].length) {
                for (int c = 0; c < info.channels(); c++) {
                    out[c] = Arrays.copyOf(out[c], Math.max(2 * out[c].length, n + decoded));
                }
            }
            for (int c = 0; c < info.channels(); c++) {
                System.arraycopy(block[c], 0, out[c], n, decoded);
            }
            n += decoded;
        }
        return n;
    }

    private void skipBytes(int n) throws IOException {
        alignToByte();
        int inCache = cacheBits / 8;
        if (n <= inCache) {
            cacheBits -= 8 * n;
            return;
        }
        n -= inCache;
        cacheBits = 0;
        if (pos + (long) n > end) {
            pos = end;
            throw new EOFException();
        }
        pos += n;
    }

    private static final int[] SAMPLE_SIZES = {0, 8, 12, 0, 16, 20, 24, 32};

    /** A frame header's fields: block size in samples, bits per sample, channel assignment (8-10: stereo pairs). */
    private record FrameHeader(int size, int bps, int assignment, int channels) {}

    /** Decodes one frame into {@code block[c][0..size)}, returning its size in samples. */
    private int frame(int frameAt, int streamChannels, int streamBps, int[][] block) throws IOException {
        FrameHeader h = frameHeader(frameAt, streamChannels, streamBps);
        int size = h.size();
        int assignment = h.assignment();
        for (int c = 0; c < h.channels(); c++) {
            if (block[c] == null || block[c].length < size) {
                block[c] = new int[size];
            }
            // The side channel of a stereo-decorrelated pair carries one extra bit.
            int extraBit =
                    (assignment == 8 && c == 1) || (assignment == 9 && c == 0) || (assignment == 10 && c == 1) ? 1 : 0;
            subframe(block[c], size, h.bps() + extraBit, frameAt, c);
        }
        alignToByte();
        int footerAt = bytePos();
        int crc16 = (int) bits(16);
        if (crc16 != crc16(b, frameAt, footerAt)) {
            throw corrupt("frame at byte " + frameAt + " fails its CRC-16 check");
        }
        if (assignment >= 8) {
            decorrelate(block[0], block[1], size, assignment);
        }
        return size;
    }

    private FrameHeader frameHeader(int frameAt, int streamChannels, int streamBps) throws IOException {
        int sync = (int) bits(14);
        if (sync != 0x3FFE) {
            throw corrupt("no frame sync code at byte " + frameAt + " (lost sync: damaged or not FLAC audio)");
        }
        bits(1); // reserved
        bits(1); // blocking strategy: fixed or variable; sizes are in every header either way
        int sizeCode = (int) bits(4);
        int rateCode = (int) bits(4);
        int assignment = (int) bits(4);
        int sizeBitsCode = (int) bits(3);
        bits(1);
        skipFrameNumber(frameAt);
        int size = blockSize(sizeCode, frameAt);
        if (rateCode == 12) {
            bits(8);
        } else if (rateCode == 13 || rateCode == 14) {
            bits(16);
        } else if (rateCode == 15) {
            throw corrupt("invalid sample rate code in the frame header at byte " + frameAt);
        }
        int headerEnd = bytePos();
        int crc8 = (int) bits(8);
        if (crc8 != crc8(b, frameAt, headerEnd)) {
            throw corrupt("frame header at byte " + frameAt + " fails its CRC-8 check");
        }
        int bps = sizeBitsCode == 0 ? streamBps : SAMPLE_SIZES[sizeBitsCode];
        if (bps == 0) {
            throw corrupt("reserved sample size code in the frame header at byte " + frameAt);
        }
        if (bps > 31) {
            throw new IOException(source + ": unsupported FLAC sample size " + bps + " bits (at most 31)");
        }
        int channels = assignment < 8 ? assignment + 1 : 2;
        if (assignment > 10) {
            throw corrupt("reserved channel assignment " + assignment + " in the frame header at byte " + frameAt);
        }
        if (channels != streamChannels) {
            throw corrupt(
                    "frame at byte " + frameAt + " has " + channels + " channels, STREAMINFO says " + streamChannels);
        }
        return new FrameHeader(size, bps, assignment, channels);
    }

    /** The UTF-8-like coded frame or sample number: we only need to skip it. */
    private void skipFrameNumber(int frameAt) throws IOException {
        int first = (int) bits(8);
        int extra = first < 0x80 ? 0 : first >= 0xFE ? 6 : Integer.numberOfLeadingZeros(~(first << 24)) - 1;
        if ((first >= 0x80 && (first & 0xC0) == 0x80) || extra > 6) {
            throw corrupt("bad frame number coding in the frame header at byte " + frameAt);
        }
        for (int i = 0; i < extra; i++) {
            bits(8);
        }
    }

    private int blockSize(int sizeCode, int frameAt) throws IOException {
        if (sizeCode == 0) {
            throw corrupt("reserved block size code in the frame header at byte " + frameAt);
        } else if (sizeCode == 1) {
            return 192;
        } else if (sizeCode <= 5) {
            return 576 << (sizeCode - 2);
        } else if (sizeCode == 6) {
            return (int) bits(8) + 1;
        } else if (sizeCode == 7) {
            return (int) bits(16) + 1;
        }
        return 256 << (sizeCode - 8);
    }

    /** Undoes stereo decorrelation: left/side (8), side/right (9), mid/side (10). */
    private static void decorrelate(int[] x, int[] y, int size, int assignment) {
        for (int i = 0; i < size; i++) {
            if (assignment == 8) { // left, side
                y[i] = x[i] - y[i];
            } else if (assignment == 9) { // side, right
                x[i] += y[i];
            } else { // mid, side
                int side = y[i];
                int mid = (x[i] << 1) | (side & 1);
                x[i] = (mid + side) >> 1;
                y[i] = (mid - side) >> 1;
            }
        }
    }

    private void subframe(int[] s, int size, int bps, int frameAt, int channel) throws IOException {
        if (bits(1) != 0) {
            throw corrupt("subframe " + channel + " of the frame at byte " + frameAt + " has a non-zero padding bit");
        }
        int type = (int) bits(6);
        int wasted = 0;
        if (bits(1) == 1) {
            wasted = unary() + 1;
            if (wasted >= bps) {
                throw corrupt("subframe " + channel + " of the frame at byte " + frameAt + " claims " + wasted
                        + " wasted bits of " + bps);
            }
            bps -= wasted;
        }
        if (type == 0) {
            Arrays.fill(s, 0, size, signedBits(bps));
        } else if (type == 1) {
            for (int i = 0; i < size; i++) {
                s[i] = signedBits(bps);
            }
        } else if (type >= 8 && type <= 12) {
            int order = type - 8;
            warmUp(s, size, order, bps, frameAt, channel);
            residual(s, size, order, frameAt, channel);
            restoreFixed(s, size, order);
        } else if (type >= 32) {
            lpcSubframe(s, size, type - 31, bps, frameAt, channel);
        } else {
            throw corrupt(
                    "reserved subframe type " + type + " in channel " + channel + " of the frame at byte " + frameAt);
        }
        if (wasted > 0) {
            for (int i = 0; i < size; i++) {
                s[i] <<= wasted;
            }
        }
    }

    /** The {@code order} unencoded warm-up samples that start a predicted subframe. */
    private void warmUp(int[] s, int size, int order, int bps, int frameAt, int channel) throws IOException {
        if (order > size) {
            throw corrupt(
                    "subframe " + channel + " of the frame at byte " + frameAt + ": predictor order above block size");
        }
        for (int i = 0; i < order; i++) {
            s[i] = signedBits(bps);
        }
    }

    /** An LPC subframe after its type: warm-up, coefficient precision and shift, coefficients, residual. */
    private void lpcSubframe(int[] s, int size, int order, int bps, int frameAt, int channel) throws IOException {
        warmUp(s, size, order, bps, frameAt, channel);
        int precision = (int) bits(4) + 1;
        if (precision == 16) {
            throw corrupt("subframe " + channel + " of the frame at byte " + frameAt + ": invalid LPC precision");
        }
        int shift = signedBits(5);
        if (shift < 0) {
            throw corrupt("subframe " + channel + " of the frame at byte " + frameAt + ": negative LPC shift");
        }
        int[] coefs = new int[order];
        for (int i = 0; i < order; i++) {
            coefs[i] = signedBits(precision);
        }
        residual(s, size, order, frameAt, channel);
        restoreLpc(s, size, coefs, shift);
    }

    private void residual(int[] s, int size, int order, int frameAt, int channel) throws IOException {
        int method = (int) bits(2);
        if (method > 1) {
            throw corrupt("reserved residual coding method in channel " + channel + " of the frame at byte " + frameAt);
        }
        int paramBits = method == 0 ? 4 : 5;
        int escape = method == 0 ? 15 : 31;
        int partitionOrder = (int) bits(4);
        int partitions = 1 << partitionOrder;
        int perPartition = size >> partitionOrder;
        if (perPartition << partitionOrder != size || perPartition < order) {
            throw corrupt("residual partition order " + partitionOrder + " does not fit block size " + size
                    + " in channel " + channel + " of the frame at byte " + frameAt);
        }
        int i = order;
        for (int p = 0; p < partitions; p++) {
            int count = p == 0 ? perPartition - order : perPartition;
            int k = (int) bits(paramBits);
            if (k == escape) {
                int raw = (int) bits(5);
                for (int j = 0; j < count; j++) {
                    s[i++] = signedBits(raw);
                }
            } else {
                for (int j = 0; j < count; j++) {
                    long u = ((long) unary() << k) | bits(k);
                    s[i++] = (int) ((u >>> 1) ^ -(u & 1));
                }
            }
        }
    }

    private static void restoreFixed(int[] s, int size, int order) {
        switch (order) {
            case 1 -> {
                for (int i = 1; i < size; i++) {
                    s[i] += s[i - 1];
                }
            }
            case 2 -> {
                for (int i = 2; i < size; i++) {
                    s[i] += 2 * s[i - 1] - s[i - 2];
                }
            }
            case 3 -> {
                for (int i = 3; i < size; i++) {
                    s[i] += 3 * s[i - 1] - 3 * s[i - 2] + s[i - 3];
                }
            }
            case 4 -> {
                for (int i = 4; i < size; i++) {
                    s[i] += 4 * s[i - 1] - 6 * s[i - 2] + 4 * s[i - 3] - s[i - 4];
                }
            }
            default -> {}
        }
    }

    private static void restoreLpc(int[] s, int size, int[] coefs, int shift) {
        int order = coefs.length;
        if (order == 8) { // flac's default (-5, LibriSpeech's) uses order 8 at most: unrolled, it runs twice as fast
            long c0 = coefs[0],
                    c1 = coefs[1],
                    c2 = coefs[2],
                    c3 = coefs[3],
                    c4 = coefs[4],
                    c5 = coefs[5],
                    c6 = coefs[6],
                    c7 = coefs[7];
            for (int i = 8; i < size; i++) {
                long sum = c0 * s[i - 1]
                        + c1 * s[i - 2]
                        + c2 * s[i - 3]
                        + c3 * s[i - 4]
                        + c4 * s[i - 5]
                        + c5 * s[i - 6]
                        + c6 * s[i - 7]
                        + c7 * s[i - 8];
                s[i] += (int) (sum >> shift);
            }
            return;
        }
        for (int i = order; i < size; i++) {
            long sum = 0;
            for (int j = 0; j < order; j++) {
                sum += (long) coefs[j] * s[i - 1 - j];
            }
            s[i] += (int) (sum >> shift);
        }
    }

    private static final int[] CRC8 = new int[256];
    private static final int[] CRC16 = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c = i;
            for (int k = 0; k < 8; k++) {
                c = (c & 0x80) != 0 ? (c << 1) ^ 0x07 : c << 1;
            }
            CRC8[i] = c & 0xff;
            int d = i << 8;
            for (int k = 0; k < 8; k++) {
                d = (d & 0x8000) != 0 ? (d << 1) ^ 0x8005 : d << 1;
            }
            CRC16[i] = d & 0xffff;
        }
    }

    static int crc8(byte[] b, int from, int to) {
        int c = 0;
        for (int i = from; i < to; i++) {
            c = CRC8[(c ^ b[i]) & 0xff];
        }
        return c;
    }

    /** CRC-16 register after 16 more bits, for every register value: two bytes per table step. */
    private static final char[] CRC16_WORD = new char[1 << 16];

    static {
        for (int x = 0; x < 1 << 16; x++) {
            int c = x;
            c = ((c << 8) ^ CRC16[(c >> 8) & 0xff]) & 0xffff;
            c = ((c << 8) ^ CRC16[(c >> 8) & 0xff]) & 0xffff;
            CRC16_WORD[x] = (char) c;
        }
    }

    static int crc16(byte[] b, int from, int to) {
        int c = 0;
        int i = from;
        for (; i + 1 < to; i += 2) {
            c = CRC16_WORD[c ^ ((b[i] & 0xff) << 8 | (b[i + 1] & 0xff))];
        }
        for (; i < to; i++) {
            c = ((c << 8) ^ CRC16[((c >> 8) ^ b[i]) & 0xff]) & 0xffff;
        }
        return c;
    }
}
