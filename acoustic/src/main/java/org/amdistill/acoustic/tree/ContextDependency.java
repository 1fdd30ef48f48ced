package org.amdistill.acoustic.tree;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.io.AtomicFiles;

/**
 * A triphone decision tree in Kaldi's {@code ContextDependency} text form (what {@code copy-tree --binary=false}
 * prints): {@code ContextDependency 3 1 ToPdf <event map> EndContextDependency}. Phones are the integer ids of the
 * lang directory's {@code phones.txt}; 0 stands for no phone (the edge of the utterance). Only triphones (context
 * width 3, central position 1) are read; a tree of any other width is refused with that reason.
 */
public final class ContextDependency {
    public static final int WIDTH = 3;
    public static final int CENTRAL = 1;
    private final EventMap toPdf;
    private final int numPdfs;

    public ContextDependency(EventMap toPdf) {
        this.toPdf = toPdf;
        Set<Integer> answers = new TreeSet<>();
        toPdf.collectAnswers(answers);
        int n = 0;
        for (int a : answers) {
            if (a < 0) {
                throw new AmdException("tree: negative pdf id " + a);
            }
            n = Math.max(n, a + 1);
        }
        this.numPdfs = n;
    }

    public EventMap toPdf() {
        return toPdf;
    }

    /** One more than the largest pdf id the tree gives. */
    public int numPdfs() {
        return numPdfs;
    }

    /** The pdf of phone {@code phone} between {@code left} and {@code right} (0: none), or -1 where the tree is undefined. */
    public int pdf(int left, int phone, int right, int pdfClass) {
        return toPdf.map(new int[] {pdfClass, left, phone, right});
    }

    /** Phone ids the tree asks about at window position {@code position}. */
    public Set<Integer> phonesAt(int position) {
        Set<Integer> s = new TreeSet<>();
        toPdf.collectValues(position, s);
        return s;
    }

    public String toText() {
        StringBuilder sb = new StringBuilder("ContextDependency ")
                .append(WIDTH)
                .append(' ')
                .append(CENTRAL)
                .append(" ToPdf ");
        toPdf.write(sb);
        sb.append("EndContextDependency \n");
        return sb.toString();
    }

    public static ContextDependency fromText(String text, String source) {
        EventMap.Tokens in = new EventMap.Tokens(text, source);
        String head = in.next("'ContextDependency'");
        if (!head.equals("ContextDependency")) {
            throw new AmdException(source + ": not a tree in Kaldi's text form (starts with '" + head
                    + "'; a binary Kaldi tree must be converted with copy-tree --binary=false)");
        }
        int n = in.nextInt("the context width N");
        int p = in.nextInt("the central position P");
        if (n != WIDTH || p != CENTRAL) {
            throw new AmdException(source + ": context width " + n + ", central position " + p
                    + "; only triphone trees (N=3, P=1) are supported");
        }
        in.expect("ToPdf");
        EventMap m = EventMap.read(in);
        if (m == null) {
            throw new AmdException(source + ": the tree's map is NULL");
        }
        in.expect("EndContextDependency");
        if (!in.atEnd()) {
            throw in.fail("text after EndContextDependency");
        }
        return new ContextDependency(m);
    }

    public void write(Path file) {
        try {
            AtomicFiles.writeString(file, toText());
        } catch (IOException e) {
            throw new AmdException("cannot write tree " + file + ": " + e.getMessage());
        }
    }

    public static ContextDependency read(Path file) {
        try {
            return fromText(Files.readString(file), "tree " + file);
        } catch (IOException e) {
            throw new AmdException("cannot read tree " + file + ": " + e.getMessage());
        }
    }
}
