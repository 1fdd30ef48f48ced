package org.amdistill.acoustic.bin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.amdistill.acoustic.SyntheticAlignData;
import org.amdistill.acoustic.align.AlignmentImport;
import org.amdistill.acoustic.hmm.HmmStateInventory;
import org.amdistill.core.cli.Cli;
import org.amdistill.core.table.Codecs;
import org.amdistill.core.table.Entry;
import org.amdistill.core.table.Matrix;
import org.amdistill.core.table.SequentialReader;
import org.amdistill.core.table.TableWriter;
import org.amdistill.dataprep.lang.LangDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportAliTest {
    /** Runs import-ali; returns {exit status, stderr}. */
    static Object[] run(String... args) {
        StringWriter err = new StringWriter();
        int rc = Cli.execute(new ImportAli(), new PrintWriter(new StringWriter()), new PrintWriter(err, true), args);
        return new Object[] {rc, err.toString()};
    }

    static Map<String, int[]> readAli(Path ark) {
        Map<String, int[]> m = new LinkedHashMap<>();
        try (SequentialReader<int[]> r = SequentialReader.open("ark:" + ark, Codecs.INT_VECTOR)) {
            for (Entry<int[]> e : r) {
                m.put(e.key(), e.value());
            }
        }
        return m;
    }

    static String textArchive(Map<String, int[]> ali) {
        StringBuilder sb = new StringBuilder();
        ali.forEach((k, v) -> {
            sb.append(k);
            for (int p : v) {
                sb.append(' ').append(p);
            }
            sb.append('\n');
        });
        return sb.toString();
    }

    static Map<String, Matrix> featsOfLengths(Map<String, Integer> lengths) {
        Map<String, Matrix> f = new LinkedHashMap<>();
        lengths.forEach((k, n) -> f.put(k, new Matrix(n, 4)));
        return f;
    }

    /** SIL (5 states, pdfs 0-4) then W (3 states) then AH, then W again: the second W is a new phone instance. */
    static Map<String, int[]> sample(HmmStateInventory inv) {
        int w0 = inv.pdfId("W", 0);
        int w1 = inv.pdfId("W", 1);
        int w2 = inv.pdfId("W", 2);
        int a0 = inv.pdfId("AH", 0);
        int a1 = inv.pdfId("AH", 1);
        int a2 = inv.pdfId("AH", 2);
        Map<String, int[]> ali = new LinkedHashMap<>();
        ali.put("a1", new int[] {0, 0, 1, 3, 4, w0, w1, w1, w2, w0, w1, w2, a0, a1, a2, a2});
        ali.put("b2", new int[] {0, 1, 2, 3, 4, 4, a0, a0, a1, a2});
        return ali;
    }

    @Test
    void textArchiveRoundTripsWithPhoneSegments(@TempDir Path dir) throws Exception {
        LangDir lang = SyntheticAlignData.lang(dir);
        HmmStateInventory inv = HmmStateInventory.fromLang(lang);
        Map<String, int[]> ali = sample(inv);
        Files.writeString(dir.resolve("pdf.txt"), textArchive(ali));
        SyntheticAlignData.writeFeats(dir.resolve("data"), featsOfLengths(Map.of("a1", 16, "b2", 10)));
        Object[] r = run(
                "--lang=" + dir.resolve("lang"),
                "--feats=scp:" + dir.resolve("data/feats.scp"),
                "ark,t:" + dir.resolve("pdf.txt"),
                dir.resolve("ali").toString());
        assertEquals(0, r[0], (String) r[1]);
        Map<String, int[]> back = readAli(dir.resolve("ali/ali.1.ark"));
        assertEquals(ali.keySet(), back.keySet());
        ali.forEach((k, v) -> assertArrayEquals(v, back.get(k), k));
        assertEquals(
                List.of(
                        "a1 1 0.000 0.050 SIL",
                        "a1 1 0.050 0.040 W",
                        "a1 1 0.090 0.030 W",
                        "a1 1 0.120 0.040 AH",
                        "b2 1 0.000 0.060 SIL",
                        "b2 1 0.060 0.040 AH"),
                Files.readAllLines(dir.resolve("ali/ali.ctm")));
        assertEquals("", Files.readString(dir.resolve("ali/unaligned.txt")));
    }

    @Test
    void binaryScpImportsWithoutFeatures(@TempDir Path dir) throws Exception {
        SyntheticAlignData.lang(dir);
        HmmStateInventory inv = HmmStateInventory.fromLang(LangDir.read(dir.resolve("lang")));
        Map<String, int[]> ali = sample(inv);
        try (TableWriter<int[]> w = TableWriter.open(
                "ark,scp:" + dir.resolve("pdf.ark") + "," + dir.resolve("pdf.scp"), Codecs.INT_VECTOR)) {
            ali.forEach(w::write);
        }
        Object[] r = run(
                "--lang=" + dir.resolve("lang"),
                "scp:" + dir.resolve("pdf.scp"),
                dir.resolve("ali").toString());
        assertEquals(0, r[0], (String) r[1]);
        Map<String, int[]> back = readAli(dir.resolve("ali/ali.1.ark"));
        ali.forEach((k, v) -> assertArrayEquals(v, back.get(k), k));
    }

    @Test
    void pdfOutsideTheInventoryNamesUtteranceAndFrameAndWritesNothing(@TempDir Path dir) throws Exception {
        SyntheticAlignData.lang(dir);
        int numPdfs =
                HmmStateInventory.fromLang(LangDir.read(dir.resolve("lang"))).numPdfs();
        Files.writeString(dir.resolve("pdf.txt"), "u1 0 1 2 3 4\nu2 0 1 2 " + numPdfs + " 4\n");
        Object[] r = run(
                "--lang=" + dir.resolve("lang"),
                "ark:" + dir.resolve("pdf.txt"),
                dir.resolve("ali").toString());
        assertEquals(1, r[0]);
        String err = (String) r[1];
        assertTrue(
                err.contains("utterance u2, frame 3: pdf id " + numPdfs) && err.contains("0.." + (numPdfs - 1)), err);
        assertTrue(Files.notExists(dir.resolve("ali")), "nothing written");
        Files.writeString(dir.resolve("neg.txt"), "u1 0 -1\n");
        r = run(
                "--lang=" + dir.resolve("lang"),
                "ark:" + dir.resolve("neg.txt"),
                dir.resolve("ali").toString());
        assertTrue(((String) r[1]).contains("utterance u1, frame 1: pdf id -1"), (String) r[1]);
    }

    @Test
    void lengthMismatchAndMissingUtterancesAreSkippedCountedAndListed(@TempDir Path dir) throws Exception {
        SyntheticAlignData.lang(dir);
        HmmStateInventory inv = HmmStateInventory.fromLang(LangDir.read(dir.resolve("lang")));
        Map<String, int[]> ali = new LinkedHashMap<>();
        ali.put("exact", new int[] {0, 1, 2, 3, 4});
        ali.put("oneshort", new int[] {0, 1, 2, 3, 4});
        ali.put("twolong", new int[] {0, 1, 2, 3, 4, 4, 4});
        ali.put("nofeats", new int[] {0, 1, 2, 3, 4});
        Files.writeString(dir.resolve("pdf.txt"), textArchive(ali));
        Map<String, Integer> lengths = new LinkedHashMap<>();
        lengths.put("exact", 5);
        lengths.put("oneshort", 6);
        lengths.put("twolong", 5);
        lengths.put("missing1", 5);
        lengths.put("missing2", 7);
        SyntheticAlignData.writeFeats(dir.resolve("data"), featsOfLengths(lengths));
        String feats = "scp:" + dir.resolve("data/feats.scp");
        AlignmentImport.Result res = AlignmentImport.run("ark:" + dir.resolve("pdf.txt"), feats, inv, "lang");
        assertEquals(List.of("exact", "oneshort"), List.copyOf(res.pdfs().keySet()));
        assertEquals(1, res.withinTolerance());
        assertEquals(List.of("twolong 7 5"), res.lengthMismatch());
        assertEquals(List.of("missing1", "missing2"), res.missing());
        assertEquals(List.of("nofeats"), res.noFeatures());

        Object[] r = run(
                "--lang=" + dir.resolve("lang"),
                "--feats=" + feats,
                "ark:" + dir.resolve("pdf.txt"),
                dir.resolve("ali").toString());
        assertEquals(0, r[0], (String) r[1]);
        assertEquals(List.of("missing1", "missing2", "twolong"), Files.readAllLines(dir.resolve("ali/unaligned.txt")));
        assertEquals(
                List.of("exact", "oneshort"),
                List.copyOf(readAli(dir.resolve("ali/ali.1.ark")).keySet()));

        // nothing matches: an error, not an empty directory
        SyntheticAlignData.writeFeats(dir.resolve("other"), featsOfLengths(Map.of("zzz", 5)));
        r = run(
                "--lang=" + dir.resolve("lang"),
                "--feats=scp:" + dir.resolve("other/feats.scp"),
                "ark:" + dir.resolve("pdf.txt"),
                dir.resolve("ali2").toString());
        assertEquals(1, r[0]);
        assertTrue(((String) r[1]).contains("1 missing"), (String) r[1]);
        assertTrue(Files.notExists(dir.resolve("ali2")));
    }

    @Test
    void needsAnInventory(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("pdf.txt"), "u1 0\n");
        Object[] r = run("ark:" + dir.resolve("pdf.txt"), dir.resolve("ali").toString());
        assertEquals(1, r[0]);
        assertTrue(((String) r[1]).contains("--model or --lang"), (String) r[1]);
    }

    /** A tree over the synthetic lang: one pdf per (phone, pdf class), AH's pdfs split by a left context of W. */
    static org.amdistill.acoustic.tree.ContextDependency treeWithAContext(LangDir lang) {
        HmmStateInventory mono = HmmStateInventory.fromLang(lang);
        int max = 0;
        for (String p : lang.realPhones()) {
            max = Math.max(max, lang.phones.id(p));
        }
        org.amdistill.acoustic.tree.EventMap[] byPhone = new org.amdistill.acoustic.tree.EventMap[max + 1];
        int extra = mono.numPdfs();
        for (String p : lang.realPhones()) {
            HmmStateInventory.PhoneTopology t = mono.phone(p);
            org.amdistill.acoustic.tree.EventMap[] byClass = new org.amdistill.acoustic.tree.EventMap[t.numStates()];
            for (int s = 0; s < t.numStates(); s++) {
                org.amdistill.acoustic.tree.EventMap plain =
                        new org.amdistill.acoustic.tree.EventMap.Constant(t.pdfs()[s]);
                byClass[t.pdfClasses()[s]] = !p.equals("AH")
                        ? plain
                        : new org.amdistill.acoustic.tree.EventMap.Split(
                                0,
                                new int[] {lang.phones.id("W")},
                                new org.amdistill.acoustic.tree.EventMap.Constant(extra++),
                                plain);
            }
            byPhone[lang.phones.id(p)] = new org.amdistill.acoustic.tree.EventMap.Table(-1, byClass);
        }
        return new org.amdistill.acoustic.tree.ContextDependency(
                new org.amdistill.acoustic.tree.EventMap.Table(1, byPhone));
    }

    @Test
    void pdfIdsOfAContextDependentSystemImportWithItsTree(@TempDir Path dir) throws Exception {
        LangDir lang = SyntheticAlignData.lang(dir);
        org.amdistill.acoustic.tree.ContextDependency tree = treeWithAContext(lang);
        tree.write(dir.resolve("tree"));
        HmmStateInventory inv = HmmStateInventory.fromLang(lang, tree, "tree");
        int w = inv.pdfId("SIL", "W", 0, "AH");
        int ahAfterW = inv.pdfId("W", "AH", 0, "N");
        assertTrue(ahAfterW >= HmmStateInventory.fromLang(lang).numPdfs(), "a pdf only the tree has");
        Map<String, int[]> ali = new LinkedHashMap<>();
        ali.put("u1", new int[] {
            w,
            w,
            inv.pdfId("SIL", "W", 1, "AH"),
            inv.pdfId("SIL", "W", 2, "AH"),
            ahAfterW,
            inv.pdfId("W", "AH", 1, "N"),
            inv.pdfId("W", "AH", 2, "N"),
            inv.pdfId("AH", "N", 0, null),
            inv.pdfId("AH", "N", 1, null),
            inv.pdfId("AH", "N", 2, null)
        });
        Files.writeString(dir.resolve("pdf.txt"), textArchive(ali));
        Object[] r = run(
                "--lang=" + dir.resolve("lang"),
                "--tree=" + dir.resolve("tree"),
                "ark,t:" + dir.resolve("pdf.txt"),
                dir.resolve("ali").toString());
        assertEquals(0, r[0], (String) r[1]);
        assertArrayEquals(ali.get("u1"), readAli(dir.resolve("ali/ali.1.ark")).get("u1"));
        String ctm = Files.readString(dir.resolve("ali/ali.ctm"));
        assertTrue(
                ctm.contains(" W\n") && ctm.contains(" AH\n") && ctm.contains(" N\n") && ctm.split("\n").length == 3,
                ctm);
        // without the tree, the tree's own pdf ids are outside the monophone inventory
        r = run(
                "--lang=" + dir.resolve("lang"),
                "ark,t:" + dir.resolve("pdf.txt"),
                dir.resolve("ali2").toString());
        assertEquals(1, r[0]);
        assertTrue(((String) r[1]).contains("frame 4: pdf id " + ahAfterW + " is outside the state inventory"), (String)
                r[1]);
        r = run(
                "--tree=" + dir.resolve("tree"),
                "ark,t:" + dir.resolve("pdf.txt"),
                dir.resolve("ali3").toString());
        assertTrue(((String) r[1]).contains("import-ali --tree needs --lang"), (String) r[1]);
        // a tree of another phone set
        Files.writeString(
                dir.resolve("tree"),
                tree.toText()
                        .replace("ToPdf ", "ToPdf SE 0 [ 40 ]\n{ CE 0 ")
                        .replace("EndContextDependency", "} EndContextDependency"));
        r = run(
                "--lang=" + dir.resolve("lang"),
                "--tree=" + dir.resolve("tree"),
                "ark,t:" + dir.resolve("pdf.txt"),
                dir.resolve("ali4").toString());
        assertEquals(1, r[0]);
        assertTrue(
                ((String) r[1])
                        .contains(
                                "asks about phone id 40, which is not a phone of this lang (7 phones): the tree was built for another phone set"),
                (String) r[1]);
    }
}
