package org.amdistill.acoustic.dnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.amdistill.acoustic.hmm.HmmStateInventory;
import org.amdistill.acoustic.hmm.TransitionModel;
import org.amdistill.core.cli.AmdException;
import org.amdistill.frontend.Cmvn;
import org.amdistill.frontend.FrontEnd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model file carries its whole front end: filterbank options, normalisation, context window. */
class ModelFrontEndTest {
    private static DnnAcousticModel trainWith(DnnConfig cfg, Path dir) throws Exception {
        FrameData train = DnnTrainerTest.data(3, 4);
        HmmStateInventory inv = DnnTrainerTest.inventory();
        return new DnnTrainer(cfg, inv, new TransitionModel(inv), Map.of())
                .train(
                        train,
                        train,
                        DnnTrainer.hardLabels(DnnTrainerTest.CLASSES),
                        null,
                        train,
                        dir.resolve("m"),
                        false);
    }

    @Test
    void everyFilterbankOptionTheSlidingWindowAndTheContextRoundTrip(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("fbank.conf");
        Files.writeString(
                conf,
                "# an 8 kHz filterbank unlike the defaults in every option\n--num-mel-bins=" + DnnTrainerTest.DIM
                        + "\n--sample-frequency=8000\n--frame-length=20\n--frame-shift=8\n--dither=0\n--window-type=hamming\n--low-freq=60\n"
                        + "--high-freq=-200\n--preemphasis-coefficient=0.9\n--remove-dc-offset=false\n--snip-edges=false\n--energy-floor=0.5\n"
                        + "--use-power=false\n--blackman-coeff=0.4\n--round-to-power-of-two=false\n--seed=7\n");
        DnnConfig cfg = DnnTrainerTest.config(1);
        cfg.fbankConfig = conf;
        cfg.cmvn = Cmvn.Mode.SLIDING;
        cfg.sliding.cmnWindow = 30;
        cfg.sliding.minWindow = 5;
        cfg.sliding.normVars = true;
        trainWith(cfg, dir);
        DnnAcousticModel back = DnnAcousticModel.load(dir.resolve("m/final.mdl"));
        FrontEnd fe = back.frontEnd();
        assertEquals(8000f, fe.fbank().frame.sampleFrequency);
        assertEquals(20f, fe.fbank().frame.frameLengthMs);
        assertEquals(8f, fe.fbank().frame.frameShiftMs);
        assertEquals(0f, fe.fbank().frame.dither);
        assertEquals("hamming", fe.fbank().frame.windowType);
        assertEquals(60f, fe.fbank().mel.lowFreq);
        assertEquals(-200f, fe.fbank().mel.highFreq);
        assertEquals(0.9f, fe.fbank().frame.preemphCoeff);
        assertEquals(false, fe.fbank().frame.removeDcOffset);
        assertEquals(false, fe.fbank().frame.snipEdges);
        assertEquals(false, fe.fbank().frame.roundToPowerOfTwo);
        assertEquals(0.5f, fe.fbank().energyFloor);
        assertEquals(false, fe.fbank().usePower);
        assertEquals(0.4f, fe.fbank().frame.blackmanCoeff);
        assertEquals(7L, fe.fbank().frame.seed);
        assertEquals(Cmvn.Mode.SLIDING, fe.cmvn().mode());
        assertEquals(30, fe.cmvn().sliding().cmnWindow);
        assertEquals(5, fe.cmvn().sliding().minWindow);
        assertTrue(fe.cmvn().sliding().normVars);
        assertEquals(2, fe.splicer().left());
        assertEquals(1, fe.splicer().right());
        assertEquals(DnnTrainerTest.DIM * 4, back.inputDim());
    }

    @Test
    void aFilterbankOfAnotherDimensionIsRefusedBeforeTraining(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("fbank.conf");
        Files.writeString(conf, "--num-mel-bins=40\n");
        DnnConfig cfg = DnnTrainerTest.config(1);
        cfg.fbankConfig = conf;
        AmdException e = assertThrows(AmdException.class, () -> trainWith(cfg, dir));
        assertTrue(e.getMessage().contains("40-dimensional features but the training features have 8"), e.getMessage());
        assertTrue(Files.notExists(dir.resolve("m/metrics.csv")), "nothing trained");
    }

    @Test
    void aFormat1FileLoadsWithoutFilterbankAndAnUnknownFormatIsNamed(@TempDir Path dir) throws Exception {
        trainWith(DnnTrainerTest.config(1), dir);
        Map<String, byte[]> entries = DnnAcousticModel.entries(dir.resolve("m/final.mdl"));
        String props = new String(entries.get(DnnAcousticModel.MAGIC_ENTRY), StandardCharsets.UTF_8);
        assertTrue(props.contains("format=amdistill-dnn 2"), props);
        Path old = dir.resolve("old.mdl");
        entries.put(
                DnnAcousticModel.MAGIC_ENTRY,
                props.replace("format=amdistill-dnn 2", "format=amdistill-dnn 1")
                        .getBytes(StandardCharsets.UTF_8));
        Files.write(old, zip(entries));
        DnnAcousticModel m = DnnAcousticModel.load(old);
        assertNull(m.frontEnd().fbank(), "a model trained without --fbank-config carries no filterbank");
        assertEquals(Cmvn.Mode.MEAN_VAR, m.cmvn().mode());
        Path future = dir.resolve("future.mdl");
        entries.put(
                DnnAcousticModel.MAGIC_ENTRY,
                props.replace("format=amdistill-dnn 2", "format=amdistill-dnn 9")
                        .getBytes(StandardCharsets.UTF_8));
        Files.write(future, zip(entries));
        AmdException e = assertThrows(AmdException.class, () -> DnnAcousticModel.load(future));
        assertTrue(e.getMessage().contains("format 'amdistill-dnn 9'"), e.getMessage());
    }

    private static byte[] zip(Map<String, byte[]> entries) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b)) {
            // the properties entry first: it marks the file as a DNN model
            z.putNextEntry(new ZipEntry(DnnAcousticModel.MAGIC_ENTRY));
            z.write(entries.get(DnnAcousticModel.MAGIC_ENTRY));
            for (var e : entries.entrySet()) {
                if (!e.getKey().equals(DnnAcousticModel.MAGIC_ENTRY)) {
                    z.putNextEntry(new ZipEntry(e.getKey()));
                    z.write(e.getValue());
                }
            }
        }
        return b.toByteArray();
    }
}
