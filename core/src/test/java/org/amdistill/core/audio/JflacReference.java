package org.amdistill.core.audio;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.jflac.FLACDecoder;
import org.jflac.FrameListener;
import org.jflac.PCMProcessor;
import org.jflac.frame.Frame;
import org.jflac.metadata.Metadata;
import org.jflac.metadata.StreamInfo;
import org.jflac.util.ByteData;

/**
 * FLAC (LibriSpeech's format) through jFLAC, into {@link AudioData} in 16-bit integer scale. jFLAC skips frames it
 * cannot decode and goes on; we turn any such loss, and a stream shorter than its STREAMINFO says, into an error.
 */
final class JflacReference {
    private JflacReference() {}

    static AudioData decode(InputStream in, String source) throws IOException {
        FLACDecoder dec = new FLACDecoder(in);
        Collector col = new Collector(dec);
        dec.addPCMProcessor(col);
        dec.addFrameListener(col);
        try {
            dec.decode();
        } catch (EOFException e) {
            throw new IOException(
                    source + ": truncated FLAC file: the stream ends at byte " + dec.getTotalBytesRead()
                            + (col.info == null ? " before its STREAMINFO block" : " in the middle of a frame"),
                    e);
        } catch (IOException | RuntimeException e) {
            throw new IOException(
                    source + ": corrupt FLAC file near byte " + dec.getTotalBytesRead() + ": "
                            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
                    e);
        }
        if (col.info == null) {
            throw new IOException(source + ": corrupt FLAC file: no STREAMINFO block after the fLaC marker");
        }
        if (col.firstError != null && col.firstError.contains("EOF")) {
            throw new IOException(source + ": truncated FLAC file: the stream ends in the middle of a frame at byte "
                    + dec.getTotalBytesRead());
        }
        if (col.firstError != null) {
            throw new IOException(source + ": corrupt FLAC file: " + col.firstError + " near byte " + col.firstErrorByte
                    + " (" + Math.max(1, dec.getBadFrames()) + " frame(s) could not be decoded)");
        }
        int ch = col.info.getChannels();
        int bits = col.info.getBitsPerSample();
        int bytes = (bits + 7) / 8;
        int n = col.length / (bytes * ch);
        long expected = col.info.getTotalSamples();
        if (expected > 0 && n != expected) {
            throw new IOException(source + ": " + (n < expected ? "truncated or corrupt" : "corrupt")
                    + " FLAC file: STREAMINFO says " + expected + " samples per channel but the "
                    + dec.getTotalBytesRead() + " bytes decode to " + n);
        }
        float[][] out = new float[ch][n];
        byte[] b = col.data;
        if (bytes == 2) {
            for (int i = 0, p = 0; i < n; i++) {
                for (int c = 0; c < ch; c++, p += 2) {
                    out[c][i] = (short) ((b[p] & 0xff) | b[p + 1] << 8);
                }
            }
        } else {
            // jFLAC writes samples little-endian in whole bytes; 8-bit ones unsigned (centred on 128) like WAV.
            float scale = (float) Math.pow(2, 16 - bytes * 8);
            int shift = 32 - 8 * bytes;
            for (int i = 0, p = 0; i < n; i++) {
                for (int c = 0; c < ch; c++, p += bytes) {
                    int v;
                    if (bytes == 1) {
                        v = (b[p] & 0xff) - 128;
                    } else {
                        v = 0;
                        for (int k = 0; k < bytes; k++) {
                            v |= (b[p + k] & 0xff) << (8 * k);
                        }
                        v = (v << shift) >> shift; // sign-extend
                    }
                    out[c][i] = v * scale;
                }
            }
        }
        return new AudioData(col.info.getSampleRate(), out);
    }

    private static final class Collector implements PCMProcessor, FrameListener {
        private final FLACDecoder dec;
        StreamInfo info;
        byte[] data = new byte[1 << 16];
        int length;
        String firstError;
        long firstErrorByte;

        Collector(FLACDecoder dec) {
            this.dec = dec;
        }

        @Override
        public void processStreamInfo(StreamInfo streamInfo) {
            info = streamInfo;
            long total =
                    streamInfo.getTotalSamples() * streamInfo.getChannels() * ((streamInfo.getBitsPerSample() + 7) / 8);
            if (total > data.length && total < Integer.MAX_VALUE - 16) {
                data = new byte[(int) total];
            }
        }

        @Override
        public void processPCM(ByteData pcm) {
            int len = pcm.getLen();
            if (length + len > data.length) {
                data = Arrays.copyOf(data, Math.max(data.length * 2, length + len));
            }
            System.arraycopy(pcm.getData(), 0, data, length, len);
            length += len;
        }

        @Override
        public void processMetadata(Metadata metadata) {}

        @Override
        public void processFrame(Frame frame) {}

        @Override
        public void processError(String msg) {
            if (firstError == null) {
                firstError = msg;
                firstErrorByte = dec.getTotalBytesRead();
            }
        }
    }
}
