package org.amdistill.recognizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.amdistill.acoustic.dnn.DnnAcousticModel;
import org.amdistill.core.audio.AudioData;
import org.amdistill.core.audio.WavWriter;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.cli.Cli;
import org.amdistill.core.table.Matrix;
import org.amdistill.frontend.Cmvn;
import org.amdistill.frontend.Fbank;
import org.amdistill.frontend.bin.ComputeFbankFeats;
import org.amdistill.recognizer.bin.ExportOnnx;
import org.amdistill.recognizer.bin.PackageRecognizer;
import org.amdistill.recognizer.bin.Recognize;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PackageAndCommandsTest {
    Path dir;
    Fixture fx;
    Path model;
    Path pkg;

    @BeforeAll
    void setUp(@TempDir Path tmp) throws Exception {
        dir = tmp;
        fx = new Fixture(dir);
        model = fx.model("student", Cmvn.Mode.SLIDING);
        pkg = fx.pack(model, "student");
    }

    private static Map<String, byte[]> entries(Path zip) throws Exception {
        Map<String, byte[]> m = new LinkedHashMap<>();
        try (ZipInputStream z = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                m.put(e.getName(), z.readAllBytes());
            }
        }
        return m;
    }

    private static void write(Path zip, Map<String, byte[]> entries) throws Exception {
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (var e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
            }
        }
    }

    private String error(Object command, String... args) {
        StringWriter err = new StringWriter();
        assertEquals(1, Cli.execute(command, new PrintWriter(new StringWriter()), new PrintWriter(err, true), args));
        return err.toString();
    }

    @Test
    void aPackageFromAnotherVersionOrWithAMissingPartIsRefusedByName() throws Exception {
        Map<String, byte[]> e = entries(pkg);
        assertTrue(
                e.keySet()
                        .containsAll(List.of(
                                "graph.bin",
                                "lm.arpa",
                                "lang/words.txt",
                                "lang/lexicon.txt",
                                "lang/topo",
                                "model/member-1.mdl")),
                e.keySet().toString());
        String props = new String(e.get(RecognizerPackage.PROPERTIES), StandardCharsets.UTF_8);
        Map<String, byte[]> future = new LinkedHashMap<>(e);
        future.put(
                RecognizerPackage.PROPERTIES,
                props.replace("amdistill-recognizer 1", "amdistill-recognizer 2")
                        .getBytes(StandardCharsets.UTF_8));
        Path f = dir.resolve("future.rec");
        write(f, future);
        AmdException ex = assertThrows(AmdException.class, () -> Recognizer.load(f));
        assertTrue(
                ex.getMessage()
                        .contains(
                                "is of format 'amdistill-recognizer 2' but this version reads 'amdistill-recognizer 1'"),
                ex.getMessage());
        Map<String, byte[]> noLm = new LinkedHashMap<>(e);
        noLm.remove("lm.arpa");
        Path m = dir.resolve("nolm.rec");
        write(m, noLm);
        ex = assertThrows(AmdException.class, () -> Recognizer.load(m));
        assertEquals("recognizer package " + m + " is incomplete: no lm.arpa", ex.getMessage());
        ex = assertThrows(AmdException.class, () -> Recognizer.load(model));
        assertTrue(ex.getMessage().contains("is not a recognizer package"), ex.getMessage());
        ex = assertThrows(AmdException.class, () -> Recognizer.load(dir.resolve("absent.rec")));
        assertTrue(ex.getMessage().endsWith("no such file"), ex.getMessage());
    }

    @Test
    void aModelWithoutFilterbankOptionsNeedsThemAtPackagingAndDisagreeingOnesAreRefused() throws Exception {
        DnnAcousticModel m = DnnAcousticModel.load(model);
        Path bare = dir.resolve("bare.mdl");
        m.withFbank(null).save(bare);
        String err = error(
                new PackageRecognizer(),
                "--model=" + bare,
                "--lang=" + fx.lang,
                "--lm=" + fx.lm,
                dir.resolve("bare.rec").toString());
        assertTrue(err.contains("carries no filterbank options"), err);
        assertTrue(Files.notExists(dir.resolve("bare.rec")), "nothing half-written is left");
        Path withConf = fx.pack(bare, "bare", "--fbank-config=" + fx.fbankConf);
        AudioData a = fx.utterances.get("slt_digits");
        assertEquals(
                Recognizer.load(pkg).recognize(a.channel(0), 16000),
                Recognizer.load(withConf).recognize(a.channel(0), 16000));
        Path other = dir.resolve("other.conf");
        Files.writeString(other, "--num-mel-bins=23\n--low-freq=100\n");
        err = error(
                new PackageRecognizer(),
                "--model=" + model,
                "--lang=" + fx.lang,
                "--lm=" + fx.lm,
                "--fbank-config=" + other,
                dir.resolve("x.rec").toString());
        assertTrue(err.contains("carries other filterbank options than --fbank-config"), err);
    }

    @Test
    void decodeConfigOptionsTravelInThePackage() throws Exception {
        Path conf = dir.resolve("decode.conf");
        Files.writeString(conf, "# tuned on dev\n--acoustic-scale=0.125\n--word-ins-penalty=0.5\n--beam=12\n");
        Recognizer r = Recognizer.load(fx.pack(model, "tuned", "--decode-config=" + conf));
        assertEquals(0.125, r.options().acousticScale);
        assertEquals(0.5, r.options().wordInsPenalty);
        assertEquals(12.0, r.options().beam);
        Files.writeString(conf, "--acoustic-scale=0.1\n--no-such-option=1\n");
        String err = error(
                new PackageRecognizer(),
                "--model=" + model,
                "--lang=" + fx.lang,
                "--lm=" + fx.lm,
                "--decode-config=" + conf,
                dir.resolve("bad.rec").toString());
        assertTrue(err.contains("--decode-config=" + conf) && err.contains("--no-such-option"), err);
    }

    @Test
    void recognizeCommandPrintsKaldiTextAndCtmAndTakesStereoAndOtherRates() throws Exception {
        Recognizer r = Recognizer.load(pkg);
        AudioData slt = fx.utterances.get("slt_digits");
        float[] x = slt.channel(0);
        float[] quiet = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            quiet[i] = x[i] * 0.5f;
        }
        Path stereo = dir.resolve("stereo.wav");
        WavWriter.write(new AudioData(16000, new float[][] {x, quiet}), stereo);
        Path mono = dir.resolve("mono.wav");
        WavWriter.write(AudioData.mono(16000, x), mono);
        Path at8k = dir.resolve("at8k.wav");
        WavWriter.write(AudioData.mono(8000, org.amdistill.core.audio.Resampler.resample(x, 16000, 8000)), at8k);
        Path empty = dir.resolve("empty.wav");
        WavWriter.write(AudioData.mono(16000, new float[0]), empty);
        Path ctm = dir.resolve("out.ctm");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        int rc;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            rc = Cli.execute(
                    new Recognize(),
                    "--recognizer=" + pkg,
                    "--ctm=" + ctm,
                    mono.toString(),
                    stereo.toString(),
                    at8k.toString(),
                    empty.toString());
        } finally {
            System.setOut(old);
        }
        assertEquals(0, rc);
        List<String> lines = List.of(out.toString(StandardCharsets.UTF_8).split("\n"));
        String words = r.recognize(x, 16000).text();
        assertEquals(
                List.of(("mono " + words).strip(), ("stereo " + words).strip()),
                lines.subList(0, 2),
                "stereo: the first channel");
        assertTrue(lines.get(2).startsWith("at8k"), lines.toString());
        assertEquals("empty", lines.get(3));
        List<String> ctmLines = Files.readAllLines(ctm);
        long monoWords = ctmLines.stream().filter(l -> l.startsWith("mono 1 ")).count();
        assertEquals(r.recognize(x, 16000).words().size(), monoWords);
        for (String l : ctmLines) {
            assertTrue(l.matches("\\S+ 1 \\d+\\.\\d\\d \\d+\\.\\d\\d \\S+ [01]\\.\\d\\d"), l);
        }
        String err = error(new Recognize(), "--recognizer=" + pkg);
        assertTrue(err.contains("give WAV files, scp:wav.scp, or --live"), err);
    }

    @Test
    void theTarsosDspPathFromAFileGivesTheWordsOfTheWholeFile() throws Exception {
        Recognizer r = Recognizer.load(pkg);
        for (String utt : List.of("espeak_digits", "slt_digits", "chirp_noise")) {
            Path wav = Fixture.WAVS.resolve(utt + ".wav");
            Transcript whole = r.recognize(utt, fx.utterances.get(utt).channel(0), 16000);
            List<String> partials = new ArrayList<>();
            Transcript live;
            try (RecognizerStream s = r.stream(utt)) {
                TarsosAudio.feed(
                        TarsosAudio.fromFile(wav.toFile(), r.sampleRate(), 1600),
                        s,
                        x -> partials.add(x.partial().text()));
                live = s.finish();
            }
            assertEquals(whole.timedWords(), live.timedWords(), utt);
            assertEquals(
                    (int) Math.ceil(fx.utterances.get(utt).numSamples() / 1600.0), partials.size(), "100 ms chunks");
        }
        // 44.1 kHz stereo: Java Sound converts it to the recogniser's 16 kHz mono on the way in
        AudioData a = fx.utterances.get("slt_digits");
        float[] up = org.amdistill.core.audio.Resampler.resample(a.channel(0), 16000, 44100);
        Path f = dir.resolve("cd.wav");
        WavWriter.write(new AudioData(44100, new float[][] {up, up}), f);
        try (RecognizerStream s = r.stream("cd")) {
            TarsosAudio.feed(TarsosAudio.fromFile(f.toFile(), r.sampleRate(), 1600), s, x -> {});
            Transcript t = s.finish();
            assertTrue(Math.abs(t.audioSeconds() - a.durationSeconds()) < 0.01, t.audioSeconds() + " s");
        }
        Path text = dir.resolve("not-audio.wav");
        Files.writeString(text, "hello");
        AmdException e = assertThrows(AmdException.class, () -> TarsosAudio.fromFile(text.toFile(), 16000, 1600));
        assertTrue(e.getMessage().contains("Java Sound cannot read"), e.getMessage());
    }

    @Test
    void theOnnxExportRunsOnOnnxRuntimeAndMatchesOurForwardPass() throws Exception {
        Path onnx = dir.resolve("student.onnx");
        assertEquals(0, Cli.execute(new ExportOnnx(), "--model=" + model, onnx.toString()));
        DnnAcousticModel m = DnnAcousticModel.load(model);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession s = env.createSession(Files.readAllBytes(onnx), new OrtSession.SessionOptions())) {
            Map<String, String> md = s.getMetadata().getCustomMetadata();
            assertEquals(String.join(" ", m.frontEnd().fbank().toArgs()), md.get("amdistill.fbank_options"));
            assertEquals(m.numPdfs(), md.get("amdistill.log_priors").split(" ").length);
            assertEquals(m.numPdfs(), md.get("amdistill.pdf_names").split(" ").length);
            assertEquals("5", md.get("amdistill.left_context"));
            assertTrue(md.get("amdistill.cmvn").startsWith("sliding"), md.get("amdistill.cmvn"));
            double maxDiff = 0;
            for (String utt : List.of("espeak_digits", "slt_digits", "chirp_noise")) {
                Matrix f = new Fbank(m.frontEnd().fbank())
                        .compute(fx.utterances.get(utt).channel(0), ComputeFbankFeats.ditherRng(0, utt));
                Matrix norm = m.cmvn().apply(f);
                Matrix ours = m.logPosteriorsOfNormalised(norm, 0, norm.rows());
                float[] in = m.splicedInput(norm, 0, norm.rows()).data().asFloat();
                try (OnnxTensor t = OnnxTensor.createTensor(
                                env, FloatBuffer.wrap(in), new long[] {norm.rows(), m.inputDim()});
                        OrtSession.Result res = s.run(Map.of(OnnxExport.INPUT, t))) {
                    float[][] theirs =
                            (float[][]) res.get(OnnxExport.OUTPUT).get().getValue();
                    assertEquals(norm.rows(), theirs.length);
                    for (int r = 0; r < theirs.length; r++) {
                        for (int c = 0; c < m.numPdfs(); c++) {
                            maxDiff = Math.max(maxDiff, Math.abs(theirs[r][c] - ours.get(r, c)));
                        }
                    }
                }
            }
            System.out.println("ONNX Runtime against our forward pass: max |difference| of log posteriors " + maxDiff);
            assertTrue(maxDiff <= 1e-4, "max |difference| of log posteriors " + maxDiff);
        }
        String err = error(
                new ExportOnnx(), "--model=" + fx.lm, dir.resolve("x.onnx").toString());
        assertTrue(err.contains("is not a DNN model"), err);
    }
}
