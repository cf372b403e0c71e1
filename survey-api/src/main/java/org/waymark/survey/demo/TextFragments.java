package org.waymark.survey.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sentences the Waymark team wrote for the demo's free-text answers, per question: an answer is an
 * opening, a middle and sometimes a closing. Nothing here comes from a real participant.
 */
record TextFragments(Map<String, Parts> byQuestion) {

    record Parts(List<String> openings, List<String> middles, List<String> closings) {}

    static TextFragments load(JsonMapper json) {
        try (InputStream in = new ClassPathResource("demo/text-fragments.json").getInputStream()) {
            JsonNode root = json.readTree(in);
            Map<String, Parts> parts = new HashMap<>();
            for (var entry : root.properties()) {
                if (entry.getKey().startsWith("_")) {
                    continue;
                }
                JsonNode node = entry.getValue();
                parts.put(
                        entry.getKey(),
                        new Parts(
                                strings(node.get("openings")),
                                strings(node.get("middles")),
                                strings(node.get("closings"))));
            }
            return new TextFragments(Map.copyOf(parts));
        } catch (IOException e) {
            throw new UncheckedIOException("the demo text fragments are missing from the build", e);
        }
    }

    Optional<String> compose(String questionId, RandomGenerator random) {
        Parts parts = byQuestion.get(questionId);
        if (parts == null || parts.openings().isEmpty() || parts.middles().isEmpty()) {
            return Optional.empty();
        }
        StringBuilder text =
                new StringBuilder(pick(parts.openings(), random)).append(' ').append(pick(parts.middles(), random));
        if (!parts.closings().isEmpty() && random.nextDouble() < 0.6) {
            text.append(' ').append(pick(parts.closings(), random));
        }
        return Optional.of(text.toString());
    }

    private static String pick(List<String> items, RandomGenerator random) {
        return items.get(random.nextInt(items.size()));
    }

    private static List<String> strings(JsonNode array) {
        if (array == null || !array.isArray()) {
            return List.of();
        }
        return array.valueStream().map(JsonNode::asString).toList();
    }
}
