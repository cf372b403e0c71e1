package org.waymark.survey;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Waymark: a research data platform for service-user-led mental health research. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class WaymarkApplication {

    public static void main(String[] args) {
        SpringApplication.run(WaymarkApplication.class, args);
    }
}
