package org.waymark.survey.themes;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.waymark.analysis.agreement.CohensKappa;
import org.waymark.analysis.agreement.KrippendorffAlpha;
import org.waymark.analysis.table.Table;
import org.waymark.search.AnswerIndex;
import org.waymark.search.QuerySyntax;
import org.waymark.search.QuerySyntaxException;
import org.waymark.survey.audit.AuditLog;
import org.waymark.survey.search.SearchIndex;
import org.waymark.survey.studies.StudyService;
import org.waymark.survey.web.ApiProblemException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A study's coding frame and the coding done with it: rules propose, people decide, two coders can
 * code blind and see how far they agree, and a consensus records who settled a disagreement.
 */
@Service
class ThemeService {

    /** The coding frames Waymark ships, by id. */
    static final Map<String, String> FRAMES = Map.of(
            "recovery-meaning", "themes/recovery-meaning.json", "cpa-study-themes", "themes/cpa-study-themes.json");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final CodebookStore codebooks;
    private final Codings codings;
    private final StudyService studies;
    private final SearchIndex index;
    private final JdbcClient jdbc;
    private final Validator validator;
    private final AuditLog audit;
    private final Clock clock;
    private final BlindRounds blind;

    ThemeService(
            CodebookStore codebooks,
            Codings codings,
            StudyService studies,
            SearchIndex index,
            JdbcClient jdbc,
            Validator validator,
            AuditLog audit,
            Clock clock,
            BlindRounds blind) {
        this.codebooks = codebooks;
        this.codings = codings;
        this.studies = studies;
        this.index = index;
        this.jdbc = jdbc;
        this.validator = validator;
        this.audit = audit;
        this.clock = clock;
        this.blind = blind;
    }

    Codebook current(String studyId) {
        studies.published(studyId);
        return codebooks.current(studyId).orElse(new Codebook(0, List.of()));
    }

    Codebook version(String studyId, int version) {
        studies.published(studyId);
        return codebooks
                .version(studyId, version)
                .orElseThrow(() -> ApiProblemException.notFound(
                        "Study '" + studyId + "' has no codebook version " + version + "."));
    }

    /** Stores a new codebook version after checking it; returns it. */
    @Transactional
    Codebook saveVersion(String studyId, Codebook codebook, String actor) {
        studies.published(studyId);
        check(codebook);
        int version = codebooks.saveNext(studyId, codebook.themes(), actor, LocalDateTime.now(clock));
        audit.record(actor, "codebook.version", studyId, null, "version " + version);
        return new Codebook(version, codebook.themes());
    }

    /** Adds one of the shipped frames to the current codebook as a new version; themes already there stay. */
    @Transactional
    Codebook adoptFrame(String studyId, String frameId, String actor) {
        List<Codebook.Theme> themes = new ArrayList<>(current(studyId).themes());
        Set<String> codes = new HashSet<>();
        themes.forEach(theme -> codes.add(theme.code()));
        for (Codebook.Theme theme : frame(frameId)) {
            if (codes.add(theme.code())) {
                themes.add(theme);
            }
        }
        return saveVersion(studyId, new Codebook(null, themes), actor);
    }

