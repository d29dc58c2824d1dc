package dev.nixpolicy.facts;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads facts files strictly (facts-v1): unknown keys, duplicate keys, wrong types, missing
 * required keys and malformed values are each one {@link BadInputException} with the file,
 * line and column, never a partial result.
 */
public final class FactsLoader {
    private static final Pattern DIRECTORY = Pattern.compile("/[A-Za-z0-9._~/+-]*");
    /** A health or metrics endpoint: a path, optionally with a query ({@code /api?mode=version}). */
    private static final Pattern ENDPOINT = Pattern.compile("/[A-Za-z0-9._~/+-]*(\\?([A-Za-z0-9._~/?:@&=+,;-]|%[0-9A-Fa-f]{2})*)?");

    public FactsLoader() {}

    public ServiceFacts loadService(Path file) throws BadInputException {
        return parseService(file, read(file));
    }

    /** Parses facts text; {@code file} names it in messages. */
    public ServiceFacts parseService(Path file, String text) throws BadInputException {
        YamlLocations at = locations(file, text);
        ServiceFacts facts = map(file, text, at, ServiceFacts.class);
        checkService(file, at, facts);
        return facts;
    }

    public HostFacts loadHost(Path file) throws BadInputException {
        return parseHost(file, read(file));
    }

    /** Parses host facts text; {@code file} names it in messages. */
    public HostFacts parseHost(Path file, String text) throws BadInputException {
        YamlLocations at = locations(file, text);
        HostFacts host = map(file, text, at, HostFacts.class);
        checkHost(file, at, host);
        return host;
    }

    private static YamlLocations locations(Path file, String text) throws BadInputException {
        return YamlLocations.ofInput(file, text);
    }

    private static String read(Path file) throws BadInputException {
        return YamlFile.read(file);
    }

    /** Where the value at {@code path} (e.g. {@code service}) of a facts file stands, for a problem found after loading it. */
    public static YamlLocations.Location locate(Path file, String path) {
        try {
            return YamlLocations.of(YamlFile.read(file)).value(path);
        } catch (BadInputException | YamlLocations.Refusal e) {
            return new YamlLocations.Location(1, 1);
        }
    }

    private <T> T map(Path file, String text, YamlLocations at, Class<T> type) throws BadInputException {
        if (text.isBlank()) {
            throw new BadInputException(file, 1, 1, "file is empty; expected a facts mapping starting with apiVersion");
        }
        if (at.root() == null) {
            throw new BadInputException(file, 1, 1, "expected a facts mapping, found nothing");
        }
        T value = new RecordMapper(file, at).read(at.root(), type);
        if (value == null) {
            throw new BadInputException(file, at.value(""), "expected a facts mapping, found null");
        }
        return value;
    }

    private static void checkService(Path file, YamlLocations at, ServiceFacts facts) throws BadInputException {
        if (facts.description().isBlank() || facts.description().contains("\n")) {
            throw new BadInputException(file, at.value("description"), "description must be one non-empty line");
        }
        boolean internalApi = facts.workload() != null && facts.workload().type() == WorkloadType.INTERNAL_API;
        Upstream upstream = facts.upstream();
        if ((upstream == null || upstream.port() == null) && !internalApi) {
            throw new BadInputException(file, at.key(upstream == null ? "" : "upstream"),
                    "missing required key 'upstream.port' (only an internal-api service may have no port)");
        }
        if (upstream != null) {
            checkPort(file, at, "upstream.port", upstream.port());
            if (upstream.metricsPort() != null && upstream.metricsPort().isPresent()) {
                checkPort(file, at, "upstream.metricsPort", upstream.metricsPort().get());
            }
            String endpoint = "must be an absolute URL path of letters, digits and ._~/+-, optionally with a query (?mode=version)";
            checkShape(file, at, "upstream.dataDir", upstream.dataDir(), DIRECTORY,
                    "must be an absolute path of letters, digits and ._~/+-");
            checkShape(file, at, "upstream.metricsPath", upstream.metricsPath(), ENDPOINT, endpoint);
            checkShape(file, at, "upstream.healthPath", upstream.healthPath(), ENDPOINT, endpoint);
        }
        Packaging packaging = facts.packaging();
        if (packaging != null) {
            checkAttribute(file, at, "packaging.moduleName", packaging.moduleName());
            ModuleOptions options = packaging.moduleOptions();
            if (options != null) {
                checkOptionPath(file, at, "packaging.moduleOptions.port", options.port());
                checkOptionPath(file, at, "packaging.moduleOptions.user", options.user());
                checkOptionPath(file, at, "packaging.moduleOptions.group", options.group());
                checkOptionPath(file, at, "packaging.moduleOptions.dataDir", options.dataDir());
            }
            if (packaging.nixpkgs() != null) {
                for (String channel : List.of("stable", "unstable")) {
                    java.util.Optional<NixpkgsChannel> c = channel.equals("stable")
                            ? packaging.nixpkgs().stable() : packaging.nixpkgs().unstable();
                    if (c != null && c.isPresent()) {
                        checkAttribute(file, at, "packaging.nixpkgs." + channel + ".package", c.get().packageName());
                    }
                }
            }
        }
        if (packaging != null && packaging.containerImages() != null) {
            for (int i = 0; i < packaging.containerImages().size(); i++) {
                String ref = packaging.containerImages().get(i);
                try {
                    ImageCandidate.parse(ref == null ? "" : ref);
                } catch (IllegalArgumentException bad) {
                    throw new BadInputException(file, at.value("packaging.containerImages[" + i + "]"),
                            "packaging.containerImages[" + i + "]: " + bad.getMessage());
                }
            }
        }
        if (facts.integrations() != null && facts.integrations().secrets() != null) {
            checkSecrets(file, at, facts.integrations().secrets());
        }
        checkOverrides(file, at, facts.overrides());
    }

