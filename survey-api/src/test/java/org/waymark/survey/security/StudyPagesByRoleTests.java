package org.waymark.survey.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.waymark.survey.Canaries;
import org.waymark.survey.PageClient;
import org.waymark.survey.TestAccounts;
import org.waymark.survey.TestApi;
import org.waymark.survey.WaymarkIntegrationTest;

/**
 * Every workspace page about a study, found from the access rules (so a new page is covered without
 * being listed here), opened by each role: a page shows a role nothing its role may not see, and a
 * study's menu offers only pages the viewer can open. An answer's words are for those who may read
 * text (coders, researchers, owners); a response's pseudonym for those who may read rows or code
 * (and so act on one response); a receipt code for nobody.
 */
@WaymarkIntegrationTest
class StudyPagesByRoleTests {

    private static final String STUDY = "pages-by-role";
    private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z]+)}");
    private static final Pattern MENU_LINK =
            Pattern.compile("<a href=\"(/workspace/studies/" + STUDY + "[^\"]*)\"[^>]*>");

    @LocalServerPort
    int port;

    private final Map<String, PageClient> viewers = new LinkedHashMap<>();
    private String canary;
    private String receiptCode;
    private List<String> responseIds;
    private String reportId;

    @BeforeEach
    void studyWithAnAnswerAndEveryRole() {
        TestApi owner = TestAccounts.signedIn(port, "by-role-owner");
        if (TestApi.on(port).get("/api/studies/" + STUDY).status() != 200) {
            AccessStudies.publishWithAnswers(port, owner, STUDY, "Kind people at the day centre.");
        }
        canary = Canaries.next();
        var reply = TestApi.on(port)
                .postWithKey(
                        "/api/studies/" + STUDY + "/responses",
                        UUID.randomUUID().toString(),
                        """
                {"consent": {"version": "1", "agreed": ["take_part", "quote_me"]},
                 "answers": {"adult": "yes", "ethnicity": "black_african", "recovery_meaning": "kind %s"},
                 "submit": true}""".formatted(canary));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        receiptCode = reply.json().get("receiptCode").asString();
        responseIds = owner.get("/api/studies/" + STUDY + "/responses?size=100")
                .json()
                .get("items")
                .valueStream()
                .map(item -> item.get("responseId").asString())
                .toList();
        assertThat(responseIds).isNotEmpty();
        var report = owner.post("/api/studies/" + STUDY + "/reports", """
                {"name": "By role", "by": "community"}""");
        assertThat(report.status()).as(report.body()).isEqualTo(201);
        reportId = report.location().substring(report.location().lastIndexOf('/') + 1);

        viewers.put("admin", WorkspaceSignIn.signedIn(port, "admin", TestApi.ADMIN_PASSWORD));
        for (String role : List.of("coder", "analyst", "researcher")) {
            TestAccounts.signedIn(port, "by-role-" + role);
            TestAccounts.grant(port, STUDY, "by-role-" + role, role);
            viewers.put(role, WorkspaceSignIn.signedIn(port, "by-role-" + role, TestAccounts.PASSWORD));
        }
        viewers.put("owner", WorkspaceSignIn.signedIn(port, "by-role-owner", TestAccounts.PASSWORD));
        TestAccounts.signedIn(port, "by-role-outsider");
        viewers.put("outsider", WorkspaceSignIn.signedIn(port, "by-role-outsider", TestAccounts.PASSWORD));
    }

    /** Every study page's address, its path variables filled in with this study's values. */
    private List<String> studyPages() {
        Map<String, String> samples = Map.of(
                "id",
                STUDY,
                "responseId",
                responseIds.getFirst(),
                "version",
                "1",
                "reportId",
                reportId,
                "file",
                "export.csv");
        List<String> pages = new ArrayList<>();
        TreeSet<String> unfillable = new TreeSet<>();
        for (AccessRules.Rule rule : AccessRules.all()) {
            if (!rule.method().equals("GET") || !rule.pattern().startsWith("/workspace/studies/{id}")) {
                continue;
            }
            Matcher variables = VARIABLE.matcher(rule.pattern());
            StringBuilder path = new StringBuilder();
            while (variables.find()) {
                String sample = samples.get(variables.group(1));
                if (sample == null) {
                    unfillable.add(rule.pattern());
                    sample = "";
                }
                variables.appendReplacement(path, Matcher.quoteReplacement(sample));
            }
            variables.appendTail(path);
            pages.add(path.toString());
        }
        assertThat(unfillable)
                .as("study pages with a path variable this test has no sample for: add one to 'samples'")
                .isEmpty();
        assertThat(pages).as("the study pages found").contains("/workspace/studies/" + STUDY + "/audit");
        return pages;
    }

    @Test
    void noPageShowsARoleWhatItMayNotSeeAndNoMenuOffersAPageThatRefusesIt() {
        List<String> problems = new ArrayList<>();
        for (String page : studyPages()) {
            for (var viewer : viewers.entrySet()) {
                String who = viewer.getKey();
                var reply = viewer.getValue().get(page);
                if (reply.status() != 200) {
                    if (reply.status() != 403) {
                        problems.add(who + " got " + reply.status() + " from " + page);
                    }
                    continue;
                }
                String body = reply.body();
                if (body.contains(receiptCode)) {
                    problems.add(page + " shows " + who + " a receipt code");
                }
                boolean readsText = List.of("coder", "researcher", "owner").contains(who);
                if (!readsText && body.contains(canary)) {
                    problems.add(page + " shows " + who + " an answer's words");
                }
                if (!readsText && responseIds.stream().anyMatch(body::contains)) {
                    problems.add(page + " shows " + who + " a response's pseudonym");
                }
                Matcher links = MENU_LINK.matcher(body);
                while (links.find()) {
                    String link = links.group(1).replace("&amp;", "&");
                    int status = viewer.getValue().get(link).status();
                    if (status != 200) {
                        problems.add(page + " links " + who + " to " + link + ", which answers " + status);
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }
}
