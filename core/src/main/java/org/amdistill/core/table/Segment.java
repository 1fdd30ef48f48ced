package org.amdistill.core.table;

import org.amdistill.core.cli.AmdException;

/**
 * One line of a {@code segments} file, {@code utt reco start end [channel]}, times in seconds: start >= 0 and
 * end > start. {@link #parse} applies validate_data_dir.sh's rules; {@link #parseForReading} also takes
 * extract-segments' end -1 (to the end of the recording), which Kaldi's validator rejects in a data directory. The
 * optional channel is the one WaveTable reads (-1: none given).
 */
public record Segment(String utterance, String recording, double start, double end, int channel) {
    public double duration() {
        return end - start;
    }

    /** Parses the value of the segments line of {@code utt}; the error message says what is wrong, not where. */
    public static Segment parse(String utt, String value) {
        return parse(utt, value, false);
    }

    /** As {@link #parse}, with an end of -1 meaning the end of the recording, as extract-segments reads it. */
    public static Segment parseForReading(String utt, String value) {
        return parse(utt, value, true);
    }

    private static Segment parse(String utt, String value, boolean toEndAllowed) {
        String[] f = value.isEmpty() ? new String[0] : value.split("\\s+");
        if (f.length != 3 && f.length != 4) {
            throw new AmdException(
                    "expected 'utterance recording start end [channel]', got " + (f.length + 1) + " fields");
        }
        double start;
        double end;
        try {
            start = Double.parseDouble(f[1]);
            end = Double.parseDouble(f[2]);
        } catch (NumberFormatException e) {
            throw new AmdException("start and end must be numbers, got '" + f[1] + "' and '" + f[2] + "'");
        }
        if (!(start >= 0) || Double.isInfinite(start)) {
            throw new AmdException("start time " + f[1] + " is negative or not finite");
        }
        if ((!(end > start) || Double.isInfinite(end)) && !(toEndAllowed && end == -1.0)) {
            throw new AmdException("end time " + f[2] + " is not after start time " + f[1]);
        }
        int channel = -1;
        if (f.length == 4) {
            try {
                channel = Integer.parseInt(f[3]);
            } catch (NumberFormatException e) {
                channel = -2;
            }
            if (channel < 0) {
                throw new AmdException("channel '" + f[3] + "' is not a channel number");
            }
        }
        return new Segment(utt, f[0], start, end, channel);
    }
}
