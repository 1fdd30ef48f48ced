package org.amdistill.dataprep.datadir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.amdistill.core.cli.AmdCommand;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Kaldi's utils/subset_data_dir.sh: a data directory holding some of another's utterances (the first or last N, a
 * seeded random fraction, N whole speakers, or those of an utterance or speaker list), every table filtered
 * consistently: per-utterance tables by utterance, wav.scp / reco2dur / reco2file_and_channel by the recordings of
 * the kept segments (or by utterance without segments), cmvn.scp / spk2gender / spk2warp by the kept speakers, and
 * spk2utt rebuilt.
 */
@Command(
        name = "subset-data-dir",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description = {
            "Make a subset of a data directory: subset-data-dir [--first=N | --last=N | --fraction=F [--seed=S]"
                    + " | --speakers=N [--seed=S] | --utt-list=FILE | --spk-list=FILE] <src-dir> <dest-dir>"
        })
public final class SubsetDataDir implements AmdCommand {
    @Option(names = "--first", description = "Keep the first N utterances")
    int first = -1;

    @Option(names = "--last", description = "Keep the last N utterances")
    int last = -1;

    @Option(names = "--fraction", description = "Keep this fraction of the utterances, drawn with --seed")
    double fraction = -1;

    @Option(names = "--speakers", description = "Keep N whole speakers, drawn with --seed")
    int speakers = -1;

    @Option(names = "--utt-list", description = "Keep the utterances listed in FILE (first field of each line)")
    Path uttList;

    @Option(
            names = "--spk-list",
            description = "Keep the utterances of the speakers listed in FILE (first field of each line)")
    Path spkList;

    @Option(names = "--seed", description = "Random seed for --fraction and --speakers")
    long seed = 1;

    @Parameters(index = "0", paramLabel = "<src-dir>")
    Path src;

    @Parameters(index = "1", paramLabel = "<dest-dir>")
    Path dest;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        int modes = (first >= 0 ? 1 : 0)
                + (last >= 0 ? 1 : 0)
                + (fraction >= 0 ? 1 : 0)
                + (speakers >= 0 ? 1 : 0)
                + (uttList != null ? 1 : 0)
                + (spkList != null ? 1 : 0);
        if (modes != 1) {
            throw new AmdException(
                    "give exactly one of --first, --last, --fraction, --speakers, --utt-list, --spk-list");
        }
        if (fraction > 1) {
            throw new AmdException("--fraction must be in [0, 1], got " + fraction);
        }
        DataDir d = DataDir.load(src, null);
        List<String> utts = new ArrayList<>(d.utt2spk.keySet()); // C order, as a valid directory's file is
        Set<String> keep = new LinkedHashSet<>();
        Random r = new Random(seed);
        if (first >= 0) {
            keep.addAll(utts.subList(0, Math.min(first, utts.size())));
        } else if (last >= 0) {
            keep.addAll(utts.subList(Math.max(0, utts.size() - last), utts.size()));
        } else if (fraction >= 0) {
            List<String> shuffled = new ArrayList<>(utts);
            Collections.shuffle(shuffled, r);
            keep.addAll(shuffled.subList(0, (int) Math.max(1, Math.round(fraction * utts.size()))));
        } else if (speakers >= 0) {
            List<String> spks = new ArrayList<>(d.speakers());
            Collections.shuffle(spks, r);
            keep.addAll(uttsOf(d, new TreeSet<>(spks.subList(0, Math.min(speakers, spks.size())))));
        } else if (uttList != null) {
            List<String> wanted = DataDir.readList(uttList);
            unknown(wanted, d.utt2spk.keySet(), "utterance", uttList, src.resolve("utt2spk"));
            keep.addAll(wanted);
        } else {
            List<String> wanted = DataDir.readList(spkList);
            unknown(wanted, d.speakers(), "speaker", spkList, src.resolve("utt2spk"));
            keep.addAll(uttsOf(d, new TreeSet<>(wanted)));
        }
        DataDir subset = d.restrictTo(keep);

        Path tmp = dest.toAbsolutePath().resolveSibling("." + dest.getFileName() + ".tmp");
        AtomicFiles.deleteTree(tmp);
        subset.write(tmp);
        AtomicFiles.deleteTree(dest);
        Files.move(tmp, dest);
        spec.commandLine()
                .getErr()
                .println("subset-data-dir: kept " + keep.size() + " of " + utts.size() + " utterances ("
                        + subset.speakers().size() + " of " + d.speakers().size() + " speakers) in " + dest);
        return 0;
    }

    private static List<String> uttsOf(DataDir d, Set<String> spks) {
        List<String> u = new ArrayList<>();
        for (Map.Entry<String, String> e : d.utt2spk.entrySet()) {
            if (spks.contains(e.getValue())) {
                u.add(e.getKey());
            }
        }
        return u;
    }

    /** Ids of a list that the directory does not have are an error naming the first 10 and the count. */
    private static void unknown(List<String> wanted, Set<String> known, String what, Path list, Path where) {
        List<String> missing = new ArrayList<>();
        for (String id : new LinkedHashSet<>(wanted)) {
            if (!known.contains(id)) {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            throw new AmdException(list + ": " + missing.size() + " " + what + "(s) not in " + where + ": "
                    + String.join(" ", missing.subList(0, Math.min(10, missing.size())))
                    + (missing.size() > 10 ? " ..." : ""));
        }
    }
}
