package org.waymark.survey.demo;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.waymark.survey.responses.ResponseStore;
import org.waymark.survey.studies.BundledStudies;
import org.waymark.survey.studies.StudyService;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The demo study {@code cpa-recovery-demo}: the CPA &amp; Recovery questions answered by synthetic
 * participants from a seeded generator. Labelled SYNTHETIC in its title, description and flag, and
 * kept apart from real studies.
 */
@Component
public class DemoStudy {

    public static final String ID = "cpa-recovery-demo";

    private static final Logger log = LoggerFactory.getLogger(DemoStudy.class);

    private final BundledStudies bundled;
    private final StudyService studies;
    private final ResponseStore responses;
    private final TransactionTemplate transaction;
    private final JsonMapper json;

    DemoStudy(
            BundledStudies bundled,
            StudyService studies,
            ResponseStore responses,
            TransactionTemplate transaction,
            JsonMapper json) {
        this.bundled = bundled;
        this.studies = studies;
        this.responses = responses;
        this.transaction = transaction;
        this.json = json;
    }

    /** Loads the demo study with its synthetic participants, unless it exists already. */
    public void loadOnce(int participants, long seed) {
        if (!bundled.loadOnce(ID, definitionJson())) {
            return;
        }
        var published = studies.published(ID);
        var generator = new SyntheticParticipants(published.definition(), TextFragments.load(json), seed);
        List<ResponseStore.Submission> submissions = new ArrayList<>(participants);
        for (int i = 0; i < participants; i++) {
            SyntheticParticipants.Participant participant = generator.next();
            submissions.add(new ResponseStore.Submission(
                    ID,
                    published.versionId(),
                    participant.answers(),
                    published.definition().definition().consent().version(),
                    participant.statementsAgreed(),
                    "synthetic",
                    participant.submittedAt()));
        }
        transaction.executeWithoutResult(status -> submissions.forEach(responses::insertSubmitted));
        log.info("Loaded the demo study '{}' with {} SYNTHETIC participants", ID, participants);
    }

    /** The CPA &amp; Recovery definition, renamed and labelled as synthetic. */
    String definitionJson() {
        ObjectNode definition = (ObjectNode) json.readTree(BundledStudies.cpaRecoveryJson());
        definition.put("id", ID);
        definition.put("title", "SYNTHETIC DEMO: " + definition.get("title").asString());
        definition.put(
                "description",
                "SYNTHETIC DATA. Every participant in this demo study was made up by a program, and every"
                        + " answer was composed from sentences the Waymark team wrote. No real person took part."
                        + " Use it to explore Waymark. "
                        + definition.get("description").asString());
        definition.put("synthetic", true);
        return json.writeValueAsString(definition);
    }
}
