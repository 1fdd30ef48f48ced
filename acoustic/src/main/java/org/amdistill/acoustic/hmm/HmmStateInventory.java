package org.amdistill.acoustic.hmm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.amdistill.core.cli.AmdException;
import org.amdistill.dataprep.lang.LangDir;
import org.amdistill.dataprep.lang.Topology;

/**
 * The HMM states a model scores: each (phone, pdf class) of the lang directory's topology maps to a pdf id, the
 * output index of the acoustic model. Monophone: one pdf per (phone, state). Context-dependent tied states would
 * replace {@link #pdfId} by a tree lookup; everything downstream sees only pdf ids, names and phone HMMs.
 *
 * <p>Each phone also carries its HMM structure (arcs between emitting states; an arc to {@code numStates} leaves
 * the phone), whose probabilities live in the {@link TransitionModel}.
 */
public final class HmmStateInventory {
    /** A phone's HMM: the pdf of each emitting state and the arcs leaving it (target {@code pdfs.length} = exit). */
    public record PhoneTopology(String phone, int[] pdfs, int[][] arcTo, double[][] initialProb) {
        public int numStates() {
            return pdfs.length;
        }
    }

    private final Map<String, PhoneTopology> phones = new LinkedHashMap<>();
    private final List<String> pdfNames = new ArrayList<>();
    private final List<String> pdfPhone = new ArrayList<>();

    private HmmStateInventory() {
    }

    public static HmmStateInventory fromLang(LangDir lang) {
        HmmStateInventory inv = new HmmStateInventory();
        for (String phone : lang.realPhones()) {
            Topology.Entry e = lang.topology.forPhone(lang.phones.id(phone));
            inv.addPhone(phone, e);
        }
        return inv;
    }

    private void addPhone(String phone, Topology.Entry e) {
        List<Topology.State> states = e.states();
        int emitting = 0;
        for (Topology.State s : states) {
            if (s.pdfClass() >= 0) {
                emitting++;
            }
        }
        int[] classPdf = new int[e.numPdfClasses()];
        for (int c = 0; c < classPdf.length; c++) {
            classPdf[c] = pdfNames.size();
            pdfNames.add(phone + "_" + c);
            pdfPhone.add(phone);
        }
        int[] pdfs = new int[emitting];
        int[][] to = new int[emitting][];
        double[][] pr = new double[emitting][];
        for (int s = 0; s < emitting; s++) {
            Topology.State st = states.get(s);
            pdfs[s] = classPdf[st.pdfClass()];
            to[s] = st.destinations().clone();
            pr[s] = st.probabilities().clone();
            for (int d : to[s]) {
                if (d > emitting) {
                    throw new AmdException("topology of phone " + phone + ": transition to state " + d + " past the final state " + emitting);
                }
            }
        }
        phones.put(phone, new PhoneTopology(phone, pdfs, to, pr));
    }

    public int numPdfs() {
        return pdfNames.size();
    }

    public String pdfName(int pdf) {
        return pdfNames.get(pdf);
    }

    public String phoneOfPdf(int pdf) {
        return pdfPhone.get(pdf);
    }

    public List<String> phones() {
        return new ArrayList<>(phones.keySet());
    }

    public boolean hasPhone(String phone) {
        return phones.containsKey(phone);
    }

    public PhoneTopology phone(String phone) {
        PhoneTopology p = phones.get(phone);
        if (p == null) {
            throw new AmdException("phone '" + phone + "' is not in the HMM state inventory");
        }
        return p;
    }

    /** The pdf of (phone, emitting state). */
    public int pdfId(String phone, int state) {
        return phone(phone).pdfs[state];
    }

    /** A text form that travels inside model files: one line per phone, "phone pdfs... | arcs". */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        for (PhoneTopology p : phones.values()) {
            sb.append(p.phone);
            for (int s = 0; s < p.numStates(); s++) {
                sb.append(" ").append(p.pdfs[s]).append(':');
                for (int k = 0; k < p.arcTo[s].length; k++) {
                    sb.append(k == 0 ? "" : ",").append(p.arcTo[s][k]).append('=').append(p.initialProb[s][k]);
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** A short digest of {@link #toText()}: files made for one inventory (soft targets) record it to be checked later. */
    public String fingerprint() {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(toText().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static HmmStateInventory fromText(String text) {
        HmmStateInventory inv = new HmmStateInventory();
        Map<Integer, String> names = new TreeMap<>();
        for (String line : text.strip().split("\n")) {
            String[] f = line.strip().split(" ");
            String phone = f[0];
            int n = f.length - 1;
            int[] pdfs = new int[n];
            int[][] to = new int[n][];
            double[][] pr = new double[n][];
            Map<Integer, Integer> classOf = new HashMap<>();
            for (int s = 0; s < n; s++) {
                String[] pa = f[s + 1].split(":", 2);
                pdfs[s] = Integer.parseInt(pa[0]);
                String[] arcs = pa[1].split(",");
                to[s] = new int[arcs.length];
                pr[s] = new double[arcs.length];
                for (int k = 0; k < arcs.length; k++) {
                    String[] dp = arcs[k].split("=");
                    to[s][k] = Integer.parseInt(dp[0]);
                    pr[s][k] = Double.parseDouble(dp[1]);
                }
                classOf.putIfAbsent(pdfs[s], classOf.size());
                names.put(pdfs[s], phone + "_" + classOf.get(pdfs[s]) + "\t" + phone);
            }
            inv.phones.put(phone, new PhoneTopology(phone, pdfs, to, pr));
        }
        int expect = 0;
        for (Map.Entry<Integer, String> e : names.entrySet()) {
            if (e.getKey() != expect++) {
                throw new AmdException("HMM state inventory: pdf ids are not consecutive (missing " + (expect - 1) + ")");
            }
            String[] np = e.getValue().split("\t");
            inv.pdfNames.add(np[0]);
            inv.pdfPhone.add(np[1]);
        }
        return inv;
    }

    /** True if both inventories give the same pdf ids to the same (phone, state). */
    public boolean sameAs(HmmStateInventory other) {
        if (other.numPdfs() != numPdfs() || !other.phones.keySet().equals(phones.keySet())) {
            return false;
        }
        for (PhoneTopology p : phones.values()) {
            if (!Arrays.equals(p.pdfs, other.phones.get(p.phone).pdfs)) {
                return false;
            }
        }
        return true;
    }
}
