package org.waymark.survey.demo;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.waymark.survey.studies.AnswerValue;
import org.waymark.survey.studies.StudyDefinition.EligibilityRule;
import org.waymark.survey.studies.StudyDefinition.Option;
import org.waymark.survey.studies.StudyDefinition.Question;
import org.waymark.survey.studies.StudyDefinition.Section;
import org.waymark.survey.studies.StudyDefinition.Statement;
import org.waymark.survey.studies.ValidatedDefinition;

/**
 * Makes up participants for the demo: the same seed gives the same people on every machine. Each
 * answers only what the study's conditions show them. A hidden "experience" score, lower for African
 * and African Caribbean participants and for women (as the CPA study reported), tilts their answers so
 * the demo's tables show differences worth exploring. Every answer is SYNTHETIC.
 */
final class SyntheticParticipants {

    record Participant(Map<String, AnswerValue> answers, List<String> statementsAgreed, LocalDateTime submittedAt) {}

    private static final Set<String> AFRICAN_CARIBBEAN =
            Set.of("black_african", "black_caribbean", "mixed_white_black_african", "mixed_white_black_caribbean");
    private static final Set<String> PART_III =
            Set.of("s35", "s36", "s37", "s37_41", "s38", "s45a", "s47", "s47_49", "s48");
    private static final Set<String> EXCLUSIVE = Set.of("none_of_these", "not_sure");
    private static final Map<String, Double> ETHNICITY_WEIGHTS = Map.of(
            "white_british", 30.0,
            "white_other", 10.0,
            "black_african", 14.0,
            "black_caribbean", 12.0,
            "mixed_white_black_caribbean", 4.0,
            "asian_indian", 5.0,
            "asian_bangladeshi", 4.0,
            "asian_pakistani", 3.0);
    private static final Map<String, Double> GENDER_WEIGHTS =
            Map.of("woman", 46.0, "man", 48.0, "non_binary", 4.0, "self_describe", 2.0);
    private static final LocalDateTime FIELDWORK_START = LocalDateTime.of(2025, 9, 1, 9, 0);

    private final ValidatedDefinition definition;
    private final TextFragments fragments;
    private final SplittableRandom random;
    private final Map<String, List<String>> eligibilityAccepts = new LinkedHashMap<>();

    SyntheticParticipants(ValidatedDefinition definition, TextFragments fragments, long seed) {
        this.definition = definition;
        this.fragments = fragments;
        this.random = new SplittableRandom(seed);
        for (EligibilityRule rule : definition.definition().eligibility()) {
            eligibilityAccepts.put(rule.question(), rule.accept());
        }
    }

    Participant next() {
        Map<String, AnswerValue> answers = new LinkedHashMap<>();
        double experience = random.nextGaussian();
        for (Section section : definition.definition().sections()) {
            for (Question question : section.questions()) {
                if (!definition.isShown(question.id(), answers)) {
                    continue;
                }
                experience = adjustExperience(question.id(), answers, experience);
                AnswerValue answer = answer(question, answers, experience);
                if (answer != null) {
                    answers.put(question.id(), answer);
                }
            }
        }
        List<String> agreed = new ArrayList<>();
        for (Statement statement : definition.definition().consent().statements()) {
            if (statement.required() || random.nextDouble() < 0.6) {
                agreed.add(statement.id());
            }
        }
        LocalDateTime submitted = FIELDWORK_START.plusMinutes(random.nextLong(180L * 24 * 60));
        return new Participant(answers, agreed, submitted);
    }

    /** Once ethnicity and gender are known, lower the experience score where the study found worse care. */
    private static double adjustExperience(String questionId, Map<String, AnswerValue> answers, double experience) {
        if (questionId.equals("gender") && answers.containsKey("ethnicity")) {
            if (answers.get("ethnicity").codes().stream().anyMatch(AFRICAN_CARIBBEAN::contains)) {
                return experience - 0.5;
            }
        }
        if (questionId.equals("age_band") && answers.containsKey("gender")) {
            if (answers.get("gender").codes().contains("woman")) {
                return experience - 0.3;
            }
        }
        return experience;
    }

