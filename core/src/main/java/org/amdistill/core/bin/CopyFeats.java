package org.amdistill.core.bin;

import org.amdistill.core.cli.AmdCommand;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.table.Codecs;
import org.amdistill.core.table.Entry;
import org.amdistill.core.table.Matrix;
import org.amdistill.core.table.SequentialReader;
import org.amdistill.core.table.TableWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Kaldi's copy-feats: copies a feature table, optionally compressing it (Kaldi's compressed-matrix format). */
@Command(
        name = "copy-feats",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description =
                "Copy features (tables of matrices), optionally compressed: copy-feats [options] <feats-rspecifier> <feats-wspecifier>")
public final class CopyFeats implements AmdCommand {
    private static final Logger LOG = LoggerFactory.getLogger(CopyFeats.class);

    @Option(
            names = "--compress",
            arity = "0..1",
            fallbackValue = "true",
            description = "If true, write output in Kaldi's compressed form (CM for >8 rows, else CM2)")
    boolean compress = false;

    @Parameters(index = "0", paramLabel = "<feats-rspecifier>")
    String rspecifier;

    @Parameters(index = "1", paramLabel = "<feats-wspecifier>")
    String wspecifier;

    @Override
    public Integer call() {
        int done = 0;
        int failed = 0;
        try (SequentialReader<Matrix> in = SequentialReader.open(rspecifier, Codecs.MATRIX);
                TableWriter<Matrix> out =
                        TableWriter.openAtomic(wspecifier, compress ? Codecs.COMPRESSED_MATRIX : Codecs.MATRIX)) {
            for (Entry<Matrix> e : in) {
                Matrix m;
                try {
                    m = e.value();
                } catch (AmdException ex) {
                    LOG.warn("{}", ex.getMessage());
                    failed++;
                    continue;
                }
                out.write(e.key(), m);
                done++;
            }
            out.commit(); // a broken input archive throws before this: no half-written output is left
        }
        LOG.info("Copied {} feature matrices{}", done, failed > 0 ? ", " + failed + " failed" : "");
        return failed == 0 && done > 0 ? 0 : 1;
    }
}
