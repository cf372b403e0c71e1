package org.waymark.survey.themes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.waymark.analysis.disclosure.DisclosureProfile;
import org.waymark.analysis.keyness.Keyness;
import org.waymark.search.AnswerAnalyzers;
import org.waymark.survey.studies.GroupingRule;
import org.waymark.survey.studies.StudyService;
import org.waymark.survey.studies.ValidatedDefinition;
import org.waymark.survey.web.ApiProblemException;

/**
 * Words one group uses more than everyone else, to help find themes: log-likelihood keyness (G2) of each
 * word's count in the group's free text against the rest. A word is listed only if more participants of
 * the group used it than the disclosure threshold, so a rare word cannot point at one person.
 */
@Service
class SignificantTerms {

    /** One word: how often the group and the rest used it, and how strongly it marks the group. */
    record Term(
            String word,
            long inGroup,
            long groupWords,
            long inRest,
            long restWords,
            int participants,
            double logLikelihood,
            double pValue,
            double logRatio) {}

    record Terms(String studyId, String by, String group, String question, String disclosure, List<Term> terms) {}

    static final int MAX_TERMS = 100;

    private final JdbcClient jdbc;
    private final Participants participants;
    private final StudyService studies;

    SignificantTerms(JdbcClient jdbc, Participants participants, StudyService studies) {
        this.jdbc = jdbc;
        this.participants = participants;
        this.studies = studies;
    }

    @Transactional(readOnly = true)
    Terms of(String studyId, String by, String groupId, String question, String disclosure, int limit) {
        ValidatedDefinition definition = studies.published(studyId).definition();
        GroupingRule grouping = definition
                .grouping(by == null ? "" : by)
                .orElseThrow(() -> bad("Choose a grouping with ?by=, one of: "
                        + String.join(
                                ", ",
                                definition.groupings().stream()
                                        .map(GroupingRule::id)
                                        .toList()) + "."));
        if (grouping.groups().stream().noneMatch(group -> group.id().equals(groupId))) {
            throw bad("Choose a group of '" + grouping.id() + "' with ?group=, one of: "
                    + String.join(
                            ", ",
                            grouping.groups().stream()
                                    .map(GroupingRule.Group::id)
                                    .toList()) + ".");
        }
        if (limit < 1 || limit > MAX_TERMS) {
            throw bad("Use a limit from 1 to " + MAX_TERMS + ".");
        }
        DisclosureProfile profile = ThemeMatrix.profile(disclosure);
        Participants.Submitted submitted = participants.of(studyId);

        Map<String, long[]> counts = new HashMap<>();
        Map<String, Set<Long>> usersInGroup = new HashMap<>();
        long[] totals = new long[2];
        jdbc.sql("""
                        SELECT r.id, a.value FROM response r JOIN answer a ON a.response_id = r.id AND a.kind = 'text'
                        WHERE r.study_id = ? AND r.status = 'submitted' AND (? IS NULL OR a.question_id = ?)""").params(studyId, question, question).withFetchSize(2_000).query((RowCallbackHandler) row -> {
            long responseId = row.getLong(1);
            boolean inGroup = submitted
                    .groupOf(responseId, grouping)
                    .map(group -> group.id().equals(groupId))
                    .orElse(false);
            int side = inGroup ? 0 : 1;
            for (String word : AnswerAnalyzers.contentWords(row.getString(2))) {
                counts.computeIfAbsent(word, w -> new long[2])[side]++;
                totals[side]++;
                if (inGroup) {
                    usersInGroup.computeIfAbsent(word, w -> new HashSet<>()).add(responseId);
                }
            }
        });
        List<Term> terms = new ArrayList<>();
        if (totals[0] > 0 && totals[1] > 0) {
            counts.forEach((word, count) -> {
                int users = usersInGroup.getOrDefault(word, Set.of()).size();
                if (count[0] == 0 || !(users > profile.threshold())) {
                    return;
                }
                Keyness keyness = Keyness.of(count[0], totals[0], count[1], totals[1]);
                if (keyness.logRatio() > 0) {
                    terms.add(new Term(
                            word,
                            count[0],
                            totals[0],
                            count[1],
                            totals[1],
                            users,
                            keyness.logLikelihood(),
                            keyness.pValue(),
                            keyness.logRatio()));
                }
            });
        }
        terms.sort(Comparator.comparingDouble(Term::logLikelihood).reversed().thenComparing(Term::word));
        return new Terms(
                studyId,
                grouping.id(),
                groupId,
                question,
                profile.id(),
                terms.subList(0, Math.min(limit, terms.size())));
    }

    private static ApiProblemException bad(String detail) {
        return new ApiProblemException(HttpStatus.BAD_REQUEST, "Request not valid", detail);
    }
}
