package org.waymark.survey.search;

import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Search of free-text answers for researchers, and the index's upkeep for admins. See docs/themes.md. */
@RestController
class SearchController {

    private final SearchService search;
    private final SearchIndex index;

    SearchController(SearchService search, SearchIndex index) {
        this.search = search;
        this.index = index;
    }

    @GetMapping(value = "/api/studies/{id}/search", produces = MediaType.APPLICATION_JSON_VALUE)
    SearchJson search(
            @PathVariable String id,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String question,
            @RequestParam(required = false) String disclosure,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size,
            @RequestParam Map<String, String> parameters) {
        return search.search(id, q, question, SearchService.groupFilters(parameters), disclosure, page, size);
    }

    @GetMapping(value = "/api/studies/{id}/responses/{responseId}/similar", produces = MediaType.APPLICATION_JSON_VALUE)
    List<SearchJson.Hit> similar(
            @PathVariable String id,
            @PathVariable String responseId,
            @RequestParam String question,
            @RequestParam(defaultValue = "10") int count) {
        return search.similar(id, responseId, question, count);
    }

    @GetMapping(value = "/api/studies/{id}/search/consistency", produces = MediaType.APPLICATION_JSON_VALUE)
    SearchIndex.Consistency consistency(@PathVariable String id) {
        return search.consistency(id);
    }

    record Rebuilt(long responses) {}

    @PostMapping(value = "/api/search/rebuild", produces = MediaType.APPLICATION_JSON_VALUE)
    Rebuilt rebuild() {
        return new Rebuilt(index.rebuild());
    }
}
