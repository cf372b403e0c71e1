package org.waymark.survey.studies;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.waymark.survey.Fuzzing;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Seeded fuzzing of the definition reader: valid definitions (the test study and the bundled CPA
 * &amp; Recovery study) with random edits to their JSON tree or text. Whatever comes in, the reader
 * either accepts it, and then what it accepted reads back as valid in the published format, or refuses
 * it with {@link InvalidDefinitionException} alone, every error at a JSONPath with a message in plain
 * words. The long form runs with {@code -Pbenchmark} (docs/robustness.md).
 */
class DefinitionFuzzTests {

    private static final DefinitionReader READER = TestDefinitions.reader();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String MINIMAL = TestDefinitions.minimal().json();
    private static final String CPA = BundledStudies.cpaRecoveryJson();
    private static final String PATH = "\\$(\\.[A-Za-z_][A-Za-z0-9_]*|\\[\\d+]|\\['([^'\\\\]|\\\\.)*'])*";
    private static final List<String> CONDITIONS = List.of(
            "adult == 'yes'",
            "ever_detained == 'yes' and not answered(ethnicity)",
            "detained_sections in ['s2', 's99']",
            "recovery_meaning == 'yes'",
            "later_question == 'yes'",
            "adult ==",
            "and",
            "((((adult == 'no'))))");

    @Test
    void readsOrRefusesEveryEditedDefinitionWithPaths() {
        Fuzzing.run("definition", Fuzzing.SHORT, DefinitionFuzzTests::edited, DefinitionFuzzTests::readOrRefuse);
    }

    @Test
    void replaysTheKeptInputs() {
        Fuzzing.corpus("definition").forEach(DefinitionFuzzTests::readOrRefuse);
    }

    @Test
    @Tag("benchmark")
    void longForm() {
        Fuzzing.run(
                "definition",
                Fuzzing.longIterations() / 10,
                DefinitionFuzzTests::edited,
                DefinitionFuzzTests::readOrRefuse);
    }

    private static void readOrRefuse(String json) {
        ValidatedDefinition accepted;
        try {
            accepted = READER.read(json);
        } catch (InvalidDefinitionException refused) {
            assertThat(refused.errors()).isNotEmpty();
            refused.errors().forEach(error -> {
                assertThat(error.path()).matches(PATH);
                assertThat(error.message())
                        .isNotBlank()
                        .doesNotContain("Exception", "tools.jackson", "java.", "org.waymark");
            });
            return;
        }
        String published = DefinitionReader.toJson(accepted.definition());
        assertThat(READER.read(published).definition())
                .as("the accepted definition, written out, reads back the same")
                .isEqualTo(accepted.definition());
    }

    /** A valid definition with one to three random edits. */
    private static String edited(Random random) {
        String start = random.nextInt(4) == 0 ? CPA : MINIMAL;
        if (random.nextInt(5) == 0) {
            return textEdit(random, start);
        }
        JsonNode root = TestDefinitions.JSON.readTree(start);
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits; i++) {
            treeEdit(random, root);
        }
        return TestDefinitions.JSON.writeValueAsString(root);
    }

    private static String textEdit(Random random, String json) {
        int at = random.nextInt(json.length());
        return switch (random.nextInt(4)) {
            case 0 -> json.substring(0, at);
            case 1 -> json.substring(0, at) + Fuzzing.oddText(random) + json.substring(at);
            case 2 -> json.substring(0, at) + json.substring(Math.min(json.length(), at + 1 + random.nextInt(20)));
            default -> json.replaceFirst("\"title\"", "\"title\": \"again\", \"title\"");
        };
    }

    /** A random container in the tree, and a random field or element of it to change. */
    private static void treeEdit(Random random, JsonNode root) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode container = Fuzzing.pick(random, containers);
        if (container instanceof ObjectNode object) {
            List<String> names = new ArrayList<>(object.propertyNames());
            String name = names.isEmpty() || random.nextInt(6) == 0
                    ? Fuzzing.pick(random, List.of("showIf", "options", "notApplicable", "maxLength", "min", "x"))
                    : Fuzzing.pick(random, names);
            switch (random.nextInt(4)) {
                case 0 -> object.remove(name);
                case 1 -> object.set(name, randomValue(random, root));
                case 2 -> object.put("showIf", Fuzzing.pick(random, CONDITIONS));
                default -> object.set(name, Fuzzing.pick(random, containers).deepCopy());
            }
        } else if (container instanceof ArrayNode array && !array.isEmpty()) {
            int index = random.nextInt(array.size());
            switch (random.nextInt(4)) {
                case 0 -> array.remove(index);
                case 1 -> array.add(array.get(index).deepCopy());
                case 2 -> array.set(index, randomValue(random, root));
                default -> array.insert(0, array.get(index).deepCopy());
            }
        }
    }

    private static void collect(JsonNode node, List<JsonNode> containers) {
        if (node.isContainer()) {
            containers.add(node);
            node.values().forEach(child -> collect(child, containers));
        }
    }

    private static JsonNode randomValue(Random random, JsonNode root) {
        return switch (random.nextInt(12)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(random.nextInt(5) - 2);
            case 3 -> NODES.numberNode(new BigInteger("9".repeat(1 + random.nextInt(40))));
            case 4 -> NODES.numberNode(random.nextDouble() * 1e6);
            case 5 -> NODES.stringNode(Fuzzing.oddText(random));
            case 6 ->
                NODES.stringNode(Fuzzing.pick(random, List.of("single", "multi", "scale", "text", "number", "date")));
            case 7 ->
                NODES.stringNode(
                        Fuzzing.pick(random, List.of("adult", "ethnicity", "yes", "prefer_not_to_say", "and")));
            case 8 -> NODES.arrayNode();
            case 9 -> NODES.objectNode();
            case 10 -> NODES.arrayNode().add(NODES.nullNode());
            default -> root.deepCopy();
        };
    }
}
