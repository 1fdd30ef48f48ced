package org.amdistill.acoustic.bin;

import java.nio.file.Path;
import java.util.Locale;
import org.amdistill.acoustic.gmm.GmmAcousticModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Kaldi's gmm-info: the sizes of a GMM-HMM, one "name value" line each, for scripts and reports. */
@Command(
        name = "gmm-info",
        mixinStandardHelpOptions = true,
        description =
                "Print the sizes of a GMM-HMM (phones, pdfs, gaussians, feature dimension, whether it has a tree): "
                        + "gmm-info <model>")
public final class GmmInfo implements org.amdistill.core.cli.AmdCommand {
    @Parameters(index = "0", paramLabel = "<model>")
    Path model;

    @Override
    public Integer call() {
        GmmAcousticModel m = GmmAcousticModel.load(model);
        System.out.printf(
                Locale.ROOT,
                "number of phones %d%nnumber of pdfs %d%nnumber of gaussians %d%nfeature dimension %d%n"
                        + "context dependent %s%n",
                m.inventory.phones().size(),
                m.numPdfs(),
                m.gmms.numGaussians(),
                m.features.dim(),
                m.inventory.isContextDependent());
        return 0;
    }
}
