package org.waymark.analysis.survey;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The coded answers of a study, one column per question and one per breakdown, held as primitive
 * arrays indexed by respondent: no object per respondent, so a million respondents with a few dozen
 * questions fit in a few hundred megabytes.
 *
 * <p>Within a column, a single or scale answer is stored as 0 for no answer (not shown, or shown
 * and left blank), 1 to k for the options in order, k + 1 for not applicable and k + 2 for prefer
 * not to say. A multi answer is a set of bits: bit j for option j, bit k for not applicable, bit k
 * + 1 for prefer not to say; no bit means no answer. A number is {@code NaN} when not given, and a
 * number question that offers "prefer not to say" has a second column, a set of bits with bit r for
 * respondent r, for those who chose it. A breakdown column holds 0 for a respondent in none of its
 * groups, else the group's position + 1.
 *
 * <p>A dataset may also define {@linkplain Scale scales}: their scores are worked out from the
 * answers to their items when the dataset is built, one column of numbers per scale ({@code NaN}
 * for a respondent with too few items answered).
 *
 * <p>Instances are immutable once built; the columns are read only inside this package.
 */
public final class Dataset {
    private final int respondents;
    private final List<Question> questions;
    private final List<Breakdown> breakdowns;
    private final List<Scale> scales;
    private final int[][] codes;
    private final long[][] choices;
    private final double[][] numbers;
    private final long[][] declined;
    private final int[][] groups;
    private final double[][] scores;

    private Dataset(Builder builder) {
        this.respondents = builder.respondents;
        this.questions = builder.questions;
        this.breakdowns = builder.breakdowns;
        this.scales = builder.scales;
        this.codes = builder.codes;
        this.choices = builder.choices;
        this.numbers = builder.numbers;
        this.declined = builder.declined;
        this.groups = builder.groups;
        this.scores = new double[scales.size()][];
        for (int s = 0; s < scales.size(); s++) {
            scores[s] = ScaleScores.of(this, scales.get(s));
        }
    }

    /**
     * Starts a dataset of the given respondents, questions and breakdowns; every answer is "no
     * answer" and every respondent in no group until set.
     */
    public static Builder builder(int respondents, List<Question> questions, List<Breakdown> breakdowns) {
        return new Builder(respondents, questions, breakdowns, List.of());
    }

    /**
     * Starts a dataset that also works out the scores of the given scales.
     *
     * @throws IllegalArgumentException if a scale's item is not an ordered-scale question of the
     *     dataset, or two scales share an id
     */
    public static Builder builder(
            int respondents, List<Question> questions, List<Breakdown> breakdowns, List<Scale> scales) {
        return new Builder(respondents, questions, breakdowns, scales);
    }

