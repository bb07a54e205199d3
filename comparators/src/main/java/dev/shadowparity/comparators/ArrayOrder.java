package dev.shadowparity.comparators;

import java.util.Arrays;

/** Finds which matched array elements kept their relative order. */
final class ArrayOrder {

    private ArrayOrder() {}

    /** Marks the members of one longest strictly increasing subsequence of {@code values} (O(n log n)). */
    static boolean[] longestIncreasing(int[] values) {
        int n = values.length;
        int[] tailIndex = new int[n];
        int[] previous = new int[n];
        int[] tails = new int[n];
        int length = 0;
        for (int i = 0; i < n; i++) {
            int pos = Arrays.binarySearch(tails, 0, length, values[i]);
            if (pos < 0) {
                pos = -pos - 1;
            }
            tails[pos] = values[i];
            tailIndex[pos] = i;
            previous[i] = pos > 0 ? tailIndex[pos - 1] : -1;
            if (pos == length) {
                length++;
            }
        }
        boolean[] member = new boolean[n];
        for (int i = length == 0 ? -1 : tailIndex[length - 1]; i >= 0; i = previous[i]) {
            member[i] = true;
        }
        return member;
    }
}
