package org.waymark.survey.studies;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.waymark.survey.studies.StudyDefinition.Grouping;
import org.waymark.survey.studies.StudyDefinition.Question;
import org.waymark.survey.studies.condition.Condition;
import org.waymark.survey.studies.condition.ConditionParser;
import org.waymark.survey.studies.condition.ConditionSyntaxException;

/**
 * The checks that need the whole definition: unique ids, options where a type needs them and nowhere
 * else, and every reference in a condition, eligibility rule, grouping or scale pointing at something
 * that exists. Conditions may only read questions asked earlier, so they can never form a cycle.
 */
final class SemanticValidator {

    static final int MAX_TEXT_LENGTH = 20_000;
    static final int DEFAULT_TEXT_LENGTH = 4_000;

    private final StudyDefinition definition;
    private final List<DefinitionError> errors = new ArrayList<>();
    private final Map<String, Question> questions = new LinkedHashMap<>();
    private final Map<String, String> questionPaths = new HashMap<>();
    private final Map<String, Condition> showIf = new HashMap<>();
    private final List<GroupingRule> groupings = new ArrayList<>();

    private SemanticValidator(StudyDefinition definition) {
        this.definition = definition;
    }

    static ValidatedDefinition check(StudyDefinition definition, String json) {
        SemanticValidator validator = new SemanticValidator(definition);
        validator.checkConsent();
        validator.checkSections();
        validator.checkEligibility();
        validator.checkGroupings();
        validator.checkScales();
        validator.checkFollowUp();
        if (!validator.errors.isEmpty()) {
            throw new InvalidDefinitionException(validator.errors);
        }
        return new ValidatedDefinition(definition, json, validator.questions, validator.showIf, validator.groupings);
    }

    /** Participants must be told why they would be contacted before they choose to leave details. */
    private void checkFollowUp() {
        var followUp = definition.followUp();
        if (followUp != null
                && followUp.enabled()
                && (followUp.purpose() == null || followUp.purpose().isBlank())) {
            error(
                    "$.followUp.purpose",
                    "must say, in plain words, why the study team would contact people who leave their details.");
        }
    }

