package org.waymark.survey.progress;

import java.time.LocalDate;
import java.util.List;

/**
 * How a study is going: how many people took part, how many are part-way, where those part-way
 * stopped, and how many were screened out. Counts of people's progress, never of their answers, so no
 * disclosure profile applies (docs/api.md says why); who people are lives in the analysis.
 *
 * @param submitted responses submitted and not withdrawn
 * @param withdrawn responses withdrawn, by the participant or by a researcher
 * @param draftsWaiting drafts that can still be resumed (not yet expired)
 * @param draftsExpiringSoon of those, drafts that expire within {@link ProgressService#SOON}
 * @param screenedOut people told they were not eligible (only a count is kept of them)
 * @param submittedByDay submissions per day (UTC), oldest first, days with none left out
 * @param draftsBySection where the waiting drafts stopped: the furthest section with an answer
 */
public record StudyProgress(
        String study,
        int definitionVersion,
        long submitted,
        long withdrawn,
        long draftsWaiting,
        long draftsExpiringSoon,
        long screenedOut,
        List<Day> submittedByDay,
        List<SectionReached> draftsBySection) {

    /** Submissions on one day. */
    public record Day(LocalDate date, long submitted) {}

    /**
     * Drafts whose furthest answered section is this one. The first entry, with a null section, is for
     * drafts with no answer yet (consent given, nothing else).
     */
    public record SectionReached(String section, String title, long drafts) {}
}
