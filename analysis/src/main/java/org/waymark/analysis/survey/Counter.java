package org.waymark.analysis.survey;

/**
 * Makes the count tables of one question in a single pass over the respondents: overall and for
 * every breakdown at once. This is the only step whose cost grows with the number of respondents.
 */
final class Counter {
    private Counter() {}

    /**
     * Counts for the whole sample (index 0) and then for each breakdown, in the dataset's order.
     */
    static Counts[] count(Dataset dataset, int question) {
        final Question definition = dataset.questions().get(question);
        final int k = definition.options().size();
        final int breakdowns = dataset.breakdowns().size();
        final int[][] groupColumns = new int[breakdowns][];
        final long[][][] tallies = new long[breakdowns + 1][][];
        tallies[0] = new long[1][k + 3];
        for (int b = 0; b < breakdowns; b++) {
            groupColumns[b] = dataset.groups(b);
            // Row 0 collects respondents in no group of the breakdown; they are dropped below.
            tallies[b + 1] = new long[dataset.breakdowns().get(b).groups().size() + 1][k + 3];
        }
        if (definition.kind() == QuestionKind.MULTI) {
            tallyChoices(dataset.choices(question), k, groupColumns, tallies);
        } else {
            tallyCodes(dataset.codes(question), groupColumns, tallies);
        }
        final Counts[] counts = new Counts[breakdowns + 1];
        for (int b = 0; b <= breakdowns; b++) {
            counts[b] = toCounts(tallies[b], b == 0 ? 0 : 1, k, definition.kind());
        }
        return counts;
    }

    // Columns of a tally row: 0 no answer (for a multi question, the base), 1..k options, k + 1 not
    // applicable, k + 2 prefer not to say.
    private static void tallyCodes(int[] codes, int[][] groupColumns, long[][][] tallies) {
        final long[] overall = tallies[0][0];
        for (int r = 0; r < codes.length; r++) {
            final int code = codes[r];
            if (code == 0) {
                continue;
            }
            overall[code]++;
            for (int b = 0; b < groupColumns.length; b++) {
                tallies[b + 1][groupColumns[b][r]][code]++;
            }
        }
    }

    private static void tallyChoices(long[] choices, int k, int[][] groupColumns, long[][][] tallies) {
        final long notApplicable = 1L << k;
        final long preferNotToSay = 1L << (k + 1);
        for (int r = 0; r < choices.length; r++) {
            final long chosen = choices[r];
            if (chosen == 0) {
                continue;
            }
            // Not applicable or prefer not to say outweighs any option ticked beside it.
            final int reported = (chosen & notApplicable) != 0 ? k + 1 : (chosen & preferNotToSay) != 0 ? k + 2 : 0;
            add(tallies[0][0], chosen, reported);
            for (int b = 0; b < groupColumns.length; b++) {
                add(tallies[b + 1][groupColumns[b][r]], chosen, reported);
            }
        }
    }

    private static void add(long[] row, long chosen, int reported) {
        if (reported != 0) {
            row[reported]++;
            return;
        }
        row[0]++;
        for (long bits = chosen; bits != 0; bits &= bits - 1) {
            row[Long.numberOfTrailingZeros(bits) + 1]++;
        }
    }

    private static Counts toCounts(long[][] tally, int firstRow, int k, QuestionKind kind) {
        final int groups = tally.length - firstRow;
        final long[][] categories = new long[groups][k];
        final long[] base = new long[groups];
        final long[] notApplicable = new long[groups];
        final long[] preferNotToSay = new long[groups];
        for (int g = 0; g < groups; g++) {
            final long[] row = tally[g + firstRow];
            System.arraycopy(row, 1, categories[g], 0, k);
            long answered = 0;
            for (int j = 0; j < k; j++) {
                answered += categories[g][j];
            }
            base[g] = kind == QuestionKind.MULTI ? row[0] : answered;
            notApplicable[g] = row[k + 1];
            preferNotToSay[g] = row[k + 2];
        }
        return new Counts(categories, base, notApplicable, preferNotToSay);
    }
}
