package org.waymark.survey.intake;

import java.security.Principal;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.waymark.survey.web.ApiProblemException;

/** Importing paper and interview responses as CSV, for researchers. */
@RestController
class ImportController {

    private final ResponseImport imports;

    ImportController(ResponseImport imports) {
        this.imports = imports;
    }

    @PostMapping(value = "/api/studies/{id}/imports", consumes = "text/csv")
    ResponseEntity<ResponseImport.Report> importCsv(
            @PathVariable String id,
            @RequestParam(defaultValue = "all-or-nothing") String mode,
            @RequestBody String csv,
            Principal researcher) {
        ResponseImport.Mode chosen = switch (mode) {
            case "all-or-nothing" -> ResponseImport.Mode.ALL_OR_NOTHING;
            case "valid-rows" -> ResponseImport.Mode.VALID_ROWS;
            default ->
                throw new ApiProblemException(
                        HttpStatus.BAD_REQUEST, "Bad request", "'mode' must be all-or-nothing or valid-rows.");
        };
        return ResponseEntity.status(HttpStatus.CREATED).body(imports.importCsv(id, csv, chosen, researcher.getName()));
    }
}
