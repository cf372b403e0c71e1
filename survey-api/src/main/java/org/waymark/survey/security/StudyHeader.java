package org.waymark.survey.security;

import java.util.List;

/**
 * The top of every workspace page about one study: its title and status, the viewer's role in it, and
 * the study's sections this viewer may open (a section they may not open is not offered).
 *
 * @param role the viewer's role in the study, or {@code null} for a site admin without one
 */
public record StudyHeader(
        String studyId, String title, String status, boolean synthetic, String role, List<Link> links) {

    /** One section of the study, with {@code current} set on the page being shown. */
    public record Link(String label, String href, boolean current) {}

    public StudyHeader {
        links = List.copyOf(links);
    }
}
