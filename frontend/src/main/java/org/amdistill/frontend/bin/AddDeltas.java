package org.amdistill.frontend.bin;

import org.amdistill.core.cli.AmdCommand;
import org.amdistill.core.table.Codecs;
import org.amdistill.core.table.TableWriter;
import org.amdistill.frontend.Deltas;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Kaldi's add-deltas. */
@Command(
        name = "add-deltas",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description =
                "Add deltas (typically to raw mfcc or plp features): add-deltas [options] in-rspecifier out-wspecifier")
public final class AddDeltas implements AmdCommand {
    @Option(names = "--delta-order", description = "Order of delta computation")
    int order = 2;

    @Option(
            names = "--delta-window",
            description =
                    "Parameter controlling window for delta computation (actual window size for each delta order is 1 + 2*delta-window-size)")
    int window = 2;

    @Parameters(index = "0")
    String in;

    @Parameters(index = "1")
    String out;

    @Override
    public Integer call() {
        Deltas d = new Deltas(order, window);
        TableWriter.transformAll(in, out, Codecs.MATRIX, d::apply);
        return 0;
    }
}
