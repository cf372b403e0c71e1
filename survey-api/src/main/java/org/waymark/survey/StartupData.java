package org.waymark.survey;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.waymark.survey.demo.DemoStudy;
import org.waymark.survey.studies.BundledStudies;

/** At start-up, loads the bundled studies and, unless switched off, the synthetic demo. */
@Component
class StartupData implements ApplicationRunner {

    private final BundledStudies bundled;
    private final DemoStudy demo;
    private final WaymarkProperties properties;

    StartupData(BundledStudies bundled, DemoStudy demo, WaymarkProperties properties) {
        this.bundled = bundled;
        this.demo = demo;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        bundled.loadOnce(BundledStudies.CPA_RECOVERY, BundledStudies.cpaRecoveryJson());
        if (properties.demo().enabled()) {
            demo.loadOnce(properties.demo().participants(), properties.demo().seed());
        }
    }
}
