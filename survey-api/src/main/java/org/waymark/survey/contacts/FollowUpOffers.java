package org.waymark.survey.contacts;

import jakarta.servlet.http.HttpSession;
import org.springframework.stereotype.Component;
import org.waymark.survey.studies.ValidatedDefinition;

/** Decides, as a response is submitted on the pages, whether to offer the participant follow-up. */
@Component
public class FollowUpOffers {

    private final FollowUpContacts contacts;

    FollowUpOffers(FollowUpContacts contacts) {
        this.contacts = contacts;
    }

    /**
     * Offers follow-up for the response just submitted in this session, if its study asks for it and a
     * contact key is configured. Returns whether it was offered, so the thank-you page can show the form.
     */
    public boolean offer(HttpSession session, ValidatedDefinition study, String responseId) {
        if (!study.definition().offersFollowUp() || !contacts.available()) {
            return false;
        }
        FollowUpOffer.make(session, study.id(), responseId);
        return true;
    }
}
