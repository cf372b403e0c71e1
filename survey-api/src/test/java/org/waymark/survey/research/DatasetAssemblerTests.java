package org.waymark.survey.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.waymark.analysis.disclosure.DisclosureProfile;
import org.waymark.analysis.survey.Dataset;
import org.waymark.analysis.survey.GroupSummary;
import org.waymark.analysis.survey.QuestionSummary;
import org.waymark.analysis.survey.SurveyAnalysis;
import org.waymark.analysis.survey.SurveyReport;
import org.waymark.survey.studies.TestDefinitions;
import org.waymark.survey.studies.ValidatedDefinition;

class DatasetAssemblerTests {

    private final ValidatedDefinition study = TestDefinitions.minimal().read();

    private static SurveyReport internal(Dataset dataset) {
        return SurveyAnalysis.withDefaults().with(DisclosureProfile.INTERNAL).run(dataset);
    }

    private static QuestionSummary question(SurveyReport report, String id) {
        return report.questions().stream()
                .filter(question -> question.question().equals(id))
                .findFirst()
                .orElseThrow();
    }

    private static long count(GroupSummary group, String code) {
        return group.categories().stream()
                .filter(category -> category.code().equals(code))
                .findFirst()
                .orElseThrow()
                .count()
                .value()
                .orElseThrow();
    }

    @Test
    void takesTheClosedQuestionsInTheDefinitionsOrder() {
        Dataset dataset = new DatasetAssembler(study, study.groupings(), 0).finish();
        assertThat(dataset.questions())
                .extracting(question -> question.id())
                .containsExactly("adult", "ethnicity", "ever_detained", "detained_sections", "support_medication");
        assertThat(dataset.questions().get(4).notApplicable().orElseThrow().code())
                .isEqualTo("never_had");
        assertThat(dataset.questions().get(1).preferNotToSay()).contains(DatasetAssembler.PREFER_NOT_TO_SAY);
        assertThat(dataset.breakdowns())
                .extracting(breakdown -> breakdown.id())
                .containsExactly("community", "detained", "sections", "history");
    }

    @Test
    void placesEachRespondentInGroupsByTheStudysRules() {
        DatasetAssembler assembler = new DatasetAssembler(study, study.groupings(), 3);
        assembler.accept(10, "ethnicity", "code", "black_african");
        assembler.accept(10, "ever_detained", "code", "yes");
        assembler.accept(10, "detained_sections", "codes", "s2;s37");
        assembler.accept(11, "ethnicity", "prefer_not_to_say", null);
        assembler.accept(11, "ever_detained", "code", "yes");
        assembler.accept(12, null, null, null);
        SurveyReport report = internal(assembler.finish());

        QuestionSummary detained = question(report, "ever_detained");
        var history = detained.breakdowns().get(3).groups();
        assertThat(count(history.get(0), "yes")).as("part III: a section 37").isEqualTo(1);
        assertThat(count(history.get(1), "yes")).as("civil only").isEqualTo(1);
        var community = detained.breakdowns().get(0).groups();
        assertThat(community.get(0).base().value())
                .as("prefer not to say is in no group")
                .hasValue(1);
        assertThat(community.get(1).base().value()).hasValue(0);
        assertThat(question(report, "ethnicity").overall().preferNotToSay().value())
                .hasValue(1);
        assertThat(question(report, "detained_sections").overall().base().value())
                .hasValue(1);
        assertThat(report.responses())
                .as("a response with no answers still counts")
                .isEqualTo(3);
    }

    @Test
    void leavesOutAnswersThatNoLongerFitTheCurrentDefinition() {
        DatasetAssembler assembler = new DatasetAssembler(study, study.groupings(), 2);
        assembler.accept(1, "ethnicity", "code", "a_code_since_removed");
        assembler.accept(1, "question_since_removed", "code", "yes");
        assembler.accept(1, "ever_detained", "codes", "yes");
        assembler.accept(1, "detained_sections", "codes", "s2;s99");
        assembler.accept(1, "adult", "prefer_not_to_say", null);
        assembler.accept(2, "ethnicity", "code", "white_british");
        SurveyReport report = internal(assembler.finish());

        assertThat(question(report, "ethnicity").overall().base().value()).hasValue(1);
        assertThat(question(report, "ever_detained").overall().base().value()).hasValue(0);
        assertThat(question(report, "detained_sections").overall().base().value())
                .hasValue(0);
        assertThat(question(report, "adult").overall().preferNotToSay().value())
                .as("adult does not offer prefer not to say")
                .hasValue(0);
        assertThat(report.responses()).isEqualTo(2);
    }

    @Test
    void refusesMoreResponsesThanCounted() {
        DatasetAssembler assembler = new DatasetAssembler(study, study.groupings(), 1);
        assembler.accept(1, "adult", "code", "yes");
        assertThatThrownBy(() -> assembler.accept(2, "adult", "code", "yes")).isInstanceOf(IllegalStateException.class);
    }
}
