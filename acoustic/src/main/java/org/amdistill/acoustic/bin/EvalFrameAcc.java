package org.amdistill.acoustic.bin;

import java.nio.file.Path;
import java.util.Locale;
import org.amdistill.acoustic.AcousticModel;
import org.amdistill.acoustic.AcousticModelLoader;
import org.amdistill.acoustic.FrameAccuracy;
import org.amdistill.core.cli.AmdCommand;
import org.amdistill.core.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Frame accuracy of any acoustic model (DNN, ensemble, student, GMM) on features and a pdf alignment. */
@Command(
        name = "eval-frame-acc",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description =
                "Frame accuracy of a model: eval-frame-acc [options] --model=MDL <feats-rspecifier> <ali-rspecifier>")
public final class EvalFrameAcc implements AmdCommand {
    @Option(names = "--model", required = true, description = "Acoustic model file")
    Path model;

    @Option(names = "--output", description = "Also write the %%FRAME_ACC line to this file")
    Path output;

    @Option(
            names = "--per-utt",
            description =
                    "Also write each utterance's counts to this file (lines: utt correct frames), for compare-frame-acc")
    Path perUtt;

    @Parameters(index = "0")
    String feats;

    @Parameters(index = "1")
    String ali;

    @Override
    public Integer call() throws Exception {
        AcousticModel m = AcousticModelLoader.loadAny(model);
        StringBuilder counts = new StringBuilder();
        FrameAccuracy.Result r = FrameAccuracy.evaluate(m, feats, ali, u -> counts.append(u.key())
                .append(' ')
                .append(u.correct())
                .append(' ')
                .append(u.frames())
                .append('\n'));
        String line = String.format(
                Locale.ROOT,
                "%%FRAME_ACC %.2f [ %d / %d frames, %d utterances, %d skipped ] %s (%d parameters)",
                100 * r.accuracy(),
                r.correct(),
                r.frames(),
                r.utterances(),
                r.skipped(),
                model,
                m.numParams());
        System.out.println(line);
        if (perUtt != null) {
            AtomicFiles.writeString(perUtt, counts.toString());
        }
        if (output != null) {
            AtomicFiles.writeString(output, line + "\n");
        }
        return 0;
    }
}
