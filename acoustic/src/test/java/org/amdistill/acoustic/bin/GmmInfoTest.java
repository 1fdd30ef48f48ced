package org.amdistill.acoustic.bin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.amdistill.acoustic.SyntheticAlignData;
import org.amdistill.acoustic.gmm.DiagGmmSet;
import org.amdistill.acoustic.gmm.GmmAcousticModel;
import org.amdistill.acoustic.gmm.GmmFeatures;
import org.amdistill.acoustic.hmm.HmmStateInventory;
import org.amdistill.acoustic.hmm.TransitionModel;
import org.amdistill.core.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GmmInfoTest {
    @Test
    void printsTheModelsSizes(@TempDir Path dir) throws Exception {
        HmmStateInventory inv = HmmStateInventory.fromLang(SyntheticAlignData.lang(dir));
        GmmFeatures gf = new GmmFeatures(13, 22);
        double[] ones = new double[gf.dim()];
        java.util.Arrays.fill(ones, 1);
        new GmmAcousticModel(
                        gf,
                        inv,
                        new TransitionModel(inv),
                        new DiagGmmSet(inv.numPdfs(), gf.dim(), new double[gf.dim()], ones))
                .save(dir.resolve("final.mdl"));
        PrintStream stdout = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int rc;
        try {
            rc = Cli.execute(
                    new GmmInfo(),
                    new PrintWriter(new StringWriter()),
                    new PrintWriter(new StringWriter()),
                    dir.resolve("final.mdl").toString());
        } finally {
            System.setOut(stdout);
        }
        assertEquals(0, rc);
        assertEquals(
                "number of phones " + inv.phones().size() + "\nnumber of pdfs " + inv.numPdfs()
                        + "\nnumber of gaussians " + inv.numPdfs() + "\nfeature dimension " + gf.dim()
                        + "\ncontext dependent false\n",
                out.toString(StandardCharsets.UTF_8));
    }
}
