package org.amdistill.dataprep.lang;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.amdistill.core.cli.AmdException;

/**
 * Kaldi's HMM topology file ({@code lang/topo}): per group of phones, states with a pdf class and transitions
 * (destination, probability); the last state, without a pdf class, is final. As utils/gen_topo.pl writes it:
 * left-to-right for speech phones, a fully connected middle for silence.
 */
public final class Topology {
    /** One HMM state: its pdf class (-1 for the final, non-emitting state) and its transitions. */
    @SuppressWarnings("ArrayRecordComponent") // arrays for speed: equals and hashCode see them by identity
    public record State(int pdfClass, int[] destinations, double[] probabilities) {}

    /** One {@code <TopologyEntry>}: the phone ids it covers and its states. */
    public record Entry(List<Integer> phones, List<State> states) {
        public int numPdfClasses() {
            int n = 0;
            for (State s : states) {
                n = Math.max(n, s.pdfClass + 1);
            }
            return n;
        }
    }

    private final List<Entry> entries;
    private final Map<Integer, Entry> byPhone = new HashMap<>();

    public Topology(List<Entry> entries) {
        this.entries = List.copyOf(entries);
        for (Entry e : entries) {
            for (int p : e.phones) {
                if (byPhone.put(p, e) != null) {
                    throw new AmdException("phone " + p + " is in two topology entries");
                }
            }
        }
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The entry of phone id {@code phone}; an error if the topology does not cover it. */
    public Entry forPhone(int phone) {
        Entry e = byPhone.get(phone);
        if (e == null) {
            throw new AmdException("phone " + phone + " is not covered by the topology");
        }
        return e;
    }

    public boolean covers(int phone) {
        return byPhone.containsKey(phone);
    }

    /** Kaldi's gen_topo.pl: {@code numNonsilStates}-state left-to-right, {@code numSilStates}-state silence. */
    public static Topology standard(
            List<Integer> nonsilence, List<Integer> silence, int numNonsilStates, int numSilStates) {
        List<Entry> es = new ArrayList<>();
        List<State> ns = new ArrayList<>();
        for (int s = 0; s < numNonsilStates; s++) {
            ns.add(new State(s, new int[] {s, s + 1}, new double[] {0.75, 0.25}));
        }
        ns.add(new State(-1, new int[0], new double[0]));
        es.add(new Entry(List.copyOf(nonsilence), ns));
        List<State> ss = new ArrayList<>();
        if (numSilStates == 1) {
            ss.add(new State(0, new int[] {0, 1}, new double[] {0.75, 0.25}));
        } else {
            int last = numSilStates - 1;
            double p = 1.0 / (numSilStates - 1);
            int[] d0 = new int[numSilStates - 1];
            double[] p0 = new double[numSilStates - 1];
            for (int i = 0; i < last; i++) {
                d0[i] = i;
                p0[i] = p;
            }
            ss.add(new State(0, d0, p0));
            for (int s = 1; s < last; s++) {
                int[] d = new int[numSilStates - 1];
                double[] pr = new double[numSilStates - 1];
                for (int i = 0; i < last; i++) {
                    d[i] = i + 1;
                    pr[i] = p;
                }
                ss.add(new State(s, d, pr));
            }
            ss.add(new State(last, new int[] {last, last + 1}, new double[] {0.75, 0.25}));
        }
        ss.add(new State(-1, new int[0], new double[0]));
        es.add(new Entry(List.copyOf(silence), ss));
        return new Topology(es);
    }

    public String toText() {
        StringBuilder sb = new StringBuilder("<Topology>\n");
        for (Entry e : entries) {
            sb.append("<TopologyEntry>\n<ForPhones>\n");
            for (int i = 0; i < e.phones.size(); i++) {
                sb.append(i == 0 ? "" : " ").append(e.phones.get(i));
            }
            sb.append("\n</ForPhones>\n");
            for (int s = 0; s < e.states.size(); s++) {
                State st = e.states.get(s);
                sb.append("<State> ").append(s);
                if (st.pdfClass >= 0) {
                    sb.append(" <PdfClass> ").append(st.pdfClass);
                    for (int k = 0; k < st.destinations.length; k++) {
                        sb.append(" <Transition> ")
                                .append(st.destinations[k])
                                .append(' ')
                                .append(trim(st.probabilities[k]));
                    }
                }
                sb.append(" </State>\n");
            }
            sb.append("</TopologyEntry>\n");
        }
        return sb.append("</Topology>\n").toString();
    }

    private static String trim(double p) {
        String s = String.format(Locale.ROOT, "%.6f", p);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s + "0" : s;
    }

    public static Topology read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new AmdException("cannot read topology " + file + ": " + e.getMessage());
        }
        String[] tok = text.trim().split("\\s+");
        int i = 0;
        List<Entry> entries = new ArrayList<>();
        try {
            expect(tok, i++, "<Topology>", file);
            while (!tok[i].equals("</Topology>")) {
                expect(tok, i++, "<TopologyEntry>", file);
                expect(tok, i++, "<ForPhones>", file);
                List<Integer> phones = new ArrayList<>();
                while (!tok[i].equals("</ForPhones>")) {
                    phones.add(Integer.parseInt(tok[i++]));
                }
                i++;
                List<State> states = new ArrayList<>();
                while (tok[i].equals("<State>")) {
                    i++;
                    int id = Integer.parseInt(tok[i++]);
                    if (id != states.size()) {
                        throw new AmdException(
                                file + ": states must be numbered 0, 1, ... in order (got state " + id + ")");
                    }
                    int pdf = -1;
                    List<Integer> dests = new ArrayList<>();
                    List<Double> probs = new ArrayList<>();
                    while (!tok[i].equals("</State>")) {
                        switch (tok[i]) {
                            case "<PdfClass>" -> pdf = Integer.parseInt(tok[i + 1]);
                            case "<Transition>" -> {
                                dests.add(Integer.parseInt(tok[i + 1]));
                                probs.add(Double.parseDouble(tok[i + 2]));
                                i++;
                            }
                            default -> throw new AmdException(
                                    file + ": unexpected token '" + tok[i] + "' in <State> " + id);
                        }
                        i += 2;
                    }
                    i++;
                    states.add(new State(
                            pdf,
                            dests.stream().mapToInt(Integer::intValue).toArray(),
                            probs.stream().mapToDouble(Double::doubleValue).toArray()));
                }
                expect(tok, i++, "</TopologyEntry>", file);
                entries.add(new Entry(phones, states));
            }
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
            throw new AmdException(file + ": malformed topology near token " + i + " (" + e.getMessage() + ")");
        }
        return new Topology(entries);
    }

    private static void expect(String[] tok, int i, String want, Path file) {
        if (i >= tok.length || !tok[i].equals(want)) {
            throw new AmdException(file + ": expected " + want + " at token " + i + ", got '"
                    + (i < tok.length ? tok[i] : "end of file") + "'");
        }
    }
}
