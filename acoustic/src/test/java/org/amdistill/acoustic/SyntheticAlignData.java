package org.amdistill.acoustic;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.amdistill.acoustic.hmm.HmmStateInventory;
import org.amdistill.core.table.Codecs;
import org.amdistill.core.table.Matrix;
import org.amdistill.core.table.TableWriter;
import org.amdistill.dataprep.lang.LangDir;

/**
 * Small synthetic alignment problems for tests: a lang directory (SIL, SPN with 5-state silence HMMs; AH N T UW W
 * with 3 states), utterances whose true state sequence is known, and features drawn around one mean per pdf.
 */
public final class SyntheticAlignData {
    public static final List<String> NONSIL = List.of("AH", "N", "T", "UW", "W");

    private SyntheticAlignData() {}

    /** Writes a lang directory under {@code dir/lang} and returns it read back. */
    public static LangDir lang(Path dir) throws Exception {
        Path d = dir.resolve("dict");
        Files.createDirectories(d);
        Files.writeString(d.resolve("lexicon.txt"), "<sil> SIL\n<unk> SPN\none W AH N\ntwo T UW\n");
        Files.writeString(d.resolve("silence_phones.txt"), "SIL\nSPN\n");
        Files.writeString(d.resolve("nonsilence_phones.txt"), String.join("\n", NONSIL) + "\n");
        Files.writeString(d.resolve("optional_silence.txt"), "SIL\n");
        LangDir.fromDict(d, "<unk>", 0.5, 3, 5).write(dir.resolve("lang"));
        return LangDir.read(dir.resolve("lang"));
    }

    /** One utterance: its phones, each phone's first frame and frame count, and the true pdf of every frame. */
    @SuppressWarnings("ArrayRecordComponent") // arrays for speed: equals and hashCode see them by identity
    public record Utt(String key, List<String> phones, int[] phoneStart, int[] phoneFrames, int[] pdfs) {
        /** The phone CTM lines of the truth (10 ms frames). */
        public List<String> ctm() {
            List<String> l = new ArrayList<>();
            for (int i = 0; i < phones.size(); i++) {
                l.add(String.format(
                        Locale.ROOT,
                        "%s 1 %.3f %.3f %s",
                        key,
                        phoneStart[i] * 0.01,
                        phoneFrames[i] * 0.01,
                        phones.get(i)));
            }
            return l;
        }

        /** The phone of every frame. */
        public String[] framePhones() {
            String[] p = new String[pdfs.length];
            for (int i = 0; i < phones.size(); i++) {
                for (int t = 0; t < phoneFrames[i]; t++) {
                    p[phoneStart[i] + t] = phones.get(i);
                }
            }
            return p;
        }
    }

    /**
     * {@code n} utterances: SIL, 2 to 5 random non-silence phones, SIL; every state of every phone visited in order
     * for 1 to {@code maxStateFrames} frames (2 to that for silence).
     */
    public static List<Utt> utterances(HmmStateInventory inv, int n, int maxStateFrames, Random r) {
        List<Utt> out = new ArrayList<>();
        for (int u = 0; u < n; u++) {
            List<String> phones = new ArrayList<>();
            phones.add("SIL");
            int k = 2 + r.nextInt(4);
            for (int i = 0; i < k; i++) {
                phones.add(NONSIL.get(r.nextInt(NONSIL.size())));
            }
            phones.add("SIL");
            List<Integer> pdfs = new ArrayList<>();
            int[] start = new int[phones.size()];
            int[] frames = new int[phones.size()];
            for (int i = 0; i < phones.size(); i++) {
                HmmStateInventory.PhoneTopology p = inv.phone(phones.get(i));
                start[i] = pdfs.size();
                for (int s = 0; s < p.numStates(); s++) {
                    int min = phones.get(i).equals("SIL") ? 2 : 1;
                    int d = min + r.nextInt(maxStateFrames - min + 1);
                    for (int t = 0; t < d; t++) {
                        pdfs.add(p.pdfs()[s]);
                    }
                }
                frames[i] = pdfs.size() - start[i];
            }
            out.add(new Utt(
                    String.format(Locale.ROOT, "utt%03d", u),
                    phones,
                    start,
                    frames,
                    pdfs.stream().mapToInt(Integer::intValue).toArray()));
        }
        return out;
    }

    /** One random mean per pdf, {@code dim} values uniform in [-spread, spread]. */
    public static float[][] means(int numPdfs, int dim, double spread, Random r) {
        float[][] m = new float[numPdfs][dim];
        for (float[] row : m) {
            for (int d = 0; d < dim; d++) {
                row[d] = (float) ((2 * r.nextDouble() - 1) * spread);
            }
        }
        return m;
    }

    /** Features of an utterance: its frames' pdf means plus Gaussian noise. */
    public static Matrix features(Utt u, float[][] means, double noise, Random r) {
        int dim = means[0].length;
        Matrix m = new Matrix(u.pdfs().length, dim);
        for (int t = 0; t < u.pdfs().length; t++) {
            for (int d = 0; d < dim; d++) {
                m.set(t, d, (float) (means[u.pdfs()[t]][d] + noise * r.nextGaussian()));
            }
        }
        return m;
    }

    /** Writes {@code dataDir/feats.ark} and {@code feats.scp}. */
    public static void writeFeats(Path dataDir, Map<String, Matrix> feats) throws Exception {
        Files.createDirectories(dataDir);
        Path ark = dataDir.toAbsolutePath().resolve("feats.ark");
        Path scp = dataDir.toAbsolutePath().resolve("feats.scp");
        try (TableWriter<Matrix> w = TableWriter.open("ark,scp:" + ark + "," + scp, Codecs.MATRIX)) {
            for (Map.Entry<String, Matrix> e : new TreeMap<>(feats).entrySet()) {
                w.write(e.getKey(), e.getValue());
            }
        }
    }
}