    private void checkConsent() {
        var statements = definition.consent().statements();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < statements.size(); i++) {
            if (!ids.add(statements.get(i).id())) {
                error(
                        "$.consent.statements[" + i + "].id",
                        "repeats the statement id '" + statements.get(i).id() + "'.");
            }
        }
        for (int i = 0; i < statements.size(); i++) {
            if (statements.get(i).allowsQuotes() && statements.get(i).required()) {
                error(
                        "$.consent.statements[" + i + "].allowsQuotes",
                        "must be on an optional statement: people can take part without agreeing to be quoted.");
            }
        }
        if (statements.stream().filter(StudyDefinition.Statement::allowsQuotes).count() > 1) {
            error("$.consent.statements", "may mark only one statement with allowsQuotes.");
        }
        if (statements.stream().noneMatch(StudyDefinition.Statement::required)) {
            error("$.consent.statements", "must include at least one required statement (agreeing to take part).");
        }
    }

    private void checkSections() {
        Set<String> sectionIds = new HashSet<>();
        var sections = definition.sections();
        for (int s = 0; s < sections.size(); s++) {
            String sectionPath = "$.sections[" + s + "]";
            if (!sectionIds.add(sections.get(s).id())) {
                error(
                        sectionPath + ".id",
                        "repeats the section id '" + sections.get(s).id() + "'.");
            }
            var sectionQuestions = sections.get(s).questions();
            for (int q = 0; q < sectionQuestions.size(); q++) {
                checkQuestion(sectionQuestions.get(q), sectionPath + ".questions[" + q + "]");
            }
        }
    }

    private void checkQuestion(Question question, String path) {
        // Conditions see only the questions before this one, so parse them before registering it.
        if (question.showIf() != null) {
            Condition condition = condition(question.showIf(), path + ".showIf");
            if (condition != null) {
                showIf.put(question.id(), condition);
            }
        }
        if (ConditionParser.RESERVED_WORDS.contains(question.id())) {
            error(path + ".id", "'" + question.id() + "' is a word of the condition language; choose another id.");
        }
        if (questions.containsKey(question.id())) {
            error(
                    path + ".id",
                    "repeats the question id '" + question.id() + "', first used at " + questionPaths.get(question.id())
                            + ".");
        } else {
            questions.put(question.id(), question);
            questionPaths.put(question.id(), path);
        }
        QuestionType type = question.type();
        if (type.hasOptions()) {
            int least = type == QuestionType.MULTI ? 1 : 2;
            if (question.options().size() < least) {
                error(path + ".options", "a " + type.jsonName() + " question needs at least " + least + " option(s).");
            }
            Set<String> codes = new HashSet<>();
            for (int o = 0; o < question.options().size(); o++) {
                String code = question.options().get(o).code();
                if (!codes.add(code)) {
                    error(path + ".options[" + o + "].code", "repeats the option code '" + code + "'.");
                }
                if (AnswerValue.PREFER_NOT_TO_SAY.equals(code)) {
                    error(
                            path + ".options[" + o + "].code",
                            "'prefer_not_to_say' is reserved: set"
                                    + " \"preferNotToSay\": true on the question instead.");
                }
            }
            if (question.notApplicable() != null
                    && codes.contains(question.notApplicable().code())) {
                error(path + ".notApplicable.code", "must differ from the codes of the options.");
            }
        } else if (!question.options().isEmpty()) {
            error(path + ".options", "only single, multi and scale questions have options.");
        }
        if (question.notApplicable() != null && type != QuestionType.SCALE) {
            error(path + ".notApplicable", "only scale questions have a not-applicable option.");
        }
        if (question.maxLength() != null) {
            if (type != QuestionType.TEXT) {
                error(path + ".maxLength", "only text questions have a maximum length.");
            } else if (question.maxLength() < 1 || question.maxLength() > MAX_TEXT_LENGTH) {
                error(path + ".maxLength", "must be between 1 and " + MAX_TEXT_LENGTH + ".");
            }
        }
        if (type != QuestionType.NUMBER && (question.min() != null || question.max() != null || question.integer())) {
            error(path, "only number questions have min, max or integer.");
        }
        if (question.min() != null && question.max() != null && question.min().compareTo(question.max()) > 0) {
            error(path + ".min", "must not be greater than max.");
        }
    }

    private void checkEligibility() {
        var rules = definition.eligibility();
        for (int i = 0; i < rules.size(); i++) {
            String path = "$.eligibility[" + i + "]";
            Question question = questions.get(rules.get(i).question());
            if (question == null) {
                error(
                        path + ".question",
                        "refers to a question that does not exist: '"
                                + rules.get(i).question() + "'.");
                continue;
            }
            if (!question.type().hasOptions()) {
                error(path + ".question", "must be a single, multi or scale question, so the answer can be checked.");
                continue;
            }
            if (question.showIf() != null) {
                error(path + ".question", "an eligibility question must always be shown: remove its showIf.");
            }
            checkCodes(question, rules.get(i).accept(), path + ".accept");
        }
    }

    private void checkGroupings() {
        Set<String> ids = new HashSet<>();
        var all = definition.groupings();
        for (int i = 0; i < all.size(); i++) {
            Grouping grouping = all.get(i);
            String path = "$.groupings[" + i + "]";
            if (!ids.add(grouping.id())) {
                error(path + ".id", "repeats the grouping id '" + grouping.id() + "'.");
            }
            Question from = null;
            if (grouping.from() != null) {
                from = questions.get(grouping.from());
                if (from == null) {
                    error(path + ".from", "refers to a question that does not exist: '" + grouping.from() + "'.");
                    continue;
                }
                if (!from.type().hasOptions()) {
                    error(path + ".from", "must be a single, multi or scale question.");
                    continue;
                }
            } else if (grouping.groups().isEmpty()) {
                error(path, "needs 'from' (one group per option) or a list of 'groups'.");
                continue;
            }
            Map<String, Condition> whenByGroup = checkGroups(grouping, from, path);
            if (whenByGroup != null) {
                groupings.add(GroupingRule.of(grouping, from, whenByGroup));
            }
        }
    }

    private void checkScales() {
        Set<String> ids = new HashSet<>();
        var scales = definition.scales();
        for (int i = 0; i < scales.size(); i++) {
            var scale = scales.get(i);
            String path = "$.scales[" + i + "]";
            if (!ids.add(scale.id())) {
                error(path + ".id", "repeats the scale id '" + scale.id() + "'.");
            }
            Set<String> items = new HashSet<>();
            for (int j = 0; j < scale.items().size(); j++) {
                String item = scale.items().get(j);
                Question question = questions.get(item);
                String itemPath = path + ".items[" + j + "]";
                if (!items.add(item)) {
                    error(itemPath, "repeats the question '" + item + "'.");
                } else if (question == null) {
                    error(itemPath, "refers to a question that does not exist: '" + item + "'.");
                } else if (question.type() != QuestionType.SCALE) {
                    error(
                            itemPath,
                            "'" + item + "' is a " + question.type().jsonName()
                                    + " question; a scale's items must be scale questions, whose options are in"
                                    + " order.");
                }
            }
            if (scale.minAnswered() != null
                    && scale.minAnswered() > scale.items().size()) {
                error(
                        path + ".minAnswered",
                        "must not be more than the number of items ("
                                + scale.items().size() + ").");
            }
            Set<String> reversed = new HashSet<>();
            for (int j = 0; j < scale.reversed().size(); j++) {
                String item = scale.reversed().get(j);
                if (!reversed.add(item)) {
                    error(path + ".reversed[" + j + "]", "repeats the question '" + item + "'.");
                } else if (!items.contains(item)) {
                    error(path + ".reversed[" + j + "]", "'" + item + "' is not one of the scale's items.");
                }
            }
        }
    }

    private Map<String, Condition> checkGroups(Grouping grouping, Question from, String path) {
        int before = errors.size();
        Map<String, Condition> whenByGroup = new HashMap<>();
        Set<String> groupIds = new HashSet<>();
        for (int g = 0; g < grouping.groups().size(); g++) {
            var group = grouping.groups().get(g);
            String groupPath = path + ".groups[" + g + "]";
            if (!groupIds.add(group.id())) {
                error(groupPath + ".id", "repeats the group id '" + group.id() + "'.");
            }
            boolean hasCodes = !group.codes().isEmpty();
            boolean hasWhen = group.when() != null;
            if (hasCodes == hasWhen) {
                error(groupPath, "needs either 'codes' or 'when', not both and not neither.");
            } else if (hasCodes) {
                if (from == null) {
                    error(groupPath + ".codes", "codes need the grouping's 'from' question.");
                } else {
                    checkCodes(from, group.codes(), groupPath + ".codes");
                }
            } else {
                Condition when = condition(group.when(), groupPath + ".when");
                if (when != null) {
                    whenByGroup.put(group.id(), when);
                }
            }
        }
        if (grouping.otherwise() != null
                && groupIds.contains(grouping.otherwise().id())) {
            error(path + ".otherwise.id", "must differ from the ids of the groups.");
        }
        return errors.size() == before ? whenByGroup : null;
    }

    private Condition condition(String text, String path) {
        Condition condition;
        try {
            condition = ConditionParser.parse(text);
        } catch (ConditionSyntaxException e) {
            error(path, e.getMessage());
            return null;
        }
        int before = errors.size();
        condition.forEachReference(reference -> {
            Question question = questions.get(reference.question());
            if (question == null) {
                error(
                        path,
                        "refers to '" + reference.question() + "', which is not a question asked before this"
                                + " point. A condition can only use answers to earlier questions.");
            } else if (!reference.codes().isEmpty()) {
                if (!question.type().hasOptions()) {
                    error(
                            path,
                            "compares '" + reference.question() + "' with option codes, but it is a "
                                    + question.type().jsonName() + " question; use answered(" + reference.question()
                                    + ").");
                } else {
                    checkCodes(question, List.copyOf(reference.codes()), path);
                }
            }
        });
        return errors.size() == before ? condition : null;
    }

    private void checkCodes(Question question, List<String> codes, String path) {
        Set<String> known = new HashSet<>();
        question.options().forEach(option -> known.add(option.code()));
        if (question.notApplicable() != null) {
            known.add(question.notApplicable().code());
        }
        for (String code : codes) {
            if (!known.contains(code)) {
                error(path, "'" + code + "' is not an option of question '" + question.id() + "'.");
            }
        }
    }

    private void error(String path, String message) {
        errors.add(new DefinitionError(path, message));
    }
}
