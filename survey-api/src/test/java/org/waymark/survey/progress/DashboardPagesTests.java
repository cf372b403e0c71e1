package org.waymark.survey.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.waymark.analysis.disclosure.DisclosureProfile;
import org.waymark.survey.PageClient;
import org.waymark.survey.TestAccounts;
import org.waymark.survey.TestApi;
import org.waymark.survey.WaymarkIntegrationTest;
import org.waymark.survey.reports.ReportModel.TablePart;
import org.waymark.survey.research.ProtectedAnalysis;
import org.waymark.survey.security.WorkspaceSignIn;
import org.waymark.survey.studies.StudyService;
import org.waymark.survey.studies.TestDefinitions;
import org.waymark.survey.studies.ValidatedDefinition;
import tools.jackson.databind.JsonNode;

/**
 * The study dashboard, per role: the progress API's counts, and the make-up by grouping through the
 * analysis API's default protected profile, with its small numbers hidden exactly as the API hides them.
 */
@WaymarkIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardPagesTests {

    private static final String STUDY = "dashboard-page-study";
    private static final String PAGE = "/workspace/studies/" + STUDY + "/dashboard";
    private static final String OWNER = "dashboard-owner";
    private static final String MARKUP_TEXT = "Synthetic <b>marked</b> answer";

    @LocalServerPort
    int port;

    @Autowired
    ProtectedAnalysis analysis;

    @Autowired
    StudyService studies;

    private TestApi owner;

    @BeforeAll
    void studyWithResponses() {
        owner = TestAccounts.signedIn(port, OWNER);
        var created = owner.post(
                "/api/studies",
                TestDefinitions.minimal().with(root -> root.put("id", STUDY)).json());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(owner.post("/api/studies/" + STUDY + "/publish", "").status())
                .isEqualTo(200);
        for (String role : List.of("analyst", "coder", "researcher")) {
            TestAccounts.signedIn(port, "dashboard-" + role);
            TestAccounts.grant(port, STUDY, "dashboard-" + role, role);
        }
        TestAccounts.signedIn(port, "dashboard-outsider");
        // 3 African and African Caribbean participants (hidden: 1 to 7), 9 in other communities (shown as 10).
        for (int i = 0; i < 12; i++) {
            String ethnicity = i < 3 ? "black_caribbean" : "white_british";
            var reply = TestApi.on(port)
                    .respond(
                            STUDY,
                            "\"adult\": \"yes\", \"ethnicity\": \"%s\", \"recovery_meaning\": \"%s\""
                                    .formatted(ethnicity, MARKUP_TEXT),
                            true);
            assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        }
        // One draft that stopped in the first section, one with consent only.
        assertThat(TestApi.on(port).respond(STUDY, "\"adult\": \"yes\"", false).status())
                .isEqualTo(201);
        assertThat(TestApi.on(port).respond(STUDY, "", false).status()).isEqualTo(201);
    }

    private PageClient as(String who) {
        return WorkspaceSignIn.signedIn(port, who, TestAccounts.PASSWORD);
    }

    @Test
    void showsAnAnalystTheProgressAndTheProtectedMakeUpButNoRows() {
        var page = as("dashboard-analyst").get(PAGE);

        assertThat(page.status()).as(page.body()).isEqualTo(200);
        String body = page.body();
        assertThat(body)
                .contains("<h1>Dashboard</h1>")
                .contains("href=\"" + PAGE + "\" aria-current=\"page\"")
                .contains("id=\"figure-submitted\">12<", "id=\"figure-drafts\">2<", "id=\"figure-withdrawn\">0<")
                .contains("86% (12 of 14)")
                .contains("Figures drawn at", ">Refresh<")
                .contains("<script src=\"/scripts/dashboard-refresh.js\" defer></script>");
        // Submissions per day: all 12 today, in the table and as a labelled bar.
        assertThat(body).contains("Responses submitted per day", "<svg", ">12</text>");
        // Where the drafts stopped: one with consent only, one in the first section.
        assertThat(body).contains("Consent given, nothing answered yet", "Drafts waiting, by the furthest section");
        // The make-up, protected: the analysis API's figure for the number of responses, and the hidden group.
        JsonNode analysis = TestApi.on(port)
                .as("dashboard-analyst", TestAccounts.PASSWORD)
                .get("/api/studies/" + STUDY + "/analysis")
                .json();
        // nhs-standard: 12 respondents rounded to the nearest 5 is 10.
        assertThat(analysis.get("responses").asLong()).isEqualTo(10);
        assertThat(body).contains("Responses in the analysis: 10.");
        assertThat(body).contains("Protected with the nhs-standard disclosure profile", "from 1 to 7 is hidden");
        assertThat(body).contains("Some figures below are hidden");
        assertThat(body)
                .contains("African and African Caribbean</th>", "<td class=\"hidden\">*</td>")
                .doesNotContain("3 of 10", "3 of 12");
        // 9 of 12 in other communities: 9 rounds to 10 and 12 to 10; the percentage is from the unrounded 9/12.
        assertThat(body).contains("10 of 10 (75%)");
        // An analyst reads aggregates only: no response ids, no answer text, no way to the responses.
        assertThat(body).doesNotContain("/workspace/studies/" + STUDY + "/responses", "marked");
    }

    @Test
    void showsAResearcherAndAnOwnerTheDashboardWithTheResponsesSection() {
        for (String who : List.of("dashboard-researcher", OWNER)) {
            var page = as(who).get(PAGE);
            assertThat(page.status()).as(who).isEqualTo(200);
            assertThat(page.body())
                    .as(who)
                    .contains("id=\"figure-submitted\">12<", "href=\"/workspace/studies/" + STUDY + "/responses\"");
        }
    }

    @Test
    void refusesTheRolesWithoutAggregatesAndPeopleWithoutARole() {
        assertThat(as("dashboard-coder").get(PAGE).status()).isEqualTo(403);
        assertThat(as("dashboard-outsider").get(PAGE).status()).isEqualTo(403);
        assertThat(WorkspaceSignIn.signedIn(port, "admin", TestApi.ADMIN_PASSWORD)
                        .get(PAGE)
                        .status())
                .as("the site admin has no role in the study")
                .isEqualTo(403);
        assertThat(PageClient.on(port).get(PAGE).status()).as("not signed in").isEqualTo(302);
    }

    @Test
    void saysADraftStudyHasNoFiguresYet() {
        String draft = STUDY + "-draft";
        owner.post(
                "/api/studies",
                TestDefinitions.minimal().with(root -> root.put("id", draft)).json());

        var page = as(OWNER).get("/workspace/studies/" + draft + "/dashboard");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("The dashboard fills once the study is published");
    }

    @Test
    void drawsTheMakeUpExactlyAsTheAnalysisGivesItUnderEveryProtectedProfile() {
        ValidatedDefinition definition = studies.published(STUDY).definition();
        for (DisclosureProfile profile : List.of(DisclosureProfile.NHS_STANDARD, DisclosureProfile.STRICT_10)) {
            var full = analysis.run(definition, definition.groupings(), profile);
            var makeup = analysis.makeup(definition, definition.groupings(), profile);

            assertThat(makeup.groupSizes()).as(profile.id()).isEqualTo(full.groupSizes());
            assertThat(makeup.respondents())
                    .as(profile.id())
                    .isEqualTo(full.analysis().responses());
        }
        assertThat(ProtectedAnalysis.defaultProfile()).isEqualTo(DisclosureProfile.NHS_STANDARD);
    }

    @Test
    void countsByDayUpToAMonthAndByWeekBeyond() {
        // 1 Dec 2026 is a Tuesday; its week starts on Monday 30 Nov.
        LocalDate first = LocalDate.of(2026, 12, 1);
        TablePart days = DashboardPages.timeline(
                List.of(new StudyProgress.Day(first, 2), new StudyProgress.Day(first.plusDays(30), 3)));
        TablePart weeks = DashboardPages.timeline(List.of(
                new StudyProgress.Day(first, 2),
                new StudyProgress.Day(first.plusDays(1), 4),
                new StudyProgress.Day(first.plusDays(31), 3)));

        assertThat(days.rows()).extracting(row -> row.label()).containsExactly("Tue 1 Dec 2026", "Thu 31 Dec 2026");
        assertThat(weeks.rows())
                .extracting(row -> row.label() + ": " + row.cells().getFirst().text())
                .containsExactly("Week of Mon 30 Nov 2026: 6", "Week of Mon 28 Dec 2026: 3");
        // The longest bar is the largest count; the chart labels each bar with its count.
        assertThat(weeks.chart().rects()).extracting(rect -> rect.width()).containsExactly("340.0", "170.0");
        assertThat(weeks.chart().labels()).extracting(label -> label.text()).contains("6", "3");
    }
}
