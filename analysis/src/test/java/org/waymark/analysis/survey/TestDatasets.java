package org.waymark.analysis.survey;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Builds small datasets for tests from blocks of identical respondents: {@code respondents(10,
 * "helped", "yes", "gender", "woman")} adds ten who answered yes and are women; {@code alsoAnswer}
 * and {@code alsoIn} add to the last block.
 */
final class TestDatasets {
    private final List<Question> questions;
    private final List<Breakdown> breakdowns;
    private final List<List<BiConsumer<Dataset.Builder, Integer>>> blocks = new ArrayList<>();
    private final List<Integer> sizes = new ArrayList<>();

    private TestDatasets(List<Question> questions, List<Breakdown> breakdowns) {
        this.questions = questions;
        this.breakdowns = breakdowns;
    }

    static TestDatasets of(List<Question> questions, List<Breakdown> breakdowns) {
        return new TestDatasets(questions, breakdowns);
    }

    /** Pairs of (question, code) or (breakdown, group), told apart by the dataset's definitions. */
    TestDatasets respondents(int count, String... pairs) {
        blocks.add(new ArrayList<>());
        sizes.add(count);
        for (int i = 0; i < pairs.length; i += 2) {
            add(pairs[i], pairs[i + 1]);
        }
        return this;
    }

    TestDatasets respondentWithNumber(String question, double value, String breakdown, String group) {
        respondents(1, breakdown, group);
        last().add((builder, r) -> builder.number(r, question, value));
        return this;
    }

    TestDatasets alsoAnswer(String question, String code) {
        add(question, code);
        return this;
    }

    TestDatasets alsoIn(String breakdown, String group) {
        add(breakdown, group);
        return this;
    }

    Dataset build() {
        final int total = sizes.stream().mapToInt(Integer::intValue).sum();
        final Dataset.Builder builder = Dataset.builder(total, questions, breakdowns);
        int respondent = 0;
        for (int b = 0; b < blocks.size(); b++) {
            for (int k = 0; k < sizes.get(b); k++, respondent++) {
                for (BiConsumer<Dataset.Builder, Integer> step : blocks.get(b)) {
                    step.accept(builder, respondent);
                }
            }
        }
        return builder.build();
    }

    private void add(String name, String code) {
        final boolean isBreakdown =
                breakdowns.stream().anyMatch(breakdown -> breakdown.id().equals(name));
        last().add(
                        isBreakdown
                                ? (builder, r) -> builder.group(r, name, code)
                                : (builder, r) -> builder.answer(r, name, code));
    }

    private List<BiConsumer<Dataset.Builder, Integer>> last() {
        return blocks.get(blocks.size() - 1);
    }
}
