package org.amdistill.decoding.decoder;

import java.util.Arrays;

/**
 * The active tokens of one frame: key (graph node, LM state) -> best score and word link, in an open-addressing
 * hash table that is cleared in time proportional to its size, so a frame costs what its tokens cost.
 */
final class TokenSet {
    long[] keys;
    double[] scores;
    int[] links;
    int[] starts; // the frame at which the token's current word began
    int size;
    private int[] slots; // token index -> its slot in the table, for clearing
    private int[] table; // slot -> token index + 1 (0 = empty)
    private int mask;
    private int shift; // 64 - log2(table length): the slot is the top bits of the key times the golden ratio

    TokenSet(int capacity) {
        keys = new long[capacity];
        scores = new double[capacity];
        links = new int[capacity];
        starts = new int[capacity];
        slots = new int[capacity];
        int t = Integer.highestOneBit(Math.max(16, capacity * 2) - 1) << 1;
        table = new int[t];
        mask = t - 1;
        shift = 64 - Integer.numberOfTrailingZeros(t);
    }

    static long key(int node, int lmState) {
        return ((long) node << 32) | (lmState & 0xffffffffL);
    }

    static int node(long key) {
        return (int) (key >>> 32);
    }

    static int lmState(long key) {
        return (int) key;
    }

    void clear() {
        for (int i = 0; i < size; i++) {
            table[slots[i]] = 0;
        }
        size = 0;
    }

    private int slotOf(long key) {
        // Fibonacci hashing of the whole key: tokens of one frame share few LM states and differ in the node (the
        // high half); a hash of the low bits alone clustered them into long probe runs (half the search's time on
        // the 100,000-word graph)
        int s = (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
        while (table[s] != 0 && keys[table[s] - 1] != key) {
            s = (s + 1) & mask;
        }
        return s;
    }

    /**
     * Offers {@code score} for {@code key}: returns the token's index if it is new or improved (the caller then sets
     * its link), or -1 if an existing token is at least as good.
     */
    int offer(long key, double score) {
        int s = slotOf(key);
        int idx = table[s] - 1;
        if (idx >= 0) {
            if (scores[idx] >= score) {
                return -1;
            }
            scores[idx] = score;
            return idx;
        }
        if (size == keys.length) {
            grow();
            s = slotOf(key);
        }
        idx = size++;
        keys[idx] = key;
        scores[idx] = score;
        links[idx] = -1;
        table[s] = idx + 1;
        slots[idx] = s;
        return idx;
    }

    private void grow() {
        int cap = keys.length * 2;
        keys = Arrays.copyOf(keys, cap);
        scores = Arrays.copyOf(scores, cap);
        links = Arrays.copyOf(links, cap);
        starts = Arrays.copyOf(starts, cap);
        slots = Arrays.copyOf(slots, cap);
        table = new int[table.length * 2];
        mask = table.length - 1;
        shift--;
        for (int i = 0; i < size; i++) {
            int s = slotOf(keys[i]);
            table[s] = i + 1;
            slots[i] = s;
        }
    }
}
