package org.waymark.analysis.survey;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A score the study defines from several of its ordered-scale questions, worked out per respondent
 * and reported like a number, with Cronbach's alpha of its items.
 *
 * <p>Each item is scored by the position of the answer among the question's options: 1 for the
 * first, 2 for the second, and so on; a {@linkplain #withReversed reversed} item the other way (k
 * for the first of k options). Not applicable, prefer not to say and no answer leave the item
 * unanswered. A respondent who answered at least {@code minAnswered} items gets a score: the mean of
 * the answered items, or for a sum the mean times the number of items, which is the plain sum when
 * every item was answered and keeps scores with a gap on the same range ("prorating").
 *
 * @param id the scale's identifier
 * @param label the words shown to readers
 * @param items the ids of its questions, each an ordered scale
 * @param scoring how item scores make the score
 * @param minAnswered the fewest answered items that give a score, from 1 to the number of items
 * @param reversed the items scored in reverse, a subset of {@code items}
 */
public record Scale(
        String id, String label, List<String> items, Scoring scoring, int minAnswered, List<String> reversed) {

    /** How item scores make a scale score. */
    public enum Scoring {
        /** The sum of the item scores (prorated over the items when some are unanswered). */
        SUM,
        /** The mean of the answered item scores. */
        MEAN
    }

    public Scale {
        items = List.copyOf(items);
        reversed = List.copyOf(reversed);
        if (items.size() < 2) {
            throw new IllegalArgumentException("Scale " + id + " needs at least two items");
        }
        if (new HashSet<>(items).size() != items.size()) {
            throw new IllegalArgumentException("Scale " + id + " lists an item twice");
        }
        if (minAnswered < 1 || minAnswered > items.size()) {
            throw new IllegalArgumentException(
                    "Scale " + id + ": the fewest answered items must be from 1 to " + items.size());
        }
        final Set<String> all = Set.copyOf(items);
        if (!all.containsAll(reversed) || new HashSet<>(reversed).size() != reversed.size()) {
            throw new IllegalArgumentException("Scale " + id + ": reversed items must be distinct items of the scale");
        }
    }

    /** A sum score that needs every item answered. */
    public static Scale sum(String id, String label, List<String> items) {
        return new Scale(id, label, items, Scoring.SUM, items.size(), List.of());
    }

    /** A mean score that needs every item answered. */
    public static Scale mean(String id, String label, List<String> items) {
        return new Scale(id, label, items, Scoring.MEAN, items.size(), List.of());
    }

    /** The same scale, scoring respondents who answered at least {@code count} items. */
    public Scale withMinAnswered(int count) {
        return new Scale(id, label, items, scoring, count, reversed);
    }

    /** The same scale, scoring the given items in reverse. */
    public Scale withReversed(List<String> reversedItems) {
        return new Scale(id, label, items, scoring, minAnswered, reversedItems);
    }
}
