package dev.shadowparity.comparators;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArrayOrderTest {

    @Test
    void marksOneLongestIncreasingRun() {
        assertThat(ArrayOrder.longestIncreasing(new int[] {1, 2, 0, 3})).containsExactly(true, true, false, true);
        assertThat(ArrayOrder.longestIncreasing(new int[] {0, 1, 2})).containsExactly(true, true, true);
        assertThat(ArrayOrder.longestIncreasing(new int[] {})).isEmpty();
        boolean[] reversed = ArrayOrder.longestIncreasing(new int[] {3, 2, 1, 0});
        int kept = 0;
        for (boolean b : reversed) {
            kept += b ? 1 : 0;
        }
        assertThat(kept).isEqualTo(1);
    }
}
