package org.amdistill.acoustic.tree;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.amdistill.core.cli.AmdException;

/**
 * Kaldi's event map: a decision tree from an event (the pdf class, key -1, and the phones of a context window, keys
 * 0..N-1) to an answer (a pdf id). Three kinds of node, written in Kaldi's text forms: {@code CE answer},
 * {@code SE key [ yes-set ] { yes no }} and {@code TE key size ( child... )}, where a child may be {@code NULL}.
 *
 * <p>An event is an int array: {@code event[0]} is the pdf class, {@code event[1 + k]} the phone at window
 * position k (0 where there is none: the utterance's edge).
 */
public sealed interface EventMap permits EventMap.Constant, EventMap.Split, EventMap.Table {
    /** Key of the pdf class in Kaldi's trees. */
    int PDF_CLASS_KEY = -1;

    /** The answer, or -1 where the map is undefined (a NULL table slot or a value past the table). */
    int map(int[] event);

    void write(StringBuilder out);

    /** Adds every value this map asks key {@code key} about, to {@code values}. */
    void collectValues(int key, Set<Integer> values);

    /** Adds every answer. */
    void collectAnswers(Set<Integer> answers);

    static int value(int[] event, int key) {
        return event[key + 1];
    }

    record Constant(int answer) implements EventMap {
        @Override
        public int map(int[] event) {
            return answer;
        }

        @Override
        public void write(StringBuilder out) {
            out.append("CE ").append(answer).append(' ');
        }

        @Override
        public void collectValues(int key, Set<Integer> values) {}

        @Override
        public void collectAnswers(Set<Integer> answers) {
            answers.add(answer);
        }
    }

    /** Yes if the event's value of {@code key} is in {@code yesSet} (sorted), no otherwise (values never asked about go to no). */
    @SuppressWarnings("ArrayRecordComponent") // arrays for speed: equals and hashCode see them by identity
    record Split(int key, int[] yesSet, EventMap yes, EventMap no) implements EventMap {
        @Override
        public int map(int[] event) {
            return Arrays.binarySearch(yesSet, value(event, key)) >= 0 ? yes.map(event) : no.map(event);
        }

        @Override
        public void write(StringBuilder out) {
            out.append("SE ").append(key).append(" [ ");
            for (int v : yesSet) {
                out.append(v).append(' ');
            }
            out.append("]\n{ ");
            yes.write(out);
            no.write(out);
            out.append("} \n");
        }

        @Override
        public void collectValues(int k, Set<Integer> values) {
            if (k == key) {
                for (int v : yesSet) {
                    values.add(v);
                }
            }
            yes.collectValues(k, values);
            no.collectValues(k, values);
        }

        @Override
        public void collectAnswers(Set<Integer> answers) {
            yes.collectAnswers(answers);
            no.collectAnswers(answers);
        }
    }

    /** {@code table[value of key]}; null slots are undefined. */
    @SuppressWarnings("ArrayRecordComponent") // arrays for speed: equals and hashCode see them by identity
    record Table(int key, EventMap[] table) implements EventMap {
        @Override
        public int map(int[] event) {
            int v = value(event, key);
            return v >= 0 && v < table.length && table[v] != null ? table[v].map(event) : -1;
        }

        @Override
        public void write(StringBuilder out) {
            out.append("TE ").append(key).append(' ').append(table.length).append(" ( ");
            for (EventMap m : table) {
                if (m == null) {
                    out.append("NULL ");
                } else {
                    m.write(out);
                }
            }
            out.append(") \n");
        }

        @Override
        public void collectValues(int k, Set<Integer> values) {
            for (int v = 0; v < table.length; v++) {
                if (table[v] != null) {
                    if (k == key) {
                        values.add(v);
                    }
                    table[v].collectValues(k, values);
                }
            }
        }

        @Override
        public void collectAnswers(Set<Integer> answers) {
            for (EventMap m : table) {
                if (m != null) {
                    m.collectAnswers(answers);
                }
            }
        }
    }

    /** Whitespace tokens of a text tree, read in order; every error names the source and the token's position. */
    final class Tokens {
        private final String[] tokens;
        private final String source;
        private int pos;

        public Tokens(String text, String source) {
            String t = text.strip();
            this.tokens = t.isEmpty() ? new String[0] : t.split("\\s+");
            this.source = source;
        }

        public String next(String what) {
            if (pos >= tokens.length) {
                throw new AmdException(source + ": truncated: the file ends where " + what + " was expected (after "
                        + pos + " tokens)");
            }
            return tokens[pos++];
        }

        public void expect(String token) {
            String t = next("'" + token + "'");
            if (!t.equals(token)) {
                throw fail("expected '" + token + "', found '" + t + "'");
            }
        }

        public int nextInt(String what) {
            String t = next(what);
            try {
                return Integer.parseInt(t);
            } catch (NumberFormatException e) {
                throw fail("expected " + what + " (an integer), found '" + t + "'");
            }
        }

        public boolean atEnd() {
            return pos >= tokens.length;
        }

        public AmdException fail(String msg) {
            return new AmdException(source + ", token " + pos + ": " + msg);
        }
    }

    /** Reads one map (or NULL, returned as null) in Kaldi's text form. */
    static EventMap read(Tokens in) {
        String t = in.next("an event map (CE, SE, TE or NULL)");
        return switch (t) {
            case "NULL" -> null;
            case "CE" -> new Constant(in.nextInt("the answer of CE"));
            case "SE" -> readSplit(in);
            case "TE" -> readTable(in);
            default -> throw in.fail("expected CE, SE, TE or NULL, found '" + t + "'");
        };
    }

    /** SE KEY [ VALUES ] { YES NO }, after its SE. */
    private static Split readSplit(Tokens in) {
        int key = in.nextInt("the key of SE");
        in.expect("[");
        TreeSet<Integer> set = new TreeSet<>();
        for (String v = in.next("a value or ']'"); !v.equals("]"); v = in.next("a value or ']'")) {
            try {
                set.add(Integer.parseInt(v));
            } catch (NumberFormatException e) {
                throw in.fail("expected a value of SE's yes-set, found '" + v + "'");
            }
        }
        in.expect("{");
        EventMap yes = read(in);
        EventMap no = read(in);
        in.expect("}");
        if (yes == null || no == null) {
            throw in.fail("SE with a NULL branch");
        }
        return new Split(key, set.stream().mapToInt(Integer::intValue).toArray(), yes, no);
    }

    /** TE KEY SIZE ( MAPS ), after its TE. */
    private static Table readTable(Tokens in) {
        int key = in.nextInt("the key of TE");
        int size = in.nextInt("the size of TE");
        in.expect("(");
        List<EventMap> table = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            table.add(read(in));
        }
        in.expect(")");
        return new Table(key, table.toArray(new EventMap[0]));
    }
}
