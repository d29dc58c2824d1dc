package dev.nixpolicy.engine;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The sections of 001 Deliverable 7, in the order the checklist lists them. */
public enum FollowUpSection {
    SECRETS("secrets"), OIDC("oidc"), DNS("dns"), FIREWALL("firewall"), MANUAL("manual"), POST_DEPLOY("post-deploy");

    private final String spelling;

    FollowUpSection(String spelling) { this.spelling = spelling; }

    public String spelling() { return spelling; }

    public static FollowUpSection bySpelling(String spelling) {
        return Arrays.stream(values()).filter(s -> s.spelling.equals(spelling)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("follow-up section \"" + spelling + "\" is not one of "
                        + Arrays.stream(values()).map(FollowUpSection::spelling).collect(Collectors.joining(", "))));
    }
}
