package org.waymark.survey.studies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Errors found by the real {@link DefinitionReader} land on the line of the text they concern. Each
 * expected line is found by searching the text for what that line holds, not written as a number.
 */
class DefinitionLinesTests {

    private static final DefinitionReader READER = TestDefinitions.reader();

    /** The minimal test study, pretty-printed, so that every field starts a line of its own. */
    private static String prettyMinimal(TestDefinitions definition) {
        return TestDefinitions.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(definition.root());
    }

    /** The 1-based number of the first line containing {@code text}, after line {@code after}. */
    private static int lineContaining(String json, String text, int after) {
        String[] lines = json.split("\n", -1);
        for (int i = after; i < lines.length; i++) {
            if (lines[i].contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line holds " + text);
    }

    private static DefinitionLines.Listing listed(String json) {
        List<DefinitionError> errors = catchThrowableOfType(InvalidDefinitionException.class, () -> READER.read(json))
                .errors();
        return DefinitionLines.of(json, errors);
    }

    @Test
    void placesASemanticErrorAtTheLineOfItsField() {
        var definition = TestDefinitions.minimal();
        // The second section's first question, a single choice, left with one option.
        definition.question(1, 0).withArray("options").remove(1);
        String json = prettyMinimal(definition);

        var listing = listed(json);

        int secondSection = lineContaining(json, "\"Second\"", 0);
        int options = lineContaining(json, "\"options\"", secondSection);
        assertThat(listing.errors()).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo("$.sections[1].questions[0].options");
            assertThat(error.line()).isEqualTo(options);
        });
    }

    @Test
    void placesAnErrorAboutAMissingFieldAtTheObjectThatShouldHoldIt() {
        var definition = TestDefinitions.minimal();
        definition.question(0, 1).remove("text");
        String json = prettyMinimal(definition);

        var listing = listed(json);

        // $.sections[0].questions[1].text is not in the text: the question's own opening brace is.
        int question = lineContaining(json, "\"ethnicity\"", 0) - 1;
        assertThat(json.split("\n")[question - 1].strip()).isEqualTo("}, {");
        assertThat(listing.errors()).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo("$.sections[0].questions[1].text");
            assertThat(error.line()).isEqualTo(question);
        });
    }

    @Test
    void placesEachOfSeveralErrorsOnItsOwnLineInLineOrder() {
        var definition = TestDefinitions.minimal();
        ((tools.jackson.databind.node.ObjectNode) definition.sections().get(1)).put("title", "");
        definition.question(0, 0).put("id", "adult!");
        String json = prettyMinimal(definition);

        var listing = listed(json);

        int emptyTitle = lineContaining(json, "\"title\" : \"\"", 0);
        int badId = lineContaining(json, "\"adult!\"", 0);
        assertThat(badId).isLessThan(emptyTitle);
        assertThat(listing.errors()).extracting(DefinitionLines.Located::line).containsExactly(badId, emptyTitle);
        assertThat(listing.rows())
                .filteredOn(row -> !row.errors().isEmpty())
                .extracting(DefinitionLines.Row::number)
                .containsExactly(badId, emptyTitle);
    }

    @Test
    void placesUnreadableJsonWhereTheReaderStopped() {
        String json = """
                {
                  "id": "broken",
                  "version": 1,
                  "title": "A missing comma"
                  "consent": {}
                }
                """;

        var listing = listed(json);

        assertThat(listing.errors()).singleElement().satisfies(error -> {
            assertThat(error.message()).contains("near line 5");
            assertThat(error.line()).isEqualTo(5);
        });
    }

    @Test
    void placesADuplicateFieldWhereTheReaderStopped() {
        String json = "{\n  \"id\": \"twice\",\n  \"version\": 1,\n  \"id\": \"again\"\n}\n";

        var listing = listed(json);

        assertThat(listing.errors()).singleElement().satisfies(error -> {
            assertThat(error.message()).contains("a field appears twice");
            assertThat(error.line()).isEqualTo(4);
        });
    }

    @Test
    void countsWindowsLineEndingsAsABrowserSendsThem() {
        var definition = TestDefinitions.minimal();
        definition.question(1, 0).withArray("options").remove(1);
        String unix = prettyMinimal(definition);
        String json = unix.replace("\n", "\r\n");

        var listing = listed(json);

        int options = lineContaining(unix, "\"options\"", lineContaining(unix, "\"Second\"", 0));
        assertThat(listing.errors())
                .singleElement()
                .extracting(DefinitionLines.Located::line)
                .isEqualTo(options);
        assertThat(listing.rows().get(options - 1).text()).doesNotContain("\r");
    }

    @Test
    void listsALongDefinitionOnlyAroundItsErrors() {
        var definition = TestDefinitions.minimal();
        definition.question(1, 0).withArray("options").remove(1);
        // Blank lines after the opening brace make it longer than a listing shows whole, and are valid JSON.
        String json = "{" + "\n".repeat(DefinitionLines.WHOLE_LISTING_LINES)
                + prettyMinimal(definition).substring(1);

        var listing = listed(json);

        int error = listing.errors().getFirst().line();
        assertThat(error).isGreaterThan(DefinitionLines.WHOLE_LISTING_LINES);
        assertThat(listing.rows().getFirst().gap())
                .as("the lines before are left out")
                .isTrue();
        assertThat(listing.rows().stream().filter(row -> !row.gap()))
                .extracting(DefinitionLines.Row::number)
                .hasSize(2 * DefinitionLines.CONTEXT_LINES + 1)
                .allSatisfy(number ->
                        assertThat(Math.abs(number - error)).isLessThanOrEqualTo(DefinitionLines.CONTEXT_LINES));
    }
}
