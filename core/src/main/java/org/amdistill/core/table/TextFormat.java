package org.amdistill.core.table;

import java.util.Locale;

/** Number formatting and parsing as Kaldi's text mode does it (C++ ostream defaults: 6 significant digits, %g). */
public final class TextFormat {
    private TextFormat() {}

    /** C's {@code %g} with precision 6, which is what {@code std::ostream << float} prints. */
    public static String formatG(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return (Double.doubleToRawLongBits(v) < 0) ? "-0" : "0";
        }
        String e = String.format(Locale.ROOT, "%.5e", v);
        int ePos = e.indexOf('e');
        int exp = Integer.parseInt(e.substring(ePos + 1));
        if (exp < -4 || exp >= 6) {
            String mant = stripZeros(e.substring(0, ePos));
            String sign = exp < 0 ? "-" : "+";
            int a = Math.abs(exp);
            return mant + "e" + sign + (a < 10 ? "0" : "") + a;
        }
        return stripZeros(String.format(Locale.ROOT, "%." + (5 - exp) + "f", v));
    }

    private static String stripZeros(String s) {
        if (s.indexOf('.') < 0) {
            return s;
        }
        int end = s.length();
        while (s.charAt(end - 1) == '0') {
            end--;
        }
        if (s.charAt(end - 1) == '.') {
            end--;
        }
        return s.substring(0, end);
    }

    /** Parses a number as Kaldi's text readers accept it, including inf, -inf and nan. */
    public static double parse(String token) {
        switch (token.toLowerCase(Locale.ROOT)) {
            case "inf", "+inf", "infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            case "nan", "-nan", "+nan" -> {
                return Double.NaN;
            }
            default -> {
                return Double.parseDouble(token);
            }
        }
    }
}
