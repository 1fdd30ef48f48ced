package org.amdistill.frontend.bin;

import org.amdistill.core.cli.AmdCommand;
import org.amdistill.core.table.Codecs;
import org.amdistill.core.table.TableWriter;
import org.amdistill.frontend.Splicer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Kaldi's splice-feats, with an asymmetric window allowed. */
@Command(
        name = "splice-feats",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description =
                "Splice features with left and right context (e.g. prior to LDA): splice-feats [options] <feature-rspecifier> <feature-wspecifier>")
public final class SpliceFeats implements AmdCommand {
    @Option(names = "--left-context", description = "Number of frames of left context")
    int left = 4;

    @Option(names = "--right-context", description = "Number of frames of right context")
    int right = 4;

    @Parameters(index = "0", paramLabel = "<feature-rspecifier>")
    String in;

    @Parameters(index = "1", paramLabel = "<feature-wspecifier>")
    String out;

    @Override
    public Integer call() {
        Splicer s = new Splicer(left, right);
        TableWriter.transformAll(in, out, Codecs.MATRIX, s::splice);
        return 0;
    }
}
