package org.waymark.analysis.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.waymark.analysis.table.Table;
import org.waymark.analysis.testing.RandomTables;

class DisclosurePropertyTests {
    private static final DisclosureProfile[] PROTECTED = {DisclosureProfile.NHS_STANDARD, DisclosureProfile.STRICT_10};

    @Test
    void noProtectedOutputShowsACountFromOneToTheThreshold() {
        final RandomTables tables = RandomTables.seeded(20240408L);
        for (int k = 0; k < 500; k++) {
            final Table table = tables.next(1, 5, 1, 6, 40);
            for (DisclosureProfile profile : PROTECTED) {
                final DisclosedTable disclosed = profile.apply(table);
                for (DisclosedCount count : everything(disclosed)) {
                    count.value()
                            .ifPresent(value -> assertThat(value)
                                    .as("%s under %s", table, profile)
                                    .satisfiesAnyOf(
                                            v -> assertThat(v).isZero(),
                                            v -> assertThat(v).isGreaterThan(profile.threshold())));
                }
            }
        }
    }

    @Test
    void noPercentageIsShownWhenItsCountOrBaseIsHidden() {
        final RandomTables tables = RandomTables.seeded(20240409L);
        for (int k = 0; k < 300; k++) {
            final Table table = tables.next(1, 5, 1, 6, 40);
            for (DisclosureProfile profile : PROTECTED) {
                final DisclosedTable disclosed = profile.apply(table);
                for (int i = 0; i < table.rows(); i++) {
                    for (int j = 0; j < table.columns(); j++) {
                        if (disclosed.cell(i, j).suppressed()
                                || disclosed.rowTotal(i).suppressed()) {
                            assertThat(disclosed.rowPercent(i, j)).isEmpty();
                        }
                    }
                }
            }
        }
    }

    /**
     * Takes the attacker's side: every shown count is known exactly, and every row and column,
     * totals included, must add up. A hidden count is recovered if the equations fix its value. The
     * check solves the equations by elimination, independently of the graph argument the profile
     * uses to choose cells.
     */
    @Test
    void underStrictTenNoSuppressedCountCanBeRecoveredFromTheTotals() {
        final RandomTables tables = RandomTables.seeded(20240410L);
        for (int k = 0; k < 500; k++) {
            final Table table = tables.next(1, 5, 1, 6, 30);
            final DisclosedTable disclosed = DisclosureProfile.STRICT_10.apply(table);

            final boolean[][] hidden = new boolean[table.rows() + 1][table.columns() + 1];
            for (int i = 0; i <= table.rows(); i++) {
                for (int j = 0; j <= table.columns(); j++) {
                    hidden[i][j] = entry(disclosed, i, j).suppressed();
                }
            }
            assertThat(Recovery.determinedEntries(hidden)).as("%s", table).isEmpty();
        }
    }

    @Test
    void theRecoveryCheckSpotsWhatPrimarySuppressionAloneLeavesOpen() {
        // A 2x2 with totals, only cell (0, 0) hidden: row 0's total gives it away.
        final boolean[][] lone = new boolean[3][3];
        lone[0][0] = true;
        assertThat(Recovery.determinedEntries(lone)).hasSize(1);
        // Hide a rectangle (0,0), (0,1), (1,0), (1,1): each can move by one around it.
        final boolean[][] rectangle = new boolean[3][3];
        rectangle[0][0] = rectangle[0][1] = rectangle[1][0] = rectangle[1][1] = true;
        assertThat(Recovery.determinedEntries(rectangle)).isEmpty();
    }

    @Test
    void internalShowsEveryCountAsItIs() {
        final RandomTables tables = RandomTables.seeded(20240411L);
        for (int k = 0; k < 100; k++) {
            final Table table = tables.next(1, 5, 1, 6, 20);
            final DisclosedTable disclosed = DisclosureProfile.INTERNAL.apply(table);
            for (int i = 0; i < table.rows(); i++) {
                for (int j = 0; j < table.columns(); j++) {
                    assertThat(disclosed.cell(i, j).value()).hasValue(table.count(i, j));
                }
            }
        }
    }

    private static DisclosedCount entry(DisclosedTable disclosed, int i, int j) {
        if (i == disclosed.rows() && j == disclosed.columns()) {
            return disclosed.total();
        }
        if (i == disclosed.rows()) {
            return disclosed.columnTotal(j);
        }
        if (j == disclosed.columns()) {
            return disclosed.rowTotal(i);
        }
        return disclosed.cell(i, j);
    }

    private static List<DisclosedCount> everything(DisclosedTable disclosed) {
        final List<DisclosedCount> all = new ArrayList<>();
        for (int i = 0; i <= disclosed.rows(); i++) {
            for (int j = 0; j <= disclosed.columns(); j++) {
                all.add(entry(disclosed, i, j));
            }
        }
        return all;
    }
}
