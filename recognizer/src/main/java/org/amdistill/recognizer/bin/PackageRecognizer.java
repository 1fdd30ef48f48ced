package org.amdistill.recognizer.bin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.amdistill.acoustic.dnn.DnnAcousticModel;
import org.amdistill.core.cli.AmdCommand;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.cli.Cli;
import org.amdistill.dataprep.lang.LangDir;
import org.amdistill.decoding.decoder.DecoderOptions;
import org.amdistill.decoding.decoder.WordGraphs;
import org.amdistill.decoding.graph.DecodingGraph;
import org.amdistill.decoding.graph.TransitionModelHmms;
import org.amdistill.decoding.lm.Arpa;
import org.amdistill.ensemble.EnsembleModel;
import org.amdistill.frontend.FbankOptions;
import org.amdistill.frontend.FrontEnd;
import org.amdistill.recognizer.Recognizer;
import org.amdistill.recognizer.RecognizerPackage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Bundles a model, its lang directory, an LM and the decoding options into one recogniser file. */
@Command(
        name = "package-recognizer",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description =
                "Make a self-contained recognizer: package-recognizer --model=M --lang=L --lm=ARPA [--decode-config=FILE] <out-file>")
public final class PackageRecognizer implements AmdCommand {
    private static final Logger LOG = LoggerFactory.getLogger(PackageRecognizer.class);

    @Option(
            names = "--model",
            required = true,
            description = "a DNN model (baseline or distilled student) or an ensemble (ensemble.mdl)")
    Path model;

    @Option(
            names = "--lang",
            required = true,
            description = "the lang directory the model was trained with (words, lexicon, phones)")
    Path lang;

    @Option(names = "--lm", required = true, description = "ARPA n-gram LM")
    Path lm;

    @Option(
            names = "--decode-config",
            description = "decoding options tuned on dev, one per line: --acoustic-scale, --lm-weight, "
                    + "--word-ins-penalty, --beam, --max-active (unset: decode's defaults)")
    Path decodeConfig;

    @Option(
            names = "--fbank-config",
            description = "filterbank options (compute-fbank-feats --config) for a model that does not carry"
                    + " its own (trained without train-dnn --fbank-config); must agree with a model's own")
    Path fbankConfig;

    @Option(
            names = "--sil-prob",
            description = "probability of optional silence between words (default: the lang directory's)")
    Double silProb;

    @Parameters(index = "0", paramLabel = "<out-file>")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!Files.exists(model)) {
            throw new AmdException("model " + model + ": no such file");
        }
        EnsembleModel.Combination combination = EnsembleModel.Combination.ARITHMETIC;
        List<DnnAcousticModel> members = new ArrayList<>();
        if (EnsembleModel.isEnsemble(model)) {
            EnsembleModel e = EnsembleModel.load(model, null);
            members.addAll(e.members());
            combination = e.combination();
        } else if (DnnAcousticModel.isDnnModel(model)) {
            members.add(DnnAcousticModel.load(model));
        } else {
            throw new AmdException(
                    "model " + model + " is neither a DNN model nor an ensemble: a recognizer needs one of those");
        }
        withFbankConfig(members);
        if (members.size() > 1) {
            new EnsembleModel(members, combination).frontEnd(); // one front end for all members, or an error naming one
        }
        checkFrontEnds(members);
        DecoderOptions options = decoderOptions(decodeConfig);
        DnnAcousticModel first = members.get(0);
        DecodingGraph graph = DecodingGraph.build(
                WordGraphs.spec(LangDir.read(lang), new TransitionModelHmms(first), silProb, first));
        Arpa.read(lm); // a bad LM fails here, not when the package is used
        Map<String, String> prov = new LinkedHashMap<>();
        prov.put("source-model", model.toString());
        prov.put("source-lang", lang.toString());
        prov.put("source-lm", lm.toString());
        if (decodeConfig != null) {
            prov.put("source-decode-config", decodeConfig.toString());
        }
        RecognizerPackage.write(out, members, combination, lang, graph, lm, options, prov);
        Recognizer check;
        try {
            check = Recognizer.load(out); // what was written must load
        } catch (AmdException e) {
            Files.deleteIfExists(out);
            throw e;
        }
        LOG.info(
                "Wrote {}: {} model(s), {} parameters, {} Hz, {} words; acoustic scale {}, LM weight {}, word insertion penalty {}",
                out,
                members.size(),
                check.numParams(),
                check.sampleRate(),
                graph.numWords(),
                options.acousticScale,
                options.lmWeight,
                options.wordInsPenalty);
        return 0;
    }

    /** --fbank-config given to the members that carry no filterbank options; a member that carries others fails. */
    private void withFbankConfig(List<DnnAcousticModel> members) {
        if (fbankConfig == null) {
            return;
        }
        FbankOptions f = FrontEnd.readFbankConfig(fbankConfig);
        for (int i = 0; i < members.size(); i++) {
            FbankOptions own = members.get(i).frontEnd().fbank();
            if (own == null) {
                members.set(i, members.get(i).withFbank(f));
            } else if (!own.toArgs().equals(f.toArgs())) {
                throw new AmdException("model " + model + " carries other filterbank options than --fbank-config="
                        + fbankConfig + ": " + String.join(" ", own.toArgs()));
            }
        }
    }

    /** Every member computes its features from audio: filterbank options that give its network's input. */
    private void checkFrontEnds(List<DnnAcousticModel> members) {
        for (DnnAcousticModel m : members) {
            FbankOptions f = m.frontEnd().fbank();
            if (f == null) {
                throw new AmdException(
                        "model " + model + " carries no filterbank options (trained without --fbank-config, or written"
                                + " before model files carried them): give --fbank-config=FILE, the options its features were made with");
            }
            if (m.splicer().outputDim(f.dim()) != m.inputDim()) {
                throw new AmdException("model " + model + ": its filterbank gives " + f.dim()
                        + " features a frame but its network takes " + m.inputDim() + " = "
                        + m.splicer().width() + " frames x "
                        + (m.inputDim() / m.splicer().width()));
            }
        }
    }

    /** Decoding options from a Kaldi-style conf file (decode's defaults for what it does not set). */
    static DecoderOptions decoderOptions(Path file) {
        DecoderOptions o = new DecoderOptions();
        if (file != null) {
            try {
                Cli.commandLine(o).parseArgs(Cli.expandConfig(new String[] {"--config=" + file}));
            } catch (CommandLine.ParameterException e) {
                throw new AmdException("--decode-config=" + file + ": " + e.getMessage());
            }
        }
        return o;
    }
}
