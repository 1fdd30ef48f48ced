package org.amdistill.dataprep.datadir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.amdistill.core.audio.WaveTable;
import org.amdistill.core.cli.AmdCommand;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.io.Utf8Lines;
import org.amdistill.core.table.ScpFile;
import org.amdistill.core.table.Segment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Kaldi's utils/validate_data_dir.sh: checks a data directory and names every problem it finds (file, line, key and
 * what is wrong), not just the first; exit status 1 if there was any. Beyond Kaldi's checks it opens every wav.scp
 * entry (unless {@code --no-wav}), checks segments against the recordings' lengths, and makes a speaker id that is
 * not a prefix of its utterance ids an error (Kaldi's "utt2spk is not sorted by speaker" check, which it implies).
 */
@Command(
        name = "validate-data-dir",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description = {
            "Check a Kaldi data directory: validate-data-dir [--no-feats] [--no-text] [--no-wav] <data-dir>",
            "The --no-xxx options mean that xxx need not be present; it is still checked if it is."
        })
public final class ValidateDataDir implements AmdCommand {
    @Option(names = "--no-feats", arity = "0..1", description = "feats.scp need not be present")
    boolean noFeats;

    @Option(names = "--no-text", arity = "0..1", description = "text need not be present")
    boolean noText;

    @Option(names = "--no-wav", arity = "0..1", description = "wav.scp need not be present, and its audio is not read")
    boolean noWav;

    @Option(
            names = "--no-spk-sort",
            arity = "0..1",
            description = "Do not require speaker ids to be prefixes of utterance ids (utt2spk sorted by speaker)")
    boolean noSpkSort;

    @Option(names = "--num-threads", description = "Threads reading the audio")
    int threads = 1;

    @Parameters(index = "0", paramLabel = "<data-dir>")
    Path dir;

    @Spec
    CommandSpec spec;

    /** One problem: the file (its name in the directory), the 1-based line (0: the file as a whole), the key. */
    public record Problem(String file, int line, String key, String message) {
        public String where(Path dir) {
            return dir.resolve(file) + (line > 0 ? ":" + line : "");
        }
    }

    /** The problems and warnings found, and the summary: utterances, speakers, seconds of audio (NaN: unknown). */
    public record Report(List<Problem> problems, List<String> warnings, int utterances, int speakers, double seconds) {
        public String summary() {
            return utterances + " utterances, " + speakers + " speakers"
                    + (Double.isNaN(seconds) ? "" : String.format(Locale.ROOT, ", %.2f hours", seconds / 3600));
        }
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Report r = validate(dir, noFeats, noText, noWav, noSpkSort, threads);
        for (String w : r.warnings()) {
            err.println("WARNING (validate-data-dir) " + w);
        }
        for (Problem p : r.problems()) {
            err.println(p.where(dir) + ": " + p.message());
        }
        err.println("validate-data-dir: " + dir + ": " + r.summary());
        err.flush();
        if (!r.problems().isEmpty()) {
            throw new AmdException(dir + ": " + r.problems().size() + " problem(s) found (listed above)");
        }
        err.println("validate-data-dir: successfully validated data directory " + dir);
        err.flush();
        return 0;
    }

    public static Report validate(
            Path dir, boolean noFeats, boolean noText, boolean noWav, boolean noSpkSort, int threads) {
        if (!Files.isDirectory(dir)) {
            throw new AmdException("no such directory " + dir);
        }
        return new Check(dir).run(noFeats, noText, noWav, noSpkSort, threads);
    }

    private static final Set<String> ILLEGAL_WORDS = Set.of("<s>", "</s>", "#0");

    private static final class Check {
        final Path dir;
        final List<Problem> problems = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();

        Check(Path dir) {
            this.dir = dir;
        }

        void problem(String file, int line, String key, String message) {
            problems.add(new Problem(file, line, key, message));
        }

        void problem(String file, ScpFile.ScpLine l, String message) {
            problem(file, l.lineNumber(), l.key(), message);
        }

        /** The lines of {@code name}, or null if absent; an empty file or a missing final newline is a problem. */
        List<ScpFile.ScpLine> read(String name) {
            List<ScpFile.ScpLine> ls;
            try {
                ls = DataDir.lines(dir, name);
            } catch (Utf8Lines.NotUtf8 e) {
                problem(name, e.line(), null, e.detail());
                return List.of();
            }
            if (ls == null) {
                return null;
            }
            if (ls.isEmpty()) {
                problem(name, 0, null, "file is empty");
            } else if (!endsWithNewline(dir.resolve(name))) {
                problem(name, 0, null, "the last line does not end with a newline");
            }
            return ls;
        }

        private static boolean endsWithNewline(Path f) {
            try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "r")) {
                if (raf.length() == 0) {
                    return true;
                }
                raf.seek(raf.length() - 1);
                return raf.read() == '\n';
            } catch (IOException e) {
                return true; // it was readable a moment ago; ScpFile would have reported a read error
            }
        }

        /** Key to its first line; every key out of C-locale order and every repeated key is a problem. */
        Map<String, ScpFile.ScpLine> keyed(String name, List<ScpFile.ScpLine> ls) {
            Map<String, ScpFile.ScpLine> m = new LinkedHashMap<>();
            if (ls == null) {
                return m;
            }
            String prev = null;
            for (ScpFile.ScpLine l : ls) {
                ScpFile.ScpLine first = m.get(l.key());
                if (first != null) {
                    problem(name, l, "duplicate key '" + l.key() + "' (first at line " + first.lineNumber() + ")");
                } else {
                    if (prev != null && DataDir.C_ORDER.compare(prev, l.key()) > 0) {
                        problem(
                                name,
                                l,
                                "key '" + l.key() + "' is out of sorted (C locale) order: it comes after '" + prev
                                        + "' (sort with LC_ALL=C sort, or run fix-data-dir)");
                    }
                    m.put(l.key(), l);
                }
                prev = l.key();
            }
            return m;
        }

        /** The keys of {@code name} must be those of {@code ref}: each one missing or extra is a problem. */
        void sameKeys(
                String name,
                Map<String, ScpFile.ScpLine> have,
                String refName,
                Map<String, ScpFile.ScpLine> ref,
                String what) {
            for (Map.Entry<String, ScpFile.ScpLine> e : ref.entrySet()) {
                if (!have.containsKey(e.getKey())) {
                    problem(
                            name,
                            0,
                            e.getKey(),
                            what + " '" + e.getKey() + "' (" + refName + ":"
                                    + e.getValue().lineNumber() + ") has no line in " + name);
                }
            }
            for (Map.Entry<String, ScpFile.ScpLine> e : have.entrySet()) {
                if (!ref.containsKey(e.getKey())) {
                    problem(name, e.getValue(), what + " '" + e.getKey() + "' is not in " + refName);
                }
            }
        }

        /** The value must be one number in (lo, hi) (exclusive; integer if asked). */
        void number(String name, ScpFile.ScpLine l, double lo, double hi, boolean integer, String what) {
            String v = l.value();
            boolean ok;
            try {
                double x = Double.parseDouble(v);
                ok = !v.isEmpty() && v.split("\\s+").length == 1 && x > lo && x < hi && (!integer || x == Math.rint(x));
            } catch (NumberFormatException e) {
                ok = false;
            }
            if (!ok) {
                problem(name, l, "'" + l.key() + "': expected " + what + ", got '" + v + "'");
            }
        }

        Map<String, ScpFile.ScpLine> checkPresent(
                String name, String refName, Map<String, ScpFile.ScpLine> ref, String what) {
            List<ScpFile.ScpLine> ls = read(name);
            if (ls == null) {
                return null;
            }
            Map<String, ScpFile.ScpLine> m = keyed(name, ls);
            sameKeys(name, m, refName, ref, what);
            return m;
        }

        // What the checks of the speakers and the recordings found, for the checks after them.
        Map<String, ScpFile.ScpLine> u2s;
        Map<String, ScpFile.ScpLine> speakerRef; // speaker -> its first utt2spk line
        Map<String, ScpFile.ScpLine> speakers;
        String speakersFrom;
        Map<String, ScpFile.ScpLine> wav;
        boolean hasWav;
        boolean hasSegments;
        final List<Segment> segs = new ArrayList<>();
        final Map<Segment, ScpFile.ScpLine> segLine = new HashMap<>();
        Map<String, ScpFile.ScpLine> recordings; // recording -> where it is defined
        String recordingsFrom;

        Report run(boolean noFeats, boolean noText, boolean noWav, boolean noSpkSort, int threads) {
            checkSpeakers(noSpkSort);
            checkTextFile(noText);
            checkRecordings(noWav);
            checkRecordingTables();
            Map<String, ScpFile.ScpLine> u2d = checkUtteranceTables(noFeats);
            checkSpeakerTables();
            double audioSeconds = hasWav && !noWav ? checkAudio(threads) : Double.NaN;
            // the summary's duration: utt2dur, else segments, else the audio read
            double seconds = Double.NaN;
            if (u2d != null) {
                seconds = sum(u2d.values());
            } else if (hasSegments) {
                seconds = segs.size() == u2s.size()
                        ? segs.stream().mapToDouble(Segment::duration).sum()
                        : Double.NaN;
            } else if (!Double.isNaN(audioSeconds)
                    && problems.stream().noneMatch(p -> p.file().equals("wav.scp"))) {
                seconds = audioSeconds;
            }
            return new Report(List.copyOf(problems), List.copyOf(warnings), u2s.size(), speakerRef.size(), seconds);
        }

        /** utt2spk and spk2utt: both there, one speaker per utterance, the one the inverse of the other. */
        private void checkSpeakers(boolean noSpkSort) {
            List<ScpFile.ScpLine> u2sLines = read("utt2spk");
            List<ScpFile.ScpLine> s2uLines = read("spk2utt");
            if (u2sLines == null) {
                problem("utt2spk", 0, null, "no such file (required)");
            }
            if (s2uLines == null) {
                problem("spk2utt", 0, null, "no such file (required)");
            }
            u2s = keyed("utt2spk", u2sLines);
            speakerRef = new LinkedHashMap<>();
            for (ScpFile.ScpLine l : u2s.values()) {
                if (l.value().isEmpty() || l.value().split("\\s+").length != 1) {
                    problem(
                            "utt2spk",
                            l,
                            "'" + l.key() + "': expected 'utterance speaker', got "
                                    + (l.value().isEmpty() ? 1 : l.value().split("\\s+").length + 1) + " fields");
                    continue;
                }
                speakerRef.putIfAbsent(l.value(), l);
            }
            if (!noSpkSort) {
                checkSpeakerOrder(u2s);
            }
            Map<String, ScpFile.ScpLine> s2u = keyed("spk2utt", s2uLines);
            checkSpk2utt(u2s, s2u);
            if (speakerRef.size() == 1) {
                warnings.add(dir + " has only one speaker; Kaldi's speaker adaptation and CMVN work per speaker");
            }
            speakers = s2uLines != null ? s2u : speakerRef;
            speakersFrom = s2uLines != null ? "spk2utt" : "utt2spk";
        }

        private void checkTextFile(boolean noText) {
            List<ScpFile.ScpLine> textLines = read("text");
            if (textLines == null && !noText) {
                problem("text", 0, null, "no such file (give --no-text if this is by design)");
            }
            if (textLines != null) {
                sameKeys("text", keyed("text", textLines), "utt2spk", u2s, "utterance");
                for (ScpFile.ScpLine l : textLines) {
                    checkText(l);
                }
            }
        }

        /** wav.scp and segments: each recording's audio named, each segment in a known recording. */
        private void checkRecordings(boolean noWav) {
            List<ScpFile.ScpLine> wavLines = read("wav.scp");
            List<ScpFile.ScpLine> segLines = read("segments");
            hasWav = wavLines != null;
            hasSegments = segLines != null;
            if (wavLines == null && segLines != null) {
                problem("wav.scp", 0, null, "no such file, but there is a segments file (which needs one)");
            } else if (wavLines == null && !noWav) {
                problem("wav.scp", 0, null, "no such file (give --no-wav if this is by design)");
            }
            wav = keyed("wav.scp", wavLines);
            for (ScpFile.ScpLine l : wav.values()) {
                if (l.value().isEmpty()) {
                    problem("wav.scp", l, "'" + l.key() + "' has no file name or command");
                } else if (l.value().startsWith("~")) {
                    problem(
                            "wav.scp",
                            l,
                            "'" + l.key() + "': do not use ~ in wav.scp (files are opened without tilde expansion)");
                }
            }
            if (segLines != null) {
                Map<String, ScpFile.ScpLine> segRecos = checkSegments(segLines);
                recordings = hasWav ? wav : segRecos;
            } else {
                if (hasWav) {
                    sameKeys("wav.scp", wav, "utt2spk", u2s, "utterance");
                }
                recordings = hasWav ? wav : u2s;
            }
            recordingsFrom = hasWav ? "wav.scp" : hasSegments ? "segments" : "utt2spk";
        }

        /** Parses the segments into {@code segs}; returns recording -> its first segments line. */
        private Map<String, ScpFile.ScpLine> checkSegments(List<ScpFile.ScpLine> segLines) {
            Map<String, ScpFile.ScpLine> seg = keyed("segments", segLines);
            sameKeys("segments", seg, "utt2spk", u2s, "utterance");
            Map<String, ScpFile.ScpLine> segRecos = new LinkedHashMap<>();
            for (ScpFile.ScpLine l : seg.values()) {
                try {
                    Segment s = Segment.parse(l.key(), l.value());
                    segs.add(s);
                    segLine.put(s, l);
                    segRecos.putIfAbsent(s.recording(), l);
                    if (hasWav && !wav.containsKey(s.recording())) {
                        problem(
                                "segments",
                                l,
                                "utterance '" + l.key() + "': recording '" + s.recording() + "' is not in wav.scp");
                    }
                } catch (AmdException e) {
                    problem("segments", l, "utterance '" + l.key() + "': bad segment: " + e.getMessage());
                    if (!l.value().isEmpty()) {
                        segRecos.putIfAbsent(l.value().split("\\s+")[0], l);
                    }
                }
            }
            for (ScpFile.ScpLine l : wav.values()) {
                if (!segRecos.containsKey(l.key())) {
                    problem("wav.scp", l, "recording '" + l.key() + "' has no segments");
                }
            }
            return segRecos;
        }

        private void checkRecordingTables() {
            Map<String, ScpFile.ScpLine> r2d = checkPresent("reco2dur", recordingsFrom, recordings, "recording");
            if (r2d != null) {
                r2d.values()
                        .forEach(l -> number(
                                "reco2dur", l, 0, Double.POSITIVE_INFINITY, false, "a positive duration in seconds"));
            }
            Map<String, ScpFile.ScpLine> r2fc =
                    checkPresent("reco2file_and_channel", recordingsFrom, recordings, "recording");
            if (r2fc != null) {
                for (ScpFile.ScpLine l : r2fc.values()) {
                    String[] f = l.value().split("\\s+");
                    if (f.length == 2 && f[1].equals("1")) {
                        warnings.add(dir.resolve("reco2file_and_channel") + ":" + l.lineNumber()
                                + ": channel should be A or B, not 1");
                    } else if (f.length != 2 || !(f[1].equals("A") || f[1].equals("B"))) {
                        problem(
                                "reco2file_and_channel",
                                l,
                                "'" + l.key() + "': expected 'recording file A|B', got '" + l.value() + "'");
                    }
                }
            }
        }

        /** The other per-utterance tables; returns utt2dur (null when there is none). */
        private Map<String, ScpFile.ScpLine> checkUtteranceTables(boolean noFeats) {
            if (!Files.exists(dir.resolve("feats.scp")) && !noFeats) {
                problem("feats.scp", 0, null, "no such file (give --no-feats if this is by design)");
            }
            checkPresent("feats.scp", "utt2spk", u2s, "utterance");
            Map<String, ScpFile.ScpLine> u2d = checkPresent("utt2dur", "utt2spk", u2s, "utterance");
            if (u2d != null) {
                u2d.values()
                        .forEach(l -> number(
                                "utt2dur", l, 0, Double.POSITIVE_INFINITY, false, "a positive duration in seconds"));
            }
            Map<String, ScpFile.ScpLine> u2nf = checkPresent("utt2num_frames", "utt2spk", u2s, "utterance");
            if (u2nf != null) {
                u2nf.values()
                        .forEach(l -> number(
                                "utt2num_frames", l, 0, Double.POSITIVE_INFINITY, true, "a positive number of frames"));
            }
            for (String name : List.of("utt2lang", "utt2uniq", "vad.scp")) {
                checkPresent(name, "utt2spk", u2s, "utterance");
            }
            Map<String, ScpFile.ScpLine> u2w = checkPresent("utt2warp", "utt2spk", u2s, "utterance");
            if (u2w != null) {
                u2w.values().forEach(l -> number("utt2warp", l, 0.5, 1.5, false, "a warp factor between 0.5 and 1.5"));
            }
            return u2d;
        }

        private void checkSpeakerTables() {
            checkPresent("cmvn.scp", speakersFrom, speakers, "speaker");
            Map<String, ScpFile.ScpLine> s2g = checkPresent("spk2gender", speakersFrom, speakers, "speaker");
            if (s2g != null) {
                for (ScpFile.ScpLine l : s2g.values()) {
                    if (!l.value().equals("m") && !l.value().equals("f")) {
                        problem("spk2gender", l, "'" + l.key() + "': expected gender m or f, got '" + l.value() + "'");
                    }
                }
            }
            Map<String, ScpFile.ScpLine> s2w = checkPresent("spk2warp", speakersFrom, speakers, "speaker");
            if (s2w != null) {
                s2w.values().forEach(l -> number("spk2warp", l, 0.5, 1.5, false, "a warp factor between 0.5 and 1.5"));
            }
        }

        /** Reads every recording's audio; each segment must lie inside its recording. Returns the seconds of audio read. */
        private double checkAudio(int threads) {
            List<ScpFile.ScpLine> recs = new ArrayList<>(wav.values());
            RecordingDurations.Result d = RecordingDurations.read(recs, threads, "validate-data-dir: reading audio");
            Map<String, Double> recoSeconds = new HashMap<>();
            double audioSeconds = 0;
            for (int i = 0; i < recs.size(); i++) {
                ScpFile.ScpLine l = recs.get(i);
                if (d.errors()[i] != null) {
                    problem("wav.scp", l, "cannot read the audio of '" + l.key() + "': " + d.errors()[i]);
                } else {
                    recoSeconds.put(l.key(), d.seconds()[i]);
                    audioSeconds += d.seconds()[i];
                }
            }
            for (Segment s : segs) {
                Double len = recoSeconds.get(s.recording());
                if (len == null) {
                    continue;
                }
                ScpFile.ScpLine l = segLine.get(s);
                if (s.start() >= len) {
                    problem(
                            "segments",
                            l,
                            "utterance '" + s.utterance() + "' starts at " + s.start() + " s but recording '"
                                    + s.recording() + "' is only " + len + " s long");
                } else if (s.end() > len + WaveTable.MAX_OVERSHOOT_SECONDS) {
                    problem(
                            "segments",
                            l,
                            "utterance '" + s.utterance() + "' ends at " + s.end() + " s, more than "
                                    + WaveTable.MAX_OVERSHOOT_SECONDS + " s past the end of recording '" + s.recording()
                                    + "' (" + len + " s)");
                }
            }
            return audioSeconds;
        }

        private static double sum(Iterable<ScpFile.ScpLine> ls) {
            double s = 0;
            for (ScpFile.ScpLine l : ls) {
                try {
                    s += Double.parseDouble(l.value());
                } catch (NumberFormatException e) {
                    return Double.NaN;
                }
            }
            return s;
        }

        /** Speaker ids must be prefixes of their utterance ids, so that utt2spk is sorted by speaker too. */
        private void checkSpeakerOrder(Map<String, ScpFile.ScpLine> u2s) {
            int before = problems.size();
            for (ScpFile.ScpLine l : u2s.values()) {
                if (!l.value().isEmpty() && !l.key().startsWith(l.value())) {
                    problem(
                            "utt2spk",
                            l,
                            "speaker id '" + l.value() + "' is not a prefix of utterance id '" + l.key()
                                    + "' (Kaldi needs utt2spk sorted by speaker as well as by utterance; give --no-spk-sort if this is by design)");
                }
            }
            if (problems.size() > before) {
                return;
            }
            // Prefixes alone do not guarantee it (speakers 'a' and 'a_b' with utterances 'a_c' and 'a_b_1'): compare.
            List<ScpFile.ScpLine> byUtt = new ArrayList<>(u2s.values());
            byUtt.sort(Comparator.comparing(ScpFile.ScpLine::key, DataDir.C_ORDER));
            List<ScpFile.ScpLine> bySpk = new ArrayList<>(byUtt);
            bySpk.sort(Comparator.comparing(ScpFile.ScpLine::value, DataDir.C_ORDER)
                    .thenComparing(ScpFile.ScpLine::key, DataDir.C_ORDER));
            for (int i = 0; i < byUtt.size(); i++) {
                if (!byUtt.get(i).equals(bySpk.get(i))) {
                    ScpFile.ScpLine l = byUtt.get(i);
                    problem(
                            "utt2spk",
                            l,
                            "utt2spk is not sorted by speaker: utterance '" + l.key() + "' of speaker '"
                                    + l.value() + "' comes where utterance '"
                                    + bySpk.get(i).key() + "' of speaker '"
                                    + bySpk.get(i).value()
                                    + "' would when sorted by speaker (give --no-spk-sort if this is by design)");
                    return;
                }
            }
        }

        private void checkSpk2utt(Map<String, ScpFile.ScpLine> u2s, Map<String, ScpFile.ScpLine> s2u) {
            Map<String, ScpFile.ScpLine> seen = new HashMap<>();
            for (ScpFile.ScpLine l : s2u.values()) {
                String spk = l.key();
                if (l.value().isEmpty()) {
                    problem("spk2utt", l, "speaker '" + spk + "' has no utterances");
                    continue;
                }
                String prev = null;
                for (String utt : l.value().split("\\s+")) {
                    if (prev != null && DataDir.C_ORDER.compare(prev, utt) >= 0) {
                        problem(
                                "spk2utt",
                                l,
                                "utterances of speaker '" + spk + "' are not in sorted (C locale) order: '" + utt
                                        + "' comes after '" + prev + "'");
                    }
                    prev = utt;
                    ScpFile.ScpLine other = seen.putIfAbsent(utt, l);
                    if (other != null) {
                        problem(
                                "spk2utt",
                                l.lineNumber(),
                                utt,
                                "utterance '" + utt + "' is listed again (also at line " + other.lineNumber() + ")");
                        continue;
                    }
                    ScpFile.ScpLine u = u2s.get(utt);
                    if (u == null) {
                        problem(
                                "spk2utt",
                                l.lineNumber(),
                                utt,
                                "utterance '" + utt + "' of speaker '" + spk + "' is not in utt2spk");
                    } else if (!u.value().equals(spk)) {
                        problem(
                                "spk2utt",
                                l.lineNumber(),
                                utt,
                                "utterance '" + utt + "' is under speaker '" + spk + "' here but under '" + u.value()
                                        + "' in utt2spk:" + u.lineNumber());
                    }
                }
            }
            if (!s2u.isEmpty() || Files.exists(dir.resolve("spk2utt"))) {
                for (ScpFile.ScpLine u : u2s.values()) {
                    if (!seen.containsKey(u.key())) {
                        problem(
                                "spk2utt",
                                0,
                                u.key(),
                                "utterance '" + u.key() + "' of speaker '" + u.value() + "' (utt2spk:" + u.lineNumber()
                                        + ") is not in spk2utt");
                    }
                }
            }
        }

        private void checkText(ScpFile.ScpLine l) {
            // An empty transcript is allowed, as in Kaldi (validate_text.pl checks only the encoding and whitespace).
            for (int i = 0; i < l.value().length(); i++) {
                char c = l.value().charAt(i);
                if (c != ' ' && c != '\t' && (Character.isWhitespace(c) || Character.isSpaceChar(c))) {
                    problem(
                            "text",
                            l,
                            "utterance '" + l.key() + "': transcript contains the whitespace character U+"
                                    + String.format(Locale.ROOT, "%04X", (int) c)
                                    + " (only space and tab separate words)");
                    break;
                }
            }
            for (String w : l.value().split("[ \t]+")) {
                if (ILLEGAL_WORDS.contains(w)) {
                    problem("text", l, "utterance '" + l.key() + "': transcript contains the reserved symbol " + w);
                }
            }
        }
    }
}
