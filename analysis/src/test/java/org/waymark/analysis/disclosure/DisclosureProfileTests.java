package org.waymark.analysis.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalLong;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.waymark.analysis.disclosure.DisclosedCount.Treatment;
import org.waymark.analysis.table.Table;

class DisclosureProfileTests {
    // Women and men answering "a lot", "sometimes", "never".
    private final Table table = Table.of(new long[][] {{23, 12, 5}, {25, 9, 7}});

    @Test
    void nhsStandardSuppressesOneToSevenAndRoundsTheRestToFive() {
        final DisclosedTable disclosed = DisclosureProfile.NHS_STANDARD.apply(table);

        assertThat(disclosed.cell(0, 0)).isEqualTo(new DisclosedCount(OptionalLong.of(25), Treatment.ROUNDED));
        assertThat(disclosed.cell(0, 1).value()).hasValue(10);
        assertThat(disclosed.cell(0, 2)).isEqualTo(new DisclosedCount(OptionalLong.empty(), Treatment.SUPPRESSED));
        assertThat(disclosed.cell(1, 2).suppressed()).isTrue();
        assertThat(disclosed.rowTotal(0).value()).hasValue(40);
        assertThat(disclosed.columnTotal(0).value()).hasValue(50);
        assertThat(disclosed.total().value()).hasValue(80);
    }

    @Test
    void nhsStandardWorksPercentagesOutFromUnroundedFiguresAndHidesThemWithTheirCount() {
        final DisclosedTable disclosed = DisclosureProfile.NHS_STANDARD.apply(table);

        assertThat(disclosed.rowPercent(0, 0).orElseThrow()).isCloseTo(57.5, Offset.offset(1e-12));
        assertThat(disclosed.rowPercent(0, 2)).isEmpty();
    }

    @Test
    void hidesEveryPercentageOfASuppressedGroupAndAllowsItNoDerivedStatistics() {
        final DisclosedTable disclosed =
                DisclosureProfile.NHS_STANDARD.apply(Table.of(new long[][] {{0, 6, 0}, {20, 12, 9}}));

        assertThat(disclosed.rowTotal(0).suppressed()).isTrue();
        assertThat(disclosed.rowPercent(0, 0)).isEmpty();
        assertThat(disclosed.permitsDerivedStatistics(0)).isFalse();
        assertThat(disclosed.permitsDerivedStatistics(1)).isTrue();
    }

    @Test
    void flagsALowBaseAndAGroupWhereEveryoneGaveTheSameAnswer() {
        final DisclosedTable disclosed =
                DisclosureProfile.NHS_STANDARD.apply(Table.of(new long[][] {{0, 6, 0}, {20, 12, 9}, {40, 0, 0}}));

        assertThat(disclosed.flags(0)).containsExactlyInAnyOrder(Flag.LOW_BASE, Flag.SINGLE_ANSWER);
        assertThat(disclosed.flags(1)).isEmpty();
        assertThat(disclosed.flags(2)).containsExactly(Flag.SINGLE_ANSWER);
    }

    @Test
    void strictTenHidesMoreCellsSoThatNoneCanBeWorkedBack() {
        final DisclosedTable disclosed = DisclosureProfile.STRICT_10.apply(table);

        assertThat(disclosed.cell(0, 2).treatment()).isEqualTo(Treatment.SUPPRESSED);
        assertThat(disclosed.cell(1, 1).treatment()).isEqualTo(Treatment.SUPPRESSED);
        // Row 0 would give its 5 away as 40 - 23 - 12, so more must go.
        int secondary = 0;
        final boolean[][] hidden = new boolean[3][4];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                final DisclosedCount count = i == 2 && j == 3
                        ? disclosed.total()
                        : i == 2 ? disclosed.columnTotal(j) : j == 3 ? disclosed.rowTotal(i) : disclosed.cell(i, j);
                hidden[i][j] = count.suppressed();
                secondary += count.treatment() == Treatment.SECONDARY_SUPPRESSED ? 1 : 0;
            }
        }
        assertThat(secondary).isPositive();
        assertThat(Recovery.determinedEntries(hidden)).isEmpty();
        assertThat(disclosed.total().value()).hasValue(81);
    }

    @Test
    void internalShowsEverythingAndCanNeverBeExported() {
        final DisclosedTable disclosed = DisclosureProfile.INTERNAL.apply(table);

        assertThat(disclosed.cell(0, 2)).isEqualTo(new DisclosedCount(OptionalLong.of(5), Treatment.EXACT));
        assertThat(disclosed.isExportable()).isFalse();
        assertThat(DisclosureProfile.NHS_STANDARD.isExportable()).isTrue();
        assertThat(DisclosureProfile.STRICT_10.isExportable()).isTrue();
    }

    @Test
    void findsProfilesByTheirPublishedIdentifier() {
        assertThat(DisclosureProfile.fromId("nhs-standard")).isEqualTo(DisclosureProfile.NHS_STANDARD);
        assertThat(DisclosureProfile.fromId("strict-10")).isEqualTo(DisclosureProfile.STRICT_10);
        assertThat(DisclosureProfile.fromId("internal")).isEqualTo(DisclosureProfile.INTERNAL);
        assertThatThrownBy(() -> DisclosureProfile.fromId("none")).isInstanceOf(IllegalArgumentException.class);
    }
}