    /**
     * Each secret name must be safe where it is printed, and no two may derive the same option or
     * environment variable ({@code api_key} and {@code api-key} would both be {@code apiKeyFile}).
     */
    private static void checkSecrets(Path file, YamlLocations at, List<String> secrets) throws BadInputException {
        Map<String, Integer> byOption = new HashMap<>();
        Map<String, Integer> byEnvironment = new HashMap<>();
        for (int i = 0; i < secrets.size(); i++) {
            String here = "integrations.secrets[" + i + "]";
            String name = secrets.get(i);
            Optional<String> problem = SecretNames.problemWith(name);
            if (problem.isPresent()) {
                throw new BadInputException(file, at.value(here), here + ": " + Quote.of(name) + " " + problem.get());
            }
            Integer sameOption = byOption.putIfAbsent(SecretNames.option(name), i);
            if (sameOption != null) {
                throw collision(file, at, secrets, i, sameOption, "the module option " + SecretNames.option(name));
            }
            Integer sameEnvironment = byEnvironment.putIfAbsent(SecretNames.environment(name), i);
            if (sameEnvironment != null) {
                throw collision(file, at, secrets, i, sameEnvironment, "the environment variable " + SecretNames.environment(name));
            }
        }
    }

    private static BadInputException collision(Path file, YamlLocations at, List<String> secrets, int later, int earlier,
            String derived) {
        String here = "integrations.secrets[" + later + "]";
        String there = "integrations.secrets[" + earlier + "]";
        String name = secrets.get(later);
        String other = secrets.get(earlier);
        return new BadInputException(file, at.value(here), here + ": " + Quote.of(name) + (name.equals(other)
                ? " is already listed as " + there
                : " and " + Quote.of(other) + " (" + there + ") would both become " + derived));
    }

    private static void checkOverrides(Path file, YamlLocations at, List<PolicyOverride> overrides) throws BadInputException {
        for (int i = 0; i < overrides.size(); i++) {
            PolicyOverride o = overrides.get(i);
            String here = "overrides[" + i + "]";
            Optional<DecisionKey> key = DecisionKey.byKey(o.decision());
            if (key.isEmpty()) {
                throw new BadInputException(file, at.value(here + ".decision"), here + ".decision: " + Quote.of(o.decision())
                        + " is not a decision key; known keys: " + String.join(", ", DecisionKey.keys()));
            }
            Optional<String> problem = key.get().problemWith(OverrideValues.toJava(o.value()));
            if (problem.isPresent()) {
                throw new BadInputException(file, at.value(here + ".value"), here + ".value: " + problem.get());
            }
            if (o.reason().isBlank()) {
                throw new BadInputException(file, at.value(here + ".reason"), here + ".reason: an override must say why");
            }
            for (int j = 0; j < i; j++) {
                if (overrides.get(j).decision().equals(o.decision())) {
                    throw new BadInputException(file, at.value(here + ".decision"), here + ".decision: " + Quote.of(o.decision())
                            + " is already overridden by overrides[" + j + "]");
                }
            }
        }
    }

