package org.waymark.analysis.disclosure;

import java.util.OptionalLong;

/**
 * A count as it may be published.
 *
 * @param value the value to show, empty when suppressed
 * @param treatment what was done to it
 */
public record DisclosedCount(OptionalLong value, Treatment treatment) {

    /** What a disclosure profile did to a count. */
    public enum Treatment {
        /** Shown as it is. */
        EXACT,
        /** Shown rounded to the nearest 5. */
        ROUNDED,
        /** Hidden because it is from 1 to the threshold. */
        SUPPRESSED,
        /** Hidden so that a suppressed count cannot be worked out from the others and the totals. */
        SECONDARY_SUPPRESSED
    }

    public boolean suppressed() {
        return value.isEmpty();
    }
}
