package org.amdistill.frontend;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.cli.Cli;
import picocli.CommandLine;

/**
 * Everything between a waveform and a network's input, as a model file carries it: the filterbank's options (all
 * of them), the model's own normalisation and its context window. The filterbank is null for a model written
 * before files carried it (format 1): such a model decodes features made elsewhere, and a recogniser built from
 * it must be told the options ({@code package-recognizer --fbank-config}).
 */
public record FrontEnd(FbankOptions fbank, ModelCmvn cmvn, Splicer splicer) {
    /** Property holding the filterbank's options as command-line arguments. */
    public static final String FBANK_KEY = "fbank-options";

    /** Whether {@code other} turns audio into the same network input. */
    public boolean sameAs(FrontEnd other) {
        return cmvn.equals(other.cmvn)
                && splicer.left() == other.splicer.left()
                && splicer.right() == other.splicer.right()
                && (fbank == null
                        ? other.fbank == null
                        : other.fbank != null && fbank.toArgs().equals(other.fbank.toArgs()));
    }

    public FrontEnd withFbank(FbankOptions f) {
        return new FrontEnd(f, cmvn, splicer);
    }

    /** Feature dimension the filterbank gives (the network's input is {@code splicer.outputDim} of it). */
    public int featureDim() {
        if (fbank == null) {
            throw new AmdException("the model carries no filterbank options");
        }
        return fbank.dim();
    }

    public void store(Map<String, String> p) {
        cmvn.store(p);
        p.put("left-context", "" + splicer.left());
        p.put("right-context", "" + splicer.right());
        if (fbank != null) {
            p.put(FBANK_KEY, String.join(" ", fbank.toArgs()));
        }
    }

    public static FrontEnd load(Map<String, String> p, String source) {
        ModelCmvn cmvn = ModelCmvn.load(p, source);
        Splicer splicer;
        try {
            splicer = new Splicer(Integer.parseInt(p.get("left-context")), Integer.parseInt(p.get("right-context")));
        } catch (RuntimeException e) {
            throw new AmdException(source + ": bad or missing context window (left-context, right-context)");
        }
        FbankOptions fbank = null;
        if (p.containsKey(FBANK_KEY)) {
            fbank = new FbankOptions();
            parseOptions(fbank, p.get(FBANK_KEY), source + " " + FBANK_KEY);
        }
        return new FrontEnd(fbank, cmvn, splicer);
    }

    /** Reads a Kaldi conf file of filterbank options (compute-fbank-feats --config), as the trainer is given it. */
    public static FbankOptions readFbankConfig(java.nio.file.Path file) {
        FbankOptions o = new FbankOptions();
        List<String> args = List.of(Cli.expandConfig(new String[] {"--config=" + file}));
        parseOptions(o, args, "fbank config " + file);
        return o;
    }

    static void parseOptions(Object options, String args, String source) {
        List<String> list = new ArrayList<>();
        for (String a : args.strip().split("\\s+")) {
            if (!a.isEmpty()) {
                list.add(a);
            }
        }
        parseOptions(options, list, source);
    }

    private static void parseOptions(Object options, List<String> args, String source) {
        try {
            CommandLine cl = Cli.commandLine(options);
            cl.parseArgs(args.toArray(new String[0]));
        } catch (CommandLine.ParameterException e) {
            throw new AmdException(source + ": " + e.getMessage());
        }
    }
}
