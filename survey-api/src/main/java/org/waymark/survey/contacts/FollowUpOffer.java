package org.waymark.survey.contacts;

import jakarta.servlet.http.HttpSession;
import java.io.Serial;
import java.io.Serializable;
import java.util.Optional;

/**
 * The offer to leave contact details, kept in the session of the participant who has just submitted,
 * for that one response. It holds the response's pseudonymous id only, never a code, and is used up
 * once details are left.
 */
final class FollowUpOffer implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private static final String ATTRIBUTE = "waymark.follow-up";

    private final String studyId;
    private final String responseId;

    private FollowUpOffer(String studyId, String responseId) {
        this.studyId = studyId;
        this.responseId = responseId;
    }

    /** Offers follow-up for a response just submitted in this session. */
    static void make(HttpSession session, String studyId, String responseId) {
        session.setAttribute(ATTRIBUTE, new FollowUpOffer(studyId, responseId));
    }

    static Optional<FollowUpOffer> of(HttpSession session, String studyId) {
        return session != null
                        && session.getAttribute(ATTRIBUTE) instanceof FollowUpOffer offer
                        && offer.studyId.equals(studyId)
                ? Optional.of(offer)
                : Optional.empty();
    }

    static void usedUp(HttpSession session) {
        session.removeAttribute(ATTRIBUTE);
    }

    String responseId() {
        return responseId;
    }
}
