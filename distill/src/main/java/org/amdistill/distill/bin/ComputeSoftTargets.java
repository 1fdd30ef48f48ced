package org.amdistill.distill.bin;

import java.nio.file.Path;
import java.util.Locale;
import org.amdistill.acoustic.AcousticModel;
import org.amdistill.acoustic.AcousticModelLoader;
import org.amdistill.dataprep.cli.AmdCommand;
import org.amdistill.dataprep.cli.AmdException;
import org.amdistill.dataprep.cli.Progress;
import org.amdistill.dataprep.table.Codecs;
import org.amdistill.dataprep.table.Entry;
import org.amdistill.dataprep.table.Matrix;
import org.amdistill.dataprep.table.SequentialReader;
import org.amdistill.dataprep.table.TableWriter;
import org.amdistill.distill.SoftTargets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The teacher's soft targets over a transfer set, computed once and streamed to disk as a Kaldi matrix archive
 * (one row of class probabilities per frame). The archive appears under its name only when complete, so a killed
 * run never leaves a partial file that looks finished.
 */
@Command(name = "compute-soft-targets", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Teacher soft targets (mean of members' softmax(z/T)): compute-soft-targets [options] --model=TEACHER <feats-rspecifier> <targets-wspecifier>")
public final class ComputeSoftTargets implements AmdCommand {
    @Option(names = "--model", required = true, description = "Teacher: an ensemble.mdl or a DNN")
    Path model;

    @Option(names = "--temperature", description = "Softmax temperature T")
    double temperature = 2.0;

    @Option(names = "--top-k", description = "Keep only the k most probable classes per frame (0 = dense)")
    int topK = 0;

    @Option(names = "--top-k-mode", description = "What happens to the mass outside the top k: renormalise or spread")
    String topKMode = "renormalise";

    @Option(names = "--logits", arity = "0..1", fallbackValue = "true", description = "Write the members' mean zero-mean logits instead (for logit matching)")
    boolean logits = false;

    @Parameters(index = "0") String feats;
    @Parameters(index = "1") String out;

    @Override
    public Integer call() {
        if (!(temperature > 0)) {
            throw new AmdException("--temperature must be > 0, got " + temperature);
        }
        SoftTargets.TopKMode mode = SoftTargets.TopKMode.valueOf(topKMode.toUpperCase(Locale.ROOT).replace("RENORMALIZE", "RENORMALISE"));
        AcousticModel teacher = AcousticModelLoader.loadAny(model);
        int n = 0;
        try (SequentialReader<Matrix> r = SequentialReader.open(feats, Codecs.MATRIX);
             TableWriter<Matrix> w = TableWriter.open(out, Codecs.MATRIX);
             Progress progress = new Progress("compute-soft-targets", 0)) {
            try {
                for (Entry<Matrix> e : r) {
                    w.write(e.key(), SoftTargets.compute(teacher, e.value(), temperature, logits, topK, mode));
                    n++;
                    progress.advance(1);
                }
            } catch (RuntimeException ex) {
                w.abort();
                throw ex;
            }
        }
        return n > 0 ? 0 : 1;
    }
}
