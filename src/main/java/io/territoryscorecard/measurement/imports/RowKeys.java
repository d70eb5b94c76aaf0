package io.territoryscorecard.measurement.imports;

/**
 * Which keys a file has used so far, and in which row: an open-addressing hash table of primitive longs and ints
 * (no boxing: about 24 MB for a million rows), for finding duplicate rows in files of millions of rows.
 */
public final class RowKeys {

    private static final long EMPTY = Long.MIN_VALUE;
    private static final int MAX_CAPACITY = 1 << 30;

    private long[] keys;
    private int[] rows;
    private int size;

    public RowKeys() {
        this(1 << 12);
    }

    RowKeys(int capacity) {
        allocate(Integer.highestOneBit(Math.max(16, capacity - 1)) << 1);
    }

    /**
     * Records that {@code row} uses {@code key}; answers 0 when the key is new, else the row that used it first (the
     * table then keeps that first row). {@link Long#MIN_VALUE} is not a valid key.
     */
    public int putIfAbsent(long key, int row) {
        if (key == EMPTY) {
            throw new IllegalArgumentException("key " + key + " is reserved");
        }
        int mask = keys.length - 1;
        int slot = slot(key, mask);
        while (keys[slot] != EMPTY) {
            if (keys[slot] == key) {
                return rows[slot];
            }
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        rows[slot] = row;
        if (++size > keys.length / 4 * 3) {
            grow();
        }
        return 0;
    }

    public int size() {
        return size;
    }

    private void grow() {
        if (keys.length >= MAX_CAPACITY) {
            throw new IllegalStateException("too many rows to check for duplicates");
        }
        long[] oldKeys = keys;
        int[] oldRows = rows;
        allocate(keys.length * 2);
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                int slot = slot(oldKeys[i], mask);
                while (keys[slot] != EMPTY) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                rows[slot] = oldRows[i];
            }
        }
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        rows = new int[capacity];
        java.util.Arrays.fill(keys, EMPTY);
    }

    /** Spreads the bits (packed keys differ mostly in their low and middle bits). */
    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
