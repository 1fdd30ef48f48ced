package org.amdistill.recipes.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.amdistill.core.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WerByConditionTest {
    @Test
    void werBySnrReverbSpeedEngineAndVoiceAndItsChart(@TempDir Path tmp) throws Exception {
        // u1 clean, u2 clean with reverberation, u3 at 0 dB; the systems err on the noisy one (base 2, ens 0, dist 1
        // words)
        Files.writeString(
                tmp.resolve("manifest.csv"),
                "utt,split,voice,snr_db,reverb,speed,engine\n"
                        + "u1,test,flite-a,,,1.000,flite\nu2,test,flite-a,,0.4,0.900,flite\nu3,test,espeak-b,0,,1.100,espeak\nu9,train,x,5,,1.0,flite\n");
        String ref = "u1 one two\nu2 three four\nu3 five six\n";
        String[][] systems = {
            {"base", "u1 one two\nu2 three four\nu3 nine nine\n"},
            {"ens", ref},
            {"dist", "u1 one two\nu2 three four\nu3 five nine\n"}
        };
        for (String[] s : systems) {
            Files.createDirectories(tmp.resolve(s[0] + "/scoring"));
            Files.writeString(tmp.resolve(s[0] + "/scoring/test_filt.txt"), ref);
            Files.writeString(tmp.resolve(s[0] + "/hyp.txt"), s[1]);
        }
        Path csv = tmp.resolve("by_condition.csv");
        assertEquals(
                0,
                Cli.execute(
                        new WerByCondition(),
                        "--manifest=" + tmp.resolve("manifest.csv"),
                        "--ref=" + tmp.resolve("base/scoring/test_filt.txt"),
                        "baseline=" + tmp.resolve("base"),
                        "ensemble=" + tmp.resolve("ens"),
                        "distilled=" + tmp.resolve("dist"),
                        csv.toString()));
        List<String> lines = Files.readAllLines(csv);
        assertEquals("condition,value,system,utterances,words,errors,wer", lines.get(0));
        assertTrue(lines.contains("snr,clean,baseline,2,4,0,0.00"), String.join("\n", lines));
        assertTrue(lines.contains("snr,0,baseline,1,2,2,100.00"), String.join("\n", lines));
        assertTrue(lines.contains("reverb,yes,baseline,1,2,0,0.00")
                && lines.contains("engine,espeak,distilled,1,2,1,50.00"));
        assertTrue(lines.indexOf("speed,1.100,ensemble,1,2,0,0.00") < lines.indexOf("speed,0.900,ensemble,1,2,0,0.00"));

        Files.writeString(
                tmp.resolve("results.csv"),
                "system,params,frame_acc_dev,frame_acc_test,wer_test,rtf\n"
                        + "baseline,1,70,68,33.3,0.02\nensemble,10,73,71,0,0.2\ndistilled,1,72,70,16.7,0.01\n");
        Path out = tmp.resolve("out");
        assertEquals(
                0,
                Cli.execute(
                        new MakeReport(),
                        "--results=" + tmp.resolve("results.csv"),
                        "--wer-by-condition=" + csv,
                        out.toString()));
        String md = Files.readString(out.resolve("RESULTS.md"));
        assertTrue(md.contains("| snr | utterances | baseline WER | ensemble WER | distilled WER | gain kept |"), md);
        assertTrue(md.contains("| 0 | 1 | 100.00 % | 0.00 % | 50.00 % | 50 % |"), md);
        assertTrue(md.contains("| clean | 2 | 0.00 % | 0.00 % | 0.00 % | n/a |"), md);
        assertTrue(Files.size(out.resolve("report_files/wer_by_snr.png")) > 1000);
        assertTrue(Files.readString(out.resolve("report.html")).contains("wer_by_snr.png"));
    }

    @Test
    void aTestUtteranceMissingFromTheManifestIsAnError(@TempDir Path tmp) throws Exception {
        Files.writeString(
                tmp.resolve("manifest.csv"), "utt,split,voice,snr_db,reverb,speed,engine\nu1,test,v,,,1.0,flite\n");
        Files.createDirectories(tmp.resolve("d/scoring"));
        Files.writeString(tmp.resolve("d/scoring/test_filt.txt"), "u1 a\nu2 b\n");
        Files.writeString(tmp.resolve("d/hyp.txt"), "u1 a\nu2 b\n");
        StringWriter err = new StringWriter();
        assertEquals(
                1,
                Cli.execute(
                        new WerByCondition(),
                        new PrintWriter(new StringWriter()),
                        new PrintWriter(err),
                        "--manifest=" + tmp.resolve("manifest.csv"),
                        "--ref=" + tmp.resolve("d/scoring/test_filt.txt"),
                        "a=" + tmp.resolve("d"),
                        tmp.resolve("o.csv").toString()));
        assertTrue(err.toString().contains("has no row for test utterance u2"), err.toString());
    }
}
