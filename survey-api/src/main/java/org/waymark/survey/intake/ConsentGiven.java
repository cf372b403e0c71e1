package org.waymark.survey.intake;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The consent a participant gave: the version of the consent statements they read and the ids of the
 * statements they agreed to.
 */
public record ConsentGiven(
        @NotBlank @Size(max = 32) String version,
        @NotNull @Size(max = 100) List<@NotBlank @Size(max = 64) String> agreed) {}
