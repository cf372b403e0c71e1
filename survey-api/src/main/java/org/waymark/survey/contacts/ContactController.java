package org.waymark.survey.contacts;

import java.security.Principal;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Contact details left for follow-up, for the study's owners only; every reading is audited. See docs/api.md. */
@RestController
class ContactController {

    private final FollowUpContacts contacts;

    ContactController(FollowUpContacts contacts) {
        this.contacts = contacts;
    }

    @GetMapping(value = "/api/studies/{id}/contacts", produces = MediaType.APPLICATION_JSON_VALUE)
    FollowUpContacts.Contacts contacts(@PathVariable String id, Principal reader) {
        return contacts.read(id, reader.getName());
    }
}
