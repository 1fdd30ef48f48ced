package org.amdistill.acoustic.bin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.amdistill.acoustic.SyntheticAlignData;
import org.amdistill.acoustic.align.AlignmentGraph;
import org.amdistill.acoustic.gmm.GmmFeatures;
import org.amdistill.acoustic.gmm.MonophoneTrainer;
import org.amdistill.acoustic.hmm.HmmStateInventory;
import org.amdistill.acoustic.hmm.TransitionModel;
import org.amdistill.core.cli.Cli;
import org.amdistill.core.table.Matrix;
import org.amdistill.dataprep.lang.LangDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AliFromCtmTest {
    static Object[] run(String... args) {
        StringWriter err = new StringWriter();
        int rc = Cli.execute(new AliFromCtm(), new PrintWriter(new StringWriter()), new PrintWriter(err, true), args);
        return new Object[] {rc, err.toString()};
    }

    /** The phone of each frame according to CTM lines (10 ms frames, times rounded to frames). */
    static String[] ctmPhones(List<String> ctm, String utt, int frames) {
        String[] p = new String[frames];
        for (String line : ctm) {
            String[] f = line.split(" ");
            if (!f[0].equals(utt)) {
                continue;
            }
            int a = (int) Math.round(Double.parseDouble(f[2]) / 0.01);
            int b = (int) Math.round((Double.parseDouble(f[2]) + Double.parseDouble(f[3])) / 0.01);
            for (int t = a; t < Math.min(b, frames); t++) {
                p[t] = f[4];
            }
        }
        return p;
    }

    @Test
    void equalSplitKeepsEveryCtmPhoneOnItsFramesAndPadsWithSilence(@TempDir Path dir) throws Exception {
        LangDir lang = SyntheticAlignData.lang(dir);
        HmmStateInventory inv = HmmStateInventory.fromLang(lang);
        List<String> ctm = List.of(
                "u1 1 0.000 0.100 SIL",
                "u1 1 0.100 0.060 W",
                "u1 1 0.160 0.090 AH",
                "u1 1 0.250 0.060 N",
                "u2 1 0.000 0.050 SIL",
                "u2 1 0.050 0.060 T",
                "u2 1 0.150 0.060 UW");
        Files.write(dir.resolve("ctm"), ctm);
        Map<String, Matrix> feats = new LinkedHashMap<>();
        feats.put("u1", new Matrix(36, 4)); // CTM covers 31 frames: 5 frames of silence added
        feats.put(
                "u2",
                new Matrix(22, 4)); // a 4-frame hole between T and UW (silence), and the last frame padded with UW
        feats.put("u3", new Matrix(10, 4)); // not in the CTM
        SyntheticAlignData.writeFeats(dir.resolve("data"), feats);
        Object[] r = run(
                "--lang=" + dir.resolve("lang"),
                dir.resolve("ctm").toString(),
                dir.resolve("data").toString(),
                dir.resolve("ali").toString());
        assertEquals(0, r[0], (String) r[1]);
        Map<String, int[]> ali = ImportAliTest.readAli(dir.resolve("ali/ali.1.ark"));
        assertEquals(List.of("u1", "u2"), List.copyOf(ali.keySet()));
        assertEquals(List.of("u3"), Files.readAllLines(dir.resolve("ali/unaligned.txt")));
        for (String utt : ali.keySet()) {
            int[] pdfs = ali.get(utt);
            assertEquals(feats.get(utt).rows(), pdfs.length, utt);
            String[] want = ctmPhones(ctm, utt, pdfs.length);
            for (int t = 0; t < pdfs.length; t++) {
                if (want[t] != null) {
                    assertEquals(want[t], inv.phoneOfPdf(pdfs[t]), utt + " frame " + t);
                }
            }
        }
        int[] u1 = ali.get("u1");
        int[] w = Arrays.copyOfRange(u1, 10, 16);
        assertArrayEquals(
                new int[] {
                    inv.pdfId("W", 0),
                    inv.pdfId("W", 0),
                    inv.pdfId("W", 1),
                    inv.pdfId("W", 1),
                    inv.pdfId("W", 2),
                    inv.pdfId("W", 2)
                },
                w);
        for (int t = 31; t < 36; t++) {
            assertEquals("SIL", inv.phoneOfPdf(u1[t]), "padding frame " + t);
        }
        int[] u2 = ali.get("u2");
        for (int t = 11; t < 15; t++) {
            assertEquals("SIL", inv.phoneOfPdf(u2[t]), "hole frame " + t);
        }
        assertEquals("UW", inv.phoneOfPdf(u2[21]));
        assertEquals(
                List.of(
                        "u1 1 0.000 0.100 SIL",
                        "u1 1 0.100 0.060 W",
                        "u1 1 0.160 0.090 AH",
                        "u1 1 0.250 0.060 N",
                        "u1 1 0.310 0.050 SIL",
                        "u2 1 0.000 0.050 SIL",
                        "u2 1 0.050 0.060 T",
                        "u2 1 0.110 0.040 SIL",
                        "u2 1 0.150 0.070 UW"),
                Files.readAllLines(dir.resolve("ali/ali.ctm")));
    }

    @Test
    void phoneOutsideTheLangIsAnErrorNamingTheLine(@TempDir Path dir) throws Exception {
        SyntheticAlignData.lang(dir);
        Files.writeString(dir.resolve("ctm"), "u1 1 0.000 0.100 SIL\nu1 1 0.100 0.060 XX\n");
        SyntheticAlignData.writeFeats(dir.resolve("data"), Map.of("u1", new Matrix(16, 4)));
        Object[] r = run(
                "--lang=" + dir.resolve("lang"),
                dir.resolve("ctm").toString(),
                dir.resolve("data").toString(),
                dir.resolve("ali").toString());
        assertEquals(1, r[0]);
        String err = (String) r[1];
        assertTrue(err.contains(dir.resolve("ctm") + ":2") && err.contains("'XX'") && err.contains("phones.txt"), err);
        assertTrue(Files.notExists(dir.resolve("ali")));
        // disambiguation symbols are in phones.txt but are no phones
        Files.writeString(dir.resolve("ctm"), "u1 1 0.000 0.100 #0\n");
        r = run(
                "--lang=" + dir.resolve("lang"),
                dir.resolve("ctm").toString(),
                dir.resolve("data").toString(),
                dir.resolve("ali").toString());
        assertEquals(1, r[0]);
        assertTrue(((String) r[1]).contains("'#0'"), (String) r[1]);
    }

    /**
     * A real monophone GMM trained on synthetic filterbank-like features: Viterbi inside the true phone boundaries puts
     * the state boundaries where they are, better than an equal split, and never moves a phone boundary.
     */
    @Test
    void gmmViterbiInsidePhonesFindsTheStates(@TempDir Path dir) throws Exception {
        LangDir lang = SyntheticAlignData.lang(dir);
        HmmStateInventory inv = HmmStateInventory.fromLang(lang);
        Random rnd = new Random(7);
        List<SyntheticAlignData.Utt> utts = SyntheticAlignData.utterances(inv, 40, 7, rnd);
        float[][] means = SyntheticAlignData.means(inv.numPdfs(), 20, 3.0, rnd);
        GmmFeatures gf = new GmmFeatures(13, 22);
        Map<String, Matrix> fbank = new LinkedHashMap<>();
        List<MonophoneTrainer.Utterance> train = new ArrayList<>();
        TransitionModel tm = new TransitionModel(inv);
        List<String> ctm = new ArrayList<>();
        for (SyntheticAlignData.Utt u : utts) {
            Matrix f = SyntheticAlignData.features(u, means, 0.6, rnd);
            fbank.put(u.key(), f);
            train.add(
                    new MonophoneTrainer.Utterance(u.key(), gf.compute(f), AlignmentGraph.build(u.phones(), tm, 0.5)));
            ctm.addAll(u.ctm());
        }
        MonophoneTrainer.Options o = new MonophoneTrainer.Options();
        o.numIters = 8;
        o.maxIterInc = 5;
        o.totGauss = 60;
        o.realignIters = List.of(1, 2, 3, 4, 5, 6);
        o.numThreads = 1;
        MonophoneTrainer.Result res = new MonophoneTrainer(o, inv).train(gf, train);
        res.model().save(dir.resolve("mono/final.mdl"));
        SyntheticAlignData.writeFeats(dir.resolve("data"), fbank);
        Files.write(dir.resolve("ctm"), ctm);

        Object[] r = run(
                "--lang=" + dir.resolve("lang"),
                "--model=" + dir.resolve("mono/final.mdl"),
                "--num-threads=1",
                dir.resolve("ctm").toString(),
                dir.resolve("data").toString(),
                dir.resolve("ali").toString());
        assertEquals(0, r[0], (String) r[1]);
        r = run(
                "--lang=" + dir.resolve("lang"),
                dir.resolve("ctm").toString(),
                dir.resolve("data").toString(),
                dir.resolve("equal").toString());
        assertEquals(0, r[0], (String) r[1]);
        Map<String, int[]> vit = ImportAliTest.readAli(dir.resolve("ali/ali.1.ark"));
        Map<String, int[]> eq = ImportAliTest.readAli(dir.resolve("equal/ali.1.ark"));
        long frames = 0;
        long vitOk = 0;
        long eqOk = 0;
        for (SyntheticAlignData.Utt u : utts) {
            int[] v = vit.get(u.key());
            int[] e = eq.get(u.key());
            String[] phones = u.framePhones();
            for (int t = 0; t < u.pdfs().length; t++) {
                assertEquals(phones[t], inv.phoneOfPdf(v[t]), u.key() + " frame " + t + " (Viterbi)");
                assertEquals(phones[t], inv.phoneOfPdf(e[t]), u.key() + " frame " + t + " (equal)");
                frames++;
                vitOk += v[t] == u.pdfs()[t] ? 1 : 0;
                eqOk += e[t] == u.pdfs()[t] ? 1 : 0;
            }
        }
        double vitAcc = (double) vitOk / frames;
        double eqAcc = (double) eqOk / frames;
        System.out.printf(
                Locale.ROOT,
                "state accuracy inside true phones: Viterbi with the GMM %.4f, equal split %.4f (%d frames)%n",
                vitAcc,
                eqAcc,
                frames);
        assertTrue(vitAcc > 0.95, "Viterbi state accuracy " + vitAcc);
        assertTrue(vitAcc > eqAcc + 0.05, "Viterbi " + vitAcc + " vs equal split " + eqAcc);
    }
}
