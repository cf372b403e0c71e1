package org.waymark.survey.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.waymark.survey.responses.ResponseStore;
import org.waymark.survey.studies.BundledStudies;
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
    private final ResponseStore responses;
    private final JsonMapper json;

    DemoStudy(BundledStudies bundled, ResponseStore responses, JsonMapper json) {
        this.bundled = bundled;
        this.responses = responses;
        this.json = json;
    }

    /** Loads the demo study with its synthetic participants, unless it exists already. */
    public void loadOnce(int participants, long seed) {
        boolean loaded = bundled.loadOnce(ID, definitionJson(), published -> {
            var generator = new SyntheticParticipants(published.definition(), TextFragments.load(json), seed);
            String consentVersion =
                    published.definition().definition().consent().version();
            for (int i = 0; i < participants; i++) {
                SyntheticParticipants.Participant participant = generator.next();
                responses.insertSubmitted(new ResponseStore.Submission(
                        ID,
                        published.versionId(),
                        participant.answers(),
                        consentVersion,
                        participant.statementsAgreed(),
                        "synthetic",
                        participant.submittedAt()));
            }
        });
        if (loaded) {
            log.info("Loaded the demo study '{}' with {} SYNTHETIC participants", ID, participants);
        }
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
