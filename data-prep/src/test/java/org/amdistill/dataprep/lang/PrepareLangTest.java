package org.amdistill.dataprep.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.amdistill.core.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrepareLangTest {
    static Path dict(Path dir) throws Exception {
        Path d = dir.resolve("dict");
        Files.createDirectories(d);
        Files.writeString(d.resolve("lexicon.txt"), "<sil> SIL\n<unk> SPN\none W AH N\ntwo T UW\n");
        Files.writeString(d.resolve("silence_phones.txt"), "SIL\nSPN\n");
        Files.writeString(d.resolve("nonsilence_phones.txt"), "AH\nN\nT\nUW\nW\n");
        Files.writeString(d.resolve("optional_silence.txt"), "SIL\n");
        return d;
    }

    @Test
    void makesALangDirThatReadsBack(@TempDir Path dir) throws Exception {
        assertEquals(
                0,
                Cli.execute(
                        new PrepareLang(),
                        dict(dir).toString(),
                        "<unk>",
                        dir.resolve("lang").toString()));
        LangDir lang = LangDir.read(dir.resolve("lang"));
        assertEquals(0, lang.phones.id("<eps>"));
        assertEquals(1, lang.phones.id("SIL"));
        assertEquals("SIL", lang.optionalSilence);
        assertEquals(3, lang.topology.forPhone(lang.phones.id("AH")).numPdfClasses());
        assertEquals(5, lang.topology.forPhone(lang.phones.id("SIL")).numPdfClasses());
        assertTrue(lang.words.contains("one") && lang.words.contains("</s>"));
        assertEquals("<unk>", lang.oovWord);
        // the topology file round-trips
        Topology again = Topology.read(dir.resolve("lang/topo"));
        assertEquals(lang.topology.toText(), again.toText());
    }

    @Test
    void unknownPhoneInLexiconIsNamed(@TempDir Path dir) throws Exception {
        Path d = dict(dir);
        Files.writeString(d.resolve("lexicon.txt"), "<unk> SPN\nthree TH R IY\n");
        var err = new StringWriter();
        int rc = Cli.execute(
                new PrepareLang(),
                new PrintWriter(new StringWriter()),
                new PrintWriter(err, true),
                d.toString(),
                "<unk>",
                dir.resolve("lang").toString());
        assertEquals(1, rc);
        assertTrue(err.toString().contains("TH (in 'three')"), err.toString());
        assertTrue(Files.notExists(dir.resolve("lang")));
    }
}
