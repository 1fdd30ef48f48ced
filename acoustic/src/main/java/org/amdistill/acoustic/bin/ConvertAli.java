package org.amdistill.acoustic.bin;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.amdistill.acoustic.gmm.TriphoneTrainer;
import org.amdistill.acoustic.hmm.HmmModel;
import org.amdistill.acoustic.hmm.HmmStateInventory;
import org.amdistill.core.cli.AmdCommand;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.table.Codecs;
import org.amdistill.core.table.TableWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Kaldi's convert-ali: alignments of one model rewritten as pdf ids of another with the same phones and HMM
 * topologies, typically a monophone alignment turned into tied triphone states through the new model's tree. Phone
 * boundaries and each frame's HMM state stay where they were; only the pdf changes (to the tree's leaf for the
 * phone's left and right neighbours). This is how a recipe keeps alignments it trusts (for instance boundaries placed
 * by a separate aligner) while moving its DNN targets to the tied states.
 */
@Command(
        name = "convert-ali",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description = "Rewrite alignments as another model's pdf ids (same phones and topology, e.g. monophone to tied "
                + "triphone states): convert-ali <old-model> <new-model> <old-alignments-rspecifier> "
                + "<new-alignments-wspecifier>")
public final class ConvertAli implements AmdCommand {
    @Parameters(index = "0", paramLabel = "<old-model>", description = "Model the alignments refer to")
    Path oldModel;

    @Parameters(index = "1", paramLabel = "<new-model>", description = "Model (with its tree) to convert them to")
    Path newModel;

    @Parameters(index = "2", paramLabel = "<old-alignments-rspecifier>")
    String oldAli;

    @Parameters(index = "3", paramLabel = "<new-alignments-wspecifier>")
    String newAli;

    @Override
    public Integer call() {
        HmmStateInventory from = HmmModel.load(oldModel).inventory();
        HmmStateInventory to = HmmModel.load(newModel).inventory();
        checkSameTopology(from, to);
        Map<String, int[]> ali = ImportAliSupport.readAlignments(oldAli, from, "model " + oldModel);
        try (TableWriter<int[]> w = TableWriter.openAtomic(newAli, Codecs.INT_VECTOR)) {
            for (Map.Entry<String, int[]> e : ali.entrySet()) {
                w.write(e.getKey(), TriphoneTrainer.convert(e.getValue(), from, to));
            }
            w.commit();
        }
        System.err.printf(
                Locale.ROOT,
                "LOG (convert-ali) converted %d alignments from %d pdfs (%s) to %d pdfs (%s)%n",
                ali.size(),
                from.numPdfs(),
                oldModel,
                to.numPdfs(),
                newModel);
        return 0;
    }

    /** The same phones with the same HMM states: otherwise a frame's state has no counterpart in the new model. */
    private void checkSameTopology(HmmStateInventory from, HmmStateInventory to) {
        if (!from.phones().equals(to.phones())) {
            throw new AmdException("models " + oldModel + " and " + newModel + " have different phone sets ("
                    + from.phones().size() + " and " + to.phones().size() + " phones): an alignment cannot be "
                    + "converted between them");
        }
        for (String p : from.phones()) {
            if (!Arrays.equals(from.phone(p).pdfClasses(), to.phone(p).pdfClasses())) {
                throw new AmdException("models " + oldModel + " and " + newModel + " give phone " + p
                        + " different HMM topologies (pdf classes "
                        + Arrays.toString(from.phone(p).pdfClasses())
                        + " and " + Arrays.toString(to.phone(p).pdfClasses()) + ")");
            }
        }
    }
}
