package org.amdistill.dataprep.lang;

import java.nio.file.Path;
import java.util.List;
import org.amdistill.core.cli.AmdCommand;
import org.amdistill.core.cli.AmdException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Kaldi's utils/prepare_lang.sh: data/local/dict -> data/lang. */
@Command(
        name = "prepare-lang",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description =
                "Make a lang directory from a dict directory: prepare-lang [options] <dict-src-dir> <oov-dict-entry> [<tmp-dir>] <lang-dir>")
public final class PrepareLang implements AmdCommand {
    @Option(names = "--sil-prob", description = "Probability of optional silence between words")
    double silProb = 0.5;

    @Option(names = "--num-sil-states", description = "Number of states in silence models")
    int numSilStates = 5;

    @Option(names = "--num-nonsil-states", description = "Number of states in non-silence models")
    int numNonsilStates = 3;

    @Option(
            names = "--position-dependent-phones",
            arity = "0..1",
            fallbackValue = "true",
            description = "Word-position-dependent phones (_B _E _I _S) are not supported: must be false")
    boolean positionDependent = false;

    @Parameters(arity = "3..4", paramLabel = "<args>")
    List<String> args;

    @Override
    public Integer call() {
        if (positionDependent) {
            throw new AmdException("--position-dependent-phones=true is not supported; use false");
        }
        if (numSilStates < 1 || numNonsilStates < 1) {
            throw new AmdException("--num-sil-states and --num-nonsil-states must be >= 1");
        }
        Path dict = Path.of(args.get(0));
        String oov = args.get(1);
        Path lang = Path.of(args.get(args.size() - 1));
        LangDir.fromDict(dict, oov.equals("-") ? null : oov, silProb, numNonsilStates, numSilStates)
                .write(lang);
        return 0;
    }
}
