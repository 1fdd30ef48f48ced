package org.amdistill.core.table;

import java.util.Set;
import org.amdistill.core.cli.AmdException;

/**
 * A parsed Kaldi rspecifier or wspecifier: {@code ark:}, {@code scp:}, {@code ark,scp:} with options such as
 * {@code t} (text), {@code b} (binary), {@code s}, {@code cs}, {@code p}, {@code o}, {@code f}, {@code nf}.
 * For {@code ark,scp:} the file name is the pair {@code a.ark,a.scp}.
 */
public record Specifier(
        boolean archive, boolean script, boolean text, boolean permissive, String file, String scpFile) {
    private static final Set<String> OPTIONS =
            Set.of("t", "b", "s", "ns", "cs", "ncs", "p", "o", "no", "f", "nf", "bg");

    public static Specifier parseRead(String spec) {
        Specifier s = parse(spec, "rspecifier");
        if (s.archive && s.script) {
            throw new AmdException("bad rspecifier '" + spec + "': ark and scp together are only for writing");
        }
        return s;
    }

    public static Specifier parseWrite(String spec) {
        Specifier s = parse(spec, "wspecifier");
        if (s.script && !s.archive) {
            throw new AmdException(
                    "wspecifier '" + spec + "': scp-only output is not supported; use ark,scp:A.ark,A.scp");
        }
        return s;
    }

    private static Specifier parse(String spec, String what) {
        int colon = spec.indexOf(':');
        if (colon < 0) {
            throw new AmdException(
                    "bad " + what + " '" + spec + "': expected ark:, scp: or ark,scp: before the file name");
        }
        boolean ark = false;
        boolean scp = false;
        boolean text = false;
        boolean permissive = false;
        for (String o : spec.substring(0, colon).split(",")) {
            switch (o) {
                case "ark" -> ark = true;
                case "scp" -> scp = true;
                case "t" -> text = true;
                case "b" -> text = false;
                case "p" -> permissive = true;
                default -> {
                    if (!OPTIONS.contains(o)) {
                        throw new AmdException("bad " + what + " '" + spec + "': unknown option '" + o + "'");
                    }
                }
            }
        }
        if (!ark && !scp) {
            throw new AmdException("bad " + what + " '" + spec + "': neither ark nor scp");
        }
        String file = spec.substring(colon + 1);
        String scpFile = null;
        if (ark && scp) {
            int comma = file.indexOf(',');
            if (comma < 0) {
                throw new AmdException("bad " + what + " '" + spec + "': ark,scp needs two files, ARK,SCP");
            }
            scpFile = file.substring(comma + 1);
            file = file.substring(0, comma);
        }
        return new Specifier(ark, scp, text, permissive, file, scpFile);
    }
}
