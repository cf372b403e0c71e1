package org.waymark.survey.themes;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A version of a study's coding frame.
 *
 * @param version the version number, from 1; ignored in uploads
 * @param themes the themes, in the order researchers see them
 */
public record Codebook(
        Integer version, @NotNull @Size(min = 1, max = 500) List<@NotNull @Valid Theme> themes) {

    public Codebook {
        themes = themes == null ? null : List.copyOf(themes);
    }

    /**
     * A theme.
     *
     * @param code a stable id, kept across versions so that codings keep their meaning
     * @param name what researchers call it
     * @param description what belongs under it, for coders
     * @param parent the code of a broader theme in the same codebook, or null
     * @param rule a search query whose matches are proposed for this theme, or null
     */
    public record Theme(
            @NotBlank @Pattern(regexp = "[a-z][a-z0-9_]{0,63}", message = "use lower-case letters, digits and _")
            String code,

            @NotBlank @Size(max = 200) String name,
            @Size(max = 2000) String description,
            String parent,
            @Size(max = 500) String rule) {}
}
