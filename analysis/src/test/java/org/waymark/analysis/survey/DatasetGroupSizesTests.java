package org.waymark.analysis.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetGroupSizesTests {

    private static final Question HELPED =
            Question.single("helped", "Helped", List.of(Option.of("yes", "Yes"), Option.of("no", "No")));
    private static final Breakdown GENDER = Breakdown.of(
            "gender",
            "Gender",
            List.of(Option.of("woman", "Woman"), Option.of("man", "Man"), Option.of("non_binary", "Non-binary")));

    @Test
    void countsEachGroupInOrderAndLeavesOutRespondentsInNoGroup() {
        Dataset dataset = TestDatasets.of(List.of(HELPED), List.of(GENDER))
                .respondents(4, "helped", "yes", "gender", "man")
                .respondents(3, "helped", "no", "gender", "woman")
                .respondents(2, "helped", "no")
                .build();

        assertThat(dataset.groupSizes("gender")).containsExactly(3, 4, 0);
    }

    @Test
    void refusesAnUnknownBreakdown() {
        Dataset dataset =
                TestDatasets.of(List.of(HELPED), List.of(GENDER)).respondents(1).build();

        assertThatIllegalArgumentException().isThrownBy(() -> dataset.groupSizes("community"));
    }
}
