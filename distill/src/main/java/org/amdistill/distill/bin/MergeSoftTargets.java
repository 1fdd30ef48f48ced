package org.amdistill.distill.bin;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.amdistill.core.cli.AmdCommand;
import org.amdistill.distill.SoftTargetArchive;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The soft targets of a data directory's splits, made by the JOB=1:N tasks of compute-soft-targets, joined into one
 * soft-target directory in job order (see {@link SoftTargetArchive#merge}): the same files as one job's.
 */
@Command(
        name = "merge-soft-targets",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description =
                "Join soft-target directories (one per split, in job order): merge-soft-targets [--transfer-set=RSPEC] <soft-target-dir> <part-dir>...")
public final class MergeSoftTargets implements AmdCommand {
    @Option(
            names = "--transfer-set",
            description = "the whole transfer set's features, as one job's header names them"
                    + " (default: the parts' rspecifiers, joined by commas)")
    String transferSet = "";

    @Parameters(index = "0", paramLabel = "<soft-target-dir>")
    Path out;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "<part-dir>")
    List<Path> parts;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        String set = transferSet.isEmpty()
                ? parts.stream()
                        .map(p -> SoftTargetArchive.readInfo(p).transferSet())
                        .collect(Collectors.joining(","))
                : transferSet;
        SoftTargetArchive.Info merged = SoftTargetArchive.merge(parts, out, set);
        spec.commandLine()
                .getErr()
                .println("merge-soft-targets: " + merged.utterances() + " utterances, " + merged.frames()
                        + " frames from " + parts.size() + " parts in " + out);
        return 0;
    }
}
