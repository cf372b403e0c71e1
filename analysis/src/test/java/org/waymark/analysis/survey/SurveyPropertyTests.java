package org.waymark.analysis.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.waymark.analysis.disclosure.DisclosureProfile;

class SurveyPropertyTests {
    private static final List<Option> SCALE =
            List.of(Option.of("a_lot", "A lot"), Option.of("some", "Sometimes"), Option.of("never", "Never"));
    private static final List<Option> HELPS = List.of(Option.of("peers", "Peers"), Option.of("meds", "Medication"));
    private static final List<Question> QUESTIONS = List.of(
            Question.scale("medication", "Medication", SCALE).withNotApplicable(Option.of("na", "N/A")),
            Question.multi("helps", "What helps", HELPS).withPreferNotToSay(Option.of("pnts", "Prefer not to say")),
            Question.number("score", "Recovery score").withPreferNotToSay(Option.of("pnts", "Prefer not to say")),
            Question.scale("talking", "Talking therapy", SCALE));
    private static final List<Scale> SCALES = List.of(Scale.sum("support", "Support", List.of("medication", "talking"))
            .withMinAnswered(1)
            .withReversed(List.of("talking")));
    private static final Breakdown GENDER = Breakdown.of(
            "gender",
            "Gender",
            List.of(Option.of("woman", "Woman"), Option.of("man", "Man"), Option.of("nb", "Non-binary")));

    @Test
    void aReportDependsOnlyOnTheAnswersNotOnTheOrderOfRespondents() {
        final SplittableRandom random = new SplittableRandom(20240415L);
        for (int k = 0; k < 30; k++) {
            final int respondents = random.nextInt(1, 150);
            final int[][] answers = new int[respondents][];
            for (int r = 0; r < respondents; r++) {
                answers[r] = new int[] {
                    random.nextInt(5), random.nextInt(4), random.nextInt(4), random.nextInt(3), random.nextInt(20)
                };
            }
            final int[] order = shuffled(respondents, random);
            for (DisclosureProfile profile : DisclosureProfile.values()) {
                final SurveyAnalysis analysis = SurveyAnalysis.withDefaults().with(profile);

                assertThat(analysis.run(dataset(answers, order))).isEqualTo(analysis.run(dataset(answers, null)));
            }
        }
    }

    @Test
    void aDatasetJoinedFromPartsGivesTheReportOfTheWhole() {
        final SplittableRandom random = new SplittableRandom(20240416L);
        for (int k = 0; k < 20; k++) {
            final int respondents = random.nextInt(1, 300);
            final int[][] answers = new int[respondents][];
            for (int r = 0; r < respondents; r++) {
                answers[r] = new int[] {
                    random.nextInt(5), random.nextInt(4), random.nextInt(4), random.nextInt(4), random.nextInt(20)
                };
            }
            // Cut points anywhere, including inside a 64-respondent word of the bit columns.
            final int first = random.nextInt(respondents + 1);
            final int second = first + random.nextInt(respondents - first + 1);
            final Dataset joined = Dataset.concat(List.of(
                    dataset(Arrays.copyOfRange(answers, 0, first), null),
                    dataset(Arrays.copyOfRange(answers, first, second), null),
                    dataset(Arrays.copyOfRange(answers, second, respondents), null)));

            assertThat(joined.respondents()).isEqualTo(respondents);
            for (DisclosureProfile profile : DisclosureProfile.values()) {
                final SurveyAnalysis analysis = SurveyAnalysis.withDefaults().with(profile);
                assertThat(analysis.run(joined)).isEqualTo(analysis.run(dataset(answers, null)));
            }
        }
    }

    /** Respondent r of the dataset answers as answers[order[r]]; group 3 and answer 3 or 4 mean none. */
    private static Dataset dataset(int[][] answers, int[] order) {
        final Dataset.Builder builder = Dataset.builder(answers.length, QUESTIONS, List.of(GENDER), SCALES);
        for (int r = 0; r < answers.length; r++) {
            final int[] a = answers[order == null ? r : order[r]];
            if (a[0] < 3) {
                builder.group(r, "gender", GENDER.groups().get(a[0]).code());
            }
            if (a[1] < 3) {
                builder.answer(r, "medication", SCALE.get(a[1]).code());
            } else if (a[1] == 3) {
                builder.answer(r, "medication", "na");
            }
            if (a[2] < 2) {
                builder.answer(r, "helps", HELPS.get(a[2]).code());
            } else if (a[2] == 2) {
                builder.answer(r, "helps", "pnts");
            }
            if (a[3] > 1) {
                builder.number(r, "score", a[4]);
            } else if (a[3] == 1) {
                builder.answer(r, "score", "pnts");
            }
            if (a[4] % 5 < 3) {
                builder.answer(r, "talking", SCALE.get(a[4] % 5).code());
            }
        }
        return builder.build();
    }

    private static int[] shuffled(int size, SplittableRandom random) {
        final int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        for (int i = size - 1; i > 0; i--) {
            final int j = random.nextInt(i + 1);
            final int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }
}
