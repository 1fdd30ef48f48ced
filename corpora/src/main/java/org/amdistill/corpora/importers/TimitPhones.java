package org.amdistill.corpora.importers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.amdistill.core.cli.AmdException;

/**
 * TIMIT's phone sets: the 61 (Kaldi's file says 60: {@code q} has no mapping) hand-label phones, the 48 phones of
 * Lee and Hon (1989) used for training, and the 39 used for scoring, from Kaldi's {@code conf/phones.60-48-39.map}
 * (a resource here). {@code q} (glottal stop) maps to nothing and is dropped; {@code h#} and {@code pau} map to
 * {@code sil}; {@code epi} stays {@code epi} in the 48 set and becomes {@code sil} in the 39 set, as in Kaldi.
 */
public final class TimitPhones {
    static final String RESOURCE = "timit/phones.60-48-39.map";

    /** 61-phone label to its 48-phone symbol, or {@code null} for a label that is dropped ({@code q}). */
    private final Map<String, String> to48 = new LinkedHashMap<>();

    private final Map<String, String> to39 = new LinkedHashMap<>();
    private final String text;

    private TimitPhones(String text) {
        this.text = text;
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String[] f = lines[i].strip().split("\\s+");
            if (f.length == 1 && !f[0].isEmpty()) {
                to48.put(f[0], null);
            } else if (f.length == 3) {
                to48.put(f[0], f[1]);
                to39.put(f[1], f[2]);
            } else if (!lines[i].isBlank()) {
                throw new AmdException(RESOURCE + ":" + (i + 1)
                        + ": expected '<61-phone> <48-phone> <39-phone>' or a lone dropped phone");
            }
        }
    }

    private static TimitPhones instance;

    public static synchronized TimitPhones get() {
        if (instance == null) {
            instance = new TimitPhones(resource(RESOURCE));
        }
        return instance;
    }

    static String resource(String name) {
        try (InputStream in = TimitPhones.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new AmdException("missing resource " + name + " in the corpora jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AmdException("cannot read resource " + name + ": " + e.getMessage());
        }
    }

    static List<String> resourceLines(String name) {
        List<String> out = new ArrayList<>();
        for (String l : resource(name).split("\n")) {
            if (!l.isBlank()) {
                out.add(l.strip());
            }
        }
        return out;
    }

    /** The map file's text (Kaldi's format), to copy next to the data for scoring. */
    public String mapText() {
        return text;
    }

    public boolean isKnown(String phone61) {
        return to48.containsKey(phone61);
    }

    /** The 48-phone symbol of a hand label, {@code null} when the label is dropped ({@code q}). */
    public String map48(String phone61) {
        if (!to48.containsKey(phone61)) {
            throw new IllegalArgumentException("not a TIMIT phone: " + phone61);
        }
        return to48.get(phone61);
    }

    /** The 39-phone symbol (scoring set) of a 48-phone symbol. */
    public String map39(String phone48) {
        String p = to39.get(phone48);
        if (p == null) {
            throw new IllegalArgumentException("not one of TIMIT's 48 phones: " + phone48);
        }
        return p;
    }

    /** The 48 phones, sorted. */
    public List<String> phones48() {
        return List.copyOf(new TreeSet<>(to39.keySet()));
    }

    /** The 61 hand-label phones in the map's order. */
    public List<String> phones61() {
        return Collections.unmodifiableList(new ArrayList<>(to48.keySet()));
    }
}
