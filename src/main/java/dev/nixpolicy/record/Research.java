package dev.nixpolicy.record;

import dev.nixpolicy.facts.Auth;
import dev.nixpolicy.facts.NixpkgsChannel;
import dev.nixpolicy.facts.Packaging;
import dev.nixpolicy.facts.ServiceFacts;
import dev.nixpolicy.facts.Users;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Step 0 research as the facts state it (001 "Document your findings"), echoed into the
 * record so that the rationale can print it without reading the facts again. Capabilities
 * are true, false, or null where the facts leave them unknown; the keys are the facts' own.
 */
public record Research(
        String packageName,
        String stableVersion,
        String unstableVersion,
        Boolean nativeModule,
        Map<String, Boolean> authentication) {

    public Research {
        authentication = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(authentication));
    }

    public static Research of(ServiceFacts facts) {
        Packaging packaging = facts.packaging();
        String packageName = "unknown";
        String stable = "unknown";
        String unstable = "unknown";
        Boolean module = null;
        if (packaging != null && packaging.nixpkgs() != null) {
            Optional<NixpkgsChannel> s = packaging.nixpkgs().stable();
            Optional<NixpkgsChannel> u = packaging.nixpkgs().unstable();
            stable = describe(s);
            unstable = describe(u);
            packageName = firstPresent(s, u).map(NixpkgsChannel::packageName).orElse(s == null || u == null ? "unknown" : "none");
            module = moduleAnswer(s, u);
        }
        Auth auth = facts.auth();
        Users users = facts.users();
        Map<String, Boolean> authentication = new LinkedHashMap<>();
        authentication.put("nativeOidc", auth == null ? null : auth.nativeOidc());
        authentication.put("trustedHeader", auth == null ? null : auth.trustedHeader());
        authentication.put("canDisableAuth", auth == null ? null : auth.canDisableAuth());
        authentication.put("perUserAuthorization", users == null ? null : users.perUserAuthorization());
        authentication.put("apiKey", auth == null ? null : auth.apiKey());
        return new Research(packageName, stable, unstable, module, authentication);
    }

    private static Optional<NixpkgsChannel> firstPresent(Optional<NixpkgsChannel> a, Optional<NixpkgsChannel> b) {
        if (a != null && a.isPresent()) {
            return a;
        }
        return b != null ? b : Optional.empty();
    }

    private static String describe(Optional<NixpkgsChannel> channel) {
        if (channel == null) {
            return "unknown";
        }
        return channel.map(c -> c.version() == null ? c.packageName() + " (version unknown)" : c.version())
                .orElse("not packaged");
    }

    private static Boolean moduleAnswer(Optional<NixpkgsChannel> s, Optional<NixpkgsChannel> u) {
        boolean any = false;
        boolean unknown = s == null || u == null;
        for (Optional<NixpkgsChannel> channel : java.util.Arrays.asList(s, u)) {
            if (channel != null && channel.isPresent()) {
                if (Boolean.TRUE.equals(channel.get().module())) {
                    any = true;
                } else if (channel.get().module() == null) {
                    unknown = true;
                }
            }
        }
        return any ? Boolean.TRUE : unknown ? null : Boolean.FALSE;
    }
}
