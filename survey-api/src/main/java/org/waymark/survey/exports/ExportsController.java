package org.waymark.survey.exports;

import java.security.Principal;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A study's data for R, SPSS, spreadsheets and QDA tools, for signed-in researchers (everything under
 * /api/studies/{id}/ but the published definition needs signing in). Exports hold row-level data, so
 * they are for the roles that may see it: a study's owner or researcher. See docs/exports.md.
 */
@RestController
class ExportsController {

    private final ExportService exports;

    ExportsController(ExportService exports) {
        this.exports = exports;
    }

    @GetMapping("/api/studies/{id}/export.csv")
    ResponseEntity<byte[]> dataset(
            @PathVariable String id, @RequestParam(defaultValue = "false") boolean labels, Principal researcher) {
        return attachment(exports.dataset(id, labels, researcher.getName()));
    }

    @GetMapping("/api/studies/{id}/codebook.csv")
    ResponseEntity<byte[]> codebookCsv(@PathVariable String id, Principal researcher) {
        return attachment(exports.codebookCsv(id, researcher.getName()));
    }

    /** Shown in the browser rather than saved, with the file name ready for "save as". */
    @GetMapping("/api/studies/{id}/codebook.html")
    ResponseEntity<byte[]> codebookHtml(@PathVariable String id, Principal researcher) {
        ExportService.Download download = exports.codebookHtml(id, researcher.getName());
        return response(download, ContentDisposition.inline());
    }

    @GetMapping("/api/studies/{id}/export.R")
    ResponseEntity<byte[]> rScript(@PathVariable String id, Principal researcher) {
        return attachment(exports.rScript(id, researcher.getName()));
    }

    @GetMapping("/api/studies/{id}/export.sps")
    ResponseEntity<byte[]> spssSyntax(@PathVariable String id, Principal researcher) {
        return attachment(exports.spssSyntax(id, researcher.getName()));
    }

    @GetMapping("/api/studies/{id}/text.csv")
    ResponseEntity<byte[]> textCsv(@PathVariable String id, Principal researcher) {
        return attachment(exports.textCsv(id, researcher.getName()));
    }

    @GetMapping("/api/studies/{id}/text.qdpx")
    ResponseEntity<byte[]> qdpx(@PathVariable String id, Principal researcher) {
        return attachment(exports.qdpx(id, researcher.getName()));
    }

    static ResponseEntity<byte[]> attachment(ExportService.Download download) {
        return response(download, ContentDisposition.attachment());
    }

    static ResponseEntity<byte[]> response(ExportService.Download download, ContentDisposition.Builder disposition) {
        return ResponseEntity.ok()
                .contentType(download.type())
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        disposition.filename(download.fileName()).build().toString())
                // Row-level data: no cache anywhere between the server and the researcher keeps a copy.
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(download.body());
    }
}
