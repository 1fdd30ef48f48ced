package org.amdistill.core.audio;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.table.Entry;
import org.amdistill.core.table.KaldiInput;
import org.amdistill.core.table.Rxfilename;
import org.amdistill.core.table.ScpFile;
import org.amdistill.core.table.Segment;
import org.amdistill.core.table.Specifier;

/**
 * The utterances of a {@code wav.scp} (paths, {@code cmd |} pipes, {@code -}), optionally cut into utterances by a
 * {@code segments} file ({@code utt reco start end [channel]}) with the rules of Kaldi's extract-segments. Each
 * entry's audio is read when {@link Entry#value()} is called, and an entry that cannot be produced throws an
 * {@link AmdException} naming the utterance, the wav.scp or segments line, the file and what was wrong, so that
 * callers count the failure and go on with the other utterances. {@code value()} may be called from several threads.
 */
public final class WaveTable implements Iterable<Entry<AudioData>> {
    /** extract-segments' --max-overshoot: a segment may end this far past the recording's end (it is truncated). */
    public static final double MAX_OVERSHOOT_SECONDS = 0.5;
    /** extract-segments' --min-segment-length: shorter segments are rejected. */
    public static final double MIN_SEGMENT_SECONDS = 0.1;
    /** Recordings kept decoded for the segments that follow (segments of one recording are usually adjacent). */
    private static final int CACHED_RECORDINGS = 2;

    private final List<ScpFile.ScpLine> recordings;
    private final List<ScpFile.ScpLine> segments;
    /** For {@code ark:} input: the archive's rxfilename (recordings and segments are then null). */
    private final String archive;

