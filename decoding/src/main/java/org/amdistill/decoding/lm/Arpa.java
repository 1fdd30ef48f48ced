package org.amdistill.decoding.lm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PushbackInputStream;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.table.Wxfilename;

/**
 * ARPA back-off language model files: reading (with the counts of the {@code \data\} header checked against the
 * sections, and every error naming the file and line) and writing. Text before {@code \data\} is ignored, as the
 * format allows; {@code .gz} files are read through gzip.
 */
public final class Arpa {
    private static final Pattern COUNT = Pattern.compile("^ngram\\s+(\\d+)\\s*=\\s*(\\d+)$");
    private static final Pattern SECTION = Pattern.compile("^\\\\(\\d+)-grams:$");

    private Arpa() {}

    public static NgramLm read(Path file) {
        String name = file.toString();
        try (InputStream raw = Files.newInputStream(file)) {
            PushbackInputStream in = new PushbackInputStream(raw, 32);
            byte[] head = in.readNBytes(20);
            in.unread(head);
            InputStream body = in;
            if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
                body = new GZIPInputStream(in, 1 << 16);
            } else if (new String(head, StandardCharsets.ISO_8859_1).startsWith("Trie Language Model")) {
                throw new AmdException(name + ": a binary (Sphinx trie) language model, not an ARPA text file;"
                        + " convert it with sphinx_lm_convert -ofmt arpa");
            } else {
                for (byte b : head) {
                    if (b == 0) {
                        throw new AmdException(name + ": binary data, not an ARPA text file");
                    }
                }
            }
            // strict UTF-8: a word that is not UTF-8 is refused, not read as U+FFFD (two words would become one)
            CharsetDecoder utf8 = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            return read(new BufferedReader(new InputStreamReader(body, utf8), 1 << 16), name);
        } catch (CharacterCodingException e) {
            throw new AmdException(name + ": not valid UTF-8 text (ARPA files must be UTF-8)");
        } catch (NoSuchFileException e) {
            throw new AmdException("cannot open ARPA file " + name + ": no such file");
        } catch (IOException e) {
            throw new AmdException("error reading ARPA file " + name + ": " + e.getMessage());
        }
    }

    /** Reads ARPA text from {@code r}; {@code name} names the source in errors. */
    public static NgramLm read(BufferedReader r, String name) throws IOException {
        return new Parser(r, name).parse();
    }

    /** One pass over an ARPA file: the {@code \data\} header's counts, then the sections, each line checked. */
    private static final class Parser {
        final BufferedReader r;
        final String name;
        final List<Integer> declared = new ArrayList<>();
        String line;
        int lineNo;

        Parser(BufferedReader r, String name) {
            this.r = r;
            this.name = name;
        }

        NgramLm parse() throws IOException {
            readHeader();
            NgramLm lm = new NgramLm(declaredOrder(declared.size(), name));
            readSections(lm);
            for (int n = 1; n <= declared.size(); n++) {
                if (lm.count(n) != declared.get(n - 1)) {
                    throw new AmdException(name + ": \\data\\ declares ngram " + n + "=" + declared.get(n - 1)
                            + " but the file holds " + lm.count(n) + " distinct " + n + "-grams");
                }
            }
            return lm;
        }

        /** Skips to {@code \data\}, then reads "ngram N=C" lines up to the first section (left in {@code line}). */
        private void readHeader() throws IOException {
            boolean inData = false;
            while ((line = r.readLine()) != null) {
                lineNo++;
                String s = line.strip();
                if (!inData) {
                    if (s.equals("\\data\\")) {
                        inData = true;
                    }
                    continue;
                }
                if (s.isEmpty()) {
                    if (!declared.isEmpty()) {
                        break;
                    }
                    continue;
                }
                Matcher m = COUNT.matcher(s);
                if (!m.matches()) {
                    if (SECTION.matcher(s).matches() && !declared.isEmpty()) {
                        break;
                    }
                    throw new AmdException(
                            name + ":" + lineNo + ": expected 'ngram N=COUNT' in the \\data\\ header, got '" + s + "'");
                }
                int n = headerNumber(m.group(1), s);
                if (n != declared.size() + 1) {
                    throw new AmdException(name + ":" + lineNo + ": header declares ngram " + n + " where ngram "
                            + (declared.size() + 1) + " was expected");
                }
                declared.add(headerNumber(m.group(2), s));
            }
            if (!inData) {
                throw new AmdException(name + ": no \\data\\ line: not an ARPA file");
            }
            if (declared.isEmpty()) {
                throw new AmdException(name + ":" + lineNo + ": the \\data\\ header declares no n-gram counts");
            }
        }

        /** A number of an 'ngram N=COUNT' line; one too large for an int is a damaged header, said as such. */
        private int headerNumber(String digits, String line) {
            try {
                return Integer.parseInt(digits);
            } catch (NumberFormatException e) {
                throw new AmdException(name + ":" + lineNo + ": '" + digits + "' in '" + line
                        + "' is too large for an n-gram order or count");
            }
        }

        /** The {@code \N-grams:} sections up to {@code \end\}, each holding as many entries as declared. */
        private void readSections(NgramLm lm) throws IOException {
            int current = 0;
            int seen = 0;
            int sectionLine = 0;
            if (line != null && SECTION.matcher(line.strip()).matches()) {
                current = sectionStart(line.strip(), 0, name, lineNo, declared.size());
                sectionLine = lineNo;
            }
            while ((line = r.readLine()) != null) {
                lineNo++;
                String s = line.strip();
                if (s.isEmpty()) {
                    continue;
                }
                if (s.startsWith("\\")) {
                    if (current > 0) {
                        checkCount(current, seen, declared, name, sectionLine);
                    }
                    if (s.equals("\\end\\")) {
                        return;
                    }
                    current = sectionStart(s, current, name, lineNo, declared.size());
                    sectionLine = lineNo;
                    seen = 0;
                    continue;
                }
                if (current == 0) {
                    throw new AmdException(
                            name + ":" + lineNo + ": n-gram line outside any \\N-grams: section: '" + s + "'");
                }
                addNgram(lm, s, current);
                seen++;
            }
            throw new AmdException(name + ":" + lineNo + ": file ends without \\end\\ (truncated?)");
        }

        /** One line of the {@code current}-grams: log10 prob, the words, an optional back-off weight. */
        private void addNgram(NgramLm lm, String s, int current) {
            String[] f = s.split("\\s+");
            if (f.length != current + 1 && f.length != current + 2) {
                throw new AmdException(name + ":" + lineNo + ": a " + current + "-gram line needs " + (current + 1)
                        + " or " + (current + 2) + " fields (log10 prob, words, optional back-off), got " + f.length);
            }
            float prob = number(f[0], name, lineNo);
            float bow = f.length == current + 2 ? number(f[current + 1], name, lineNo) : 0f;
            int[] w = new int[current];
            for (int i = 0; i < current; i++) {
                if (current == 1) {
                    w[i] = lm.addWord(f[1 + i]);
                } else {
                    w[i] = lm.wordId(f[1 + i]);
                    if (w[i] < 0) {
                        throw new AmdException(
                                name + ":" + lineNo + ": word '" + f[1 + i] + "' is not among the 1-grams");
                    }
                }
            }
            if (current > 1 && !lm.contains(Arrays.copyOf(w, current - 1))) {
                throw new AmdException(name + ":" + lineNo + ": the history of this " + current
                        + "-gram is not listed as a " + (current - 1) + "-gram");
            }
            lm.put(w, prob, bow);
        }
    }

    private static int declaredOrder(int n, String name) {
        if (n > NgramLm.MAX_ORDER) {
            throw new AmdException(
                    name + ": an order-" + n + " model; orders 1 to " + NgramLm.MAX_ORDER + " are supported");
        }
        return n;
    }

    private static int sectionStart(String s, int current, String name, int lineNo, int maxOrder) {
        Matcher m = SECTION.matcher(s);
        if (!m.matches()) {
            throw new AmdException(
                    name + ":" + lineNo + ": expected '\\" + (current + 1) + "-grams:' or '\\end\\', got '" + s + "'");
        }
        int n;
        try {
            n = Integer.parseInt(m.group(1));
        } catch (NumberFormatException e) {
            n = Integer.MAX_VALUE; // digits beyond an int: no order is that high, said below
        }
        if (n != current + 1 || n > maxOrder) {
            throw new AmdException(name + ":" + lineNo + ": section \\" + m.group(1)
                    + "-grams: out of order or not declared in \\data\\" + " (expected \\" + (current + 1) + "-grams:"
                    + (current + 1 > maxOrder ? " or \\end\\" : "") + ")");
        }
        return n;
    }

    private static void checkCount(int n, int seen, List<Integer> declared, String name, int sectionLine) {
        if (seen != declared.get(n - 1)) {
            throw new AmdException(name + ":" + sectionLine + ": section \\" + n + "-grams: holds " + seen
                    + " entries but the \\data\\ header declares ngram " + n + "=" + declared.get(n - 1));
        }
    }

    private static float number(String s, String name, int lineNo) {
        if (s.equalsIgnoreCase("-inf")) {
            return -99f;
        }
        try {
            float v = Float.parseFloat(s);
            if (Float.isNaN(v) || v == Float.POSITIVE_INFINITY) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new AmdException(name + ":" + lineNo + ": '" + s + "' is not a log10 value");
        }
    }

    /** Writes {@code lm} as ARPA text (atomically), n-grams sorted by their words. */
    public static void write(NgramLm lm, Path file) throws IOException {
        try (OutputStream os = Wxfilename.open(file.toString());
                Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8)) {
            write(lm, w);
        }
    }

    public static void write(NgramLm lm, Writer w) throws IOException {
        w.write("\n\\data\\\n");
        for (int n = 1; n <= lm.order(); n++) {
            w.write("ngram " + n + "=" + lm.count(n) + "\n");
        }
        for (int n = 1; n <= lm.order(); n++) {
            w.write("\n\\" + n + "-grams:\n");
            List<int[]> grams = lm.ngrams(n);
            Comparator<int[]> byWords = (a, b) -> {
                for (int i = 0; i < a.length; i++) {
                    int c = lm.word(a[i]).compareTo(lm.word(b[i]));
                    if (c != 0) {
                        return c;
                    }
                }
                return 0;
            };
            grams.sort(byWords);
            StringBuilder sb = new StringBuilder();
            for (int[] g : grams) {
                float[] e = lm.entry(g);
                sb.setLength(0);
                sb.append(String.format(Locale.ROOT, "%.7f", e[0]));
                for (int id : g) {
                    sb.append('\t').append(lm.word(id));
                }
                // SRILM leaves the back-off out at the highest order; a zero back-off is written to keep history
                // entries explicit
                if (n < lm.order()) {
                    sb.append('\t').append(String.format(Locale.ROOT, "%.7f", e[1]));
                }
                sb.append('\n');
                w.write(sb.toString());
            }
        }
        w.write("\n\\end\\\n");
    }
}
