package org.waymark.survey.studies;

import jakarta.validation.Validation;
import java.util.function.Consumer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Builds study definitions for tests: a small valid study by default, changed by each test. */
public final class TestDefinitions {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final ObjectNode root;

    private TestDefinitions(ObjectNode root) {
        this.root = root;
    }

    /** A valid study with one consent statement, an eligibility question and two sections. */
    public static TestDefinitions minimal() {
        return new TestDefinitions((ObjectNode) JSON.readTree("""
                {
                  "id": "test-study", "version": 1, "title": "A test study",
                  "consent": {"version": "1", "statements": [
                    {"id": "take_part", "text": "I agree to take part.", "required": true},
                    {"id": "quote_me", "text": "You may quote me.", "required": false, "allowsQuotes": true}]},
                  "eligibility": [{"question": "adult", "accept": ["yes"], "message": "Sorry, adults only."}],
                  "sections": [
                    {"id": "first", "title": "First", "questions": [
                      {"id": "adult", "type": "single", "text": "Are you 18 or over?", "required": true,
                       "options": [{"code": "yes", "label": "Yes"}, {"code": "no", "label": "No"}]},
                      {"id": "ethnicity", "type": "single", "text": "Ethnic group", "preferNotToSay": true,
                       "options": [{"code": "black_african", "label": "Black African"},
                                   {"code": "black_caribbean", "label": "Black Caribbean"},
                                   {"code": "white_british", "label": "White British"}]}]},
                    {"id": "second", "title": "Second", "questions": [
                      {"id": "ever_detained", "type": "single", "text": "Ever detained?", "preferNotToSay": true,
                       "options": [{"code": "yes", "label": "Yes"}, {"code": "no", "label": "No"}]},
                      {"id": "detained_sections", "type": "multi", "text": "Which sections?",
                       "showIf": "ever_detained == 'yes'",
                       "options": [{"code": "s2", "label": "Section 2"}, {"code": "s3", "label": "Section 3"},
                                   {"code": "s37", "label": "Section 37"}]},
                      {"id": "support_medication", "type": "scale", "text": "Medication helped",
                       "options": [{"code": "a_lot", "label": "A lot"}, {"code": "not_at_all", "label": "Not at all"}],
                       "notApplicable": {"code": "never_had", "label": "I have not had this"}},
                      {"id": "recovery_meaning", "type": "text", "text": "What does recovery mean to you?",
                       "maxLength": 4000}]}],
                  "groupings": [
                    {"id": "community", "label": "Community", "from": "ethnicity",
                     "groups": [{"id": "african_caribbean", "label": "African and African Caribbean",
                                 "codes": ["black_african", "black_caribbean"]}],
                     "otherwise": {"id": "other_communities", "label": "Other communities"}},
                    {"id": "detained", "label": "Detained", "from": "ever_detained"},
                    {"id": "sections", "label": "Sections", "from": "detained_sections"},
                    {"id": "history", "label": "History", "groups": [
                      {"id": "part_iii", "label": "Part III", "when": "detained_sections in ['s37']"},
                      {"id": "civil", "label": "Civil only", "when": "ever_detained == 'yes'"}]}]
                }
                """));
    }

    /** Offers follow-up after submitting: participants may leave contact details. */
    public static final Consumer<ObjectNode> FOLLOW_UP = root -> root.set(
            "followUp",
            JSON.readTree("{\"enabled\": true, \"purpose\": \"We may invite you to a short follow-up"
                    + " interview about your answers. (Synthetic test study.)\"}"));

    public static DefinitionReader reader() {
        return new DefinitionReader(Validation.buildDefaultValidatorFactory().getValidator());
    }

    public TestDefinitions with(Consumer<ObjectNode> change) {
        change.accept(root);
        return this;
    }

    /** The {@code index}-th question of the {@code section}-th section, to change. */
    public ObjectNode question(int section, int index) {
        return (ObjectNode) sections().get(section).get("questions").get(index);
    }

    public ArrayNode sections() {
        return (ArrayNode) root.get("sections");
    }

    public ObjectNode root() {
        return root;
    }

    public String json() {
        return JSON.writeValueAsString(root);
    }

    public ValidatedDefinition read() {
        return reader().read(json());
    }
}
