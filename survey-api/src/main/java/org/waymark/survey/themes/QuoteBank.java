package org.waymark.survey.themes;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.waymark.analysis.disclosure.DisclosureProfile;
import org.waymark.survey.audit.AuditLog;
import org.waymark.survey.studies.GroupingRule;
import org.waymark.survey.studies.StudyDefinition;
import org.waymark.survey.studies.StudyService;
import org.waymark.survey.studies.ValidatedDefinition;
import org.waymark.survey.web.ApiProblemException;

/**
 * Quotes for reports. A candidate is a passage coded with a theme (a coder's code, a confirmed proposal
 * or a consensus) from a participant who agreed to the study's quoting statement. It is shown with the
 * participant's group in each grouping only where that group is larger than the disclosure threshold,
 * and it cannot be used until a researcher has redacted names, places and services and approved it.
 */
@Service
class QuoteBank {

    /** A candidate quote. {@code groups} holds a label only for groups large enough to name. */
    record Quote(
            long quoteId,
            String theme,
            String question,
            String text,
            String redactedText,
            boolean approved,
            String approvedBy,
            Map<String, String> groups) {}

    /**
     * A researcher's approval: the wording to publish ({@code text}; the passage as written when left out),
     * with each word or phrase in {@code redact} replaced by {@link #REDACTED} wherever it stands as whole
     * words.
     */
    record Approval(String text, List<String> redact) {

        Approval {
            redact = redact == null
                    ? List.of()
                    : redact.stream()
                            .filter(phrase -> phrase != null && !phrase.isBlank())
                            .map(String::strip)
                            .toList();
        }
    }

    /** What a redacted word or phrase becomes in the published wording. */
    static final String REDACTED = "[redacted]";

    static final int MAX_LENGTH = 4_000;
    static final int MAX_REDACTIONS = 50;

    private final JdbcClient jdbc;
    private final Participants participants;
    private final StudyService studies;
    private final AuditLog audit;
    private final Clock clock;

    QuoteBank(JdbcClient jdbc, Participants participants, StudyService studies, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.participants = participants;
        this.studies = studies;
        this.audit = audit;
        this.clock = clock;
    }

    private record Candidate(
            long codingId,
            long responseId,
            String theme,
            String question,
            String answer,
            Integer start,
            Integer end,
            String statementsAgreed,
            String redactedText,
            String approvedBy) {}

    @Transactional(readOnly = true)
    List<Quote> quotes(String studyId, String theme, String disclosure, boolean approvedOnly) {
        ValidatedDefinition definition = studies.published(studyId).definition();
        DisclosureProfile profile = ThemeMatrix.profile(disclosure);
        Optional<String> quoting = quotingStatement(definition);
        if (quoting.isEmpty()) {
            return List.of();
        }
        Participants.Submitted submitted = participants.of(studyId);
        Map<String, Map<String, Integer>> sizes = new LinkedHashMap<>();
        definition.groupings().forEach(grouping -> sizes.put(grouping.id(), submitted.groupSizes(grouping)));
        List<Quote> quotes = new ArrayList<>();
        for (Candidate candidate : candidates(studyId, theme)) {
            if (!List.of(candidate.statementsAgreed().split(";")).contains(quoting.get())
                    || (approvedOnly && candidate.approvedBy() == null)) {
                continue;
            }
            Map<String, String> groups = new LinkedHashMap<>();
            for (GroupingRule grouping : definition.groupings()) {
                String label = submitted
                        .groupOf(candidate.responseId(), grouping)
                        .filter(group -> {
                            int size = sizes.get(grouping.id()).getOrDefault(group.id(), 0);
                            return size > 0 && profile.permitsDerivedStatistics(size);
                        })
                        .map(GroupingRule.Group::label)
                        .orElse(null);
                groups.put(grouping.id(), label);
            }
            quotes.add(new Quote(
                    candidate.codingId(),
                    candidate.theme(),
                    candidate.question(),
                    passage(candidate),
                    candidate.redactedText(),
                    candidate.approvedBy() != null,
                    candidate.approvedBy(),
                    groups));
        }
        return quotes;
    }

