package dev.nixpolicy.testing;

import dev.nixpolicy.facts.DecisionKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Facts files drawn from the facts-v1 contract, for property-based tests: valid ones (every
 * key present, absent or null as the contract allows), near-valid ones (one key broken: a
 * wrong type, a value out of range, an unknown key, a required key left out) and hostile ones
 * (text built to break out of YAML, Nix, Markdown or a path). One seed gives one file.
 */
public final class FactsGenerator {
    /** COMPLETE gives every key (so most services generate); VALID leaves keys out as the contract allows. */
    public enum Kind { COMPLETE, VALID, NEAR_VALID, HOSTILE }

    /** Text that tries to leave every language it lands in. */
    static final List<String> HOSTILE_TEXT = List.of(
            "x\"; pwned = true; y = \"", "${builtins.readFile /etc/shadow}", "''; pwned = true; x = ''",
            "a\nb", "a\r\nb", "\u0000", "\u202e", "../../etc/passwd", "let", "in", "or", "*bold* <script>",
            "[x](http://e)", "| a | b |", "#", "\\", "'", "-", "", " ", "ǅ İ ı", "🙂", "x".repeat(300));

    private final Random random;
    private final Kind kind;

    public FactsGenerator(long seed, Kind kind) {
        this.random = new Random(seed);
        this.kind = kind;
    }

    public Map<String, Object> facts() {
        Map<String, Object> facts = valid();
        if (kind == Kind.NEAR_VALID) {
            breakOneKey(facts);
        }
        return facts;
    }

