package org.amdistill.acoustic.bin;

import java.nio.file.Path;
import org.amdistill.acoustic.align.AlignmentImport;
import org.amdistill.acoustic.align.AlignmentWriter;
import org.amdistill.acoustic.align.FrameTimingOptions;
import org.amdistill.acoustic.hmm.HmmModel;
import org.amdistill.acoustic.hmm.HmmStateInventory;
import org.amdistill.acoustic.tree.ContextDependency;
import org.amdistill.core.cli.AmdCommand;
import org.amdistill.core.cli.AmdException;
import org.amdistill.dataprep.lang.LangDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Brings alignments made elsewhere into an alignment directory: pdf ids per frame as Kaldi's
 * {@code ali-to-pdf final.mdl ark:"gunzip -c ali.*.gz|" ark,t:-} writes them (text or binary, ark or scp). Kaldi has no
 * tool of this name, as its alignment directories hold transition ids; ours hold pdf ids, so the import is a copy
 * that checks the ids against our state inventory and the lengths against the features, and recovers ali.ctm.
 */
@Command(
        name = "import-ali",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description =
                "Import pdf-id alignments (Kaldi ali-to-pdf output) into <ali-dir>/ali.1.ark, ali.ctm, unaligned.txt: "
                        + "import-ali [options] (--model=MDL | --lang=DIR [--tree=TREE]) [--feats=RSPEC] <ali-rspecifier> <ali-dir>")
public final class ImportAli implements AmdCommand {
    private static final Logger LOG = LoggerFactory.getLogger(ImportAli.class);

    @Option(names = "--model", description = "Model whose HMM state inventory the pdf ids refer to")
    Path model;

    @Option(
            names = "--lang",
            description = "Lang directory whose HMM state inventory the pdf ids refer to (with --model: must agree)")
    Path lang;

    @Option(
            names = "--tree",
            description =
                    "Kaldi tree (ContextDependency text form: copy-tree --binary=false) of a context-dependent system "
                            + "whose pdf ids these are, e.g. a tri3 alignment; needs --lang (the phone ids the tree speaks of)")
    Path tree;

    @Option(
            names = "--feats",
            description =
                    "Features the alignments label (e.g. scp:data/train/feats.scp): lengths are checked, missing utterances listed")
    String feats;

    @Mixin
    FrameTimingOptions frameTiming = new FrameTimingOptions();

    @Parameters(index = "0", paramLabel = "<ali-rspecifier>")
    String ali;

    @Parameters(index = "1", paramLabel = "<ali-dir>")
    Path out;

    @Override
    public Integer call() {
        if (tree != null && lang == null) {
            throw new AmdException(
                    "import-ali --tree needs --lang: the tree speaks of the phone ids of the lang's phones.txt");
        }
        if (model == null && lang == null) {
            throw new AmdException("import-ali needs --model or --lang: the state inventory the pdf ids refer to");
        }
        HmmStateInventory inv;
        String invName;
        if (tree != null) {
            inv = HmmStateInventory.fromLang(LangDir.read(lang), ContextDependency.read(tree), "tree " + tree);
            invName = "tree " + tree;
            if (model != null && !HmmModel.load(model).inventory().sameAs(inv)) {
                throw new AmdException(
                        "model " + model + " has another state inventory than tree " + tree + " with lang " + lang);
            }
        } else if (model != null) {
            inv = HmmModel.load(model).inventory();
            invName = "model " + model;
            if (lang != null && !inv.hasTopologyOf(LangDir.read(lang))) {
                throw new AmdException(
                        "lang directory " + lang + " gives a different HMM state inventory from model " + model);
            }
        } else {
            inv = HmmStateInventory.fromLang(LangDir.read(lang));
            invName = "lang " + lang;
        }
        AlignmentImport.Result r = AlignmentImport.run(ali, feats, inv, invName);
        if (r.pdfs().isEmpty()) {
            throw new AmdException("no alignment of " + ali + " matches the features " + feats + " ("
                    + r.missing().size() + " missing, " + r.lengthMismatch().size() + " of another length, "
                    + r.noFeatures().size() + " without features)");
        }
        AlignmentWriter.write(out, r.pdfs(), r.segments(), r.unaligned(), frameTiming.timing());
        LOG.info(
                "Imported {} alignments into {}; {} within one frame of their features; skipped {} of another length, {} utterances without "
                        + "an alignment (listed in {}), {} alignments without features",
                r.pdfs().size(),
                out.resolve("ali.1.ark"),
                r.withinTolerance(),
                r.lengthMismatch().size(),
                r.missing().size(),
                out.resolve("unaligned.txt"),
                r.noFeatures().size());
        return 0;
    }
}
