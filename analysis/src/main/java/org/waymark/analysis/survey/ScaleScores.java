package org.waymark.analysis.survey;

import java.util.Arrays;

/**
 * Works out scale scores and item scores from the code columns of a dataset, by the rules of
 * {@link Scale}: an answer's item score is its option's position (1 to k), reversed to k + 1 minus
 * the position for a reversed item; the codes for no answer, not applicable and prefer not to say
 * leave the item unanswered.
 */
final class ScaleScores {
    private ScaleScores() {}

    /** The score of every respondent, {@code NaN} where fewer than the scale's minimum were answered. */
    static double[] of(Dataset dataset, Scale scale) {
        final int[][] items = new int[scale.items().size()][];
        final int[] points = new int[items.length];
        final boolean[] reversed = new boolean[items.length];
        for (int i = 0; i < items.length; i++) {
            final int q = dataset.question(scale.items().get(i));
            items[i] = dataset.codes(q);
            points[i] = dataset.questions().get(q).options().size();
            reversed[i] = scale.reversed().contains(scale.items().get(i));
        }
        final double[] scores = new double[dataset.respondents()];
        Arrays.fill(scores, Double.NaN);
        for (int r = 0; r < scores.length; r++) {
            long sum = 0;
            int answered = 0;
            for (int i = 0; i < items.length; i++) {
                final int code = items[i][r];
                if (code >= 1 && code <= points[i]) {
                    sum += reversed[i] ? points[i] + 1 - code : code;
                    answered++;
                }
            }
            if (answered >= scale.minAnswered()) {
                final double mean = (double) sum / answered;
                scores[r] = scale.scoring() == Scale.Scoring.MEAN
                        ? mean
                        : answered == items.length ? sum : mean * items.length;
            }
        }
        return scores;
    }

    /** Each item's score per respondent, {@code NaN} where unanswered: the columns alpha is worked out from. */
    static double[][] items(Dataset dataset, Scale scale) {
        final double[][] columns = new double[scale.items().size()][];
        for (int i = 0; i < columns.length; i++) {
            final int q = dataset.question(scale.items().get(i));
            final int[] codes = dataset.codes(q);
            final int points = dataset.questions().get(q).options().size();
            final boolean reversed = scale.reversed().contains(scale.items().get(i));
            columns[i] = new double[codes.length];
            for (int r = 0; r < codes.length; r++) {
                final int code = codes[r];
                columns[i][r] = code >= 1 && code <= points ? (reversed ? points + 1 - code : code) : Double.NaN;
            }
        }
        return columns;
    }
}
