package org.amdistill.acoustic.hmm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.amdistill.acoustic.tree.ContextDependency;
import org.amdistill.core.cli.AmdException;
import org.amdistill.dataprep.lang.LangDir;
import org.amdistill.dataprep.lang.Topology;

/**
 * The HMM states a model scores: each (phone, pdf class) of the lang directory's topology maps to a pdf id, the
 * output index of the acoustic model. Monophone: one pdf per (phone, pdf class). Context-dependent (tied triphone
 * states): a decision tree gives the pdf of (left phone, phone, right phone, pdf class), {@code pdfId(left, phone,
 * right, pdfClass)}; everything downstream sees only pdf ids, names and phone HMMs.
 *
 * <p>Each phone also carries its HMM structure (arcs between emitting states; an arc to {@code numStates} leaves
 * the phone), whose probabilities live in the {@link TransitionModel}.
 */
public final class HmmStateInventory {
    /** A phone's HMM: the pdf of each emitting state and the arcs leaving it (target {@code pdfs.length} = exit). */
    @SuppressWarnings("ArrayRecordComponent") // arrays for speed: equals and hashCode see them by identity
    public record PhoneTopology(String phone, int[] pdfs, int[] pdfClasses, int[][] arcTo, double[][] initialProb) {
        public int numStates() {
            return pdfClasses.length;
        }

        /** The pdf of each state; a context-dependent phone has none without its context. */
        @Override
        public int[] pdfs() {
            if (pdfs == null) {
                throw new AmdException("phone " + phone
                        + " is context-dependent: its pdfs depend on the neighbouring phones (a tree model), "
                        + "and this use of the model only knows monophones");
            }
            return pdfs;
        }
    }

    private final Map<String, PhoneTopology> phones = new LinkedHashMap<>();
    private final List<String> pdfNames = new ArrayList<>();
    private final List<String> pdfPhone = new ArrayList<>();
    private final List<Integer> pdfClass = new ArrayList<>();
    /** Per pdf, a bit per pdf class of its phone that reaches it (a tree may tie two states of one phone). */
    private final List<Integer> pdfClassMask = new ArrayList<>();
    /** Context-dependent inventories: the tree and the phone ids it speaks of (phones.txt); null for monophones. */
    private ContextDependency tree;

    private Map<String, Integer> phoneIds;