    static List<Codebook.Theme> frame(String frameId) {
        String resource = FRAMES.get(frameId);
        if (resource == null) {
            throw ApiProblemException.notFound("There is no coding frame '" + frameId + "'. The frames are: "
                    + String.join(", ", FRAMES.keySet().stream().sorted().toList()) + ".");
        }
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            JsonNode themes = JSON.readTree(in).get("themes");
            List<Codebook.Theme> list = new ArrayList<>();
            themes.forEach(theme -> list.add(JSON.treeToValue(theme, Codebook.Theme.class)));
            return list;
        } catch (IOException e) {
            throw new UncheckedIOException("a bundled coding frame is missing", e);
        }
    }

    /** The current codebook as a REFI-QDA .qdc document. */
    String exportQdc(String studyId, String actor) {
        String qdc = QdcCodebooks.write(studyId, current(studyId));
        audit.record(actor, "codebook.exported", studyId, null, "REFI-QDA codebook");
        return qdc;
    }

    /** Stores a REFI-QDA .qdc document as the next codebook version. */
    @Transactional
    Codebook importQdc(String studyId, byte[] qdc, String actor) {
        Codebook current = current(studyId);
        return saveVersion(studyId, new Codebook(null, QdcCodebooks.read(studyId, qdc, current)), actor);
    }

    /** Runs every theme's rule over the study's answers and proposes the matches; returns how many are new. */
    @Transactional
    int propose(String studyId, String actor) {
        Codebook codebook = current(studyId);
        index.applyPending();
        AnswerIndex answers = index.index();
        LocalDateTime now = LocalDateTime.now(clock);
        int proposed = 0;
        for (Codebook.Theme theme : codebook.themes()) {
            if (theme.rule() == null || theme.rule().isBlank()) {
                continue;
            }
            for (AnswerIndex.AnswerRef ref : answers.matching(studyId, theme.rule())) {
                if (codings.propose(studyId, ref.responseKey(), ref.questionId(), theme.code(), now)) {
                    proposed++;
                }
            }
        }
        audit.record(actor, "coding.proposed", studyId, null, proposed + " proposal(s)");
        return proposed;
    }

    @Transactional
    Codings.Coding decide(String studyId, long codingId, boolean confirm, Viewer viewer) {
        studies.published(studyId);
        // A proposal becomes the code of whoever decides it, and vanishes from the others' open list: in a
        // blind round that would show coders each other's work, so coders leave proposals until it ends.
        blind.requireSeesOthers(studyId, viewer, "coders decide proposals once an owner or researcher ends it.");
        String actor = viewer.name();
        if (!codings.decide(studyId, codingId, confirm ? "confirmed" : "rejected", actor, LocalDateTime.now(clock))) {
            throw ApiProblemException.conflict("Coding " + codingId + " is not an open proposal in study '" + studyId
                    + "'. GET /api/studies/" + studyId + "/coding?status=proposed lists the open ones.");
        }
        audit.record(actor, confirm ? "coding.confirmed" : "coding.rejected", studyId, null, "coding " + codingId);
        return codings.find(studyId, codingId).orElseThrow();
    }

    /** A coder's own code, on a whole answer or on the characters from start to end. */
    record NewCoding(String responseId, String question, String theme, Integer start, Integer end, Boolean present) {}

    @Transactional
    Codings.Coding add(String studyId, NewCoding coding, String actor, boolean consensus) {
        requireTheme(studyId, coding.theme());
        if (consensus) {
            blind.requireNoRound(studyId, "consensus waits until an owner or researcher ends it.");
        }
        if (coding.responseId() == null || coding.question() == null) {
            throw bad("Give the responseId and the question of the answer to code.");
        }
        var answer = jdbc.sql("""
                        SELECT r.id, CHAR_LENGTH(a.value) FROM response r
                        JOIN answer a ON a.response_id = r.id AND a.question_id = ? AND a.kind = 'text'
                        WHERE r.study_id = ? AND r.pseudonym = ? AND r.status = 'submitted'""")
                .params(coding.question(), studyId, coding.responseId())
                .query((row, n) -> new long[] {row.getLong(1), row.getLong(2)})
                .optional()
                .orElseThrow(() -> ApiProblemException.notFound("Response '" + coding.responseId()
                        + "' has no free-text answer to '" + coding.question() + "' in study '" + studyId + "'."));
        if ((coding.start() == null) != (coding.end() == null)) {
            throw bad("Give both start and end to code part of an answer, or neither to code all of it.");
        }
        if (coding.start() != null
                && (coding.start() < 0 || coding.end() <= coding.start() || coding.end() > answer[1])) {
            throw bad("start and end must mark a stretch of the answer: 0 <= start < end <= " + answer[1] + ".");
        }
        boolean present = coding.present() == null || coding.present();
        if (!present && !consensus) {
            throw bad("Only a consensus can record that a theme is absent; a coder simply leaves it out.");
        }
        long id = codings.add(
                studyId,
                answer[0],
                coding.question(),
                coding.theme(),
                actor,
                consensus ? "consensus" : "confirmed",
                present,
                coding.start(),
                coding.end(),
                LocalDateTime.now(clock));
        audit.record(actor, consensus ? "coding.consensus" : "coding.added", studyId, null, "coding " + id);
        return codings.find(studyId, id).orElseThrow();
    }

    /** Codings the viewer may see: during a blind round a coder sees only their own. */
    List<Codings.Coding> list(String studyId, String status, String theme, int page, int size, Viewer viewer) {
        studies.published(studyId);
        if (size < 1 || size > 500 || page < 0) {
            throw bad("Use a page from 0 and a size from 1 to 500.");
        }
        return codings.list(studyId, status, theme, onlyOf(studyId, viewer), page, size);
    }

    /** The codings of some responses that the viewer may see, by the same rule as {@link #list}. */
    List<Codings.Coding> onResponses(String studyId, List<String> responseIds, Viewer viewer) {
        studies.published(studyId);
        return codings.onResponses(studyId, responseIds, onlyOf(studyId, viewer));
    }

    /** Who has coded in the study, for choosing two to compare; hidden from coders during a blind round. */
    List<String> coders(String studyId, Viewer viewer) {
        blind.requireSeesOthers(
                studyId, viewer, "who else has coded is shown to coders once an owner or researcher ends it.");
        return codings.coders(studyId);
    }

    private String onlyOf(String studyId, Viewer viewer) {
        return blind.hidesOthersFrom(studyId, viewer) ? viewer.name() : null;
    }

    /** Agreement between two coders on one theme. Kappa or alpha is null where it is undefined. */
    record ThemeAgreement(
            String theme,
            long units,
            long both,
            long firstOnly,
            long secondOnly,
            long neither,
            Double kappa,
            Double alpha) {}

    record Agreement(List<String> coders, long units, List<ThemeAgreement> themes) {}

    /**
     * How far two coders agree, theme by theme. The units are the answers both of them coded with at
     * least one theme (a coder who read an answer and found nothing else codes it "other"); on each unit
     * each coder either gave the theme or did not.
     */
    Agreement agreement(String studyId, List<String> coders, Viewer viewer) {
        blind.requireSeesOthers(
                studyId,
                viewer,
                "the agreement between coders is shown to coders once an owner or researcher ends it.");
        if (coders.size() != 2 || coders.get(0).equals(coders.get(1))) {
            throw bad("Name two different coders, for example ?coders=alice,bob.");
        }
        Codebook codebook = current(studyId);
        Map<String, Map<String, Set<String>>> themesByUnitByCoder = new LinkedHashMap<>();
        coders.forEach(coder -> themesByUnitByCoder.put(coder, new LinkedHashMap<>()));
        for (Codings.Coded coded : codings.codedBy(studyId, coders)) {
            themesByUnitByCoder
                    .get(coded.coder())
                    .computeIfAbsent(coded.responseKey() + "/" + coded.question(), unit -> new HashSet<>())
                    .add(coded.theme());
        }
        var first = themesByUnitByCoder.get(coders.get(0));
        var second = themesByUnitByCoder.get(coders.get(1));
        List<String> units = first.keySet().stream().filter(second::containsKey).toList();
        List<ThemeAgreement> themes = new ArrayList<>();
        for (Codebook.Theme theme : codebook.themes()) {
            long both = 0, firstOnly = 0, secondOnly = 0, neither = 0;
            double[][] values = new double[2][units.size()];
            for (int u = 0; u < units.size(); u++) {
                boolean a = first.get(units.get(u)).contains(theme.code());
                boolean b = second.get(units.get(u)).contains(theme.code());
                values[0][u] = a ? 1 : 0;
                values[1][u] = b ? 1 : 0;
                if (a && b) both++;
                else if (a) firstOnly++;
                else if (b) secondOnly++;
                else neither++;
            }
            themes.add(new ThemeAgreement(
                    theme.code(),
                    units.size(),
                    both,
                    firstOnly,
                    secondOnly,
                    neither,
                    kappa(both, firstOnly, secondOnly, neither),
                    KrippendorffAlpha.of(KrippendorffAlpha.Level.NOMINAL)
                            .alpha(values)
                            .map(KrippendorffAlpha.Result::alpha)
                            .orElse(null)));
        }
        return new Agreement(coders, units.size(), themes);
    }

    private static Double kappa(long both, long firstOnly, long secondOnly, long neither) {
        try {
            return CohensKappa.of(Table.of(new long[][] {{both, firstOnly}, {secondOnly, neither}}))
                    .kappa();
        } catch (IllegalArgumentException undefined) {
            return null;
        }
    }

    private void requireTheme(String studyId, String theme) {
        if (current(studyId).themes().stream().noneMatch(t -> t.code().equals(theme))) {
            throw bad("The study's codebook has no theme '" + theme + "'. GET /api/studies/" + studyId
                    + "/themes lists them.");
        }
    }

    private void check(Codebook codebook) {
        List<String> problems = new ArrayList<>();
        for (ConstraintViolation<Codebook> violation : validator.validate(codebook)) {
            problems.add(violation.getPropertyPath() + ": " + violation.getMessage());
        }
        if (problems.isEmpty()) {
            Set<String> codes = new HashSet<>();
            for (Codebook.Theme theme : codebook.themes()) {
                if (!codes.add(theme.code())) {
                    problems.add("theme '" + theme.code() + "' appears twice");
                }
            }
            for (Codebook.Theme theme : codebook.themes()) {
                if (theme.parent() != null
                        && (!codes.contains(theme.parent()) || theme.parent().equals(theme.code()))) {
                    problems.add("theme '" + theme.code() + "' has parent '" + theme.parent()
                            + "', which is not another theme of this codebook");
                }
                if (theme.rule() != null && !theme.rule().isBlank()) {
                    try {
                        QuerySyntax.parse(theme.rule());
                    } catch (QuerySyntaxException e) {
                        problems.add("theme '" + theme.code() + "' rule: "
                                + e.getMessage().replaceAll("\\.$", ""));
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ApiProblemException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "Codebook not valid",
                    "The codebook was not saved. Fix these and send it again: " + String.join("; ", problems) + ".");
        }
    }

    static ApiProblemException bad(String detail) {
        return new ApiProblemException(HttpStatus.BAD_REQUEST, "Request not valid", detail);
    }
}