    private static void checkHost(Path file, YamlLocations at, HostFacts host) throws BadInputException {
        if (!host.domain().matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+")) {
            throw new BadInputException(file, at.value("domain"), "domain: " + Quote.of(host.domain()) + " is not a DNS domain");
        }
        HostFacts.UidRange range = host.uidRange();
        if (range != null && (range.min() < 1 || range.min() > range.max())) {
            throw new BadInputException(file, at.value("uidRange"), "uidRange: min must be at least 1 and not above max");
        }
        for (Map.Entry<Integer, String> port : host.ports().entrySet()) {
            int number = port.getKey();
            if (number < 1 || number > 65535) {
                throw new BadInputException(file, at.key("ports." + number), "ports." + number + ": " + number
                        + " is not a port (1-65535)");
            }
        }
        for (int i = 0; i < host.busyPortRanges().size(); i++) {
            List<Integer> pair = host.busyPortRanges().get(i);
            if (pair == null || pair.size() != 2 || pair.stream().anyMatch(java.util.Objects::isNull) || pair.get(0) > pair.get(1)) {
                throw new BadInputException(file, at.value("busyPortRanges[" + i + "]"),
                        "busyPortRanges[" + i + "]: expected [low, high] with low <= high");
            }
            checkPort(file, at, "busyPortRanges[" + i + "]", pair.get(0));
            checkPort(file, at, "busyPortRanges[" + i + "]", pair.get(1));
        }
        for (String name : List.of("backupRepository", "podmanNetwork", "tunnel")) {
            String value = switch (name) {
                case "backupRepository" -> host.backupRepository();
                case "podmanNetwork" -> host.podmanNetwork();
                default -> host.tunnel();
            };
            if (value != null && !ServiceName.SHAPE.matcher(value).matches()) {
                throw new BadInputException(file, at.value(name), name + ": " + Quote.of(value) + " must match "
                        + ServiceName.SHAPE.pattern());
            }
        }
        List<String> mounts = host.nfsMounts() == null ? List.of() : host.nfsMounts();
        for (int i = 0; i < mounts.size(); i++) {
            String mount = mounts.get(i);
            if (mount == null || !ServiceName.SHAPE.matcher(mount).matches()) {
                throw new BadInputException(file, at.value("nfsMounts[" + i + "]"), "nfsMounts[" + i + "]: " + Quote.of(mount)
                        + " must match " + ServiceName.SHAPE.pattern());
            }
        }
        for (Map.Entry<Integer, String> uid : host.uids().entrySet()) {
            if (uid.getKey() < 0) {
                throw new BadInputException(file, at.key("uids." + uid.getKey()), "uids." + uid.getKey() + ": "
                        + uid.getKey() + " is not a UID (0 or more)");
            }
            checkOwner(file, at, "uids." + uid.getKey(), uid.getValue());
        }
        for (Map.Entry<Integer, String> gid : host.gids().entrySet()) {
            if (gid.getKey() < 0) {
                throw new BadInputException(file, at.key("gids." + gid.getKey()), "gids." + gid.getKey() + ": "
                        + gid.getKey() + " is not a GID (0 or more)");
            }
            checkOwner(file, at, "gids." + gid.getKey(), gid.getValue());
        }
        for (Map.Entry<Integer, String> port : host.ports().entrySet()) {
            checkOwner(file, at, "ports." + port.getKey(), port.getValue());
        }
    }

    /** Who holds a UID or port: a service name, as rules compare it with the service decided. */
    private static void checkOwner(Path file, YamlLocations at, String where, String owner) throws BadInputException {
        if (owner == null || !ServiceName.SHAPE.matcher(owner).matches()) {
            throw new BadInputException(file, at.value(where), where + ": owner " + Quote.of(owner) + " must match "
                    + ServiceName.SHAPE.pattern());
        }
    }

    /** Package and module names become Nix attribute paths, so they must be plain identifiers. */
    private static void checkAttribute(Path file, YamlLocations at, String where, String name) throws BadInputException {
        if (name != null && !name.matches("[A-Za-z_][A-Za-z0-9_'-]*(\\.[A-Za-z_][A-Za-z0-9_'-]*)*")) {
            throw new BadInputException(file, at.value(where), where + ": " + Quote.of(name)
                    + " is not a Nix attribute name (letters, digits, _ ' - and dots)");
        }
    }

    private static void checkOptionPath(Path file, YamlLocations at, String where, Optional<String> path)
            throws BadInputException {
        if (path != null && path.isPresent()) {
            checkAttribute(file, at, where, path.get());
        }
    }

    private static void checkShape(Path file, YamlLocations at, String where, String value, Pattern shape, String expectation)
            throws BadInputException {
        if (value != null && !shape.matcher(value).matches()) {
            throw new BadInputException(file, at.value(where), where + ": " + Quote.of(value) + " " + expectation);
        }
    }

    private static void checkPort(Path file, YamlLocations at, String where, Integer port) throws BadInputException {
        if (port != null && (port < 1 || port > 65535)) {
            throw new BadInputException(file, at.value(where), where + ": " + port + " is not a port (1-65535)");
        }
    }
}
