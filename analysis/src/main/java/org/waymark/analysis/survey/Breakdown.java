package org.waymark.analysis.survey;

import java.util.List;

/**
 * A grouping of respondents, such as community, gender or compulsory-treatment history, derived
 * beforehand by the study's rules. A respondent belongs to at most one group of a breakdown.
 *
 * @param id the breakdown's identifier, such as {@code gender}
 * @param label the words shown to readers
 * @param groups the groups in display order
 */
public record Breakdown(String id, String label, List<Option> groups) {

    public Breakdown {
        groups = List.copyOf(groups);
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("Breakdown " + id + " has no groups");
        }
    }

    public static Breakdown of(String id, String label, List<Option> groups) {
        return new Breakdown(id, label, groups);
    }
}
