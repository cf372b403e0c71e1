package org.waymark.survey.search;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.springframework.core.io.ClassPathResource;
import org.waymark.survey.BulkResponses;
import org.waymark.survey.studies.QuestionType;
import org.waymark.survey.studies.StudyDefinition;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Synthetic free-text answers for the search benchmark, all made up: each answer joins sentences the
 * Waymark team wrote for the demo ({@code demo/text-fragments.json}: an opening, one or two middles,
 * sometimes a closing), and a third of them end with a few words drawn, most common first (Zipf), from
 * the 2,048 words of the resume codes, so that the vocabulary has a long tail as real writing does.
 * Each response also answers the questions the groupings come from, so searches count participants per
 * group. The same seed gives the same answers.
 */
final class SyntheticAnswers {

    private static final List<String> GROUPING_QUESTIONS = List.of("ethnicity", "gender", "ever_detained", "age_band");
    private static final int MIN_TEXT_ANSWERS = 2;
    private static final int MAX_TEXT_ANSWERS = 5;

    private final Map<String, List<List<String>>> fragments;
    private final List<String> questions;
    private final Map<String, List<String>> groupingCodes;
    private final List<String> tail;
    private final double[] tailWeights;
    private final SplittableRandom random = new SplittableRandom(20_261_203L);
    private long textAnswers;

    private SyntheticAnswers(
            Map<String, List<List<String>>> fragments, Map<String, List<String>> groupingCodes, List<String> tail) {
        this.fragments = fragments;
        this.questions = List.copyOf(fragments.keySet());
        this.groupingCodes = groupingCodes;
        this.tail = tail;
        this.tailWeights = new double[tail.size()];
        double sum = 0;
        for (int rank = 0; rank < tail.size(); rank++) {
            sum += 1.0 / (rank + 1);
            tailWeights[rank] = sum;
        }
    }

    static SyntheticAnswers load(StudyDefinition definition) throws IOException {
        Map<String, List<List<String>>> fragments = new TreeMap<>();
        try (InputStream in = new ClassPathResource("demo/text-fragments.json").getInputStream()) {
            for (var entry : JsonMapper.shared().readTree(in).properties()) {
                if (!entry.getKey().startsWith("_")) {
                    JsonNode parts = entry.getValue();
                    fragments.put(
                            entry.getKey(),
                            List.of(
                                    strings(parts.get("openings")),
                                    strings(parts.get("middles")),
                                    strings(parts.get("closings"))));
                }
            }
        }
        Map<String, List<String>> codes = new TreeMap<>();
        for (StudyDefinition.Section section : definition.sections()) {
            for (StudyDefinition.Question question : section.questions()) {
                if (GROUPING_QUESTIONS.contains(question.id())) {
                    codes.put(
                            question.id(),
                            question.options().stream()
                                    .map(StudyDefinition.Option::code)
                                    .toList());
                }
                if (fragments.containsKey(question.id()) && question.type() != QuestionType.TEXT) {
                    throw new IllegalStateException(question.id() + " is not a free-text question");
                }
            }
        }
        List<String> words;
        try (InputStream in = new ClassPathResource("codes/words.txt").getInputStream()) {
            words = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(line -> !line.isBlank())
                    .toList();
        }
        return new SyntheticAnswers(fragments, codes, words);
    }

    /** How many free-text answers the responses made so far hold. */
    long textAnswers() {
        return textAnswers;
    }

    /** The answers of the next response: the grouping questions, then two to five free-text answers. */
    List<BulkResponses.Row> answersFor(int response) {
        List<BulkResponses.Row> rows = new ArrayList<>();
        groupingCodes.forEach((question, codes) ->
                rows.add(new BulkResponses.Row(question, "code", codes.get(random.nextInt(codes.size())))));
        List<String> open = new ArrayList<>(questions);
        int count = MIN_TEXT_ANSWERS + random.nextInt(MAX_TEXT_ANSWERS - MIN_TEXT_ANSWERS + 1);
        for (int i = 0; i < count && !open.isEmpty(); i++) {
            String question = open.remove(random.nextInt(open.size()));
            rows.add(new BulkResponses.Row(question, "text", text(fragments.get(question))));
            textAnswers++;
        }
        return rows;
    }

    String describe() {
        return String.format(
                Locale.ROOT,
                "synthetic answers to %d free-text questions, each 2 to 4 sentences from the demo's %d written"
                        + " fragments, a third with a tail of words from a %,d-word list (Zipf); 2 to 5 answers"
                        + " per response",
                questions.size(),
                fragments.values().stream()
                        .flatMap(List::stream)
                        .mapToInt(List::size)
                        .sum(),
                tail.size());
    }

    private String text(List<List<String>> parts) {
        StringBuilder text = new StringBuilder(pick(parts.get(0)));
        text.append(' ').append(pick(parts.get(1)));
        if (random.nextBoolean()) {
            text.append(' ').append(pick(parts.get(1)));
        }
        if (random.nextInt(3) == 0 && !parts.get(2).isEmpty()) {
            text.append(' ').append(pick(parts.get(2)));
        }
        if (random.nextInt(3) == 0) {
            int words = 1 + random.nextInt(4);
            for (int i = 0; i < words; i++) {
                text.append(' ').append(tailWord());
            }
        }
        return text.toString();
    }

    private String pick(List<String> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    private String tailWord() {
        double point = random.nextDouble() * tailWeights[tailWeights.length - 1];
        int index = Arrays.binarySearch(tailWeights, point);
        return tail.get(index >= 0 ? index : -index - 1);
    }

    private static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        if (array != null) {
            array.forEach(node -> strings.add(node.asString()));
        }
        return strings;
    }
}
