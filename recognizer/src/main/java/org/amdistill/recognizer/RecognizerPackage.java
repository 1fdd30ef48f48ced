package org.amdistill.recognizer;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.amdistill.acoustic.dnn.DnnAcousticModel;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.io.AtomicFiles;
import org.amdistill.decoding.decoder.DecoderOptions;
import org.amdistill.decoding.graph.DecodingGraph;
import org.amdistill.decoding.lm.Arpa;
import org.amdistill.decoding.lm.NgramLm;
import org.amdistill.ensemble.EnsembleModel;

/**
 * The file a recogniser is: one zip holding the acoustic model (a DNN or a distilled student, or an ensemble's
 * members), whose files carry their front end; the lang directory (words, phones, lexicon, HMM topology), the decoding
 * graph made from it and the model's HMMs; the n-gram LM; and the decoding options. {@value #PROPERTIES} comes first
 * and names the format, so that a package from another version is refused with a clear message.
 */
public final class RecognizerPackage {
    public static final String PROPERTIES = "amdistill-recognizer.properties";
    public static final String FORMAT = "amdistill-recognizer 1";
    static final String GRAPH = "graph.bin";
    static final String LM = "lm.arpa";
    static final String LANG = "lang/";

    /** What a package holds, read back. */
    public record Contents(
            List<DnnAcousticModel> members,
            EnsembleModel.Combination combination,
            DecodingGraph graph,
            NgramLm lm,
            DecoderOptions options,
            Map<String, String> properties) {}

    private RecognizerPackage() {}

    /** Writes a package atomically: nothing is left at {@code out} unless all of it was written. */
    public static void write(
            Path out,
            List<DnnAcousticModel> members,
            EnsembleModel.Combination combination,
            Path langDir,
            DecodingGraph graph,
            Path lm,
            DecoderOptions options,
            Map<String, String> provenance) {
        try {
            Path abs = out.toAbsolutePath();
            Files.createDirectories(abs.getParent());
            Path tmp = AtomicFiles.tempBeside(abs);
            try (OutputStream os = Files.newOutputStream(tmp);
                    ZipOutputStream zip = new ZipOutputStream(os)) {
                Properties p = new Properties();
                p.putAll(provenance);
                p.setProperty("format", FORMAT);
                p.setProperty("members", "" + members.size());
                p.setProperty("combination", combination.name());
                p.setProperty("beam", "" + options.beam);
                p.setProperty("max-active", "" + options.maxActive);
                p.setProperty("acoustic-scale", "" + options.acousticScale);
                p.setProperty("lm-weight", "" + options.lmWeight);
                p.setProperty("word-ins-penalty", "" + options.wordInsPenalty);
                StringWriter sw = new StringWriter();
                p.store(sw, "amdistill recognizer package");
                put(zip, PROPERTIES, sw.toString().getBytes(StandardCharsets.UTF_8));
                for (int i = 0; i < members.size(); i++) {
                    put(zip, memberEntry(i), modelBytes(members.get(i), abs.getParent()));
                }
                ByteArrayOutputStream g = new ByteArrayOutputStream();
                graph.write(g);
                put(zip, GRAPH, g.toByteArray());
                put(zip, LM, Files.readAllBytes(lm));
                try (Stream<Path> files = Files.walk(langDir)) {
                    for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                        put(zip, LANG + langDir.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
                    }
                }
            }
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new AmdException("cannot write recognizer package " + out + ": " + e.getMessage());
        }
    }

    static String memberEntry(int i) {
        return "model/member-" + (i + 1) + ".mdl";
    }

    /** A model's file as bytes (written through its own save, so the package holds exactly a model file). */
    private static byte[] modelBytes(DnnAcousticModel m, Path dir) throws IOException {
        Path tmp = Files.createTempFile(dir, ".member", ".mdl");
        try {
            m.save(tmp);
            return Files.readAllBytes(tmp);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(data);
        zip.closeEntry();
    }

    public static Contents read(Path file) {
        Map<String, byte[]> e = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(file);
                ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry z;
            while ((z = zip.getNextEntry()) != null) {
                e.put(z.getName(), zip.readAllBytes());
            }
        } catch (NoSuchFileException ex) {
            throw new AmdException("recognizer package " + file + ": no such file");
        } catch (IOException ex) {
            throw new AmdException(
                    "recognizer package " + file + " is not readable (corrupt or not a package?): " + ex.getMessage());
        }
        if (e.isEmpty() || !e.keySet().iterator().next().equals(PROPERTIES)) {
            throw new AmdException(
                    file + " is not a recognizer package (no " + PROPERTIES + "; make one with package-recognizer)");
        }
        Map<String, String> p = properties(e.get(PROPERTIES), file);
        String format = p.getOrDefault("format", "");
        if (!format.equals(FORMAT)) {
            throw new AmdException(
                    "recognizer package " + file + " is of format '" + format + "' but this version reads '" + FORMAT
                            + "': package the model again with this version's package-recognizer");
        }
        int n = intProperty(p, "members", file);
        List<String> required = new ArrayList<>(List.of(GRAPH, LM, LANG + "words.txt", LANG + "lexicon.txt"));
        for (int i = 0; i < n; i++) {
            required.add(memberEntry(i));
        }
        for (String r : required) {
            if (!e.containsKey(r)) {
                throw new AmdException("recognizer package " + file + " is incomplete: no " + r);
            }
        }
        try {
            List<DnnAcousticModel> members = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                members.add(DnnAcousticModel.load(e.get(memberEntry(i)), file + "!" + memberEntry(i)));
            }
            DecodingGraph graph = DecodingGraph.read(new ByteArrayInputStream(e.get(GRAPH)));
            NgramLm lm = Arpa.read(
                    new BufferedReader(
                            new InputStreamReader(new ByteArrayInputStream(e.get(LM)), StandardCharsets.UTF_8)),
                    file + "!" + LM);
            DecoderOptions o = new DecoderOptions();
            o.beam = doubleProperty(p, "beam", file);
            o.maxActive = intProperty(p, "max-active", file);
            o.acousticScale = doubleProperty(p, "acoustic-scale", file);
            o.lmWeight = doubleProperty(p, "lm-weight", file);
            o.wordInsPenalty = doubleProperty(p, "word-ins-penalty", file);
            EnsembleModel.Combination c =
                    EnsembleModel.Combination.valueOf(p.getOrDefault("combination", "ARITHMETIC"));
            return new Contents(members, c, graph, lm, o, p);
        } catch (IOException ex) {
            throw new AmdException("recognizer package " + file + " is corrupt: " + ex.getMessage());
        }
    }

    private static Map<String, String> properties(byte[] b, Path file) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(new String(b, StandardCharsets.UTF_8)));
        } catch (IOException ex) {
            throw new AmdException("recognizer package " + file + ": unreadable " + PROPERTIES);
        }
        Map<String, String> m = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        return m;
    }

    private static int intProperty(Map<String, String> p, String key, Path file) {
        try {
            return Integer.parseInt(p.get(key));
        } catch (RuntimeException ex) {
            throw new AmdException("recognizer package " + file + ": bad or missing '" + key + "' in " + PROPERTIES);
        }
    }

    private static double doubleProperty(Map<String, String> p, String key, Path file) {
        try {
            return Double.parseDouble(p.get(key));
        } catch (RuntimeException ex) {
            throw new AmdException("recognizer package " + file + ": bad or missing '" + key + "' in " + PROPERTIES);
        }
    }
}
