package org.waymark.survey.studies;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The kinds of question a study can ask. */
public enum QuestionType {
    @JsonProperty("single")
    SINGLE,
    @JsonProperty("multi")
    MULTI,
    @JsonProperty("scale")
    SCALE,
    @JsonProperty("text")
    TEXT,
    @JsonProperty("number")
    NUMBER,
    @JsonProperty("date")
    DATE;

    /** Whether answers are option codes, so conditions and groupings can use them. */
    public boolean hasOptions() {
        return this == SINGLE || this == MULTI || this == SCALE;
    }

    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
