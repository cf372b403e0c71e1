package org.waymark.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Synthetic free-text answers for the index benchmark, made the way survey-api's search benchmark makes
 * them, without a database: each answer joins sentences the Waymark team wrote for the demo (an opening,
 * one or two middles, sometimes a closing), and a third end with a few words drawn, most common first
 * (Zipf), from the 2,048 words of the resume codes. Responses hold 2 to 5 answers to different questions
 * and a group in each of five groupings shaped like the CPA & Recovery study's. The sentences and words
 * are read from survey-api's resources, as data: this module does not depend on survey-api. The same
 * seed gives the same answers.
 */
final class SyntheticCorpus {

    static final String STUDY = "cpa-recovery";

    /** Grouping ids and their groups; an empty string stands for participants with no group there. */
    static final Map<String, List<String>> GROUPINGS = groupings();

    private static final Path RESOURCES = Path.of("..", "survey-api", "src", "main", "resources");
    private static final Pattern QUESTION = Pattern.compile("^ {2}\"(\\w+)\": \\{");
    private static final Pattern PART = Pattern.compile("^ {4}\"(openings|middles|closings)\": \\[");
    private static final Pattern SENTENCE = Pattern.compile("^ {6}\"(.*)\",?$");
    private static final Pattern RULE = Pattern.compile("\"code\": \"(\\w+)\".*\"rule\": \"((?:[^\"\\\\]|\\\\.)*)\"");

    private final Map<String, List<List<String>>> fragments;
    private final List<String> questions;
    private final List<String> tail;
    private final double[] tailWeights;
    private final SplittableRandom random = new SplittableRandom(20_261_203L);

    private SyntheticCorpus(Map<String, List<List<String>>> fragments, List<String> tail) {
        this.fragments = fragments;
        this.questions = List.copyOf(fragments.keySet());
        this.tail = tail;
        this.tailWeights = new double[tail.size()];
        double sum = 0;
        for (int rank = 0; rank < tail.size(); rank++) {
            sum += 1.0 / (rank + 1);
            tailWeights[rank] = sum;
        }
    }

    static SyntheticCorpus load() throws IOException {
        Map<String, List<List<String>>> fragments = new TreeMap<>();
        List<List<String>> parts = null;
        List<String> part = null;
        for (String line : Files.readAllLines(RESOURCES.resolve("demo/text-fragments.json"), StandardCharsets.UTF_8)) {
            Matcher question = QUESTION.matcher(line);
            Matcher kind = PART.matcher(line);
            Matcher sentence = SENTENCE.matcher(line);
            if (question.find()) {
                parts = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
                fragments.put(question.group(1), parts);
                part = null;
            } else if (kind.find() && parts != null) {
                part = parts.get(List.of("openings", "middles", "closings").indexOf(kind.group(1)));
            } else if (sentence.find() && part != null) {
                part.add(sentence.group(1));
            }
        }
        if (fragments.isEmpty()
                || fragments.values().stream().anyMatch(kinds -> kinds.get(1).isEmpty())) {
            throw new IllegalStateException("demo/text-fragments.json has changed shape; update SyntheticCorpus");
        }
        List<String> words = Files.readAllLines(RESOURCES.resolve("codes/words.txt"), StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank())
                .toList();
        return new SyntheticCorpus(fragments, words);
    }

    /** The shipped recovery frame's theme rules, by theme code. */
    static Map<String, String> themeRules() throws IOException {
        Map<String, String> rules = new LinkedHashMap<>();
        for (String line :
                Files.readAllLines(RESOURCES.resolve("themes/recovery-meaning.json"), StandardCharsets.UTF_8)) {
            Matcher rule = RULE.matcher(line);
            if (rule.find()) {
                rules.put(rule.group(1), rule.group(2).replace("\\\"", "\""));
            }
        }
        return rules;
    }

    /** The answers of the next response. */
    List<AnswerDocument> response(long key) {
        Map<String, String> groups = new LinkedHashMap<>();
        GROUPINGS.forEach((grouping, values) -> {
            String group = values.get(random.nextInt(values.size()));
            if (!group.isEmpty()) {
                groups.put(grouping, group);
            }
        });
        List<String> open = new ArrayList<>(questions);
        int count = 2 + random.nextInt(4);
        List<AnswerDocument> answers = new ArrayList<>(count);
        for (int i = 0; i < count && !open.isEmpty(); i++) {
            String question = open.remove(random.nextInt(open.size()));
            answers.add(new AnswerDocument(STUDY, key, "R" + key, question, 1, text(fragments.get(question)), groups));
        }
        return answers;
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

    private static Map<String, List<String>> groupings() {
        Map<String, List<String>> groupings = new LinkedHashMap<>();
        groupings.put("community", List.of("african_caribbean", "", "", ""));
        groupings.put("gender", List.of("woman", "man", "another", ""));
        groupings.put("compulsory", List.of("detained", "not_detained"));
        groupings.put("detention_history", List.of("never", "civil_only", "part_three", "cto"));
        groupings.put("age_band", List.of("18-24", "25-34", "35-44", "45-54", "55-64", "65+"));
        return groupings;
    }
}
