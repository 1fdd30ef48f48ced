package org.amdistill.acoustic.tree;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.io.AtomicFiles;

/**
 * Tree statistics as Kaldi's acc-tree-stats gathers them: for each seen triphone context (left phone, phone, right
 * phone) and pdf class, the count, sum and sum of squares of the frames aligned to it. Phones are names; the
 * utterance's edge is {@value #NO_PHONE} (Kaldi's phone 0). The file is text of our own form, not Kaldi's binary
 * treeacc: a header {@code amdistill-tree-stats dim=D}, then one line per context:
 * {@code left phone right pdf-class count sum(D) sum-of-squares(D)}.
 */
public final class TreeStats {
    public static final String NO_PHONE = "<eps>";
    private static final String MAGIC = "amdistill-tree-stats";

    /** A context and pdf class. */
    public record Context(String left, String phone, String right, int pdfClass) implements Comparable<Context> {
        @Override
        public int compareTo(Context o) {
            int c = phone.compareTo(o.phone);
            if (c == 0) {
                c = Integer.compare(pdfClass, o.pdfClass);
            }
            if (c == 0) {
                c = left.compareTo(o.left);
            }
            return c != 0 ? c : right.compareTo(o.right);
        }
    }

    private final int dim;
    private final Map<Context, GaussStats> stats = new TreeMap<>();

    public TreeStats(int dim) {
        this.dim = dim;
    }

    public int dim() {
        return dim;
    }

    public Map<Context, GaussStats> stats() {
        return stats;
    }

    public GaussStats get(Context c) {
        return stats.computeIfAbsent(c, k -> new GaussStats(dim));
    }

    public void add(TreeStats o) {
        if (o.dim != dim) {
            throw new AmdException("tree statistics of dimension " + o.dim + " cannot be added to dimension " + dim);
        }
        o.stats.forEach((c, s) -> get(c).add(s));
    }

    public double totalCount() {
        double n = 0;
        for (GaussStats s : stats.values()) {
            n += s.count;
        }
        return n;
    }

    /**
     * Adds one utterance: {@code phones} are its phone segments in order (their first frame and length), {@code
     * pdfClasses} the pdf class of each frame, {@code feats} row-major frames of {@link #dim} values.
     */
    public void accumulate(List<String> phones, int[] segStart, int[] segLength, int[] pdfClasses, float[] feats) {
        for (int k = 0; k < phones.size(); k++) {
            String left = k > 0 ? phones.get(k - 1) : NO_PHONE;
            String right = k + 1 < phones.size() ? phones.get(k + 1) : NO_PHONE;
            for (int t = segStart[k]; t < segStart[k] + segLength[k]; t++) {
                get(new Context(left, phones.get(k), right, pdfClasses[t])).addFrame(feats, t * dim);
            }
        }
    }

    public void write(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = AtomicFiles.tempBeside(file.toAbsolutePath());
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                w.write(MAGIC + " dim=" + dim + "\n");
                for (Map.Entry<Context, GaussStats> e : stats.entrySet()) {
                    Context c = e.getKey();
                    GaussStats s = e.getValue();
                    StringBuilder sb = new StringBuilder();
                    sb.append(c.left)
                            .append(' ')
                            .append(c.phone)
                            .append(' ')
                            .append(c.right)
                            .append(' ')
                            .append(c.pdfClass)
                            .append(' ')
                            .append(fmt(s.count));
                    for (double v : s.sum) {
                        sb.append(' ').append(fmt(v));
                    }
                    for (double v : s.sumSq) {
                        sb.append(' ').append(fmt(v));
                    }
                    w.write(sb.append('\n').toString());
                }
            }
            Files.move(
                    tmp,
                    file.toAbsolutePath(),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new AmdException("cannot write tree statistics " + file + ": " + e.getMessage());
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.8g", v);
    }

    public static TreeStats read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AmdException("cannot read tree statistics " + file + ": " + e.getMessage());
        }
        if (lines.isEmpty() || !lines.get(0).startsWith(MAGIC + " dim=")) {
            throw new AmdException(
                    file + " is not tree statistics (no '" + MAGIC + " dim=D' header; acc-tree-stats writes them)");
        }
        int dim = Integer.parseInt(lines.get(0).substring(MAGIC.length() + 5).strip());
        TreeStats ts = new TreeStats(dim);
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\\s+");
            if (f.length != 5 + 2 * dim) {
                throw new AmdException("tree statistics " + file + ", line " + (i + 1) + ": " + f.length
                        + " fields, expected " + (5 + 2 * dim) + " (left phone right pdf-class count and " + dim
                        + " sums and squares): truncated or of another dimension?");
            }
            try {
                double[] sum = new double[dim];
                double[] sq = new double[dim];
                for (int d = 0; d < dim; d++) {
                    sum[d] = Double.parseDouble(f[5 + d]);
                    sq[d] = Double.parseDouble(f[5 + dim + d]);
                }
                ts.get(new Context(f[0], f[1], f[2], Integer.parseInt(f[3])))
                        .add(new GaussStats(Double.parseDouble(f[4]), sum, sq));
            } catch (NumberFormatException e) {
                throw new AmdException(
                        "tree statistics " + file + ", line " + (i + 1) + ": not a number: " + e.getMessage());
            }
        }
        return ts;
    }
}
