package org.amdistill.recognizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.amdistill.acoustic.dnn.DnnConfig;
import org.amdistill.acoustic.dnn.DnnTrainer;
import org.amdistill.acoustic.dnn.FrameData;
import org.amdistill.acoustic.hmm.HmmStateInventory;
import org.amdistill.acoustic.hmm.TransitionModel;
import org.amdistill.core.audio.AudioData;
import org.amdistill.core.audio.AudioReader;
import org.amdistill.core.audio.WaveTable;
import org.amdistill.core.cli.Cli;
import org.amdistill.core.table.Matrix;
import org.amdistill.dataprep.lang.LangDir;
import org.amdistill.frontend.Cmvn;
import org.amdistill.frontend.Fbank;
import org.amdistill.frontend.FrontEnd;
import org.amdistill.frontend.bin.ComputeFbankFeats;
import org.amdistill.recognizer.bin.PackageRecognizer;

/**
 * A small real recogniser for tests: a lang directory of six words over six phones, a unigram LM, and a DNN
 * trained for two epochs on the filterbanks of the repository's test recordings (targets: which part of the
 * spectrum is loudest, so that the model's states follow the audio), packaged by package-recognizer.
 */
final class Fixture {
    static final Path WAVS =
            Path.of("..", "testdata", "kaldi", "wav").toAbsolutePath().normalize();
    static final String[] LEXICON = {"one a b", "two c d", "three e f a", "four b c", "five d e f", "six f"};

    final Path dir;
    final Path lang;
    final Path lm;
    final Path fbankConf;
    /** The test set: the recordings and parts of them, 16 kHz mono. */
    final Map<String, AudioData> utterances = new LinkedHashMap<>();

    Fixture(Path dir) throws IOException {
        this.dir = dir;
        Path dict = dir.resolve("dict");
        Files.createDirectories(dict);
        Files.writeString(dict.resolve("lexicon.txt"), String.join("\n", LEXICON) + "\n");
        Files.writeString(dict.resolve("silence_phones.txt"), "sil\n");
        Files.writeString(dict.resolve("optional_silence.txt"), "sil\n");
        Files.writeString(dict.resolve("nonsilence_phones.txt"), "a\nb\nc\nd\ne\nf\n");
        lang = dir.resolve("lang");
        LangDir.fromDict(dict, null, 0.5, 3, 3).write(lang);
        lm = dir.resolve("lm.arpa");
        StringBuilder arpa = new StringBuilder("\\data\\\nngram 1=8\n\n\\1-grams:\n-0.8 </s>\n-99 <s>\n");
        for (String e : LEXICON) {
            arpa.append("-0.8 ").append(e.split(" ")[0]).append('\n');
        }
        Files.writeString(lm, arpa.append("\n\\end\\\n").toString());
        fbankConf = dir.resolve("fbank.conf");
        Files.writeString(fbankConf, "--num-mel-bins=23\n--sample-frequency=16000\n");
        for (String name : new String[] {"espeak_digits", "slt_digits", "chirp_noise"}) {
            AudioData a = WaveTable.read(WAVS.resolve(name + ".wav").toString());
            utterances.put(name, a);
            int n = a.numSamples();
            utterances.put(name + "_head", AudioReader.cut(a, 0, n * 2 / 3));
            utterances.put(name + "_tail", AudioReader.cut(a, n / 3, n));
        }
    }

    /** Trains a model with CMVN {@code cmvn} (sliding: with a 50-frame minimum window) and returns its file. */
    Path model(String name, Cmvn.Mode cmvn) throws Exception {
        DnnConfig cfg = new DnnConfig();
        cfg.hiddenLayers = 1;
        cfg.hiddenDim = 64;
        cfg.bottleneckDim = 16;
        cfg.leftContext = 5;
        cfg.rightContext = 3;
        cfg.maxEpochs = 2;
        cfg.minEpochs = 2;
        cfg.minibatchSize = 64;
        cfg.lrSchedule = DnnConfig.LrSchedule.CONSTANT;
        cfg.seed = 5;
        cfg.cmvn = cmvn;
        cfg.sliding.minWindow = 50;
        cfg.fbankConfig = fbankConf;
        LangDir l = LangDir.read(lang);
        HmmStateInventory inv = HmmStateInventory.fromLang(l);
        List<String> keys = new ArrayList<>();
        List<Matrix> feats = new ArrayList<>();
        List<int[]> labels = new ArrayList<>();
        Fbank fbank = new Fbank(FrontEnd.readFbankConfig(fbankConf));
        for (Map.Entry<String, AudioData> u : utterances.entrySet()) {
            Matrix f = fbank.compute(u.getValue().channel(0), ComputeFbankFeats.ditherRng(0, u.getKey()));
            int[] lab = new int[f.rows()];
            for (int t = 0; t < f.rows(); t++) {
                int loudest = 0;
                for (int c = 1; c < f.cols(); c++) {
                    loudest = f.get(t, c) > f.get(t, loudest) ? c : loudest;
                }
                lab[t] = loudest * inv.numPdfs() / f.cols();
            }
            keys.add(u.getKey());
            feats.add(cfg.modelCmvn().apply(f));
            labels.add(lab);
        }
        FrameData data = FrameData.of(keys, feats, labels);
        new DnnTrainer(cfg, inv, new TransitionModel(inv), Map.of())
                .train(data, data, DnnTrainer.hardLabels(inv.numPdfs()), null, data, dir.resolve(name), false);
        return dir.resolve(name).resolve("final.mdl");
    }

    /** A package of {@code model} made by the package-recognizer command. */
    Path pack(Path model, String name, String... extra) {
        Path out = dir.resolve(name + ".rec");
        List<String> args = new ArrayList<>(List.of("--model=" + model, "--lang=" + lang, "--lm=" + lm));
        args.addAll(List.of(extra));
        args.add(out.toString());
        assertEquals(0, Cli.execute(new PackageRecognizer(), args.toArray(new String[0])), "package-recognizer");
        return out;
    }
}
