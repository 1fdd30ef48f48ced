package org.amdistill.acoustic.bin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import org.amdistill.acoustic.AcousticModel;
import org.amdistill.acoustic.AcousticModelLoader;
import org.amdistill.acoustic.ModelInput;
import org.amdistill.acoustic.align.AlignmentWriter;
import org.amdistill.acoustic.align.FrameTimingOptions;
import org.amdistill.acoustic.align.UtteranceSet;
import org.amdistill.acoustic.align.ViterbiAligner;
import org.amdistill.acoustic.align.ViterbiOptions;
import org.amdistill.acoustic.hmm.HmmModel;
import org.amdistill.core.cli.AmdCommand;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.cli.Workers;
import org.amdistill.dataprep.lang.LangDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Viterbi forced alignment with any model that scores HMM states (GMM or DNN): Kaldi's align_si.sh. */
@Command(
        name = "align",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description =
                "Forced alignment of a data directory's transcripts; writes <ali-dir>/ali.1.ark, ali.ctm, unaligned.txt: align [options] --model=MDL --lang=DIR <data-dir> <ali-dir>")
public final class Align implements AmdCommand {
    private static final Logger LOG = LoggerFactory.getLogger(Align.class);

    @Option(names = "--model", required = true, description = "Acoustic model (GMM or DNN) with its HMMs")
    Path model;

    @Option(names = "--lang", required = true, description = "Lang directory")
    Path lang;

    @Mixin
    ViterbiOptions viterbi = new ViterbiOptions();

    @Mixin
    FrameTimingOptions frameTiming = new FrameTimingOptions();

    @Option(names = "--num-threads", description = "Utterances aligned in parallel")
    int numThreads = Workers.allCores();

    @Parameters(index = "0", paramLabel = "<data-dir>")
    Path data;

    @Parameters(index = "1", paramLabel = "<ali-dir>")
    Path out;

    @Override
    public Integer call() throws Exception {
        AcousticModel m = AcousticModelLoader.loadAny(model);
        if (!(m instanceof HmmModel hm)) {
            throw new AmdException(
                    "model " + model + " carries no HMMs (state inventory and transitions): cannot align with it");
        }
        LangDir l = LangDir.read(lang);
        if (!hm.inventory().hasTopologyOf(l)) {
            throw new AmdException("lang directory " + lang
                    + " gives a different HMM state inventory (phones, ids or topology) from model " + model);
        }
        List<String> failed = new CopyOnWriteArrayList<>();
        List<UtteranceSet.Item> items = UtteranceSet.load(data, l, hm.transitions(), x -> x, failed);
        ViterbiAligner aligner = viterbi.aligner();
        Map<String, ViterbiAligner.Alignment> ali = new ConcurrentHashMap<>();
        Workers pool = Workers.start("align", Math.max(1, numThreads));
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (UtteranceSet.Item it : items) {
                fs.add(pool.submit(() -> {
                    ViterbiAligner.Alignment a =
                            aligner.align(it.graph(), m.logLikelihoods(ModelInput.check(m, it.key(), it.feats())));
                    if (a == null) {
                        LOG.warn(
                                "Did not successfully align utterance {} (too short for its phones, or beam failure)",
                                it.key());
                        failed.add(it.key());
                    } else {
                        ali.put(it.key(), a);
                    }
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.close();
        }
        AlignmentWriter.write(out, ali, new ArrayList<>(new TreeSet<>(failed)), frameTiming.timing());
        LOG.info(
                "Aligned {} utterances, {} failed or skipped (listed in {})",
                ali.size(),
                failed.size(),
                out.resolve("unaligned.txt"));
        return ali.isEmpty() ? 1 : 0;
    }
}
