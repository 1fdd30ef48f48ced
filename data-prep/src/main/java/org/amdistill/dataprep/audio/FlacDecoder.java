package org.amdistill.dataprep.audio;

import java.io.IOException;
import java.io.InputStream;
import org.jflac.FLACDecoder;
import org.jflac.PCMProcessor;
import org.jflac.metadata.StreamInfo;
import org.jflac.util.ByteData;

/** FLAC (LibriSpeech's format) through jFLAC, into {@link AudioData} in 16-bit integer scale. */
final class FlacDecoder {
    private FlacDecoder() {
    }

    static AudioData decode(InputStream in, String source) throws IOException {
        FLACDecoder dec = new FLACDecoder(in);
        Collector col = new Collector();
        dec.addPCMProcessor(col);
        try {
            dec.decode();
        } catch (RuntimeException e) {
            throw new IOException(source + ": corrupt FLAC stream after " + dec.getTotalBytesRead() + " bytes: " + e, e);
        }
        if (col.info == null) {
            throw new IOException(source + ": FLAC file without a STREAMINFO block (corrupt?)");
        }
        if (dec.getBadFrames() > 0) {
            throw new IOException(source + ": corrupt FLAC file: " + dec.getBadFrames() + " frames failed to decode");
        }
        int ch = col.info.getChannels();
        int bits = col.info.getBitsPerSample();
        int bytes = (bits + 7) / 8;
        int n = col.length / (bytes * ch);
        long expected = col.info.getTotalSamples();
        if (expected > 0 && n < expected) {
            throw new IOException(source + ": FLAC header says " + expected + " samples, decoded only " + n + " (truncated?)");
        }
        float scale = (float) Math.pow(2, 16 - bytes * 8);
        float[][] out = new float[ch][n];
        byte[] b = col.data;
        int p = 0;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < ch; c++) {
                int v = 0;
                for (int k = 0; k < bytes; k++) {
                    v |= (b[p + k] & 0xff) << (8 * k);
                }
                v = (v << (32 - 8 * bytes)) >> (32 - 8 * bytes); // sign-extend
                if (bytes == 1) {
                    v = (b[p] & 0xff) - 128; // 8-bit samples come out unsigned
                }
                out[c][i] = v * scale;
                p += bytes;
            }
        }
        return new AudioData(col.info.getSampleRate(), out);
    }

    private static final class Collector implements PCMProcessor {
        StreamInfo info;
        byte[] data = new byte[1 << 16];
        int length;

        @Override
        public void processStreamInfo(StreamInfo streamInfo) {
            info = streamInfo;
        }

        @Override
        public void processPCM(ByteData pcm) {
            int len = pcm.getLen();
            if (length + len > data.length) {
                data = java.util.Arrays.copyOf(data, Math.max(data.length * 2, length + len));
            }
            System.arraycopy(pcm.getData(), 0, data, length, len);
            length += len;
        }
    }
}
