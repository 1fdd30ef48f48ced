package org.amdistill.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.amdistill.core.cli.Cli;
import org.amdistill.core.table.Matrix;
import org.amdistill.frontend.bin.ComputeFbankFeats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every compute-fbank-feats case of testdata/kaldi/commands.txt, within 1e-4 of Kaldi (text archives keep 7 digits) with the same frame counts. */
class FbankKaldiTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "fbank40.txt|wav.scp|--num-mel-bins=40 --dither=0",
                "fbank40_nosnip.txt|wav.scp|--num-mel-bins=40 --dither=0 --snip-edges=false",
                "fbank23_energy_hamming.txt|wav.scp|--num-mel-bins=23 --dither=0 --use-energy=true --window-type=hamming",
                "fbank23_8k.txt|wav8k.scp|--sample-frequency=8000 --num-mel-bins=23 --dither=0",
                // Kaldi's non-power-of-two RealFft (mixed radix over the factors of N/2: 200 = 2^3 5^2, 100 = 2^2 5^2)
                "fbank40_np2_hanning.txt|wav.scp|--num-mel-bins=40 --dither=0 --round-to-power-of-two=false --window-type=hanning",
                "fbank23_np2_hamming.txt|wav.scp|--num-mel-bins=23 --dither=0 --round-to-power-of-two=false --window-type=hamming --use-energy=true",
                "fbank40_np2_nosnip.txt|wav.scp|--num-mel-bins=40 --dither=0 --round-to-power-of-two=false --window-type=povey --snip-edges=false",
                "fbank23_np2_8k.txt|wav8k.scp|--sample-frequency=8000 --num-mel-bins=23 --dither=0 --round-to-power-of-two=false --window-type=blackman",
            })
    void matchesKaldi(String reference, String scp, String options, @TempDir Path tmp) throws Exception {
        Path wavScp = KaldiReference.absoluteScp(scp, tmp);
        Path out = tmp.resolve("out.txt");
        String[] opts = options.split(" ");
        String[] args = new String[opts.length + 2];
        System.arraycopy(opts, 0, args, 0, opts.length);
        args[opts.length] = "scp:" + wavScp;
        args[opts.length + 1] = "ark,t:" + out;
        assertEquals(0, Cli.execute(new ComputeFbankFeats(), args));
        Map<String, Matrix> kaldi = KaldiReference.read("ark:" + KaldiReference.DIR.resolve(reference));
        double worst = KaldiReference.assertClose(kaldi, KaldiReference.read("ark:" + out), 1e-4);
        System.out.printf("%s: max |ours - Kaldi| = %.2e%n", reference, worst);
    }

    @Test
    void configFileOptionsAreReadAndCommandLineWins(@TempDir Path tmp) throws Exception {
        Path conf = tmp.resolve("fbank.conf");
        Files.writeString(conf, "# as in a Kaldi recipe\n--num-mel-bins=23   # overridden below\n--dither=0\n");
        Path out = tmp.resolve("o.txt");
        assertEquals(
                0,
                Cli.execute(
                        new ComputeFbankFeats(),
                        "--config=" + conf,
                        "--num-mel-bins=40",
                        "scp:" + KaldiReference.absoluteScp("wav.scp", tmp),
                        "ark,t:" + out));
        KaldiReference.assertClose(
                KaldiReference.read("ark:" + KaldiReference.DIR.resolve("fbank40.txt")),
                KaldiReference.read("ark:" + out),
                1e-3);
    }

    @Test
    void tooShortForOneFrameGivesAnEmptyMatrix() {
        FbankOptions o = new FbankOptions();
        o.frame.dither = 0;
        Matrix m = new Fbank(o).compute(new float[399], null);
        assertEquals(0, m.rows());
        assertEquals(1, new Fbank(o).compute(new float[400], null).rows());
    }

    @Test
    void ditherIsReproducibleForASeedAndDiffersAcrossSeeds() {
        FbankOptions o = new FbankOptions();
        float[] x = new float[16000];
        Random r = new Random(1);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (1000 * Math.sin(i * 0.05) + r.nextGaussian());
        }
        Fbank f = new Fbank(o);
        assertEquals(f.compute(x, new Random(7)), f.compute(x, new Random(7)));
        assertNotEquals(f.compute(x, new Random(7)), f.compute(x, new Random(8)));
    }
}
