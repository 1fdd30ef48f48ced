package org.amdistill.distill.bin;

import java.nio.file.Path;
import java.util.Locale;
import org.amdistill.acoustic.AcousticModel;
import org.amdistill.acoustic.AcousticModelLoader;
import org.amdistill.acoustic.ModelInput;
import org.amdistill.acoustic.hmm.HmmModel;
import org.amdistill.core.cli.AmdCommand;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.cli.Progress;
import org.amdistill.core.table.Codecs;
import org.amdistill.core.table.Entry;
import org.amdistill.core.table.Matrix;
import org.amdistill.core.table.SequentialReader;
import org.amdistill.distill.SoftTargetArchive;
import org.amdistill.distill.SoftTargets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The teacher's soft targets over a transfer set, computed once and streamed to a soft-target directory (see
 * {@link SoftTargetArchive}): dense float16, sparse top-k (a Kaldi posterior archive) or float32. The header that
 * marks the directory complete is written last, so a killed run never leaves soft targets that look finished.
 */
@Command(
        name = "compute-soft-targets",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description =
                "Teacher soft targets (mean of members' softmax(z/T)): compute-soft-targets [options] --model=TEACHER <feats-rspecifier> <soft-target-dir>")
public final class ComputeSoftTargets implements AmdCommand {
    @Option(names = "--model", required = true, description = "Teacher: an ensemble.mdl or a DNN")
    Path model;

    @Option(names = "--temperature", description = "Softmax temperature T")
    double temperature = 2.0;

    @Option(names = "--top-k", description = "Keep only the k most probable classes per frame (0 = dense)")
    int topK = 0;

    @Option(
            names = "--top-k-mode",
            description =
                    "What happens to the mass outside the top k: renormalise (onto the k) or spread (evenly over the rest)")
    String topKMode = "renormalise";

    @Option(
            names = "--storage",
            description =
                    "float16 (dense), sparse (top-k pairs, a Kaldi posterior archive) or float32; default: sparse with --top-k, else float16")
    String storage = "";

    @Option(
            names = "--logits",
            arity = "0..1",
            fallbackValue = "true",
            description = "Write the members' mean zero-mean logits instead (for logit matching)")
    boolean logits = false;

    @Parameters(index = "0")
    String feats;

    @Parameters(index = "1")
    Path out;

    @Override
    public Integer call() {
        if (!(temperature > 0)) {
            throw new AmdException("--temperature must be > 0, got " + temperature);
        }
        SoftTargets.TopKMode mode =
                switch (topKMode.toLowerCase(Locale.ROOT)) {
                    case "renormalise", "renormalize" -> SoftTargets.TopKMode.RENORMALISE;
                    case "spread" -> SoftTargets.TopKMode.SPREAD;
                    default -> throw new AmdException(
                            "--top-k-mode must be renormalise or spread, got '" + topKMode + "'");
                };
        SoftTargetArchive.Storage st = storage.isEmpty()
                ? (topK > 0 && mode == SoftTargets.TopKMode.RENORMALISE
                        ? SoftTargetArchive.Storage.SPARSE
                        : SoftTargetArchive.Storage.FLOAT16)
                : SoftTargetArchive.storage(storage);
        if (st == SoftTargetArchive.Storage.SPARSE && (logits || topK <= 0)) {
            throw new AmdException("--storage=sparse needs --top-k > 0 and probabilities (not --logits)");
        }
        AcousticModel teacher = AcousticModelLoader.loadAny(model);
        if (!(teacher instanceof HmmModel hm)) {
            throw new AmdException(model + " is not a model over HMM states; a teacher must be a DNN or an ensemble");
        }
        int n = 0;
        try (SequentialReader<Matrix> r = SequentialReader.open(feats, Codecs.MATRIX);
                SoftTargetArchive.Writer w = new SoftTargetArchive.Writer(out, st);
                Progress progress = new Progress("compute-soft-targets utterances", 0)) {
            for (Entry<Matrix> e : r) {
                w.write(
                        e.key(),
                        SoftTargets.compute(
                                teacher,
                                ModelInput.check(teacher, e.key(), e.value()),
                                temperature,
                                logits,
                                topK,
                                mode));
                n++;
                progress.advance(1);
            }
            if (n == 0) {
                throw new AmdException("no utterances in " + feats);
            }
            w.finish(new SoftTargetArchive.Info(
                    temperature,
                    model.toString(),
                    hm.inventory().fingerprint(),
                    hm.inventory().numPdfs(),
                    st,
                    topK,
                    mode.name().toLowerCase(Locale.ROOT),
                    logits,
                    0,
                    0,
                    feats));
        }
        return 0;
    }
}