    private Map<String, Object> valid() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("apiVersion", "nixpolicy/v1");
        String service = serviceName();
        f.put("service", service);
        maybe(f, "displayName", text("Display"));
        f.put("description", oneLine(text("A service")));
        maybe(f, "category", pick("Media", "Home", "Monitoring", text("Cat")));
        String type = pick("web-app", "media-app", "media-server", "database", "monitoring", "infrastructure", "internal-api");
        Map<String, Object> upstream = new LinkedHashMap<>();
        if (!type.equals("internal-api") || random.nextBoolean()) {
            upstream.put("port", port());
        }
        maybe(upstream, "metricsPort", random.nextBoolean() ? null : port());
        maybe(upstream, "metricsPath", pick("/metrics", "/api/metrics?format=prometheus"));
        maybe(upstream, "dataDir", pick("/var/lib/" + service, "/srv/data", "/var/lib/x.y_z+1"));
        maybe(upstream, "healthPath", pick("/health", "/api?mode=version", "/ping", "/"));
        f.put("upstream", upstream);
        f.put("packaging", packaging(service));
        Map<String, Object> auth = new LinkedHashMap<>();
        for (String key : List.of("nativeOidc", "trustedHeader", "canDisableAuth", "apiKey", "builtInAuth")) {
            maybe(auth, key, random.nextBoolean());
        }
        maybe(auth, "trustedHeaderName", random.nextBoolean() ? null : "Remote-User");
        maybe(f, "auth", auth);
        Map<String, Object> users = new LinkedHashMap<>();
        maybe(users, "multiUser", random.nextBoolean());
        maybe(users, "perUserAuthorization", random.nextBoolean());
        maybe(users, "audience", pick("media", "home", "admin"));
        maybe(f, "users", users);
        Map<String, Object> workload = new LinkedHashMap<>();
        workload.put("type", type);
        maybe(workload, "storage", pick("media", "database", "large-sequential", "general", "none"));
        maybe(workload, "stateful", random.nextBoolean());
        maybe(workload, "appState", pick("none", "files", "sqlite", "database"));
        for (String key : List.of("lockedFiles", "staticContent", "critical", "gpu")) {
            maybe(workload, key, random.nextBoolean());
        }
        maybe(workload, "nasMount", random.nextBoolean() ? null : pick("media", "media", "documents"));
        f.put("workload", workload);
        Map<String, Object> exposure = new LinkedHashMap<>();
        for (String key : List.of("webUi", "api", "publicAccess")) {
            maybe(exposure, key, random.nextBoolean());
        }
        maybe(exposure, "publicReason", random.nextBoolean() ? null : oneLine(text("reason")));
        maybe(f, "exposure", exposure);
        f.put("integrations", integrations());
        if (random.nextInt(4) == 0) {
            f.put("overrides", List.of(override()));
        }
        return f;
    }

    private Map<String, Object> packaging(String service) {
        Map<String, Object> p = new LinkedHashMap<>();
        if (kind == Kind.COMPLETE || random.nextInt(5) > 0) {
            Map<String, Object> nixpkgs = new LinkedHashMap<>();
            for (String channel : List.of("stable", "unstable")) {
                if (random.nextBoolean()) {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("package", kind == Kind.HOSTILE ? pick(service, "let", "in") : service);
                    maybe(entry, "version", pick("1.0", "2.3.4", "10.0.1"));
                    entry.put("module", random.nextBoolean());
                    nixpkgs.put(channel, entry);
                } else {
                    maybe(nixpkgs, channel, null);
                }
            }
            p.put("nixpkgs", nixpkgs);
        }
        maybe(p, "minimumVersion", random.nextBoolean() ? null : pick("1.0", "2.0", "3.1.4"));
        maybe(p, "upstreamFlake", random.nextBoolean());
        maybe(p, "requiresContainer", random.nextBoolean());
        maybe(p, "hardToPackage", random.nextBoolean());
        if (kind == Kind.COMPLETE || random.nextInt(4) == 0) {
            Map<String, Object> options = new LinkedHashMap<>();
            for (String key : List.of("port", "user", "group", "dataDir")) {
                maybe(options, key, random.nextBoolean() ? null : pick(key, "settings." + key, "settings.in." + key));
            }
            p.put("moduleOptions", options);
        }
        List<String> images = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            images.add(kind == Kind.COMPLETE ? "ghcr.io/acme/" + service + ":1.2.3@sha256:" + "ab".repeat(32)
                    : pick("ghcr.io/acme/" + service + ":1.2.3@sha256:" + "ab".repeat(32),
                    "docker.io/acme/" + service + ":latest", "ghcr.io/acme/" + service + ":2.0", "acme/" + service));
        }
        maybe(p, "containerImages", images);
        return p;
    }

    private Map<String, Object> integrations() {
        Map<String, Object> i = new LinkedHashMap<>();
        maybe(i, "postgresql", random.nextBoolean() ? null : Map.of("extensions", random.nextBoolean() ? List.of() : List.of("pgcrypto")));
        maybe(i, "mqtt", random.nextBoolean() ? null : Map.of("topics", List.of("x/#")));
        maybe(i, "grafana", random.nextBoolean() ? null : Map.of("dashboards", random.nextBoolean()));
        maybe(i, "homepageWidget", random.nextBoolean() ? null : pick("sonarr", "plex", text("widget")));
        List<String> secrets = new ArrayList<>();
        for (int n = random.nextInt(4); n > 0; n--) {
            String secret = kind == Kind.HOSTILE ? pick(HOSTILE_TEXT) : pick("api-key", "api_key", "db.password", "oidc_client_secret", "token");
            if (!secrets.contains(secret)) {
                secrets.add(secret);
            }
        }
        maybe(i, "secrets", secrets);
        return i;
    }

    private Map<String, Object> override() {
        DecisionKey key = DecisionKey.values()[random.nextInt(DecisionKey.values().length)];
        Object value = switch (key.kind()) {
            case BOOLEAN -> random.nextBoolean();
            case INTEGER, PORT -> random.nextBoolean() ? port() : random.nextInt();
            case INTEGER_OR_NONE, PORT_OR_NONE -> random.nextBoolean() ? "none" : port();
            case LIST -> List.of(text("item"));
            case MAP -> Map.of(text("k"), text("v"));
            default -> text(key.key());
        };
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("decision", key.key());
        o.put("value", value);
        o.put("reason", text("because"));
        return o;
    }

    /** One key broken the way a hand-written or half-edited file breaks. */
    @SuppressWarnings("unchecked")
    private void breakOneKey(Map<String, Object> facts) {
        switch (random.nextInt(9)) {
            case 0 -> facts.remove(pick("apiVersion", "service", "description", "workload"));
            case 1 -> ((Map<String, Object>) facts.get("upstream")).put("port", pick(0, 65536, -1, "8080", 1099511627776L, 3.5));
            case 2 -> facts.put(pick("unknownKey", "servce", "Upstream"), "x");
            case 3 -> ((Map<String, Object>) facts.get("workload")).put("type", pick("web", "", "WEB-APP", 3));
            case 4 -> facts.put("service", pick("Sonarr", "9lives", "a b", "x".repeat(70), "", "a/b"));
            case 5 -> ((Map<String, Object>) facts.get("integrations")).put("secrets", List.of(pick("a/b", "..", ".hidden", "-x", "a b", "\u0001")));
            case 6 -> facts.put("description", pick("two\nlines", "", "   "));
            case 7 -> ((Map<String, Object>) facts.get("upstream")).put("healthPath", pick("health", "/a b", "/x\"y", "http://x"));
            default -> facts.put("overrides", List.of(Map.of("decision", pick("port", "nope", "deployment"), "value",
                    pick("native", -3, "x\"; y", List.of()), "reason", pick("", "r"))));
        }
    }

    private String serviceName() {
        if (kind == Kind.HOSTILE && random.nextInt(4) == 0) {
            return pick("let", "in", "or", "with", "rec");
        }
        StringBuilder name = new StringBuilder().append((char) ('a' + random.nextInt(26)));
        for (int i = random.nextInt(12); i > 0; i--) {
            name.append("abcdefghijklmnopqrstuvwxyz0123456789-".charAt(random.nextInt(37)));
        }
        return name.toString().replaceAll("-+$", "");
    }

    private int port() {
        return 1 + random.nextInt(65535);
    }

    private String text(String plain) {
        return kind == Kind.HOSTILE && random.nextBoolean() ? plain + pick(HOSTILE_TEXT) : plain;
    }

    private String oneLine(String text) {
        String line = text.replaceAll("[\\r\\n]+", " ").strip();
        return line.isEmpty() ? "x" : line;
    }

    private void maybe(Map<String, Object> map, String key, Object value) {
        if (kind == Kind.COMPLETE || random.nextInt(6) > 0) {
            map.put(key, value);
        }
    }

    @SafeVarargs
    private <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }
}
