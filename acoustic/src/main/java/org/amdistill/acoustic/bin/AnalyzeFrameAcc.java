package org.amdistill.acoustic.bin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.amdistill.acoustic.AcousticModel;
import org.amdistill.acoustic.FrameAccuracyBreakdown;
import org.amdistill.acoustic.ModelInput;
import org.amdistill.acoustic.hmm.HmmModel;
import org.amdistill.core.cli.AmdCommand;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.io.AtomicFiles;
import org.amdistill.core.table.Codecs;
import org.amdistill.core.table.Entry;
import org.amdistill.core.table.Matrix;
import org.amdistill.core.table.RandomAccessReader;
import org.amdistill.core.table.SequentialReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Where one model's frame accuracy differs from another's: by silence and speech, by phone, by HMM state and by
 * distance to the nearest phone boundary, with paired bootstrap intervals over utterances, and each model's
 * calibration (mean log posterior of the aligned state, expected calibration error).
 */
@Command(
        name = "analyze-frame-acc",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description = "Frame accuracy of several models broken down by frame class, with bootstrap intervals: "
                + "analyze-frame-acc [options] --models=A,B[,C] <feats-rspecifier> <ali-rspecifier>")
public final class AnalyzeFrameAcc implements AmdCommand {
    @Option(
            names = "--models",
            required = true,
            split = ",",
            description = "Model files; differences are to the first; with three"
                    + " (baseline, teacher, student) also the share of the teacher's gain the student keeps")
    List<Path> models;

    @Option(names = "--names", split = ",", description = "Names of the models in the report (default: their files)")
    List<String> names;

    @Option(names = "--silence-phones", split = ",", description = "Phones counted as silence")
    List<String> silencePhones = List.of("SIL", "sil");

    @Option(names = "--num-samples", description = "Bootstrap samples (draws of the utterances with replacement)")
    int numSamples = 1000;

    @Option(names = "--seed", description = "Seed of the bootstrap's draws")
    long seed = 0;

    @Option(names = "--ece-bins", description = "Confidence bins of the expected calibration error")
    int eceBins = 15;

    @Option(names = "--output", description = "Also write the report to this file")
    Path output;

    @Parameters(index = "0", paramLabel = "<feats-rspecifier>")
    String feats;

    @Parameters(index = "1", paramLabel = "<ali-rspecifier>")
    String ali;

    @Override
    public Integer call() throws Exception {
        if (names != null && names.size() != models.size()) {
            throw new AmdException("--names gives " + names.size() + " names for " + models.size() + " models");
        }
        if (numSamples <= 0 || eceBins <= 0) {
            throw new AmdException("--num-samples and --ece-bins must be positive");
        }
        List<AcousticModel> ms = new ArrayList<>();
        for (Path p : models) {
            ms.add((AcousticModel) HmmModel.load(p));
        }
        HmmModel first = (HmmModel) ms.get(0);
        for (int i = 1; i < ms.size(); i++) {
            if (!((HmmModel) ms.get(i)).inventory().sameAs(first.inventory())) {
                throw new AmdException(
                        "model " + models.get(i) + " has a different HMM state inventory from " + models.get(0));
            }
        }
        FrameAccuracyBreakdown b =
                new FrameAccuracyBreakdown(first.inventory(), new HashSet<>(silencePhones), ms.size(), eceBins);
        int skipped = 0;
        try (SequentialReader<Matrix> r = SequentialReader.open(feats, Codecs.MATRIX);
                RandomAccessReader<int[]> a = RandomAccessReader.open(ali, Codecs.INT_VECTOR)) {
            for (Entry<Matrix> e : r) {
                int[] lab = a.contains(e.key()) ? a.get(e.key()) : null;
                Matrix f = e.value();
                if (lab == null || Math.abs(lab.length - f.rows()) > 1) {
                    skipped++;
                    continue;
                }
                int n = Math.min(lab.length, f.rows());
                List<Matrix> posts = new ArrayList<>();
                for (AcousticModel m : ms) {
                    posts.add(m.logPosteriors(ModelInput.check(m, e.key(), f)));
                }
                b.add(java.util.Arrays.copyOf(lab, n), posts);
            }
        }
        if (b.utterances() == 0) {
            throw new AmdException("no utterance of " + feats + " has an alignment in " + ali);
        }
        List<String> labels =
                names != null ? names : models.stream().map(Path::toString).toList();
        List<String> lines = new ArrayList<>(b.report(labels, numSamples, seed));
        lines.add(b.utterances() + " utterances, " + skipped + " skipped (no alignment or a length mismatch)");
        lines.forEach(System.out::println);
        if (output != null) {
            AtomicFiles.writeString(output, String.join("\n", lines) + "\n");
        }
        return 0;
    }
}
