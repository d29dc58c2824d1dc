package dev.nixpolicy.facts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The facts contract version; only {@value #V1} is understood. */
public record ApiVersion(@JsonValue String value) {
    public static final String V1 = "nixpolicy/v1";

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public ApiVersion {
        if (!V1.equals(value)) {
            throw new IllegalArgumentException("must be \"" + V1 + "\", found " + Quote.of(value));
        }
    }
}
