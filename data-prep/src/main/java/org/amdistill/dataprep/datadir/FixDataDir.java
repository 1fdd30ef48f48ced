package org.amdistill.dataprep.datadir;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.amdistill.core.cli.AmdCommand;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.table.Segment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Kaldi's utils/fix_data_dir.sh: keeps the utterances that every per-utterance table has (and whose recording, with
 * a segments file, is in wav.scp and every per-recording table, and whose speaker is in cmvn.scp, spk2gender and
 * spk2warp if those exist), sorts every table in C order, drops repeated keys (the first line is kept), rebuilds spk2utt, and
 * writes each file atomically after copying the old ones to {@code <data-dir>/.backup/}.
 *
 * <p>Unlike Kaldi's script, utt2dur, utt2num_frames and reco2dur also restrict the set (Kaldi only filters them,
 * which can leave a directory that its own validator rejects), and segments lines that are malformed or have
 * end <= start are dropped. Speaker ids that are not prefixes of utterance ids cannot be fixed here; they are reported.
 */
@Command(
        name = "fix-data-dir",
        mixinStandardHelpOptions = true,
        description =
                "Make a data directory consistent: fix-data-dir <data-dir> (old files are kept in <data-dir>/.backup)")
public final class FixDataDir implements AmdCommand {
    @Parameters(index = "0", paramLabel = "<data-dir>")
    Path dir;

    @Spec
    CommandSpec spec;

    /** What a fix did: the utterances before and after, and the messages that say why each one went. */
    public record Result(int before, int after, List<String> messages) {}

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Result r = fix(dir);
        for (String m : r.messages()) {
            err.println("fix-data-dir: " + m);
        }
        err.flush();
        return 0;
    }

    public static Result fix(Path dir) throws IOException {
        List<String> messages = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        DataDir d = DataDir.load(dir, dropped);
        messages.addAll(dropped);
        boolean seg = d.hasSegments();
        int before = d.utt2spk.size();

        Map<String, Integer> lacking = new LinkedHashMap<>();
        List<String> keep = new ArrayList<>();
        for (Map.Entry<String, String> e : d.utt2spk.entrySet()) {
            String why = whyRemove(d, seg, e.getKey(), e.getValue());
            if (why == null) {
                keep.add(e.getKey());
            } else {
                lacking.merge(why, 1, Integer::sum);
            }
        }
        if (keep.isEmpty()) {
            throw new AmdException(
                    dir + ": no utterances would remain (" + describe(lacking) + "); not changing anything");
        }
        DataDir fixed = d.restrictTo(keep);
        for (String name : d.present()) {
            int n = d.table(name).size();
            int m = fixed.table(name).size();
            if (m != n) {
                messages.add("filtered " + name + " from " + n + " to " + m + " lines");
            }
        }

        Path backup = backUpAndWrite(dir, d, fixed, messages);

        if (keep.size() == before) {
            messages.add("kept all " + before + " utterances");
        } else {
            messages.add("kept " + keep.size() + " utterances out of " + before + "; removed " + (before - keep.size())
                    + ": " + describe(lacking));
        }
        warnSpeakerPrefixes(fixed, messages);
        messages.add("old files are kept in " + backup);
        return new Result(before, keep.size(), messages);
    }

    /** Backs up every table that is there (spk2utt too) into .backup, then writes the fixed ones; returns .backup. */
    private static Path backUpAndWrite(Path dir, DataDir d, DataDir fixed, List<String> messages) throws IOException {
        Path backup = dir.resolve(".backup");
        Files.createDirectories(backup);
        List<String> files = new ArrayList<>(DataDir.TABLES.keySet());
        files.add("spk2utt");
        for (String name : files) {
            Path f = dir.resolve(name);
            if (Files.exists(f)) {
                Files.copy(f, backup.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        fixed.write(dir);
        for (String name : d.present()) {
            if (fixed.table(name).isEmpty()) { // every line went: an empty file would not validate, so none is left
                Files.deleteIfExists(dir.resolve(name));
                messages.add("removed " + name + ": none of its lines remained");
            }
        }
        return backup;
    }

    private static void warnSpeakerPrefixes(DataDir fixed, List<String> messages) {
        Set<String> badPrefix = new TreeSet<>(DataDir.C_ORDER);
        fixed.utt2spk.forEach((u, s) -> {
            if (!u.startsWith(s)) {
                badPrefix.add(u);
            }
        });
        if (!badPrefix.isEmpty()) {
            messages.add("WARNING: " + badPrefix.size() + " utterance id(s) do not start with their speaker id (e.g. '"
                    + badPrefix.iterator().next()
                    + "'); fix-data-dir cannot fix that (make speaker ids prefixes of utterance ids)");
        }
    }

    private static String describe(Map<String, Integer> lacking) {
        List<String> parts = new ArrayList<>();
        lacking.forEach((why, n) -> parts.add(n + " " + why));
        return String.join(", ", parts);
    }

    /** Null if the utterance stays, else why it goes (the first table, in {@link DataDir#TABLES} order, that lacks it). */
    private static String whyRemove(DataDir d, boolean seg, String utt, String spk) {
        if (spk.isEmpty() || spk.split("\\s+").length != 1) {
            return "with a malformed utt2spk line";
        }
        String reco = null;
        if (seg) {
            String v = d.segments.get(utt);
            if (v == null) {
                return "not in segments";
            }
            try {
                reco = Segment.parse(utt, v).recording();
            } catch (AmdException e) {
                return "with a bad segments line";
            }
        }
        for (String name : d.present()) {
            DataDir.Index idx = DataDir.indexOf(name, seg);
            String key =
                    switch (idx) {
                        case UTTERANCE -> utt;
                        case RECORDING -> reco;
                        case SPEAKER -> spk;
                    };
            if (key != null && !d.table(name).containsKey(key)) {
                return idx == DataDir.Index.UTTERANCE
                        ? "not in " + name
                        : "whose " + idx.name().toLowerCase(Locale.ROOT) + " is not in " + name;
            }
        }
        return null;
    }
}
