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
import org.waymark.analysis.disclosure.DisclosedCount;
import org.waymark.analysis.disclosure.DisclosedTable;
import org.waymark.analysis.disclosure.DisclosureProfile;
import org.waymark.analysis.keyness.Keyness;
import org.waymark.analysis.table.Table;
import org.waymark.search.AnswerAnalyzers;
import org.waymark.survey.studies.GroupingRule;
import org.waymark.survey.studies.StudyService;
import org.waymark.survey.studies.ValidatedDefinition;
import org.waymark.survey.web.ApiProblemException;

/**
 * Words one group uses more than everyone else, to help find themes: log-likelihood keyness (G2) of each
 * word's count in the group's free text against the rest. A word is listed only if more participants of
 * the group used it than the disclosure threshold, so a rare word cannot point at one person, and its
 * counts pass through the disclosure profile as the analysis's tables do: each word's 2x2 table of
 * {this word, other words} by {the group, the rest}, and the number of the group's participants who used it.
 */
@Service
class SignificantTerms {

    /**
     * One word: how often the group and the rest used it, and how strongly it marks the group. A count the
     * profile hides is {@code null}, and so are the statistics when the profile withholds them over a hidden
     * count ({@code strict-10}); {@code suppressed} is then {@code true}.
     */
    record Term(
            String word,
            Long inGroup,
            Long groupWords,
            Long inRest,
            Long restWords,
            Long participants,
            Double logLikelihood,
            Double pValue,
            Double logRatio,
            boolean suppressed) {

        boolean statisticsWithheld() {
            return logLikelihood == null;
        }
    }

    record Terms(
            String studyId,
            String by,
            String group,
            String question,
            String disclosure,
            boolean exportable,
            List<Term> terms) {}

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
                    terms.add(disclosed(word, count, totals, users, keyness, profile));
                }
            });
        }
        // Withheld statistics go last, in word order: a place among the ranked words would bound their G2.
        terms.sort(Comparator.comparing(Term::statisticsWithheld)
                .thenComparing(term -> term.statisticsWithheld() ? 0 : -term.logLikelihood())
                .thenComparing(Term::word));
        return new Terms(
                studyId,
                grouping.id(),
                groupId,
                question,
                profile.id(),
                profile.isExportable(),
                terms.subList(0, Math.min(limit, terms.size())));
    }

    /**
     * A word's figures as the profile lets them be shown: its 2x2 table through the profile as a whole
     * (rows the group and the rest, columns this word and every other word; the totals are the words
     * written), and the participants who used it as a count of its own.
     */
    static Term disclosed(
            String word, long[] count, long[] totals, int users, Keyness keyness, DisclosureProfile profile) {
        DisclosedTable table =
                profile.apply(Table.of(new long[][] {{count[0], totals[0] - count[0]}, {count[1], totals[1] - count[1]}
                }));
        DisclosedCount participants =
                profile.apply(Table.of(new long[][] {{users}})).cell(0, 0);
        boolean anyHidden = participants.suppressed();
        for (int i = 0; i <= table.rows(); i++) {
            for (int j = 0; j <= table.columns(); j++) {
                DisclosedCount cell = i == table.rows()
                        ? (j == table.columns() ? table.total() : table.columnTotal(j))
                        : (j == table.columns() ? table.rowTotal(i) : table.cell(i, j));
                anyHidden |= cell.suppressed();
            }
        }
        boolean withheld = anyHidden && profile.withholdsDerivedStatisticsOverHiddenCells();
        return new Term(
                word,
                value(table.cell(0, 0)),
                value(table.rowTotal(0)),
                value(table.cell(1, 0)),
                value(table.rowTotal(1)),
                value(participants),
                withheld ? null : keyness.logLikelihood(),
                withheld ? null : keyness.pValue(),
                withheld ? null : keyness.logRatio(),
                anyHidden);
    }

    private static Long value(DisclosedCount count) {
        return count.suppressed() ? null : count.value().getAsLong();
    }

    private static ApiProblemException bad(String detail) {
        return new ApiProblemException(HttpStatus.BAD_REQUEST, "Request not valid", detail);
    }
}
