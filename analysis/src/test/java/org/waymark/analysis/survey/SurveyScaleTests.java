package org.waymark.analysis.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A million respondents: the columnar dataset and the one-pass counting hold at the largest
 * size. Speed and memory are measured by the benchmark command, not asserted here.
 */
class SurveyScaleTests {
    private static final int RESPONDENTS = 1_000_000;

    @Test
    void countsAMillionRespondentsByThreeBreakdowns() {
        final List<Option> scale = options("a_lot", "quite", "some", "little", "never");
        final List<Question> questions = List.of(
                Question.scale("medication", "Medication", scale).withNotApplicable(Option.of("na", "N/A")),
                Question.scale("talking", "Talking therapy", scale),
                Question.single("plan", "Copy of care plan", options("yes", "no", "unsure"))
                        .withPreferNotToSay(Option.of("pnts", "Prefer not to say")),
                Question.multi("helps", "What helps", options("peers", "meds", "family", "faith", "work")));
        final List<Breakdown> breakdowns = List.of(
                Breakdown.of("community", "Community", options("a", "b", "c", "d", "e")),
                Breakdown.of("gender", "Gender", options("woman", "man", "nb")),
                Breakdown.of("compulsory", "Compulsory", options("never", "civil", "part3", "cto")));
        final Dataset.Builder builder = Dataset.builder(RESPONDENTS, questions, breakdowns);
        final SplittableRandom random = new SplittableRandom(20240414L);
        for (int r = 0; r < RESPONDENTS; r++) {
            for (Breakdown breakdown : breakdowns) {
                builder.group(r, breakdown.id(), pick(random, breakdown.groups()));
            }
            builder.answer(r, "medication", random.nextInt(20) == 0 ? "na" : pick(random, scale));
            builder.answer(r, "talking", pick(random, scale));
            builder.answer(r, "plan", pick(random, questions.get(2).options()));
            builder.answer(r, "helps", pick(random, questions.get(3).options()));
            builder.answer(r, "helps", pick(random, questions.get(3).options()));
        }
        final Dataset dataset = builder.build();
        final SurveyReport report = SurveyAnalysis.withDefaults().run(dataset);

        assertThat(dataset.respondents()).isEqualTo(RESPONDENTS);
        // Everyone answered "talking"; 1,000,000 is a multiple of 5, so rounding leaves it as it is.
        assertThat(report.questions().get(1).overall().base().value()).hasValue((long) RESPONDENTS);
        assertThat(report.tests()).isPositive();
    }

    private static List<Option> options(String... codes) {
        final List<Option> options = new ArrayList<>();
        for (String code : codes) {
            options.add(Option.of(code, code));
        }
        return options;
    }

    private static String pick(SplittableRandom random, List<Option> options) {
        return options.get(random.nextInt(options.size())).code();
    }
}
