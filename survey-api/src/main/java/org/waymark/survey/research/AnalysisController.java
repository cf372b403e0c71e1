package org.waymark.survey.research;

import java.security.Principal;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The analysis of a study's responses, for researchers (everything under /api/studies/{id}/ but the
 * published definition needs signing in). The {@code internal} profile is allowed to every
 * researcher for now; its output says {@code "exportable": false}.
 */
@RestController
class AnalysisController {

    private final AnalysisService analysis;

    AnalysisController(AnalysisService analysis) {
        this.analysis = analysis;
    }

    @GetMapping(value = "/api/studies/{id}/analysis", produces = MediaType.APPLICATION_JSON_VALUE)
    AnalysisJson analysis(
            @PathVariable String id,
            @RequestParam(required = false) String by,
            @RequestParam(defaultValue = AnalysisService.DEFAULT_PROFILE) String disclosure,
            Principal researcher) {
        return analysis.analyse(id, by, disclosure, researcher.getName());
    }
}