    private final Map<String, Loaded> cache = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Loaded> eldest) {
            return size() > CACHED_RECORDINGS;
        }
    };

    private WaveTable(List<ScpFile.ScpLine> recordings, List<ScpFile.ScpLine> segments, String archive) {
        this.recordings = recordings;
        this.segments = segments;
        this.archive = archive;
    }

    /**
     * {@code rspecifier} is {@code scp:wav.scp} (or a bare wav.scp path), or {@code ark:FILE} / {@code ark:-} for a
     * Kaldi wave archive (what {@code extract-segments ... ark:-} or {@code wav-copy} write: each entry is
     * {@code key } followed by a WAV). {@code segmentsFile} may be null; it needs a wav.scp.
     */
    public static WaveTable open(String rspecifier, String segmentsFile) {
        String file = rspecifier;
        if (rspecifier.matches("^(ark|scp)(,[a-z]+)*:.*")) {
            Specifier s = Specifier.parseRead(rspecifier);
            if (s.archive()) {
                if (segmentsFile != null) {
                    throw new AmdException("segments need the recordings as a wav.scp (scp:wav.scp), not the archive '"
                            + rspecifier + "'");
                }
                return new WaveTable(null, null, s.file());
            }
            file = s.file();
        }
        List<ScpFile.ScpLine> recordings = ScpFile.read(file);
        ScpFile.warnDuplicateKeys(recordings);
        List<ScpFile.ScpLine> segments = segmentsFile == null ? null : ScpFile.read(segmentsFile);
        if (segments != null) {
            ScpFile.warnDuplicateKeys(segments);
        }
        return new WaveTable(recordings, segments, null);
    }

    /** The audio of one wav.scp line, or an {@link AmdException} naming the recording, the line and the problem. */
    public static AudioData readRecording(ScpFile.ScpLine line) {
        String prefix = "utterance '" + line.key() + "' (" + line.where() + "): ";
        try {
            return read(line.value());
        } catch (IOException | AmdException e) {
            throw new AmdException(prefix + e.getMessage(), e);
        }
    }

    /** Reads the audio an rxfilename names; a pipe command that exits non-zero is an error even if it wrote audio. */
    public static AudioData read(String rxfilename) throws IOException {
        String v = rxfilename.strip();
        String source = v.endsWith("|") ? "output of '" + v + "'" : v.equals("-") ? "standard input" : v;
        if (Rxfilename.kind(v) == Rxfilename.Kind.OFFSET) {
            // An offset into a wave archive: read just the one WAV that starts there, not the rest of the archive.
            try (InputStream in = Rxfilename.open(v)) {
                return AudioReader.read(AudioReader.readRiffObject(in, source), source);
            }
        }
        if (Rxfilename.kind(v) == Rxfilename.Kind.FILE) {
            // One exact-size read: cheaper than streaming through a buffer when an hour of audio goes by per second.
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(Path.of(v));
            } catch (NoSuchFileException e) {
                throw new AmdException("cannot open " + v + ": no such file");
            } catch (IOException e) {
                throw new AmdException("cannot open " + v + ": " + e.getMessage());
            }
            return AudioReader.read(bytes, source);
        }
        InputStream in = Rxfilename.open(v);
        AudioData audio;
        try {
            audio = AudioReader.read(in, source);
        } catch (IOException readError) {
            closeAfter(in, readError.getMessage());
            throw readError;
        } catch (RuntimeException readError) {
            closeAfter(in, null);
            throw readError;
        }
        closeAfter(in, null);
        return audio;
    }

    /**
     * Closes a pipe's stream; a failed command is said first (it is usually the cause), with what reading it said
     * ({@code readError}, or null) after.
     */
    private static void closeAfter(InputStream in, String readError) throws IOException {
        try {
            in.close();
        } catch (IOException closeError) {
            throw new IOException(
                    closeError.getMessage() + (readError != null ? "; then " + readError : ""), closeError);
        }
    }

    /** The number of entries: utterances of the segments file, recordings of wav.scp, or -1 for an archive. */
    public int size() {
        return archive != null ? -1 : segments == null ? recordings.size() : segments.size();
    }

    /**
     * The entries in order. For an archive the WAV bytes of each entry are read as the iteration reaches it (a
     * broken archive ends the iteration with an AmdException naming the byte offset) and decoded in {@code value()}.
     */
    @Override
    public Iterator<Entry<AudioData>> iterator() {
        if (archive != null) {
            return archiveEntries();
        }
        if (segments == null) {
            return lazily(recordings.iterator(), l -> new Lazy(l.key(), () -> readRecording(l)));
        }
        Map<String, ScpFile.ScpLine> byReco = new HashMap<>();
        for (ScpFile.ScpLine r : recordings) {
            byReco.putIfAbsent(r.key(), r);
        }
        return lazily(segments.iterator(), seg -> new Lazy(seg.key(), () -> cutSegment(seg, byReco)));
    }

    /** Each line as the entry {@code entry} makes of it (whose audio is read when its value is asked for). */
    private static Iterator<Entry<AudioData>> lazily(
            Iterator<ScpFile.ScpLine> lines, Function<ScpFile.ScpLine, Lazy> entry) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return lines.hasNext();
            }

            @Override
            public Entry<AudioData> next() {
                return entry.apply(lines.next());
            }
        };
    }

    /** The entries of a wave archive, each entry's bytes read as the iteration reaches it. */
    private Iterator<Entry<AudioData>> archiveEntries() {
        KaldiInput in = Rxfilename.openKaldi(archive);
        String name = archive.equals("-") ? "standard input" : archive;
        return new Iterator<>() {
            private String key;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (key == null && !done) {
                    try {
                        key = in.readToken();
                    } catch (IOException e) {
                        throw new AmdException(
                                "error reading wave archive " + name + " at byte " + in.position() + ": "
                                        + e.getMessage(),
                                e);
                    }
                    if (key == null) {
                        done = true;
                        close(in, name);
                    }
                }
                return key != null;
            }

            @Override
            public Entry<AudioData> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                String k = key;
                key = null;
                long at = in.position();
                byte[] bytes;
                try {
                    bytes = readRiffEntry(in);
                } catch (IOException e) {
                    done = true;
                    throw new AmdException(
                            "error reading wave archive " + name + ": entry '" + k + "' starting at byte " + at + ": "
                                    + e.getMessage(),
                            e);
                }
                return new Lazy(k, () -> {
                    try {
                        return AudioReader.read(bytes, "its WAV");
                    } catch (IOException ex) {
                        throw new AmdException("utterance '" + k + "' (archive " + name + "): " + ex.getMessage(), ex);
                    }
                });
            }
        };
    }

    private AudioData cutSegment(ScpFile.ScpLine seg, Map<String, ScpFile.ScpLine> byReco) {
        String prefix = "utterance '" + seg.key() + "' (" + seg.where() + "): ";
        Segment s;
        try {
            s = Segment.parseForReading(seg.key(), seg.value());
        } catch (AmdException e) {
            throw new AmdException(prefix + e.getMessage());
        }
        double start = s.start();
        double end = s.end();
        int channel = s.channel();
        String[] f = seg.value().split("\\s+");
        ScpFile.ScpLine reco = byReco.get(f[0]);
        if (reco == null) {
            throw new AmdException(prefix + "recording '" + f[0] + "' is not in " + recordingsSource());
        }
        AudioData a;
        try {
            a = recording(reco);
        } catch (IOException | AmdException e) {
            throw new AmdException(
                    prefix + "recording '" + reco.key() + "' (" + reco.where() + "): " + e.getMessage(), e);
        }
        float rate = a.sampleRate();
        int numSamples = a.numSamples();
        // Sample indices truncate, as Kaldi's int32 conversions do.
        long startSample = (long) (start * rate);
        long endSample = end != -1 ? (long) (end * rate) : numSamples;
        if (startSample >= numSamples) {
            throw new SegmentRejected(
                    prefix + "segment starts at " + f[1] + " s (sample " + startSample + ") but recording '"
                            + reco.key() + "' has only " + numSamples + " samples (" + a.durationSeconds() + " s)");
        }
        if (endSample > numSamples) {
            if (endSample >= numSamples + (long) (MAX_OVERSHOOT_SECONDS * rate)) {
                throw new SegmentRejected(prefix + "segment ends at " + f[2] + " s but recording '" + reco.key()
                        + "' is only " + a.durationSeconds() + " s long (more than " + MAX_OVERSHOOT_SECONDS
                        + " s overshoot)");
            }
            endSample = numSamples; // a small overshoot is truncated
        }
        if (endSample <= startSample + (long) (MIN_SEGMENT_SECONDS * rate)) {
            throw new SegmentRejected(prefix + "segment " + f[1] + " to " + f[2] + " is too short (under "
                    + MIN_SEGMENT_SECONDS + " s after truncation to the recording)");
        }
        if (channel == -1) {
            if (a.numChannels() != 1) {
                throw new AmdException(prefix + "recording '" + reco.key() + "' has " + a.numChannels()
                        + " channels: give the channel as the fifth field of the segments line");
            }
            channel = 0;
        } else if (channel >= a.numChannels()) {
            throw new AmdException(prefix + "channel " + channel + " but recording '" + reco.key() + "' has "
                    + a.numChannels() + " channel(s)");
        }
        float[] x = Arrays.copyOfRange(a.channel(channel), (int) startSample, (int) endSample);
        return AudioData.mono(rate, x);
    }

    private String recordingsSource() {
        return recordings.isEmpty() ? "wav.scp" : recordings.get(0).source();
    }

    /** A recording, decoded once for all its segments; a failure is remembered too, so a bad pipe runs once. */
    private AudioData recording(ScpFile.ScpLine reco) throws IOException {
        Loaded slot;
        synchronized (cache) {
            slot = cache.computeIfAbsent(reco.key(), k -> new Loaded());
        }
        synchronized (slot) {
            if (slot.audio == null && slot.error == null) {
                try {
                    slot.audio = read(reco.value());
                } catch (IOException | AmdException e) {
                    slot.error = e;
                }
            }
            if (slot.error instanceof IOException io) {
                throw io;
            }
            if (slot.error instanceof AmdException amd) {
                throw amd;
            }
            return slot.audio;
        }
    }

    /** One WAV of a Kaldi wave archive (Kaldi's WaveHolder writes no binary marker before it), as bytes. */
    private static byte[] readRiffEntry(KaldiInput in) throws IOException {
        byte[] head = new byte[8];
        int got = 0;
        for (int c; got < 8 && (c = in.read()) >= 0; got++) {
            head[got] = (byte) c;
        }
        int size = AudioReader.riffObjectSize(Arrays.copyOf(head, got), "the archive");
        byte[] all = Arrays.copyOf(head, size);
        try {
            in.readFully(all, 8, size - 8);
        } catch (EOFException e) {
            throw new IOException("truncated: its RIFF header says " + size + " bytes but the archive ends first", e);
        }
        return all;
    }

    private static void close(KaldiInput in, String name) {
        try {
            in.close();
        } catch (IOException e) { // a pipe that failed after writing its archive
            throw new AmdException("error reading wave archive " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * A segment that Kaldi's extract-segments drops with only a warning (it starts past the recording's end, ends
     * more than {@link #MAX_OVERSHOOT_SECONDS} past it, or is shorter than {@link #MIN_SEGMENT_SECONDS}), so that
     * Kaldi's make_fbank.sh carries on with exit status 0. Callers that mirror that may log these and go on without
     * counting a failure; malformed lines, unknown recordings and unreadable audio are plain AmdExceptions.
     */
    public static final class SegmentRejected extends AmdException {
        public SegmentRejected(String message) {
            super(message);
        }
    }

    private static final class Loaded {
        AudioData audio;
        Exception error;
    }

    private static final class Lazy implements Entry<AudioData> {
        private final String key;
        private final Supplier<AudioData> loader;

        Lazy(String key, Supplier<AudioData> loader) {
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
