package org.amdistill.dataprep.audio;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.amdistill.dataprep.cli.AmdException;
import org.amdistill.dataprep.table.Entry;
import org.amdistill.dataprep.table.Rxfilename;
import org.amdistill.dataprep.table.ScpFile;
import org.amdistill.dataprep.table.Specifier;

/**
 * The utterances of a {@code wav.scp} (paths, {@code cmd |} pipes, {@code -}), optionally cut into utterances by a
 * {@code segments} file ({@code utt reco start end [channel]}, as Kaldi's extract-segments). Each entry's audio is
 * read when asked for, so that one unreadable recording is an error for its utterances only.
 */
public final class WaveTable implements Iterable<Entry<AudioData>> {
    /** Kaldi's extract-segments tolerance: a segment may end this far past the recording's end. */
    private static final double END_TOLERANCE_SECONDS = 0.1;

    private final List<ScpFile.ScpLine> recordings;
    private final List<ScpFile.ScpLine> segments;

    private WaveTable(List<ScpFile.ScpLine> recordings, List<ScpFile.ScpLine> segments) {
        this.recordings = recordings;
        this.segments = segments;
    }

    /** {@code rspecifier} is {@code scp:wav.scp} (or a bare wav.scp path); {@code segments} may be null. */
    public static WaveTable open(String rspecifier, String segmentsFile) {
        String file = rspecifier;
        if (rspecifier.matches("^(ark|scp)(,[a-z]+)*:.*")) {
            Specifier s = Specifier.parseRead(rspecifier);
            if (!s.script()) {
                throw new AmdException("audio must be read through a wav.scp (scp:wav.scp), got '" + rspecifier + "'");
            }
            file = s.file();
        }
        return new WaveTable(ScpFile.read(file), segmentsFile == null ? null : ScpFile.read(segmentsFile));
    }

    public static AudioData readRecording(ScpFile.ScpLine line) {
        try (InputStream in = Rxfilename.open(line.value())) {
            return AudioReader.read(in, describe(line));
        } catch (IOException e) {
            throw new AmdException("utterance '" + line.key() + "' (" + line.where() + "): " + e.getMessage(), e);
        } catch (AmdException e) {
            throw new AmdException("utterance '" + line.key() + "' (" + line.where() + "): " + e.getMessage(), e);
        }
    }

    private static String describe(ScpFile.ScpLine line) {
        String v = line.value();
        return v.endsWith("|") ? "output of '" + v + "'" : v;
    }

    public int size() {
        return segments == null ? recordings.size() : segments.size();
    }

    @Override
    public Iterator<Entry<AudioData>> iterator() {
        if (segments == null) {
            Iterator<ScpFile.ScpLine> it = recordings.iterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public Entry<AudioData> next() {
                    ScpFile.ScpLine l = it.next();
                    return new Lazy(l.key(), () -> readRecording(l));
                }
            };
        }
        Map<String, ScpFile.ScpLine> byReco = new HashMap<>();
        for (ScpFile.ScpLine r : recordings) {
            byReco.put(r.key(), r);
        }
        // Segments of one recording are usually adjacent: keep the last recording decoded.
        Object[] cache = new Object[2];
        List<Entry<AudioData>> entries = new ArrayList<>();
        for (ScpFile.ScpLine seg : segments) {
            String[] f = seg.value().split("\\s+");
            if (f.length < 3 || f.length > 4) {
                throw new AmdException(seg.where() + ": expected 'utt recording start end [channel]'");
            }
            ScpFile.ScpLine reco = byReco.get(f[0]);
            double start;
            double end;
            try {
                start = Double.parseDouble(f[1]);
                end = Double.parseDouble(f[2]);
            } catch (NumberFormatException e) {
                throw new AmdException(seg.where() + ": bad start/end time '" + f[1] + " " + f[2] + "'");
            }
            int channel = f.length == 4 ? Integer.parseInt(f[3]) : -1;
            entries.add(new Lazy(seg.key(), () -> {
                if (reco == null) {
                    throw new AmdException("utterance '" + seg.key() + "' (" + seg.where() + "): recording '" + f[0] + "' is not in wav.scp");
                }
                AudioData a;
                if (reco.key().equals(cache[0])) {
                    a = (AudioData) cache[1];
                } else {
                    a = readRecording(reco);
                    cache[0] = reco.key();
                    cache[1] = a;
                }
                if (end != -1 && (end <= start || start < 0)) {
                    throw new AmdException("utterance '" + seg.key() + "' (" + seg.where() + "): bad segment times " + start + " to " + end);
                }
                double dur = a.durationSeconds();
                double e = end == -1 ? dur : end;
                if (e > dur + END_TOLERANCE_SECONDS) {
                    throw new AmdException("utterance '" + seg.key() + "' (" + seg.where() + "): segment ends at " + e
                            + " s but recording '" + reco.key() + "' is only " + dur + " s long");
                }
                int from = (int) Math.round(start * a.sampleRate());
                int to = (int) Math.min(a.numSamples(), Math.round(e * a.sampleRate()));
                AudioData cut = AudioReader.cut(a, Math.min(from, to), to);
                return channel < 0 ? cut : AudioData.mono(cut.sampleRate(), cut.channel(channel));
            }));
        }
        return entries.iterator();
    }

    private static final class Lazy implements Entry<AudioData> {
        private final String key;
        private final java.util.function.Supplier<AudioData> loader;

        Lazy(String key, java.util.function.Supplier<AudioData> loader) {
            this.key = key;
            this.loader = loader;
        }

        @Override
        public String key() {
            return key;
        }

        @Override
        public AudioData value() {
            return loader.get();
        }
    }
}
