package org.waymark.survey.studies;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The studies API: published studies for everyone; uploading and publishing for researchers. */
@RestController
@RequestMapping("/api/studies")
class StudyController {

    private final StudyService studies;

    StudyController(StudyService studies) {
        this.studies = studies;
    }

    @GetMapping
    List<StudySummary> list() {
        return studies.listPublished();
    }

    @GetMapping(value = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    String published(@PathVariable String id) {
        return studies.publishedJson(id);
    }

    @GetMapping(value = "/{id}/versions/{version}", produces = MediaType.APPLICATION_JSON_VALUE)
    String version(@PathVariable String id, @PathVariable int version) {
        return studies.versionJson(id, version);
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<StudyService.VersionResult> create(@RequestBody String definition, Principal researcher) {
        var result = studies.create(definition, researcher.getName());
        return ResponseEntity.created(versionUri(result)).body(result);
    }

    @PostMapping(value = "/{id}/versions", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<StudyService.VersionResult> newVersion(
            @PathVariable String id, @RequestBody String definition, Principal researcher) {
        var result = studies.uploadVersion(id, definition, researcher.getName());
        return result.created() ? ResponseEntity.created(versionUri(result)).body(result) : ResponseEntity.ok(result);
    }

    @PostMapping("/{id}/publish")
    StudyService.VersionResult publish(@PathVariable String id, Principal researcher) {
        return studies.publish(id, researcher.getName());
    }

    @PostMapping("/{id}/close")
    StudyService.VersionResult close(@PathVariable String id, Principal researcher) {
        return studies.close(id, researcher.getName());
    }

    private static URI versionUri(StudyService.VersionResult result) {
        return URI.create("/api/studies/" + result.id() + "/versions/" + result.version());
    }
}
