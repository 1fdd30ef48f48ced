package org.amdistill.dataprep.datadir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.amdistill.dataprep.cli.AmdCommand;
import org.amdistill.dataprep.cli.AmdException;
import org.amdistill.dataprep.table.ScpFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Kaldi's utils/subset_data_dir.sh: a data directory holding some of another's utterances (the first N, a seeded
 * random fraction, or whole speakers), every per-utterance file filtered the same way.
 */
@Command(name = "subset-data-dir", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Make a subset of a data directory: subset-data-dir [--first=N | --fraction=F [--seed=S] | --speakers=N] <src-dir> <dest-dir>")
public final class SubsetDataDir implements AmdCommand {
    @Option(names = "--first", description = "Keep the first N utterances")
    int first = -1;

    @Option(names = "--fraction", description = "Keep this fraction of the utterances, drawn with --seed")
    double fraction = -1;

    @Option(names = "--speakers", description = "Keep N whole speakers, drawn with --seed")
    int speakers = -1;

    @Option(names = "--seed", description = "Random seed for --fraction and --speakers")
    long seed = 1;

    @Parameters(index = "0") Path src;
    @Parameters(index = "1") Path dest;

    static final List<String> PER_UTT = List.of("wav.scp", "text", "utt2spk", "utt2dur", "feats.scp", "segments", "utt2num_frames");

    @Override
    public Integer call() throws IOException {
        int modes = (first >= 0 ? 1 : 0) + (fraction >= 0 ? 1 : 0) + (speakers >= 0 ? 1 : 0);
        if (modes != 1) {
            throw new AmdException("give exactly one of --first, --fraction, --speakers");
        }
        if (fraction > 1) {
            throw new AmdException("--fraction must be in [0, 1], got " + fraction);
        }
        List<ScpFile.ScpLine> u2s = ScpFile.read(src.resolve("utt2spk").toString());
        List<String> utts = new ArrayList<>();
        for (ScpFile.ScpLine l : u2s) {
            utts.add(l.key());
        }
        Set<String> keep = new TreeSet<>();
        Random r = new Random(seed);
        if (first >= 0) {
            keep.addAll(utts.subList(0, Math.min(first, utts.size())));
        } else if (fraction >= 0) {
            List<String> shuffled = new ArrayList<>(utts);
            Collections.shuffle(shuffled, r);
            keep.addAll(shuffled.subList(0, (int) Math.max(1, Math.round(fraction * utts.size()))));
        } else {
            List<String> spks = new ArrayList<>(new TreeSet<>(u2s.stream().map(ScpFile.ScpLine::value).toList()));
            Collections.shuffle(spks, r);
            Set<String> chosen = new TreeSet<>(spks.subList(0, Math.min(speakers, spks.size())));
            for (ScpFile.ScpLine l : u2s) {
                if (chosen.contains(l.value())) {
                    keep.add(l.key());
                }
            }
        }
        Path tmp = dest.toAbsolutePath().resolveSibling("." + dest.getFileName() + ".tmp");
        Files.createDirectories(tmp);
        for (String name : PER_UTT) {
            Path f = src.resolve(name);
            if (!Files.exists(f)) {
                continue;
            }
            StringBuilder sb = new StringBuilder();
            for (String line : Files.readAllLines(f)) {
                String key = line.split("\\s+", 2)[0];
                if (keep.contains(key)) {
                    sb.append(line).append('\n');
                }
            }
            DataDir.writeAtomically(tmp.resolve(name), sb.toString());
        }
        DataDir d = DataDir.read(tmp);
        d.write(tmp); // regenerates spk2utt for the kept utterances
        if (Files.exists(dest)) {
            try (var s = Files.walk(dest)) {
                for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(q);
                }
            }
        }
        Files.move(tmp, dest);
        System.err.println("subset-data-dir: kept " + keep.size() + " of " + utts.size() + " utterances in " + dest);
        return 0;
    }
}
