package org.waymark.survey.responses;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import org.waymark.survey.studies.AnswerValue;

/**
 * An answer as stored in the {@code answer} table: a kind and a canonical text value. Several codes
 * are joined by semicolons, which option codes can never contain.
 */
public record StoredAnswer(String kind, String value) {

    static StoredAnswer of(AnswerValue answer) {
        return switch (answer) {
            case AnswerValue.Choice choice -> new StoredAnswer("code", choice.code());
            case AnswerValue.Choices choices -> new StoredAnswer("codes", String.join(";", choices.chosen()));
            case AnswerValue.Text text -> new StoredAnswer("text", text.text());
            case AnswerValue.Number number ->
                new StoredAnswer("number", number.value().toPlainString());
            case AnswerValue.Date date -> new StoredAnswer("date", date.value().toString());
            case AnswerValue.PreferNotToSay ignored -> new StoredAnswer(AnswerValue.PREFER_NOT_TO_SAY, null);
        };
    }

    public AnswerValue toAnswer() {
        return switch (kind) {
            case "code" -> new AnswerValue.Choice(value);
            case "codes" ->
                new AnswerValue.Choices(value.isEmpty() ? java.util.List.of() : Arrays.asList(value.split(";")));
            case "text" -> new AnswerValue.Text(value);
            case "number" -> new AnswerValue.Number(new BigDecimal(value));
            case "date" -> new AnswerValue.Date(LocalDate.parse(value));
            case AnswerValue.PREFER_NOT_TO_SAY -> new AnswerValue.PreferNotToSay();
            default -> throw new IllegalStateException("unknown stored answer kind");
        };
    }
}