    /** Approves a quote with the researcher's redacted wording. */
    @Transactional
    Quote approve(String studyId, long quoteId, Approval approval, String actor) {
        boolean wordingGiven =
                approval != null && approval.text() != null && !approval.text().isBlank();
        if (approval == null || (!wordingGiven && approval.redact().isEmpty())) {
            throw bad("Send the quote as it may be published, with names, places and services removed:"
                    + " {\"text\": \"...\"}, or the words to remove: {\"redact\": [\"...\"]}.");
        }
        if (approval.redact().size() > MAX_REDACTIONS) {
            throw bad("Redact at most " + MAX_REDACTIONS + " words or phrases at a time.");
        }
        Quote found = quotes(studyId, null, null, false).stream()
                .filter(candidate -> candidate.quoteId() == quoteId)
                .findFirst()
                .orElseThrow(() -> ApiProblemException.notFound("Study '" + studyId + "' has no quote " + quoteId
                        + ". Quotes come from coded answers of participants who agreed to be quoted."));
        String wording = redacted(wordingGiven ? approval.text().strip() : found.text(), approval.redact());
        if (wording.length() > MAX_LENGTH) {
            throw bad("A quote can be at most " + MAX_LENGTH + " characters.");
        }
        jdbc.sql("""
                        INSERT INTO quote (coding_id, redacted_text, approved_by, approved_at) VALUES (?, ?, ?, ?)
                        ON DUPLICATE KEY UPDATE redacted_text = VALUES(redacted_text), approved_by = VALUES(approved_by),
                                                approved_at = VALUES(approved_at)""").params(quoteId, wording, actor, LocalDateTime.now(clock)).update();
        audit.record(actor, "quote.approved", studyId, null, "coding " + quoteId);
        return quotes(studyId, null, null, false).stream()
                .filter(quote -> quote.quoteId() == quoteId)
                .findFirst()
                .orElseThrow();
    }

    /**
     * The wording with every whole-word occurrence of each phrase, in any case, replaced by {@link
     * #REDACTED}. A phrase that is not there is refused rather than skipped, so a misspelt name is not
     * published by mistake; the message names it by its place in the list, never by its words.
     */
    static String redacted(String wording, List<String> phrases) {
        String result = wording;
        for (int i = 0; i < phrases.size(); i++) {
            Pattern phrase = Pattern.compile(
                    "(?<![\\p{L}\\p{N}])" + Pattern.quote(phrases.get(i)) + "(?![\\p{L}\\p{N}])",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            Matcher matcher = phrase.matcher(result);
            if (!matcher.find()) {
                throw bad("Word or phrase " + (i + 1) + " to redact is not in the quote's wording as whole words."
                        + " Check its spelling; nothing was approved.");
            }
            result = matcher.replaceAll(Matcher.quoteReplacement(REDACTED));
        }
        return result;
    }

    private List<Candidate> candidates(String studyId, String theme) {
        return jdbc.sql("""
                        SELECT c.id AS coding_id, c.response_id, c.theme_code AS theme, c.question_id AS question,
                               a.value AS answer, c.start_offset AS start, c.end_offset AS end,
                               k.statements_agreed, q.redacted_text, q.approved_by
                        FROM coding c
                        JOIN response r ON r.id = c.response_id AND r.status = 'submitted'
                        JOIN answer a ON a.response_id = c.response_id AND a.question_id = c.question_id AND a.kind = 'text'
                        JOIN consent k ON k.response_id = c.response_id
                        LEFT JOIN quote q ON q.coding_id = c.id
                        WHERE c.study_id = ? AND (? IS NULL OR c.theme_code = ?)""" + " AND " + Codings.COUNTS_AS_PRESENT + " ORDER BY c.id")
                .params(studyId, theme, theme)
                .query(Candidate.class)
                .list();
    }

    private static String passage(Candidate candidate) {
        String answer = candidate.answer();
        if (candidate.start() == null) {
            return answer;
        }
        int from = answer.offsetByCodePoints(0, candidate.start());
        int to = answer.offsetByCodePoints(0, candidate.end());
        return answer.substring(from, to);
    }

    private static Optional<String> quotingStatement(ValidatedDefinition definition) {
        return definition.definition().consent().statements().stream()
                .filter(StudyDefinition.Statement::allowsQuotes)
                .map(StudyDefinition.Statement::id)
                .findFirst();
    }

    private static ApiProblemException bad(String detail) {
        return new ApiProblemException(HttpStatus.BAD_REQUEST, "Request not valid", detail);
    }
}
