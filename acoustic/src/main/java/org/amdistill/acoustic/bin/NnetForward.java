package org.amdistill.acoustic.bin;

import java.nio.file.Path;
import org.amdistill.acoustic.AcousticModel;
import org.amdistill.acoustic.AcousticModelLoader;
import org.amdistill.acoustic.ModelInput;
import org.amdistill.acoustic.PdfPriorOptions;
import org.amdistill.core.cli.AmdCommand;
import org.amdistill.core.table.Codecs;
import org.amdistill.core.table.Entry;
import org.amdistill.core.table.Matrix;
import org.amdistill.core.table.SequentialReader;
import org.amdistill.core.table.TableWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Kaldi's nnet-forward: log posteriors, or scaled log-likelihoods (minus log priors), of every utterance. */
@Command(
        name = "nnet-forward",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description =
                "Forward features through an acoustic model: nnet-forward [options] --model=MDL <feats-rspecifier> <out-wspecifier>")
public final class NnetForward implements AmdCommand {
    @Option(names = "--model", required = true, description = "Acoustic model (DNN, ensemble, student)")
    Path model;

    @Option(
            names = "--apply-log-prior",
            arity = "0..1",
            fallbackValue = "true",
            description = "Output scaled log-likelihoods (log posterior - log prior) instead of log posteriors")
    boolean applyLogPrior = false;

    @Mixin
    PdfPriorOptions priorOptions = new PdfPriorOptions();

    @Parameters(index = "0")
    String feats;

    @Parameters(index = "1")
    String out;

    @Override
    public Integer call() {
        AcousticModel m = AcousticModelLoader.loadAny(model);
        PdfPriorOptions.HybridScores scores = applyLogPrior ? priorOptions.hybridScores(m) : null;
        try (SequentialReader<Matrix> r = SequentialReader.open(feats, Codecs.MATRIX);
                TableWriter<Matrix> w = TableWriter.openAtomic(out, Codecs.MATRIX)) {
            for (Entry<Matrix> e : r) {
                Matrix feats = ModelInput.check(m, e.key(), e.value());
                w.write(e.key(), applyLogPrior ? scores.logLikelihoods(m, feats) : m.logPosteriors(feats));
            }
            w.commit();
        }
        return 0;
    }
}
