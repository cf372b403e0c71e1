package org.waymark.analysis.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TableTests {

    @Test
    void computesMargins() {
        final Table table = Table.of(new long[][] {{1, 2, 3}, {4, 5, 6}});

        assertThat(table.rowTotal(0)).isEqualTo(6);
        assertThat(table.rowTotal(1)).isEqualTo(15);
        assertThat(table.columnTotal(2)).isEqualTo(9);
        assertThat(table.total()).isEqualTo(21);
    }

    @Test
    void keepsItsOwnCopyOfTheCounts() {
        final long[][] counts = {{1, 2}, {3, 4}};
        final Table table = Table.of(counts);
        counts[0][0] = 99;
        table.toArray()[0][1] = 99;

        assertThat(table).isEqualTo(Table.of(new long[][] {{1, 2}, {3, 4}}));
    }

    @Test
    void transposesRowsIntoColumns() {
        final Table table = Table.of(new long[][] {{1, 2, 3}, {4, 5, 6}});

        assertThat(table.transpose()).isEqualTo(Table.of(new long[][] {{1, 4}, {2, 5}, {3, 6}}));
        assertThat(table.transpose().transpose()).isEqualTo(table);
    }

    @Test
    void dropsEmptyRowsAndColumns() {
        final Table table = Table.of(new long[][] {{1, 0, 3}, {0, 0, 0}, {4, 0, 6}});

        assertThat(table.withoutEmptyRowsAndColumns()).isEqualTo(Table.of(new long[][] {{1, 3}, {4, 6}}));
    }

    @Test
    void rejectsRaggedRows() {
        assertThatThrownBy(() -> Table.of(new long[][] {{1, 2}, {3}})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsNegativeCounts() {
        assertThatThrownBy(() -> Table.ofRow(1, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
