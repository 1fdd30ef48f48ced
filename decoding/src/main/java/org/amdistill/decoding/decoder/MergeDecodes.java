package org.amdistill.decoding.decoder;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.amdistill.core.cli.AmdCommand;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.io.AtomicFiles;
import org.amdistill.decoding.scoring.Score;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * One decode directory from the decode directories of a data directory's splits, as Kaldi joins the jobs of a
 * decoding before scoring it once: hyp.txt and every grid point's scoring/penalty_WIP/LMWT.txt concatenated in job
 * order, the data directory's text as the reference, then scored as {@code decode} scores (wer, wer_LMWT_WIP,
 * scoring_kaldi/best_wer, ...), and one rtf line with the jobs' times summed. From the splits in job order every
 * hypothesis and score file is the one a single job over the whole directory writes.
 */
@Command(
        name = "merge-decodes",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description =
                "Join and score the decode directories of a data directory's splits (in job order): merge-decodes [options] <data-dir> <decode-dir> <part-decode-dir>...")
public final class MergeDecodes implements AmdCommand {
    @Option(names = "--phone-map", description = "for scoring, as decode's --phone-map")
    Path phoneMap;

    @Parameters(index = "0", paramLabel = "<data-dir>")
    Path data;

    @Parameters(index = "1", paramLabel = "<decode-dir>")
    Path out;

    @Parameters(index = "2..*", arity = "1..*", paramLabel = "<part-decode-dir>")
    List<Path> parts;

    @Override
    public Integer call() throws IOException {
        List<Path> files = new ArrayList<>(List.of(Path.of("hyp.txt")));
        files.addAll(gridFiles(parts.get(0)));
        for (Path part : parts) {
            List<Path> grid = gridFiles(part);
            if (!Files.exists(part.resolve("hyp.txt")) || !grid.equals(files.subList(1, files.size()))) {
                throw new AmdException(part + " is not a decoding like " + parts.get(0)
                        + " (no hyp.txt, or other grid points under scoring/): every part must be decoded alike");
            }
        }
        Files.createDirectories(out);
        for (Path f : files) {
            concatenate(f);
        }
        List<String> rtfs = new ArrayList<>();
        for (Path part : parts) {
            rtfs.addAll(Files.readAllLines(part.resolve("rtf")));
        }
        AtomicFiles.writeLines(out.resolve("rtf"), List.of(Decode.Stats.mergedRtfLine(rtfs, parts + "/rtf")));
        Path ref = data.resolve("text");
        if (Files.exists(ref)) {
            Files.createDirectories(out.resolve("scoring"));
            Files.copy(ref, out.resolve("scoring/test_filt.txt"), StandardCopyOption.REPLACE_EXISTING);
            Score.scoreDirectory(out, null, phoneMap, System.out);
        }
        return 0;
    }

    /** A decode directory's grid files, scoring/penalty_WIP/LMWT.txt, relative to it and sorted. */
    private static List<Path> gridFiles(Path dir) throws IOException {
        Path scoring = dir.resolve("scoring");
        if (!Files.isDirectory(scoring)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(scoring, 2)) {
            return s.filter(p -> p.getParent().getFileName().toString().startsWith("penalty_")
                            && p.getFileName().toString().endsWith(".txt"))
                    .map(dir::relativize)
                    .sorted()
                    .toList();
        }
    }

    /** {@code file} of every part, in job order, into the same file of the merged directory (atomically). */
    private void concatenate(Path file) throws IOException {
        Path target = out.resolve(file);
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path tmp = AtomicFiles.tempBeside(target);
        try {
            try (OutputStream os = Files.newOutputStream(tmp)) {
                for (Path part : parts) {
                    Files.copy(part.resolve(file), os);
                }
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