    /**
     * One dataset of the respondents of several, in order: the parts' respondents one after
     * another. Lets parts be filled at the same time, for example from ranges of responses read on
     * separate database connections. Scale scores are worked out again from the joined columns, by
     * the same rules, so they are the same as the parts'.
     *
     * @throws IllegalArgumentException if there are no parts, or they differ in questions,
     *     breakdowns or scales
     */
    public static Dataset concat(List<Dataset> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("Nothing to join");
        }
        final Dataset first = parts.get(0);
        long total = 0;
        for (Dataset part : parts) {
            if (!part.questions.equals(first.questions)
                    || !part.breakdowns.equals(first.breakdowns)
                    || !part.scales.equals(first.scales)) {
                throw new IllegalArgumentException("Only datasets of the same questions, breakdowns and scales join");
            }
            total += part.respondents;
        }
        final Builder joined = new Builder(Math.toIntExact(total), first.questions, first.breakdowns, first.scales);
        int offset = 0;
        for (Dataset part : parts) {
            for (int q = 0; q < first.questions.size(); q++) {
                copy(part.codes[q], joined.codes[q], offset, part.respondents);
                copy(part.choices[q], joined.choices[q], offset, part.respondents);
                copy(part.numbers[q], joined.numbers[q], offset, part.respondents);
                if (part.declined[q] != null) {
                    for (int r = 0; r < part.respondents; r++) {
                        if (part.declined(q, r)) {
                            joined.declined[q][(offset + r) >>> 6] |= 1L << (offset + r);
                        }
                    }
                }
            }
            for (int b = 0; b < first.breakdowns.size(); b++) {
                System.arraycopy(part.groups[b], 0, joined.groups[b], offset, part.respondents);
            }
            offset += part.respondents;
        }
        return joined.build();
    }

    /** Copies a column that a question of this kind has; the others are null in both. */
    private static void copy(Object from, Object to, int offset, int length) {
        if (from != null) {
            System.arraycopy(from, 0, to, offset, length);
        }
    }

    public int respondents() {
        return respondents;
    }

    public List<Question> questions() {
        return questions;
    }

    public List<Breakdown> breakdowns() {
        return breakdowns;
    }

    public List<Scale> scales() {
        return scales;
    }

    /**
     * How many respondents each group of a breakdown holds, in the breakdown's order, before any
     * disclosure profile: what a report's "who took part" shows once a profile has been applied.
     *
     * @throws IllegalArgumentException for an unknown breakdown
     */
    public long[] groupSizes(String breakdown) {
        for (int b = 0; b < breakdowns.size(); b++) {
            if (breakdowns.get(b).id().equals(breakdown)) {
                final long[] sizes = new long[breakdowns.get(b).groups().size()];
                for (int r = 0; r < respondents; r++) {
                    // Group positions are stored from 1; 0 is no group.
                    if (groups[b][r] > 0) {
                        sizes[groups[b][r] - 1]++;
                    }
                }
                return sizes;
            }
        }
        throw new IllegalArgumentException("No breakdown " + breakdown);
    }

    /** The position of a question in {@link #questions()}. */
    int question(String id) {
        for (int q = 0; q < questions.size(); q++) {
            if (questions.get(q).id().equals(id)) {
                return q;
            }
        }
        throw new IllegalArgumentException("No question " + id);
    }

    /** The scores of a scale, per respondent; {@code NaN} for no score. */
    double[] scores(int scale) {
        return scores[scale];
    }

    int[] codes(int question) {
        return codes[question];
    }

    long[] choices(int question) {
        return choices[question];
    }

    double[] numbers(int question) {
        return numbers[question];
    }

    /** Whether a respondent chose "prefer not to say" for a number question. */
    boolean declined(int question, int respondent) {
        final long[] bits = declined[question];
        return bits != null && (bits[respondent >>> 6] & (1L << respondent)) != 0;
    }

    int[] groups(int breakdown) {
        return groups[breakdown];
    }

    /**
     * Fills a dataset one answer at a time, in any order, as rows stream from the database. Codes
     * are looked up once per call; the columns themselves are plain arrays. A builder builds once.
     */
    public static final class Builder {
        private final int respondents;
        private final List<Question> questions;
        private final List<Breakdown> breakdowns;
        private final List<Scale> scales;
        private final Map<String, Integer> questionIndex = new HashMap<>();
        private final Map<String, Integer> breakdownIndex = new HashMap<>();
        private final List<Map<String, Integer>> optionCodes;
        private final List<Map<String, Integer>> groupCodes;
        private int[][] codes;
        private long[][] choices;
        private double[][] numbers;
        private long[][] declined;
        private int[][] groups;
        private boolean built;

        private Builder(int respondents, List<Question> questions, List<Breakdown> breakdowns, List<Scale> scales) {
            if (respondents < 0) {
                throw new IllegalArgumentException("Respondents cannot be negative: " + respondents);
            }
            this.respondents = respondents;
            this.questions = List.copyOf(questions);
            this.breakdowns = List.copyOf(breakdowns);
            this.scales = List.copyOf(scales);
            this.codes = new int[this.questions.size()][];
            this.choices = new long[this.questions.size()][];
            this.numbers = new double[this.questions.size()][];
            this.declined = new long[this.questions.size()][];
            this.groups = new int[this.breakdowns.size()][respondents];
            this.optionCodes = this.questions.stream().map(Builder::storedCodes).toList();
            this.groupCodes = this.breakdowns.stream()
                    .map(breakdown -> positions(breakdown.groups()))
                    .toList();
            for (int q = 0; q < this.questions.size(); q++) {
                final Question question = this.questions.get(q);
                if (questionIndex.put(question.id(), q) != null) {
                    throw new IllegalArgumentException("Question " + question.id() + " is listed twice");
                }
                switch (question.kind()) {
                    case SINGLE, SCALE -> codes[q] = new int[respondents];
                    case MULTI -> choices[q] = new long[respondents];
                    case NUMBER -> {
                        numbers[q] = new double[respondents];
                        Arrays.fill(numbers[q], Double.NaN);
                        if (question.preferNotToSay().isPresent()) {
                            declined[q] = new long[(respondents + 63) >>> 6];
                        }
                    }
                }
            }
            for (int b = 0; b < this.breakdowns.size(); b++) {
                if (breakdownIndex.put(this.breakdowns.get(b).id(), b) != null) {
                    throw new IllegalArgumentException(
                            "Breakdown " + this.breakdowns.get(b).id() + " is listed twice");
                }
            }
            final Set<String> scaleIds = new HashSet<>();
            for (Scale scale : this.scales) {
                if (!scaleIds.add(scale.id())) {
                    throw new IllegalArgumentException("Scale " + scale.id() + " is listed twice");
                }
                for (String item : scale.items()) {
                    final Integer q = questionIndex.get(item);
                    if (q == null || this.questions.get(q).kind() != QuestionKind.SCALE) {
                        throw new IllegalArgumentException(
                                "Scale " + scale.id() + ": " + item + " is not an ordered-scale question");
                    }
                }
            }
        }

        /**
         * Records an answer code: the one answer of a single or scale question (a later call
         * replaces it), one more ticked option of a multi question, or "prefer not to say" instead
         * of a number (replacing any number given).
         *
         * @throws IllegalArgumentException for an unknown question or code, or a code other than
         *     "prefer not to say" for a number question
         * @throws IndexOutOfBoundsException if the respondent is not from 0 to respondents - 1
         */
        public Builder answer(int respondent, String question, String code) {
            final int q = question(question);
            Objects.checkIndex(respondent, respondents);
            final Integer stored = optionCodes.get(q).get(code);
            if (stored == null) {
                throw new IllegalArgumentException("Question " + question + " has no option " + code);
            }
            switch (questions.get(q).kind()) {
                case SINGLE, SCALE -> codes[q][respondent] = stored;
                case MULTI -> choices[q][respondent] |= 1L << (stored - 1);
                case NUMBER -> {
                    // A number question's only code is "prefer not to say", stored as k + 2 = 2.
                    numbers[q][respondent] = Double.NaN;
                    declined[q][respondent >>> 6] |= 1L << respondent;
                }
            }
            return this;
        }

        /**
         * Records the answer to a number question; a later call, or "prefer not to say", replaces
         * it.
         *
         * @throws IllegalArgumentException for an unknown question, one that is not a number
         *     question, or a value that is not finite
         */
        public Builder number(int respondent, String question, double value) {
            final int q = question(question);
            Objects.checkIndex(respondent, respondents);
            if (numbers[q] == null || !Double.isFinite(value)) {
                throw new IllegalArgumentException("Question " + question + " cannot take the number " + value);
            }
            numbers[q][respondent] = value;
            if (declined[q] != null) {
                declined[q][respondent >>> 6] &= ~(1L << respondent);
            }
            return this;
        }

        /**
         * Puts a respondent in a group of a breakdown.
         *
         * @throws IllegalArgumentException for an unknown breakdown or group
         */
        public Builder group(int respondent, String breakdown, String group) {
            if (built) {
                throw new IllegalStateException("This builder has already built its dataset");
            }
            Objects.checkIndex(respondent, respondents);
            final Integer b = breakdownIndex.get(breakdown);
            if (b == null) {
                throw new IllegalArgumentException("No breakdown " + breakdown);
            }
            final Integer position = groupCodes.get(b).get(group);
            if (position == null) {
                throw new IllegalArgumentException("Breakdown " + breakdown + " has no group " + group);
            }
            groups[b][respondent] = position;
            return this;
        }

        /** The dataset; the builder cannot be used afterwards. */
        public Dataset build() {
            if (built) {
                throw new IllegalStateException("This builder has already built its dataset");
            }
            built = true;
            final Dataset dataset = new Dataset(this);
            // The dataset now owns the arrays; dropping them here keeps it immutable.
            codes = null;
            choices = null;
            numbers = null;
            declined = null;
            groups = null;
            return dataset;
        }

        private int question(String id) {
            if (built) {
                throw new IllegalStateException("This builder has already built its dataset");
            }
            final Integer q = questionIndex.get(id);
            if (q == null) {
                throw new IllegalArgumentException("No question " + id);
            }
            return q;
        }

        /** Stored code of each option: 1..k, then not applicable and prefer not to say. */
        private static Map<String, Integer> storedCodes(Question question) {
            final Map<String, Integer> stored = positions(question.options());
            final int k = question.options().size();
            question.notApplicable().ifPresent(option -> put(stored, option.code(), k + 1, question));
            question.preferNotToSay().ifPresent(option -> put(stored, option.code(), k + 2, question));
            return stored;
        }

        private static Map<String, Integer> positions(List<Option> options) {
            final Map<String, Integer> positions = new HashMap<>();
            for (int i = 0; i < options.size(); i++) {
                if (positions.put(options.get(i).code(), i + 1) != null) {
                    throw new IllegalArgumentException("Code " + options.get(i).code() + " is listed twice");
                }
            }
            return positions;
        }

        private static void put(Map<String, Integer> stored, String code, int value, Question question) {
            if (stored.put(code, value) != null) {
                throw new IllegalArgumentException("Question " + question.id() + " lists " + code + " twice");
            }
        }
    }
}
