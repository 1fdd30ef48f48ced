package org.amdistill.acoustic.bin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.amdistill.acoustic.align.AlignmentWriter;
import org.amdistill.acoustic.align.FrameTimingOptions;
import org.amdistill.acoustic.align.UtteranceSet;
import org.amdistill.acoustic.align.ViterbiAligner;
import org.amdistill.acoustic.hmm.HmmStateInventory;
import org.amdistill.acoustic.hmm.TransitionModel;
import org.amdistill.core.cli.AmdCommand;
import org.amdistill.dataprep.lang.LangDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Kaldi's align-equal: each utterance's frames shared equally among the states of its phones (no model needed). */
@Command(
        name = "align-equal",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description =
                "Equal alignment of transcripts; writes <ali-dir>/ali.1.ark (pdf ids), ali.ctm, unaligned.txt: align-equal [options] --lang=DIR <data-dir> <ali-dir>")
public final class AlignEqual implements AmdCommand {
    private static final Logger LOG = LoggerFactory.getLogger(AlignEqual.class);

    @Option(names = "--lang", required = true, description = "Lang directory")
    Path lang;

    @Mixin
    FrameTimingOptions frameTiming = new FrameTimingOptions();

    @Parameters(index = "0", paramLabel = "<data-dir>")
    Path data;

    @Parameters(index = "1", paramLabel = "<ali-dir>")
    Path out;

    @Override
    public Integer call() {
        LangDir l = LangDir.read(lang);
        HmmStateInventory inv = HmmStateInventory.fromLang(l);
        List<String> failed = new ArrayList<>();
        Map<String, ViterbiAligner.Alignment> ali = new TreeMap<>();
        for (UtteranceSet.Item it : UtteranceSet.load(data, l, new TransitionModel(inv), x -> x, failed)) {
            ViterbiAligner.Alignment a =
                    ViterbiAligner.equal(it.graph(), it.feats().rows());
            if (a == null) {
                LOG.warn(
                        "Utterance {} has fewer frames ({}) than its phones have states: skipped",
                        it.key(),
                        it.feats().rows());
                failed.add(it.key());
            } else {
                ali.put(it.key(), a);
            }
        }
        AlignmentWriter.write(out, ali, failed, frameTiming.timing());
        LOG.info(
                "Equal-aligned {} utterances, {} skipped (listed in {})",
                ali.size(),
                failed.size(),
                out.resolve("unaligned.txt"));
        return ali.isEmpty() ? 1 : 0;
    }
}
