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
    NHS_STANDARD("nhs-standard", 7, Rounding.NEAREST_FIVE, Secondary.NONE, Export.ALLOWED),
    /**
     * Counts 1 to 10 are suppressed, and further cells (the smallest that will do) are hidden until
     * no hidden count can be worked out exactly from the rest of the table and its totals. Counts
     * that are shown are exact: rounding 11 to 10 would print a number inside the suppressed range,
     * and the secondary suppression already stops back-calculation.
     */
    STRICT_10("strict-10", 10, Rounding.NONE, Secondary.PROTECT_FROM_TOTALS, Export.ALLOWED),
    /** Nothing hidden, for analysts on screen; never exportable. */
    INTERNAL("internal", 0, Rounding.NONE, Secondary.NONE, Export.NEVER);

    enum Rounding {
        NONE,
        NEAREST_FIVE
    }

    enum Secondary {
        NONE,
        PROTECT_FROM_TOTALS
    }

    enum Export {
        ALLOWED,
        NEVER
    }

    private final String id;
    private final int threshold;
    private final Rounding rounding;
    private final Secondary secondary;
    private final Export export;

    DisclosureProfile(String id, int threshold, Rounding rounding, Secondary secondary, Export export) {
        this.id = id;
        this.threshold = threshold;
        this.rounding = rounding;
        this.secondary = secondary;
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
