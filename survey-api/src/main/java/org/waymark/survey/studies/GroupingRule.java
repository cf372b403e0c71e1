package org.waymark.survey.studies;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.waymark.survey.studies.condition.Condition;

/**
 * A grouping from a study definition, ready to assign participants to groups. The first group that
 * matches wins, then {@code otherwise}; no answer or "prefer not to say" to the source question means
 * no group in this breakdown.
 */
public final class GroupingRule {

    /** A group a participant can be placed in. */
    public record Group(String id, String label) {}

    private record Matcher(Group group, Set<String> codes, Condition when) {
        boolean matches(AnswerValue source, Map<String, AnswerValue> answers) {
            if (when != null) {
                return when.test(answers);
            }
            return source.codes().stream().anyMatch(codes::contains);
        }
    }

    private final String id;
    private final String label;
    private final StudyDefinition.Question from;
    private final List<Matcher> matchers;
    private final Group otherwise;

    private GroupingRule(
            String id, String label, StudyDefinition.Question from, List<Matcher> matchers, Group otherwise) {
        this.id = id;
        this.label = label;
        this.from = from;
        this.matchers = List.copyOf(matchers);
        this.otherwise = otherwise;
    }

    /** Builds a rule from a grouping whose references have already been checked. */
    static GroupingRule of(
            StudyDefinition.Grouping grouping, StudyDefinition.Question from, Map<String, Condition> whenByGroup) {
        List<Matcher> matchers;
        if (grouping.groups().isEmpty()) {
            matchers = from.options().stream()
                    .map(option -> new Matcher(new Group(option.code(), option.label()), Set.of(option.code()), null))
                    .toList();
        } else {
            matchers = grouping.groups().stream()
                    .map(group -> new Matcher(
                            new Group(group.id(), group.label()),
                            Set.copyOf(group.codes()),
                            whenByGroup.get(group.id())))
                    .toList();
        }
        Group otherwise = grouping.otherwise() == null
                ? null
                : new Group(grouping.otherwise().id(), grouping.otherwise().label());
        return new GroupingRule(grouping.id(), grouping.label(), from, matchers, otherwise);
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    /** Every group this rule can assign, in order, {@code otherwise} last. */
    public List<Group> groups() {
        List<Group> groups =
                new java.util.ArrayList<>(matchers.stream().map(Matcher::group).toList());
        if (otherwise != null) {
            groups.add(otherwise);
        }
        return List.copyOf(groups);
    }

    /** The group these answers place a participant in, if any. */
    public Optional<Group> assign(Map<String, AnswerValue> answers) {
        AnswerValue source = AnswerValue.Choices.EMPTY;
        if (from != null) {
            source = answers.get(from.id());
            if (source == null || source instanceof AnswerValue.PreferNotToSay) {
                return Optional.empty();
            }
        }
        for (Matcher matcher : matchers) {
            if (matcher.matches(source, answers)) {
                return Optional.of(matcher.group());
            }
        }
        return Optional.ofNullable(otherwise);
    }
}
