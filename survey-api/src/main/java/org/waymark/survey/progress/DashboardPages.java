package org.waymark.survey.progress;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.waymark.analysis.disclosure.DisclosureProfile;
import org.waymark.survey.reports.ReportFigures;
import org.waymark.survey.reports.ReportModel.Cell;
import org.waymark.survey.reports.ReportModel.Row;
import org.waymark.survey.reports.ReportModel.TablePart;
import org.waymark.survey.research.ProtectedAnalysis;
import org.waymark.survey.security.StudyHeader;
import org.waymark.survey.security.StudyNavigation;
import org.waymark.survey.studies.GroupingRule;
import org.waymark.survey.studies.StudyService;
import org.waymark.survey.studies.ValidatedDefinition;

/**
 * A study's dashboard: how it is going (the progress API's figures, drawn as the report draws its
 * charts) and who has taken part, by the study's groupings, through the analysis API's default
 * protected disclosure profile, so an analyst sees exactly the small-number protection the API gives.
 */
@Controller
class DashboardPages {

    /** Beyond this many days from the first submission to the last, submissions are counted by week. */
    static final int MOST_DAYS = 31;

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.UK);
    private static final DateTimeFormatter DRAWN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm:ss", Locale.UK);

    private final ProgressService progress;
    private final ProtectedAnalysis analysis;
    private final StudyService studies;
    private final StudyNavigation navigation;
    private final Clock clock;

    DashboardPages(
            ProgressService progress,
            ProtectedAnalysis analysis,
            StudyService studies,
            StudyNavigation navigation,
            Clock clock) {
        this.progress = progress;
        this.analysis = analysis;
        this.studies = studies;
        this.navigation = navigation;
        this.clock = clock;
    }

    /** The make-up of the study by one grouping, as the report's participation table. */
    record MakeupTable(String label, TablePart table) {}

    @GetMapping("/workspace/studies/{id}/dashboard")
    String dashboard(@PathVariable String id, Authentication me, Model model, HttpServletResponse response) {
        StudyHeader study = navigation.header(me, id, "/dashboard").orElse(null);
        if (study == null) {
            return StudyNavigation.noSuchStudy(id, model, response);
        }
        model.addAttribute("username", me.getName());
        model.addAttribute("study", study);
        model.addAttribute("drawnAt", DRAWN.format(LocalDateTime.now(clock)));
        if (study.status().equals("draft")) {
            return "workspace/dashboard";
        }
        StudyProgress figures = progress.of(id);
        model.addAttribute("progress", figures);
        model.addAttribute("started", figures.submitted() + figures.draftsWaiting());
        model.addAttribute("completion", completion(figures));
        model.addAttribute("timeline", timeline(figures.submittedByDay()));
        model.addAttribute("stopped", stopped(figures));

        ValidatedDefinition definition = studies.published(id).definition();
        DisclosureProfile profile = ProtectedAnalysis.defaultProfile();
        ProtectedAnalysis.Makeup makeup = analysis.makeup(definition, definition.groupings(), profile);
        List<MakeupTable> tables = new ArrayList<>();
        for (GroupingRule grouping : definition.groupings()) {
            tables.add(new MakeupTable(
                    grouping.label(),
                    ReportFigures.participantsBy(
                            grouping.id(), grouping.label(), makeup.groupSizes().get(grouping.id()), profile)));
        }
        model.addAttribute("makeup", makeup);
        model.addAttribute("makeupTables", tables);
        model.addAttribute(
                "anyHidden",
                makeup.respondents() == null
                        || tables.stream().anyMatch(table -> table.table().hasHidden()));
        return "workspace/dashboard";
    }

    /** Submitted, as a share of everyone who submitted or is still part-way; null before anyone started. */
    private static String completion(StudyProgress figures) {
        long started = figures.submitted() + figures.draftsWaiting();
        return started == 0 ? null : Math.round(100.0 * figures.submitted() / started) + "%";
    }

    /**
     * Submissions over time as a table with its chart: per day, or per week (from Monday) when the
     * submissions span more than {@link #MOST_DAYS} days, so the chart stays readable on a tablet.
     */
    static TablePart timeline(List<StudyProgress.Day> days) {
        boolean byWeek = !days.isEmpty()
                && ChronoUnit.DAYS.between(
                                days.getFirst().date(), days.getLast().date())
                        >= MOST_DAYS;
        Map<String, Long> counts = new LinkedHashMap<>();
        for (StudyProgress.Day day : days) {
            LocalDate date = day.date();
            String label = byWeek
                    ? "Week of " + DAY.format(date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)))
                    : DAY.format(date);
            counts.merge(label, day.submitted(), Long::sum);
        }
        String unit = byWeek ? "week" : "day";
        List<Row> rows = counts.entrySet().stream()
                .map(entry -> new Row(entry.getKey(), List.of(new Cell(Long.toString(entry.getValue()), null, false))))
                .toList();
        String title = "Responses submitted per " + unit;
        return new TablePart(
                "t-submitted-per-" + unit,
                title + " (UTC); " + unit + "s with none are left out",
                byWeek ? "Week" : "Day",
                List.of("Submitted"),
                rows,
                rows.isEmpty()
                        ? null
                        : ReportFigures.counts(
                                "submitted-per-" + unit + "-chart",
                                title,
                                "Bar chart of the responses submitted each " + unit + ", as in the table that"
                                        + " follows, one bar a " + unit + ", each labelled with its count.",
                                List.copyOf(counts.keySet()),
                                List.copyOf(counts.values())),
                List.of());
    }

    /** Where the drafts still waiting stopped: the furthest section each has an answer in. */
    private static TablePart stopped(StudyProgress figures) {
        List<String> labels = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        for (StudyProgress.SectionReached reached : figures.draftsBySection()) {
            labels.add(reached.section() == null ? "Consent given, nothing answered yet" : reached.title());
            counts.add(reached.drafts());
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            rows.add(new Row(labels.get(i), List.of(new Cell(Long.toString(counts.get(i)), null, false))));
        }
        return new TablePart(
                "t-drafts-by-section",
                "Drafts waiting, by the furthest section with an answer",
                "Furthest section answered",
                List.of("Drafts waiting"),
                rows,
                figures.draftsWaiting() == 0
                        ? null
                        : ReportFigures.counts(
                                "drafts-by-section-chart",
                                "Drafts waiting, by where they stopped",
                                "Bar chart of the drafts still waiting, as in the table that follows, one bar for"
                                        + " each section in order, each labelled with its count.",
                                labels,
                                counts),
                List.of());
    }
}
