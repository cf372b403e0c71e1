package org.waymark.analysis.keyness;

import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * How much more (or less) one group uses a word or theme than another: the log-likelihood G2 says
 * how strong the evidence for a difference is, the log ratio how big the difference is.
 *
 * <p>G2 is the likelihood-ratio statistic of the 2x2 table {word, everything else} x {first group,
 * second group}: 2 sum O ln(O / E) over all four cells, with expected counts from the margins as in
 * Rayson and Garside (2000), and a zero cell contributing 0. Its p-value comes from the chi-square
 * distribution on 1 degree of freedom. Rayson's online calculator sums only the two cells of the
 * word; Waymark uses all four, which is the textbook G-test (and R's {@code 2 * sum(o * log(o / e))}
 * on the table). The two agree closely when the word is a small share of each corpus.
 *
 * <p>The log ratio (Hardie 2014) is log2 of the word's relative frequency in the first group over
 * that in the second: 1 means twice as common, -1 half as common, 0 equally common. A zero frequency
 * would make it infinite, so a zero is taken as 0.5 for the log ratio only ({@link #correction()}
 * says when); the ratio is then a floor on how big the difference is, not an estimate of it.
 *
 * @param inFirst how often the word occurs in the first group's texts
 * @param firstSize how many words (or coded segments) the first group's texts hold in all
 * @param inSecond how often the word occurs in the second group's texts
 * @param secondSize the second group's total
 * @param logLikelihood G2
 * @param pValue the chance of a G2 this large if both groups used the word at the same rate
 * @param logRatio log2 of the ratio of relative frequencies, first over second
 * @param correction whether a zero frequency was taken as 0.5 for the log ratio
 */
public record Keyness(
        long inFirst,
        long firstSize,
        long inSecond,
        long secondSize,
        double logLikelihood,
        double pValue,
        double logRatio,
        ZeroCorrection correction) {

    /** Whether a zero frequency was replaced by 0.5 to keep the log ratio finite. */
    public enum ZeroCorrection {
        NONE,
        HALF_FOR_ZERO
    }

    private static final double HALF = 0.5;

    /**
     * Compares a word's use between two groups.
     *
     * @throws IllegalArgumentException if a size is not positive, a frequency is negative or above its
     *     size, or the word occurs in neither group
     */
    public static Keyness of(long inFirst, long firstSize, long inSecond, long secondSize) {
        if (firstSize <= 0 || secondSize <= 0) {
            throw new IllegalArgumentException("Both groups need some text: " + firstSize + ", " + secondSize);
        }
        if (inFirst < 0 || inFirst > firstSize || inSecond < 0 || inSecond > secondSize) {
            throw new IllegalArgumentException(
                    "Frequencies must lie between 0 and their group's size: " + inFirst + ", " + inSecond);
        }
        if (inFirst + inSecond == 0) {
            throw new IllegalArgumentException("A word that occurs in neither group has no keyness");
        }
        final double total = (double) firstSize + secondSize;
        final double word = (double) inFirst + inSecond;
        final double rest = total - word;
        final double g2 = 2
                * (term(inFirst, firstSize * word / total)
                        + term(inSecond, secondSize * word / total)
                        + term(firstSize - inFirst, firstSize * rest / total)
                        + term(secondSize - inSecond, secondSize * rest / total));
        final double statistic = Math.max(0, g2);
        final double p = ChiSquaredDistribution.of(1).survivalProbability(statistic);
        final boolean zero = inFirst == 0 || inSecond == 0;
        final double first = inFirst == 0 ? HALF : inFirst;
        final double second = inSecond == 0 ? HALF : inSecond;
        final double logRatio = Math.log((first / firstSize) / (second / secondSize)) / Math.log(2);
        return new Keyness(
                inFirst,
                firstSize,
                inSecond,
                secondSize,
                statistic,
                p,
                logRatio,
                zero ? ZeroCorrection.HALF_FOR_ZERO : ZeroCorrection.NONE);
    }

    private static double term(double observed, double expected) {
        return observed == 0 ? 0 : observed * Math.log(observed / expected);
    }
}
