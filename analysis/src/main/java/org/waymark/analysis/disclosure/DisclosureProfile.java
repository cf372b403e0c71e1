package org.waymark.analysis.disclosure;

import java.util.Arrays;
import org.waymark.analysis.table.Table;

/**
 * The named rules for what a table may show. Everything that leaves the analysis module passes
 * through one of them; see {@code docs/analysis.md} for what each protects against and what it
 * does not.
 */
public enum DisclosureProfile {
    /**
     * The default, after NHS England's method: counts 1 to 7 are suppressed, every other count
     * (totals included) is rounded to the nearest 5, percentages are worked out from the unrounded
     * figures and hidden when the count or its base is hidden, and groups of 1 to 7 get no derived
     * statistics.
     */
    NHS_STANDARD(
            "nhs-standard", 7, Rounding.NEAREST_FIVE, Secondary.NONE, HiddenCellStatistics.PUBLISHED, Export.ALLOWED),
    /**
     * Counts 1 to 10 are suppressed, and further cells (the smallest that will do) are hidden until
     * no hidden count can be worked out exactly from the rest of the table and its totals. Counts
     * that are shown are exact: rounding 11 to 10 would print a number inside the suppressed range,
     * and the secondary suppression already stops back-calculation. With exact totals, a test's
     * statistic or a group's quartiles would narrow a hidden cell down again, so neither is
     * published when worked out from a hidden cell.
     */
    STRICT_10(
            "strict-10",
            10,
            Rounding.NONE,
            Secondary.PROTECT_FROM_TOTALS,
            HiddenCellStatistics.WITHHELD,
            Export.ALLOWED),
    /** Nothing hidden, for analysts on screen; never exportable. */
    INTERNAL("internal", 0, Rounding.NONE, Secondary.NONE, HiddenCellStatistics.PUBLISHED, Export.NEVER);

    enum Rounding {
        NONE,
        NEAREST_FIVE
    }

    enum Secondary {
        NONE,
        PROTECT_FROM_TOTALS
    }

    /** What happens to a test or quartiles worked out from a cell the profile hides. */
    enum HiddenCellStatistics {
        PUBLISHED,
        WITHHELD
    }

    enum Export {
        ALLOWED,
        NEVER
    }

    private final String id;
    private final int threshold;
    private final Rounding rounding;
    private final Secondary secondary;
    private final HiddenCellStatistics hiddenCellStatistics;
    private final Export export;

    DisclosureProfile(
            String id,
            int threshold,
            Rounding rounding,
            Secondary secondary,
            HiddenCellStatistics hiddenCellStatistics,
            Export export) {
        this.id = id;
        this.threshold = threshold;
        this.rounding = rounding;
        this.secondary = secondary;
        this.hiddenCellStatistics = hiddenCellStatistics;
        this.export = export;
    }

    /**
     * The profile with the given identifier, such as {@code nhs-standard}.
     *
     * @throws IllegalArgumentException if there is none
     */
    public static DisclosureProfile fromId(String id) {
        return Arrays.stream(values())
                .filter(profile -> profile.id.equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No disclosure profile " + id));
    }

    /** The identifier used in requests and published output. */
    public String id() {
        return id;
    }

    /** Counts from 1 to this number are never shown; 0 for the internal profile. */
    public int threshold() {
        return threshold;
    }

    /** Whether output under this profile may leave the platform. */
    public boolean isExportable() {
        return export == Export.ALLOWED;
    }

    /**
     * Whether percentages, intervals, medians and tests may be given for a group of this size: not
     * for groups of 1 up to the threshold. An empty group has nothing to derive and is reported as
     * such, so it is allowed.
     */
    public boolean permitsDerivedStatistics(long groupSize) {
        return groupSize == 0 || groupSize > threshold;
    }

    /**
     * Whether figures worked out from the cells of a table are withheld when one of those cells is
     * hidden in the published table: a test (statistic, degrees of freedom, p-values, effect size)
     * when any cell of the groups it compares is hidden, a group's quartiles when any of its cells
     * is, and a group's quartiles, mean and standard deviation of numbers when its base is. Under
     * {@code strict-10}, whose totals are exact, the statistic of a 2x2 table would narrow a hidden
     * cell to one or two values, and quartiles give away where the counts lie. {@code nhs-standard}
     * follows NHS England's method, which withholds them only for groups of 1 to 7 (see
     * docs/analysis.md for what that leaves open).
     */
    public boolean withholdsDerivedStatisticsOverHiddenCells() {
        return hiddenCellStatistics == HiddenCellStatistics.WITHHELD;
    }

    /** Applies the profile to a table whose rows are groups and whose columns are answers. */
    public DisclosedTable apply(Table table) {
        return DisclosedTable.of(table, this);
    }

    Rounding rounding() {
        return rounding;
    }

    Secondary secondary() {
        return secondary;
    }
}
