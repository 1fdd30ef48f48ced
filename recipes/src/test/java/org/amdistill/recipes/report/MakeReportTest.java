package org.amdistill.recipes.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.amdistill.core.DebianPackages;
import org.amdistill.core.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MakeReportTest {
    static Path writeInputs(Path dir) throws IOException {
        Files.writeString(
                dir.resolve("results.csv"),
                "system,params,frame_acc_dev,frame_acc_test,wer_test,rtf\n"
                        + "baseline,1200000,70.1,68.0,9.5,0.02\nensemble,12000000,73.0,71.0,8.0,0.20\ndistilled,600000,72.4,70.5,8.2,0.015\n");
        for (String m : new String[] {"baseline", "member1"}) {
            Path d = dir.resolve("exp").resolve(m);
            Files.createDirectories(d);
            Files.writeString(
                    d.resolve("metrics.csv"),
                    "epoch,learning_rate,train_loss,train_frame_acc,dev_frame_acc,frames_per_sec,seconds\n"
                            + "1,0.001,2.0,0.50,0.48,10000,3\n2,0.001,1.5,0.60,0.55,10000,3\n3,0.0005,1.2,0.66,0.58,10000,3\n");
        }
        Files.writeString(dir.resolve("members.csv"), "num_members,frame_acc_dev\n1,0.70\n2,0.715\n3,0.72\n");
        Files.writeString(
                dir.resolve("sweep.csv"),
                "temperature,hard_weight,frame_acc_dev\n1,0.5,0.70\n2,0.5,0.72\n5,0.5,0.71\n1,0,0.69\n2,0,0.715\n");
        Files.writeString(
                dir.resolve("reg.csv"),
                "system,train_frame_acc,test_frame_acc\nbaseline_3pct,0.90,0.50\nsoft_3pct,0.70,0.62\nbaseline_100pct,0.72,0.68\n");
        return dir;
    }

    @Test
    void forwardTimesGoBesideTheRtfAsAShareOfTheEnsembles(@TempDir Path dir) throws Exception {
        Files.writeString(
                dir.resolve("results.csv"),
                "system,params,frame_acc_dev,frame_acc_test,wer_test,rtf,forward_s,forward_vs_ensemble\n"
                        + "baseline,1200000,70.1,68.0,9.5,0.02,0.258,0.1021\nensemble,12000000,73.0,71.0,8.0,0.20,2.526,1.0000\n"
                        + "distilled,600000,72.4,70.5,8.2,0.015,nan,nan\n");
        Path out = dir.resolve("out");
        assertEquals(0, Cli.execute(new MakeReport(), "--results=" + dir.resolve("results.csv"), out.toString()));
        String md = Files.readString(out.resolve("RESULTS.md"));
        assertTrue(md.contains("| RTF | Forward time (vs ensemble) | Paper"), md);
        assertTrue(md.contains("| 0.0200 | 0.258 s (10.2 %) | 58.9 %"), md);
        assertTrue(md.contains("| 0.0150 | n/a | 60.8 %"), "a model the benchmark did not time: " + md);
    }

    @Test
    void aCorpusOfFreettsAloneIsSaidToBeThePureJavaPath(@TempDir Path dir) throws Exception {
        writeInputs(dir);
        Files.writeString(
                dir.resolve("voices.csv"),
                "voice,engine,sex,split,has_ctm\nfreetts-kevin16-p100,freetts,m,train,false\n"
                        + "freetts-kevin16-p120,freetts,m,train,false\nfreetts-kevin16-p140,freetts,m,dev,false\nfreetts-kevin16-p85,freetts,m,test,false\n");
        Path out = dir.resolve("out");
        assertEquals(
                0,
                Cli.execute(
                        new MakeReport(),
                        "--results=" + dir.resolve("results.csv"),
                        "--voices=" + dir.resolve("voices.csv"),
                        out.toString()));
        String md = Files.readString(out.resolve("RESULTS.md"));
        assertTrue(md.contains("**Pure-Java path: FreeTTS voices only.**"), md);
        assertTrue(
                md.contains(
                        "Synthetic corpus of 4 voices from freetts: train freetts-kevin16-p100 freetts-kevin16-p120; dev freetts-kevin16-p140; "
                                + "test freetts-kevin16-p85. Made on the pure-Java path"),
                md);
        assertTrue(Files.readString(out.resolve("report.html"))
                .contains("<strong>Pure-Java path: FreeTTS voices only.</strong>"));

        Files.writeString(
                dir.resolve("voices.csv"),
                "voice,engine,sex,split,has_ctm\nflite-slt,flite,f,train,true\n"
                        + "freetts-kevin16-p140,freetts,m,dev,false\nespeak-en-m1,espeak,m,test,false\n");
        Path all = dir.resolve("all");
        assertEquals(
                0,
                Cli.execute(
                        new MakeReport(),
                        "--results=" + dir.resolve("results.csv"),
                        "--voices=" + dir.resolve("voices.csv"),
                        all.toString()));
        md = Files.readString(all.resolve("RESULTS.md"));
        assertTrue(md.contains("Synthetic corpus of 3 voices from espeak, flite, freetts: train flite-slt;"), md);
        assertTrue(!md.contains("Pure-Java"), md);
        Files.writeString(dir.resolve("voices.csv"), "voice,split\nx,train\n");
        assertEquals(
                1,
                Cli.execute(
                        new MakeReport(),
                        "--results=" + dir.resolve("results.csv"),
                        "--voices=" + dir.resolve("voices.csv"),
                        dir.resolve("bad").toString()));
    }

    @Test
    void writesResultsTableAndAReportWhoseImagesAllLoad(@TempDir Path dir) throws Exception {
        writeInputs(dir);
        Path out = dir.resolve("out");
        int rc = Cli.execute(
                new MakeReport(),
                "--results=" + dir.resolve("results.csv"),
                "--curves=" + dir.resolve("exp/baseline/metrics.csv") + "," + dir.resolve("exp/member1/metrics.csv"),
                "--members-curve=" + dir.resolve("members.csv"),
                "--temperature-sweep=" + dir.resolve("sweep.csv"),
                "--regulariser=" + dir.resolve("reg.csv"),
                out.toString());
        assertEquals(0, rc);
        String md = Files.readString(out.resolve("RESULTS.md"));
        assertTrue(md.contains("| baseline | 1.20M | 70.10 % | 68.00 % | 9.50 %"), md);
        assertTrue(md.contains("58.9 %"), "paper's figures beside ours");
        assertTrue(md.contains("keeps 83 % of the ensemble's"), md);
        String html = Files.readString(out.resolve("report.html"));
        int images = html.split("<img ", -1).length - 1;
        assertEquals(6, images);

        Path chromium = Path.of("/usr/bin/chromium");
        DebianPackages.assume(Files.isExecutable(chromium), "chromium", "it renders the report headless");
        // A copy of the page beside it (same origin) with a probe that reports whether every image decoded.
        Path probe = out.resolve("probe.html");
        Files.writeString(
                probe,
                html.replace(
                        "</body>",
                        "<script>window.addEventListener('load',()=>{const imgs=[...document.images];"
                                + "document.title='IMAGES '+imgs.filter(i=>i.complete&&i.naturalWidth>0).length+'/'+imgs.length;});</script></body>"),
                StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(
                        chromium.toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--user-data-dir=" + dir.resolve("chrome-profile"),
                        "--virtual-time-budget=5000",
                        "--dump-dom",
                        probe.toUri().toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertTrue(
                dom.contains("<title>IMAGES 6/6</title>"),
                "every image loads in Chromium; got: " + dom.substring(0, Math.min(300, dom.length())));
    }

    @Test
    void brokenPageIsDetected(@TempDir Path dir) throws Exception {
        // The same probe must see a missing image, or the test above could not fail.
        Path chromium = Path.of("/usr/bin/chromium");
        DebianPackages.assume(Files.isExecutable(chromium), "chromium", "it renders the report headless");
        Path page = dir.resolve("p.html");
        Files.writeString(
                page,
                "<html><head><title>x</title></head><body><img src=\"nope.png\"><script>window.addEventListener('load',()=>{"
                        + "const imgs=[...document.images];document.title='IMAGES '+imgs.filter(i=>i.complete&&i.naturalWidth>0).length+'/'+imgs.length;});</script></body></html>");
        Process p = new ProcessBuilder(
                        chromium.toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--user-data-dir=" + dir.resolve("prof"),
                        "--virtual-time-budget=3000",
                        "--dump-dom",
                        page.toUri().toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        assertTrue(dom.contains("IMAGES 0/1"), dom);
    }

    @Test
    void meansOverSeedsAndTheGainKept(@TempDir Path dir) throws Exception {
        writeInputs(dir);
        // baseline mean 60 (dev 70), ensemble 65 (dev 74), distilled mean 64 (dev 73): keeps 80 % on test, 75 % on dev
        Files.writeString(
                dir.resolve("seeds.csv"),
                "system,model,frame_acc_dev,frame_acc_test\n"
                        + "baseline,exp/dnn_baseline,69,59\nensemble,exp/ensemble,74,65\ndistilled,exp/distilled,72,63\n"
                        + "distilled,exp/distilled_seed2,74,65\nbaseline,exp/ensemble/member1,71,61\n");
        Path out = dir.resolve("out");
        assertEquals(
                0,
                Cli.execute(
                        new MakeReport(),
                        "--results=" + dir.resolve("results.csv"),
                        "--seeds=" + dir.resolve("seeds.csv"),
                        out.toString()));
        String md = Files.readString(out.resolve("RESULTS.md"));
        assertTrue(md.contains("| baseline | 2 | 70.00 ± 1.41 % | 60.00 ± 1.41 % |"), md);
        assertTrue(md.contains("| distilled | 2 | 73.00 ± 1.41 % | 64.00 ± 1.41 % |"), md);
        assertTrue(
                md.contains("keeps 80 % of the ensemble's test frame-accuracy gain over the baseline (dev: 75 %"), md);
        assertTrue(Files.readString(out.resolve("report.html")).contains("<td>distilled</td><td>2</td>"));

        Files.writeString(dir.resolve("bad.csv"), "system,model,frame_acc_dev,frame_acc_test\nbaseline,exp/x,,59\n");
        assertEquals(
                1,
                Cli.execute(
                        new MakeReport(),
                        "--results=" + dir.resolve("results.csv"),
                        "--seeds=" + dir.resolve("bad.csv"),
                        out.toString()));
    }

    @Test
    void werOverTheSeedsThatWereDecoded(@TempDir Path dir) throws Exception {
        writeInputs(dir);
        Files.writeString(
                dir.resolve("seeds.csv"),
                "system,model,frame_acc_dev,frame_acc_test,wer_test\n"
                        + "baseline,exp/dnn_baseline,69,59,10.0\nensemble,exp/ensemble,74,65,8.5\ndistilled,exp/distilled,72,63,9.0\n"
                        + "distilled,exp/distilled_seed2,74,65,nan\nbaseline,exp/ensemble/member1,71,61,12.0\nbaseline,exp/ensemble/member4,71,61,nan\n");
        Path out = dir.resolve("out");
        assertEquals(
                0,
                Cli.execute(
                        new MakeReport(),
                        "--results=" + dir.resolve("results.csv"),
                        "--seeds=" + dir.resolve("seeds.csv"),
                        out.toString()));
        String md = Files.readString(out.resolve("RESULTS.md"));
        assertTrue(md.contains("| baseline | 3 | 70.33 ± 1.15 % | 60.33 ± 1.15 % | 11.00 ± 1.41 % (2 models) |"), md);
        assertTrue(md.contains("| distilled | 2 | 73.00 ± 1.41 % | 64.00 ± 1.41 % | 9.00 ± 0.00 % (1 model) |"), md);
        assertTrue(Files.readString(out.resolve("report.html")).contains("<td>11.00 ± 1.41 % (2 models)</td>"));
    }

    @Test
    void theGmmSystemsGoIntoTheResultsWithTheirSizesAndWers(@TempDir Path dir) throws Exception {
        writeInputs(dir);
        Files.writeString(
                dir.resolve("gmm.csv"),
                "system,model,pdfs,gaussians,wer_dev,wer_test\n"
                        + "mono,exp/mono/final.mdl,62,989,30.91,37.65\n"
                        + "tri1,exp/tri1/final.mdl,248,2992,25.10,31.02\n");
        Path out = dir.resolve("out");
        assertEquals(
                0,
                Cli.execute(
                        new MakeReport(),
                        "--results=" + dir.resolve("results.csv"),
                        "--gmm-systems=" + dir.resolve("gmm.csv"),
                        out.toString()));
        String md = Files.readString(out.resolve("RESULTS.md"));
        assertTrue(md.contains("## GMM-HMM systems"), md);
        assertTrue(md.contains("| tri1 | exp/tri1/final.mdl | 248 | 2992 | 25.10 % | 31.02 % |"), md);
        assertTrue(Files.readString(out.resolve("report.html"))
                .contains("<td>mono</td><td>exp/mono/final.mdl</td><td>62</td><td>989</td><td>30.91</td>"));
    }

    @Test
    void boundaryAccuracyOfEachAlignmentGoesIntoTheResults(@TempDir Path dir) throws Exception {
        writeInputs(dir);
        Files.writeString(
                dir.resolve("boundaries.txt"),
                "%BOUNDARY 54.01 [ 1954 / 3618 within 20 ms, 263 utterances ] all exp/mono/ali.ctm\n"
                        + "%BOUNDARY 50.54 [ 234 / 463 within 20 ms, 37 utterances ] clean exp/mono/ali.ctm\n"
                        + "%BOUNDARY 87.04 [ 403 / 463 within 20 ms, 37 utterances ] clean exp/mono_aligner/ali_train/ali.ctm\n");
        Path out = dir.resolve("out");
        assertEquals(
                0,
                Cli.execute(
                        new MakeReport(),
                        "--results=" + dir.resolve("results.csv"),
                        "--boundary-accuracy=" + dir.resolve("boundaries.txt"),
                        out.toString()));
        String md = Files.readString(out.resolve("RESULTS.md"));
        assertTrue(md.contains("| exp/mono/ali.ctm | all (263) | 54.01 % | 1954 / 3618 | 20 ms |"), md);
        assertTrue(
                md.contains("| exp/mono_aligner/ali_train/ali.ctm | clean (37) | 87.04 % | 403 / 463 | 20 ms |"), md);
        assertTrue(Files.readString(out.resolve("report.html"))
                .contains("<td>exp/mono_aligner/ali_train/ali.ctm</td><td>clean (37)</td><td>87.04 %</td>"));

        // A line without the utterances scored and the alignment is named with its file and line, and nothing is
        // written.
        Files.writeString(
                dir.resolve("bad.txt"),
                "%BOUNDARY 54.01 [ 1954 / 3618 within 20 ms, 263 utterances ] all exp/mono/ali.ctm\n"
                        + "%BOUNDARY 50.54 [ 234 / 463 within 20 ms, 37 utterances ]\n");
        Path out2 = dir.resolve("out2");
        StringWriter err = new StringWriter();
        assertEquals(
                1,
                Cli.execute(
                        new MakeReport(),
                        new PrintWriter(new StringWriter()),
                        new PrintWriter(err),
                        "--results=" + dir.resolve("results.csv"),
                        "--boundary-accuracy=" + dir.resolve("bad.txt"),
                        out2.toString()));
        assertTrue(
                err.toString().contains(dir.resolve("bad.txt") + ":2: expected a score-alignment line"),
                err.toString());
        assertTrue(!Files.exists(out2.resolve("RESULTS.md")));
    }

    @Test
    void missingColumnIsAClearError(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("r.csv"), "system,params\nbaseline,1\n");
        assertEquals(
                1,
                Cli.execute(
                        new MakeReport(),
                        "--results=" + dir.resolve("r.csv"),
                        dir.resolve("o").toString()));
    }
}
