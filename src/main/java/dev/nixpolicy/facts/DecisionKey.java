package dev.nixpolicy.facts;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The decision keys of decision-record-v1 and the values each may take. This is the output
 * contract, not policy: it says what a decision may look like, never which one to make.
 * Record order follows declaration order.
 */
public enum DecisionKey {
    DEPLOYMENT("deployment", Kind.CHOICE, "native-module", "native-package", "container"),
    PACKAGE_SOURCE("packageSource", Kind.CHOICE, "pkgs", "pkgs.unstable", "upstream-flake", "container-image"),
    IMAGE("image", Kind.IMAGE),
    COMPLEXITY("complexity", Kind.CHOICE, "simple", "moderate", "complex"),
    REFERENCE_SERVICES("referenceServices", Kind.LIST),
    AUTH("auth", Kind.CHOICE, "native-oidc", "trusted-header", "disable-native-auth+caddy-security",
            "hybrid-sso-api-key", "built-in", "none"),
    CADDY_SECURITY("caddySecurity", Kind.CHOICE, "media", "home", "admin", "none"),
    PORT("port", Kind.PORT),
    METRICS_PORT("metricsPort", Kind.PORT_OR_NONE),
    UID("uid", Kind.INTEGER),
    GROUP("group", Kind.TEXT),
    RECORDSIZE("recordsize", Kind.CHOICE, "16K", "128K", "1M"),
    COMPRESSION("compression", Kind.CHOICE, "lz4", "zstd"),
    PERMISSIONS("permissions", Kind.CHOICE, "state-directory", "zfs-dataset-explicit", "tmpfiles"),
    BACKUP("backup", Kind.BOOLEAN),
    BACKUP_SNAPSHOTS("backupSnapshots", Kind.BOOLEAN),
    PRESEED("preseed", Kind.BOOLEAN),
    RESTORE_METHODS("restoreMethods", Kind.LIST, "syncoid", "local", "restic"),
    SANOID_REPLICATION("sanoidReplication", Kind.BOOLEAN),
    SERVICE_DOWN_ALERT("serviceDownAlert", Kind.CHOICE, "container", "systemd"),
    REVERSE_PROXY("reverseProxy", Kind.BOOLEAN),
    HOST_NAME("hostName", Kind.TEXT),
    METRICS("metrics", Kind.BOOLEAN),
    LOGGING("logging", Kind.BOOLEAN),
    NOTIFICATIONS("notifications", Kind.BOOLEAN),
    HOMEPAGE("homepage", Kind.BOOLEAN),
    GATUS("gatus", Kind.BOOLEAN),
    HEALTHCHECK("healthcheck", Kind.BOOLEAN),
    NFS_MOUNT_DEPENDENCY("nfsMountDependency", Kind.TEXT),
    CLOUDFLARE_TUNNEL("cloudflareTunnel", Kind.BOOLEAN),
    LOAD_CREDENTIAL("loadCredential", Kind.BOOLEAN),
    POSTGRESQL_PROVISIONING("postgresqlProvisioning", Kind.BOOLEAN),
    MQTT_INTEGRATION("mqttIntegration", Kind.BOOLEAN),
    GRAFANA_INTEGRATION("grafanaIntegration", Kind.BOOLEAN),
    // Keys this project adds to decision-record-v1: the settings the templates print, each
    // still decided by a traceable rule rather than written into a template.
    CATEGORY("category", Kind.TEXT),
    DATASET("dataset", Kind.TEXT),
    AUTO_SNAPSHOT("autoSnapshot", Kind.BOOLEAN),
    BACKUP_REPOSITORY("backupRepository", Kind.TEXT),
    BACKUP_TAGS("backupTags", Kind.LIST),
    BACKUP_EXCLUDES("backupExcludes", Kind.LIST),
    MK_FORCE_USER("mkForceUser", Kind.BOOLEAN),
    HOMEPAGE_WIDGET("homepageWidget", Kind.TEXT),
    HOMEPAGE_WIDGET_API_KEY("homepageWidgetApiKey", Kind.BOOLEAN),
    GATUS_INTERVAL("gatusInterval", Kind.TEXT),
    GATUS_CONDITIONS("gatusConditions", Kind.LIST),
    GATUS_ALERT("gatusAlert", Kind.MAP),
    HEALTHCHECK_STALE_SECONDS("healthcheckStaleSeconds", Kind.INTEGER_OR_NONE),
    HARDENING("hardening", Kind.MAP),
    SECRETS("secrets", Kind.LIST),
    POSTGRESQL_EXTENSIONS("postgresqlExtensions", Kind.LIST),
    MQTT_TOPICS("mqttTopics", Kind.LIST),
    HOST_CONTRIBUTION_GUARD("hostContributionGuard", Kind.BOOLEAN),
    STATIC_API_KEY("staticApiKey", Kind.BOOLEAN),
    RESOURCES("resources", Kind.MAP),
    CONTAINER_PORT("containerPort", Kind.PORT),
    MODULE_NAME("moduleName", Kind.TEXT),
    PACKAGE_ATTR("packageAttr", Kind.TEXT),
    METRICS_PATH("metricsPath", Kind.TEXT),
    OIDC("oidc", Kind.MAP),
    DATA_DIR("dataDir", Kind.TEXT),
    DATABASE_HOST("databaseHost", Kind.TEXT),
    TUNNEL("tunnel", Kind.TEXT),
    DIRECTORY_MODE("directoryMode", Kind.TEXT),
    UMASK("umask", Kind.TEXT),
    BACKUP_FREQUENCY("backupFrequency", Kind.TEXT),
    // How the unit is amended and how decided values reach the running service.
    HARDENING_PRIORITY("hardeningPriority", Kind.CHOICE, "normal", "default", "force"),
    PERMISSIONS_PRIORITY("permissionsPriority", Kind.CHOICE, "normal", "default", "force"),
    CLEAR_STATE_DIRECTORY("clearStateDirectory", Kind.BOOLEAN),
    RESTART_POLICY("restartPolicy", Kind.TEXT),
    CONTAINER_DATA_PATH("containerDataPath", Kind.TEXT),
    DEVICES("devices", Kind.LIST),
    EXTRA_GROUPS("extraGroups", Kind.LIST),
    MK_FORCE_GROUP("mkForceGroup", Kind.BOOLEAN),
    PORT_OPTION("portOption", Kind.TEXT),
    USER_OPTION("userOption", Kind.TEXT),
    GROUP_OPTION("groupOption", Kind.TEXT),
    DATA_DIR_OPTION("dataDirOption", Kind.TEXT),
    HEALTH_CHECK_PATH("healthCheckPath", Kind.TEXT),
    HOMEPAGE_WIDGET_KEY("homepageWidgetKey", Kind.TEXT),
    API_KEY_HEADER("apiKeyHeader", Kind.TEXT),
    API_KEY_VARIABLE("apiKeyVariable", Kind.TEXT),
    OIDC_SERVER_URL("oidcServerUrl", Kind.TEXT),
    OIDC_CLIENT_SECRET("oidcClientSecret", Kind.TEXT),
    DATABASE_PORT("databasePort", Kind.PORT),
    DATABASE_PERMISSIONS_POLICY("databasePermissionsPolicy", Kind.TEXT),
    DATABASE_PASSWORD_SECRET("databasePasswordSecret", Kind.TEXT),
    DATABASE_SSL_MODE("databaseSslMode", Kind.TEXT),
    GRAFANA_DATASOURCE("grafanaDatasource", Kind.CHOICE, "postgres", "none"),
    MQTT_HOST("mqttHost", Kind.TEXT),
    MQTT_PORT("mqttPort", Kind.PORT),
    MQTT_ACL_ACTION("mqttAclAction", Kind.CHOICE, "publish", "subscribe", "pubsub"),
    MQTT_PASSWORD_SECRET("mqttPasswordSecret", Kind.TEXT),
    METRICS_PORT_ASSERTION("metricsPortAssertion", Kind.BOOLEAN),
    GID("gid", Kind.INTEGER_OR_NONE),
    CREDENTIAL_SECRETS("credentialSecrets", Kind.LIST);

