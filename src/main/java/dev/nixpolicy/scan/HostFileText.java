package dev.nixpolicy.scan;

import dev.nixpolicy.scan.RepositoryScan.Found;
import dev.nixpolicy.scan.RepositoryScan.Held;
import dev.nixpolicy.scan.RepositoryScan.Result;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A scan written as a host facts file: each entry with a comment saying where it was found,
 * so a reviewer can check it against the repository. Everything written is a name, a number or
 * a domain the loader accepts; a domain that is not one is left out with a comment.
 */
public final class HostFileText {
    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+");

    private HostFileText() {}

    public static String of(Result scan, String repositoryName, String schemaReference) {
        StringBuilder out = new StringBuilder();
        out.append("# yaml-language-server: $schema=").append(comment(schemaReference)).append('\n');
        out.append("# Host facts for ").append(scan.host()).append(", scanned by `nixpolicy scan` from ").append(comment(repositoryName))
                .append(" (").append(scan.filesRead()).append(" Nix files; comments and strings are not assignments).\n");
        out.append("# UIDs and GIDs come from every host (they must be unique across hosts); ports and the rest from\n");
        out.append("# this host's files and the shared ones");
        if (!scan.otherHosts().isEmpty()) {
            out.append(" (not from ").append(comment(String.join(", ", scan.otherHosts()))).append(')');
        }
        out.append(". Check each entry against the file:line beside it.\n");
        out.append("apiVersion: nixpolicy/v1\n");
        out.append("host: ").append(scan.host()).append('\n');
        Optional<Found<String>> domain = scan.domain().filter(d -> DOMAIN.matcher(d.value()).matches());
        if (domain.isPresent()) {
            out.append("domain: ").append(domain.get().value()).append("  # ").append(comment(domain.get().where())).append('\n');
        } else {
            out.append("# domain: no networking.domain found").append(scan.domain().map(d -> " that is a DNS domain (" + comment(d.where()) + ")").orElse(""))
                    .append("; set it before use\n");
        }
        out.append("# uidRange: left out, so the rules allocate from the policy's range; set { min, max } to use another\n");
        numbers(out, "uids", scan.uids());
        numbers(out, "gids", scan.gids());
        numbers(out, "ports", scan.ports());
        out.append("# busyPortRanges: left out; the rules find where the ports above crowd (add ranges to avoid besides)\n");
        text(out, "backupRepository", scan.backupRepository());
        text(out, "podmanNetwork", scan.podmanNetwork());
        if (scan.nfsMounts().isEmpty()) {
            out.append("# nfsMounts: none found (modules.storage.nfsMounts.<name>); left out, a service's nasMount is not checked\n");
        } else {
            out.append("nfsMounts: [").append(String.join(", ", scan.nfsMounts().keySet())).append("]  # ")
                    .append(scan.nfsMounts().entrySet().stream().map(m -> m.getKey() + ": " + comment(m.getValue()))
                            .collect(java.util.stream.Collectors.joining("; "))).append('\n');
        }
        text(out, "tunnel", scan.tunnel());
        return out.toString();
    }

    private static void numbers(StringBuilder out, String key, Map<Integer, Held> held) {
        if (held.isEmpty()) {
            out.append(key).append(": {}\n");
            return;
        }
        out.append(key).append(":\n");
        held.forEach((number, h) -> {
            out.append("  ").append(number).append(": ").append(h.owner()).append("  # ").append(comment(h.where()));
            if (!h.alsoClaimedBy().isEmpty()) {
                out.append(" (also claimed by ").append(comment(String.join(", ", h.alsoClaimedBy()))).append(')');
            }
            out.append('\n');
        });
    }

    private static void text(StringBuilder out, String key, Optional<Found<String>> found) {
        if (found.isPresent()) {
            out.append(key).append(": ").append(found.get().value()).append("  # ").append(comment(found.get().where())).append('\n');
        } else {
            out.append("# ").append(key).append(": none found\n");
        }
    }

    /** Text for a comment: on one line, whatever a file name holds. */
    private static String comment(String text) {
        return text.replaceAll("\\p{Cntrl}", "?");
    }
}
