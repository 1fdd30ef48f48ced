package org.amdistill.decoding.graph;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.amdistill.core.cli.AmdException;

/**
 * Phone HMMs from a small text file, for models whose transition model is not (yet) exposed through a
 * {@link PhoneHmmsProvider}. One line per phone: {@code phone pdf,pdf,... selfloop,selfloop,...} (left-to-right
 * states with the given self-loop probabilities), or {@code phone pdf,...} with self-loop probability 0.5.
 */
public final class PhoneHmmsFile implements PhoneHmms {
    private final Map<String, PhoneHmm> hmms = new HashMap<>();
    private int numPdfs;

    public static PhoneHmmsFile read(Path file) {
        PhoneHmmsFile f = new PhoneHmmsFile();
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new AmdException("cannot read phone HMMs " + file + ": " + e.getMessage());
        }
        for (int i = 0; i < lines.size(); i++) {
            String s = lines.get(i).strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            String[] t = s.split("\\s+");
            try {
                String[] p = t[1].split(",");
                int[] pdfs = new int[p.length];
                for (int k = 0; k < p.length; k++) {
                    pdfs[k] = Integer.parseInt(p[k]);
                    f.numPdfs = Math.max(f.numPdfs, pdfs[k] + 1);
                }
                String[] loops = t.length > 2 ? t[2].split(",") : null;
                int n = pdfs.length;
                int[][] to = new int[n][];
                float[][] lp = new float[n][];
                for (int k = 0; k < n; k++) {
                    double loop = loops == null ? 0.5 : Double.parseDouble(loops[k]);
                    if (!(loop >= 0 && loop < 1)) {
                        throw new NumberFormatException("self-loop probability " + loop + " outside [0, 1)");
                    }
                    to[k] = new int[] {k, k + 1};
                    lp[k] = new float[] {(float) Math.log(loop), (float) Math.log(1 - loop)};
                }
                f.hmms.put(t[0], new PhoneHmm(pdfs, to, lp));
            } catch (RuntimeException e) {
                throw new AmdException(file + ":" + (i + 1)
                        + ": expected 'phone pdf,pdf,... [selfloop,selfloop,...]', got '" + s + "'");
            }
        }
        return f;
    }

    public static PhoneHmmsFile of(Map<String, PhoneHmm> hmms) {
        PhoneHmmsFile f = new PhoneHmmsFile();
        f.hmms.putAll(hmms);
        for (PhoneHmm h : hmms.values()) {
            for (int p : h.pdfs()) {
                f.numPdfs = Math.max(f.numPdfs, p + 1);
            }
        }
        return f;
    }

    @Override
    public PhoneHmm hmm(String phone) {
        return hmms.get(phone);
    }

    @Override
    public int numPdfs() {
        return numPdfs;
    }
}