    public enum Kind { CHOICE, TEXT, IMAGE, LIST, BOOLEAN, INTEGER, INTEGER_OR_NONE, PORT, PORT_OR_NONE, MAP }

    private final String key;
    private final Kind kind;
    private final List<String> allowed;

    DecisionKey(String key, Kind kind, String... allowed) {
        this.key = key;
        this.kind = kind;
        this.allowed = List.of(allowed);
    }

    public String key() { return key; }

    public Kind kind() { return kind; }

    /** What values the key takes, as a person reads it. */
    public String describe() {
        return switch (kind) {
            case CHOICE -> "one of " + String.join(", ", allowed);
            case TEXT -> "text";
            case IMAGE -> "a pinned container image reference";
            case LIST -> allowed.isEmpty() ? "a list" : "a list of " + String.join(", ", allowed);
            case BOOLEAN -> "true or false";
            case INTEGER -> "an integer";
            case INTEGER_OR_NONE -> "an integer or none";
            case MAP -> "a mapping of settings";
            case PORT -> "a port (1-65535)";
            case PORT_OR_NONE -> "a port (1-65535) or none";
        };
    }

    public static Optional<DecisionKey> byKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }

    public static List<String> keys() {
        return Arrays.stream(values()).map(DecisionKey::key).toList();
    }

    /** Why {@code value} cannot be a value of this key, or empty when it can. */
    public Optional<String> problemWith(Object value) {
        Optional<String> kindProblem = kindProblemWith(value);
        return kindProblem.isPresent() ? kindProblem : shapeProblemWith(value);
    }

    /**
     * Keys whose value reaches Nix outside a string literal (an attribute path, an option name)
     * or names a SOPS secret: what their text must look like, so that an override can never
     * carry Nix code.
     */
    private Optional<String> shapeProblemWith(Object value) {
        return switch (key) {
            case "packageAttr" -> AttributePaths.problemWith(String.valueOf(value)).map(p -> key + " " + p)
                    .or(() -> String.valueOf(value).startsWith("pkgs.") ? Optional.empty()
                            : Optional.of(key + " must name a package in pkgs (pkgs.<name> or pkgs.unstable.<name>), the only"
                                    + " package set a module has; \"" + AttributePaths.shortened(String.valueOf(value)) + "\" does not"));
            case "moduleName", "portOption", "userOption", "groupOption", "dataDirOption" ->
                    AttributePaths.problemWith(String.valueOf(value)).map(p -> key + " " + p);
            case "directoryMode", "umask" -> String.valueOf(value).matches("0?[0-7]{3}") ? Optional.empty()
                    : Optional.of(key + " must be an octal mode such as 0750 (three octal digits, a leading 0 allowed), not " + describe(value));
            case "gatusInterval" -> String.valueOf(value).matches("[0-9]+(ms|s|m|h)") ? Optional.empty()
                    : Optional.of(key + " must be a duration such as 60s or 5m (a number and ms, s, m or h), not " + describe(value));
            case "dataDir", "containerDataPath" -> isAbsoluteDirectory(String.valueOf(value)) ? Optional.empty()
                    : Optional.of(key + " must be an absolute directory (/ followed by letters, digits and ._~+-/, no .. step), not "
                            + describe(value));
            case "secrets", "credentialSecrets" -> SecretKeys.problemWithAll((List<?>) value).map(p -> key + ": " + p);
            case "databasePasswordSecret", "mqttPasswordSecret", "oidcClientSecret" ->
                    SecretKeys.problemWith(String.valueOf(value)).map(p -> key + ": " + p);
            default -> Optional.empty();
        };
    }

    private Optional<String> kindProblemWith(Object value) {
        String expected = switch (kind) {
            case CHOICE -> value instanceof String s && allowed.contains(s) ? null : "one of " + allowed;
            case TEXT -> value instanceof String s && !s.isBlank() ? null : "a non-empty string";
            case IMAGE -> value instanceof String s && isImage(s) ? null
                    : "a container image reference (registry/repository[:tag][@sha256:<64 hex digits>])";
            case LIST -> value instanceof List<?> list && list.stream().allMatch(
                    v -> v instanceof String s && (allowed.isEmpty() || allowed.contains(s)))
                    ? null : allowed.isEmpty() ? "a list of strings" : "a list of " + allowed;
            case BOOLEAN -> value instanceof Boolean ? null : "true or false";
            case INTEGER -> value instanceof Integer ? null : "an integer";
            case INTEGER_OR_NONE -> "none".equals(value) || value instanceof Integer ? null : "an integer or \"none\"";
            case MAP -> value instanceof java.util.Map<?, ?> ? null : "a mapping of settings";
            case PORT -> value instanceof Integer p && p >= 1 && p <= 65535 ? null : "a port number (1-65535)";
            case PORT_OR_NONE -> "none".equals(value) || value instanceof Integer p && p >= 1 && p <= 65535
                    ? null : "a port number (1-65535) or \"none\"";
        };
        return expected == null ? Optional.empty()
                : Optional.of(key + " must be " + expected + ", not " + describe(value));
    }

    private static boolean isAbsoluteDirectory(String path) {
        return path.matches("/[A-Za-z0-9._~/+-]*") && !path.matches(".*/\\.\\.(/.*)?");
    }

    private static boolean isImage(String reference) {
        try {
            ImageCandidate.parse(reference);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The value as a message quotes it: a string in quotes, a long value cut short. */
    private static String describe(Object value) {
        return Quote.any(value);
    }
}