    private AnswerValue answer(Question question, Map<String, AnswerValue> answers, double experience) {
        List<String> accepted = eligibilityAccepts.get(question.id());
        if (accepted != null) {
            return new AnswerValue.Choice(accepted.getFirst());
        }
        if (question.preferNotToSay() && random.nextDouble() < 0.03) {
            return new AnswerValue.PreferNotToSay();
        }
        if (!question.required()
                && question.type() != org.waymark.survey.studies.QuestionType.TEXT
                && random.nextDouble() < 0.03) {
            return null;
        }
        return switch (question.type()) {
            case SINGLE -> single(question, answers, experience);
            case SCALE -> scale(question, experience);
            case MULTI -> multi(question, answers);
            case TEXT ->
                random.nextDouble() < 0.7
                        ? fragments
                                .compose(question.id(), random)
                                .<AnswerValue>map(AnswerValue.Text::new)
                                .orElse(null)
                        : null;
            case NUMBER, DATE -> null;
        };
    }

    private AnswerValue single(Question question, Map<String, AnswerValue> answers, double experience) {
        List<String> codes = codes(question.options());
        if (question.id().equals("ethnicity")) {
            return new AnswerValue.Choice(weighted(codes, ETHNICITY_WEIGHTS));
        }
        if (question.id().equals("gender")) {
            return new AnswerValue.Choice(weighted(codes, GENDER_WEIGHTS));
        }
        if (question.id().equals("ever_detained") && codes.contains("yes")) {
            boolean marginalised = answers.getOrDefault("ethnicity", AnswerValue.Choices.EMPTY).codes().stream()
                    .anyMatch(AFRICAN_CARIBBEAN::contains);
            return new AnswerValue.Choice(random.nextDouble() < (marginalised ? 0.6 : 0.35) ? "yes" : "no");
        }
        if (codes.contains("yes") && codes.contains("no")) {
            if (codes.contains("not_sure") && random.nextDouble() < 0.1) {
                return new AnswerValue.Choice("not_sure");
            }
            double yes = 1 / (1 + Math.exp(-(0.6 + experience)));
            return new AnswerValue.Choice(random.nextDouble() < yes ? "yes" : "no");
        }
        return new AnswerValue.Choice(codes.get(random.nextInt(codes.size())));
    }

    /** Options run from best to worst; a better experience leans towards the first. */
    private AnswerValue scale(Question question, double experience) {
        if (question.notApplicable() != null && random.nextDouble() < 0.12) {
            return new AnswerValue.Choice(question.notApplicable().code());
        }
        List<String> codes = codes(question.options());
        int last = codes.size() - 1;
        double lean = question.id().equals("compulsion_effect") ? 0.75 : 0.35 - 0.2 * experience;
        long index = Math.round(last * lean + random.nextGaussian());
        return new AnswerValue.Choice(codes.get((int) Math.max(0, Math.min(last, index))));
    }

    private AnswerValue multi(Question question, Map<String, AnswerValue> answers) {
        List<String> chosen = new ArrayList<>();
        for (String code : codes(question.options())) {
            if (EXCLUSIVE.contains(code)) {
                continue;
            }
            double chance = PART_III.contains(code) ? 0.04 : 0.3;
            if (random.nextDouble() < chance) {
                chosen.add(code);
            }
        }
        if (chosen.isEmpty()) {
            List<String> fallback = codes(question.options()).stream()
                    .filter(EXCLUSIVE::contains)
                    .toList();
            chosen.add(fallback.isEmpty() ? question.options().getFirst().code() : fallback.getFirst());
        }
        return new AnswerValue.Choices(chosen);
    }

    private String weighted(List<String> codes, Map<String, Double> weights) {
        double total = codes.stream()
                .mapToDouble(code -> weights.getOrDefault(code, 1.0))
                .sum();
        double pick = random.nextDouble() * total;
        for (String code : codes) {
            pick -= weights.getOrDefault(code, 1.0);
            if (pick < 0) {
                return code;
            }
        }
        return codes.getLast();
    }

    private static List<String> codes(List<Option> options) {
        return options.stream().map(Option::code).toList();
    }
}