    private HmmStateInventory() {}

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
            pdfClass.add(c);
            pdfClassMask.add(1 << c);
        }
        int[] pdfs = new int[emitting];
        int[] classes = new int[emitting];
        int[][] to = new int[emitting][];
        double[][] pr = new double[emitting][];
        for (int s = 0; s < emitting; s++) {
            Topology.State st = states.get(s);
            pdfs[s] = classPdf[st.pdfClass()];
            classes[s] = st.pdfClass();
            to[s] = st.destinations().clone();
            pr[s] = st.probabilities().clone();
            for (int d : to[s]) {
                if (d > emitting) {
                    throw new AmdException("topology of phone " + phone + ": transition to state " + d
                            + " past the final state " + emitting);
                }
            }
        }
        phones.put(phone, new PhoneTopology(phone, pdfs, classes, to, pr));
    }

    /**
     * A context-dependent inventory: the lang's phones and topology, with pdfs from {@code tree} over the lang's
     * phone ids. Fails when the tree speaks of phones the lang has not (another phone set), or has no pdf for some
     * phone's pdf class (another topology).
     */
    public static HmmStateInventory fromLang(LangDir lang, ContextDependency tree, String treeName) {
        HmmStateInventory mono = fromLang(lang);
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (String phone : mono.phones.keySet()) {
            ids.put(phone, lang.phones.id(phone));
        }
        return contextDependent(mono, tree, ids, treeName);
    }

    private static HmmStateInventory contextDependent(
            HmmStateInventory mono, ContextDependency tree, Map<String, Integer> ids, String treeName) {
        java.util.Set<Integer> known = new java.util.HashSet<>(ids.values());
        for (int pos = 0; pos < ContextDependency.WIDTH; pos++) {
            for (int v : tree.phonesAt(pos)) {
                if (v != 0 && !known.contains(v)) {
                    throw new AmdException(
                            treeName + " asks about phone id " + v + ", which is not a phone of this lang ("
                                    + known.size() + " phones): the tree was built for another phone set");
                }
            }
        }
        HmmStateInventory inv = new HmmStateInventory();
        inv.tree = tree;
        inv.phoneIds = ids;
        String[] names = new String[tree.numPdfs()];
        for (PhoneTopology p : mono.phones.values()) {
            inv.phones.put(p.phone, new PhoneTopology(p.phone, null, p.pdfClasses, p.arcTo, p.initialProb));
            int id = ids.get(p.phone);
            for (int c : p.pdfClasses) {
                if (tree.pdf(0, id, 0, c) < 0) {
                    throw new AmdException(treeName + " has no pdf for phone " + p.phone + " (id " + id + ") pdf class "
                            + c + ": the tree was built for another phone set or topology");
                }
            }
        }
        inv.namePdfs(names);
        return inv;
    }

    /** Names each pdf after the first (phone, pdf class) whose contexts reach it, e.g. "a_1.17"; records its phone and class. */
    private void namePdfs(String[] names) {
        int[] masks = new int[names.length];
        List<Integer> ctx = new ArrayList<>(phoneIds.values());
        ctx.add(0);
        for (PhoneTopology p : phones.values()) {
            int id = phoneIds.get(p.phone);
            for (int c : new java.util.TreeSet<>(
                    java.util.Arrays.stream(p.pdfClasses).boxed().toList())) {
                for (int l : ctx) {
                    for (int r : ctx) {
                        int pdf = tree.pdf(l, id, r, c);
                        if (pdf >= 0 && names[pdf] == null) {
                            names[pdf] = p.phone + "_" + c + "\t" + p.phone + "\t" + c;
                        }
                        if (pdf >= 0 && names[pdf].startsWith(p.phone + "_")) {
                            masks[pdf] |= 1 << c;
                        }
                    }
                }
            }
        }
        for (int pdf = 0; pdf < names.length; pdf++) {
            String[] f = names[pdf] == null ? new String[] {"unused", "", "-1"} : names[pdf].split("\t");
            pdfNames.add(f[0] + "." + pdf);
            pdfPhone.add(f[1]);
            pdfClass.add(Integer.parseInt(f[2]));
            pdfClassMask.add(masks[pdf]);
        }
    }

    public boolean isContextDependent() {
        return tree != null;
    }

    /** The tree of a context-dependent inventory (null for monophones). */
    public ContextDependency tree() {
        return tree;
    }

    public int numPdfs() {
        return pdfNames.size();
    }

    public String pdfName(int pdf) {
        return pdfNames.get(pdf);
    }

    /** The phone of a pdf (for a tree whose roots share phones: the first phone whose states reach it). */
    public String phoneOfPdf(int pdf) {
        return pdfPhone.get(pdf);
    }

    /** The pdf class of a pdf (for a tree, the first pdf class whose states reach it). */
    public int pdfClassOfPdf(int pdf) {
        return pdfClass.get(pdf);
    }

    /** True if pdf class {@code c} of the pdf's phone reaches the pdf. */
    public boolean pdfHasClass(int pdf, int c) {
        return (pdfClassMask.get(pdf) & (1 << c)) != 0;
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

    /** The pdf of (phone, emitting state) of a monophone inventory. */
    public int pdfId(String phone, int state) {
        return phone(phone).pdfs()[state];
    }

    /**
     * The pdf of emitting state {@code state} of {@code phone} between {@code left} and {@code right} (null: the
     * utterance's edge). A monophone inventory ignores the context; a tree maps every context to a leaf, seen in
     * training or not, as its questions send values they do not name down the "no" branch.
     */
    public int pdfId(String left, String phone, int state, String right) {
        PhoneTopology p = phone(phone);
        if (tree == null) {
            return p.pdfs()[state];
        }
        int pdf = tree.pdf(contextId(left), phoneIds.get(phone), contextId(right), p.pdfClasses[state]);
        if (pdf < 0) {
            throw new AmdException("the tree has no pdf for phone " + phone + " state " + state + " between " + left
                    + " and " + right);
        }
        return pdf;
    }

    private int contextId(String phone) {
        if (phone == null) {
            return 0;
        }
        Integer id = phoneIds.get(phone);
        if (id == null) {
            throw new AmdException("phone '" + phone + "' is not in the HMM state inventory");
        }
        return id;
    }

    /** A text form that travels inside model files: one line per phone, "phone pdfs... | arcs"; a tree inventory adds its tree. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        if (tree != null) {
            sb.append(CD_HEADER);
            phoneIds.forEach((ph, id) -> sb.append(' ').append(ph).append('=').append(id));
            sb.append('\n');
        }
        for (PhoneTopology p : phones.values()) {
            sb.append(p.phone);
            for (int s = 0; s < p.numStates(); s++) {
                sb.append(" ")
                        .append(tree == null ? p.pdfs[s] : p.pdfClasses[s])
                        .append(':');
                for (int k = 0; k < p.arcTo[s].length; k++) {
                    sb.append(k == 0 ? "" : ",")
                            .append(p.arcTo[s][k])
                            .append('=')
                            .append(p.initialProb[s][k]);
                }
            }
            sb.append('\n');
        }
        if (tree != null) {
            sb.append(tree.toText().replace("\n", " ").strip()).append('\n');
        }
        return sb.toString();
    }

    /** First line of a context-dependent inventory's text: the phone ids its tree speaks of. */
    private static final String CD_HEADER = "context-dependent phone-ids:";

    /** A short digest of {@link #toText()}: files made for one inventory (soft targets) record it to be checked later. */
    public String fingerprint() {
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(toText().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(h, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static HmmStateInventory fromText(String text) {
        String[] lines = text.strip().split("\n");
        if (lines[0].startsWith(CD_HEADER)) {
            return contextDependentFromText(lines);
        }
        HmmStateInventory inv = new HmmStateInventory();
        // pdf id -> (its phone, its pdf class within the phone); the name is <phone>_<class>
        Map<Integer, Map.Entry<String, Integer>> names = new java.util.TreeMap<>();
        for (String line : lines) {
            PhoneTopology p = parsePhone(line);
            java.util.Map<Integer, Integer> classOf = new java.util.HashMap<>();
            for (int s = 0; s < p.numStates(); s++) {
                classOf.putIfAbsent(p.pdfClasses[s], classOf.size());
                names.put(p.pdfClasses[s], Map.entry(p.phone, classOf.get(p.pdfClasses[s])));
            }
            inv.phones.put(
                    p.phone,
                    new PhoneTopology(p.phone, p.pdfClasses, classesInOrder(p.pdfClasses), p.arcTo, p.initialProb));
        }
        int expect = 0;
        for (Map.Entry<Integer, Map.Entry<String, Integer>> e : names.entrySet()) {
            if (e.getKey() != expect++) {
                throw new AmdException(
                        "HMM state inventory: pdf ids are not consecutive (missing " + (expect - 1) + ")");
            }
            String phone = e.getValue().getKey();
            int pdfClass = e.getValue().getValue();
            inv.pdfNames.add(phone + "_" + pdfClass);
            inv.pdfPhone.add(phone);
            inv.pdfClass.add(pdfClass);
            inv.pdfClassMask.add(1 << pdfClass);
        }
        return inv;
    }

    /** A monophone's pdf classes from its pdf ids: the order in which its states first use each pdf. */
    private static int[] classesInOrder(int[] pdfs) {
        Map<Integer, Integer> classOf = new java.util.HashMap<>();
        int[] c = new int[pdfs.length];
        for (int s = 0; s < pdfs.length; s++) {
            classOf.putIfAbsent(pdfs[s], classOf.size());
            c[s] = classOf.get(pdfs[s]);
        }
        return c;
    }

    /** One phone line: the number of each state (a pdf id, or a pdf class for a tree inventory) is kept in pdfClasses. */
    private static PhoneTopology parsePhone(String line) {
        String[] f = line.strip().split(" ");
        int n = f.length - 1;
        int[] num = new int[n];
        int[][] to = new int[n][];
        double[][] pr = new double[n][];
        for (int s = 0; s < n; s++) {
            String[] pa = f[s + 1].split(":", 2);
            if (pa.length != 2) {
                throw badLine(line, "state '" + f[s + 1] + "' is not <number>:<to>=<prob>,...");
            }
            num[s] = number(pa[0], line);
            String[] arcs = pa[1].split(",");
            to[s] = new int[arcs.length];
            pr[s] = new double[arcs.length];
            for (int k = 0; k < arcs.length; k++) {
                String[] dp = arcs[k].split("=");
                if (dp.length != 2) {
                    throw badLine(line, "arc '" + arcs[k] + "' is not <to>=<prob>");
                }
                to[s][k] = number(dp[0], line);
                pr[s][k] = probability(dp[1], line);
            }
        }
        return new PhoneTopology(f[0], null, num, to, pr);
    }

    private static AmdException badLine(String line, String what) {
        return new AmdException("HMM state inventory: line '" + line.strip() + "': " + what);
    }

    /** A state or pdf number of an inventory line (a model file's text, which may be damaged). */
    private static int number(String v, String line) {
        try {
            int n = Integer.parseInt(v);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below, with the line
        }
        throw badLine(line, "'" + v + "' is not a state or pdf number");
    }

    private static double probability(String v, String line) {
        try {
            double p = Double.parseDouble(v);
            if (p >= 0 && p <= 1) {
                return p;
            }
        } catch (NumberFormatException e) {
            // said below, with the line
        }
        throw badLine(line, "'" + v + "' is not a probability");
    }

    private static HmmStateInventory contextDependentFromText(String[] lines) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (String f : lines[0].substring(CD_HEADER.length()).strip().split(" ")) {
            int eq = f.lastIndexOf('=');
            if (eq <= 0) {
                throw badLine(lines[0], "'" + f + "' is not <name>=<pdf>");
            }
            ids.put(f.substring(0, eq), number(f.substring(eq + 1), lines[0]));
        }
        HmmStateInventory mono = new HmmStateInventory();
        for (int i = 1; i < lines.length - 1; i++) {
            PhoneTopology p = parsePhone(lines[i]);
            mono.phones.put(p.phone, p);
        }
        ContextDependency tree = ContextDependency.fromText(lines[lines.length - 1], "the model's tree");
        return contextDependent(mono, tree, ids, "the model's tree");
    }

    /** True if both inventories give the same pdf ids to the same (phone, state) (and context, for trees). */
    public boolean sameAs(HmmStateInventory other) {
        if (isContextDependent() || other.isContextDependent()) {
            return isContextDependent() && other.isContextDependent() && toText().equals(other.toText());
        }
        if (other.numPdfs() != numPdfs() || !other.phones.keySet().equals(phones.keySet())) {
            return false;
        }
        for (PhoneTopology p : phones.values()) {
            if (!java.util.Arrays.equals(p.pdfs, other.phones.get(p.phone).pdfs)) {
                return false;
            }
        }
        return true;
    }

    /** True if this inventory has the lang's phones with the lang's HMM topologies (pdf classes and arcs), whatever its pdfs. */
    public boolean hasTopologyOf(LangDir lang) {
        HmmStateInventory l = fromLang(lang);
        if (!isContextDependent()) {
            return l.sameAs(this);
        }
        if (!l.phones.keySet().equals(phones.keySet())) {
            return false;
        }
        for (PhoneTopology p : phones.values()) {
            PhoneTopology q = l.phones.get(p.phone);
            if (!java.util.Arrays.equals(p.pdfClasses, q.pdfClasses)
                    || !java.util.Arrays.deepEquals(p.arcTo, q.arcTo)
                    || !phoneIds.get(p.phone).equals(lang.phones.id(p.phone))) {
                return false;
            }
        }
        return true;
    }
}
