package io.territoryscorecard.measurement.imports;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RowKeysTest {

    @Test
    void answersTheFirstRowOfAKeyAndZeroForNewKeys() {
        RowKeys keys = new RowKeys(16);
        for (int i = 0; i < 100_000; i++) {
            assertThat(keys.putIfAbsent(i * 7919L << 15, i + 2)).isZero();
        }
        assertThat(keys.size()).isEqualTo(100_000);
        assertThat(keys.putIfAbsent(50_000 * 7919L << 15, 999_999)).isEqualTo(50_002);
        assertThat(keys.putIfAbsent(0L, 3)).isEqualTo(2);
        assertThat(keys.size()).isEqualTo(100_000);
    }
}
