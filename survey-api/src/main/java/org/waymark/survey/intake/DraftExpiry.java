package org.waymark.survey.intake;

import java.time.Clock;
import java.time.LocalDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.waymark.survey.responses.ResponseStore;

/** Deletes drafts whose time ran out, every hour: answers nobody submitted are not kept. */
@Component
class DraftExpiry {

    private static final Logger log = LoggerFactory.getLogger(DraftExpiry.class);

    private final ResponseStore responses;
    private final Clock clock;

    DraftExpiry(ResponseStore responses, Clock clock) {
        this.responses = responses;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    @Transactional
    public void deleteExpired() {
        int deleted = responses.deleteExpiredDrafts(LocalDateTime.now(clock));
        if (deleted > 0) {
            log.info("Deleted {} expired draft(s)", deleted);
        }
    }
}
