package org.waymark.analysis.survey;

import org.waymark.analysis.table.Table;

/**
 * The counts of one question within the groups of one grouping (the whole sample is a grouping
 * with one group): everything the summaries and tests are computed from.
 *
 * @param categories per group, per option: how many gave it (for a multi question, ticked it)
 * @param base per group: how many answered other than not applicable or prefer not to say
 * @param notApplicable per group
 * @param preferNotToSay per group
 */
record Counts(long[][] categories, long[] base, long[] notApplicable, long[] preferNotToSay) {

    /** Every group by whether it ticked one option of a multi question, of those in the base. */
    Table yesNo(int option) {
        final long[][] cells = new long[base.length][];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = new long[] {categories[i][option], base[i] - categories[i][option]};
        }
        return Table.of(cells);
    }
}
