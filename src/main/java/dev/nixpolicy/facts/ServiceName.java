package dev.nixpolicy.facts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/**
 * A service or host name. It becomes a directory name and a Nix attribute name, so it is
 * validated where it is read rather than escaped where it is used.
 */
public record ServiceName(@JsonValue String value) {
    public static final Pattern SHAPE = Pattern.compile("^[a-z][a-z0-9-]{0,62}$");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public ServiceName {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("name " + Quote.of(value) + " must match " + SHAPE.pattern()
                    + " (it is used in file paths and as a Nix attribute name)");
        }
    }

    @Override public String toString() { return value; }
}
