package org.amdistill.core.table;

/**
 * One entry of a table: its key and its value. For scp tables the value is read when asked for, so that an
 * unreadable entry throws {@link org.amdistill.core.cli.AmdException} from {@link #value()} and the caller can
 * count it and go on, as Kaldi's per-utterance failures do.
 */
public interface Entry<T> {
    String key();

    T value();
}
