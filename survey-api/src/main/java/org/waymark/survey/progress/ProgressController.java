package org.waymark.survey.progress;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A study's progress, for the people who run it (the workspace dashboard reads it too). */
@RestController
class ProgressController {

    private final ProgressService progress;

    ProgressController(ProgressService progress) {
        this.progress = progress;
    }

    @GetMapping(value = "/api/studies/{id}/progress", produces = MediaType.APPLICATION_JSON_VALUE)
    StudyProgress progress(@PathVariable String id) {
        return progress.of(id);
    }
}
