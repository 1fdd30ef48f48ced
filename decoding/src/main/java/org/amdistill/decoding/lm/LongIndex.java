package org.amdistill.decoding.lm;

import java.util.Arrays;

/**
 * A set of non-zero long keys, each given a dense index (0, 1, 2, ... in insertion order) that never changes, in an
 * open-addressing table of ints: about 12 bytes a key at a load of one half, where a {@code HashMap<Long, ...>}
 * takes some 80. Values live in the caller's arrays, indexed by the dense index. Millions of n-grams (an LM's
 * entries, its training counts) fit in a few tens of megabytes. Lookups are safe from several threads once no more
 * keys are added.
 */
final class LongIndex {
    private long[] keys; // dense index -> key
    private int[] table; // slot -> dense index + 1 (0: empty)
    private int mask;
    private int size;

    LongIndex(int expected) {
        keys = new long[Math.max(16, expected)];
        int t = Integer.highestOneBit(Math.max(16, expected * 2) - 1) << 1;
        table = new int[t];
        mask = t - 1;
    }

    int size() {
        return size;
    }

    long key(int index) {
        return keys[index];
    }

    private static int hash(long key) {
        long x = key * 0x9E3779B97F4A7C15L;
        return (int) (x ^ (x >>> 32) ^ (x >>> 47));
    }

    /** The key's index, or -1. */
    int find(long key) {
        int s = hash(key) & mask;
        while (true) {
            int t = table[s];
            if (t == 0) {
                return -1;
            }
            if (keys[t - 1] == key) {
                return t - 1;
            }
            s = (s + 1) & mask;
        }
    }

    /** The key's index, added (as the next index) if it is new. */
    int add(long key) {
        if (key == 0) {
            throw new IllegalArgumentException("key 0 is reserved");
        }
        int s = hash(key) & mask;
        while (true) {
            int t = table[s];
            if (t == 0) {
                break;
            }
            if (keys[t - 1] == key) {
                return t - 1;
            }
            s = (s + 1) & mask;
        }
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, keys.length + (keys.length >> 1) + 16);
        }
        keys[size] = key;
        table[s] = ++size;
        if (size * 2 > table.length) {
            rehash();
        }
        return size - 1;
    }

    private void rehash() {
        table = new int[table.length * 2];
        mask = table.length - 1;
        for (int i = 0; i < size; i++) {
            int s = hash(keys[i]) & mask;
            while (table[s] != 0) {
                s = (s + 1) & mask;
            }
            table[s] = i + 1;
        }
    }
}
