package dev.nixpolicy.render;

import dev.nixpolicy.facts.SecretNames;
import dev.nixpolicy.record.DecisionRecord;
import dev.nixpolicy.record.RecordedDecision;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The record arranged for the Nix templates. It decides nothing: every value comes from a
 * decision of the record, every optional part is present exactly when the record has the
 * decision that asks for it, and every literal is already escaped for Nix. Values go into
 * the templates escaped ({@code {{x}}}) or, for prepared literals and comments, as they are
 * ({@code {{{x}}}}).
 */
public final class NixView {
    private final DecisionRecord record;
    private final Map<String, Object> view = new LinkedHashMap<>();

    private NixView(DecisionRecord record) {
        this.record = record;
    }

    public static Map<String, Object> of(DecisionRecord record, String header) {
        return new NixView(record).build(header);
    }

    private Map<String, Object> build(String header) {
        String service = record.service();
        view.put("header", String.join(" ", NixComment.lines(header)));
        view.put("service", service);
        view.put("serviceAttr", NixLiteral.attributeName(service));
        view.put("displayName", record.displayName());
        view.put("description", record.description());
        view.put("dataDir", value("dataDir").orElseThrow(() -> missing("dataDir")));
        List<String> deviations = new ArrayList<>();
        for (RecordedDecision d : record.decisions().values()) {
            if (d.isOverride()) {
                deviations.addAll(NixComment.lines("Deviation: " + d.key() + " = " + RationaleView.text(d.value())
                        + " by override: " + d.reason()
                        + (d.policyRule() != null ? " (policy: " + RationaleView.text(d.policyValue()) + " by rule \""
                        + d.policyRule() + "\")" : "")));
            }
        }
        present("deviations", deviations);
        value("port").ifPresent(port -> view.put("port", port));
        view.put("portWhy", why("port"));
        view.put("metricsPortAssertion", is("metricsPortAssertion"));
        view.put("uid", value("uid").orElseThrow(() -> missing("uid")));
        view.put("uidWhy", why("uid"));
        view.put("group", value("group").orElseThrow(() -> missing("group")));
        view.put("resources", NixLiteral.of(value("resources").orElseThrow(() -> missing("resources"))));
        // The user is forced (lib.mkForce) around a native module that declares its own; the unit
        // names it when nixpolicy writes the unit (a packaged binary) or forces it.
        view.put("userPriority", is("mkForceUser") ? "lib.mkForce " : "");
        view.put("unitUser", is("mkForceUser") || "native-package".equals(text("deployment")));
        // A native module that declares the group is overridden whole; otherwise the GID is added
        // to whatever else defines the group (the shared media group is defined by the host).
        view.put("groupDefinition", is("mkForceGroup") ? "lib.mkForce { inherit (cfg) gid; }"
                : "lib.optionalAttrs (cfg.gid != null) { inherit (cfg) gid; }");
        Object gid = value("gid").orElseThrow(() -> missing("gid"));
        view.put("gid", gid instanceof Integer ? gid : "null");
        view.put("extraGroups", NixLiteral.of(value("extraGroups").orElse(List.of())));
        view.put("deploymentWhy", why("deployment"));
        view.put("authWhy", why("auth"));

        String deployment = text("deployment");
        String unitName;
        String unitAttr;
        if ("container".equals(deployment)) {
            String image = text("image");
            Map<String, Object> container = new LinkedHashMap<>();
            container.put("image", image == null ? "" : image);
            container.put("repository", image == null ? "" : image.replaceFirst("[:@].*$", ""));
            value("containerPort").ifPresent(inside -> container.put("containerPort", inside));
            container.put("dataPath", value("containerDataPath").orElseThrow(() -> missing("containerDataPath")));
            List<String> deviceOptions = asList("devices").stream().map(d -> NixString.literal("--device=" + d + ":" + d)).toList();
            container.put("deviceOptions", NixLiteral.list(deviceOptions));
            view.put("container", container);
            unitName = "podman-" + service + ".service";
            unitAttr = NixString.literal("podman-" + service);
        } else if ("native-module".equals(deployment)) {
            String module = text("moduleName");
            Map<String, Object> nativeModule = new LinkedHashMap<>();
            nativeModule.put("moduleAttr", NixLiteral.attributeName(module));
            value("packageAttr").ifPresent(p -> nativeModule.put("packageAttr", NixLiteral.attributePath(String.valueOf(p))));
            List<Map<String, Object>> passed = new ArrayList<>();
            for (String option : List.of("port", "user", "group", "dataDir")) {
                value(option + "Option").ifPresent(path -> passed.add(Map.of("path", NixLiteral.attributePath(String.valueOf(path)), "option", option)));
            }
            nativeModule.put("passed", passed);
            view.put("nativeModule", nativeModule);
            unitName = module + ".service";
            unitAttr = NixLiteral.attributeName(module);
        } else {
            view.put("nativePackage", Map.of("packageAttr", NixLiteral.attributePath(String.valueOf(value("packageAttr").orElseThrow(() -> missing("packageAttr")))),
                    "restart", value("restartPolicy").orElseThrow(() -> missing("restartPolicy"))));
            unitName = service + ".service";
            unitAttr = NixLiteral.attributeName(service);
        }
        view.put("unitName", unitName);
        view.put("unitAttr", unitAttr);

        value("dataset").ifPresent(dataset -> {
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("com.sun:auto-snapshot", String.valueOf(is("autoSnapshot")));
            view.put("dataset", Map.of("name", dataset, "properties", NixLiteral.of(properties),
                    "recordsize", value("recordsize").orElseThrow(() -> missing("recordsize")),
                    "compression", value("compression").orElseThrow(() -> missing("compression")),
                    "recordsizeWhy", why("recordsize")));
        });
        String permissions = text("permissions");
        view.put("directoryMode", value("directoryMode").orElseThrow(() -> missing("directoryMode")));
        view.put("umask", value("umask").orElseThrow(() -> missing("umask")));
        view.put("readWritePaths", !"container".equals(deployment));
        view.put("stateDirectory", "state-directory".equals(permissions));
        view.put("clearStateDirectory", is("clearStateDirectory"));
        view.put("permissionsPriority", priority("permissionsPriority"));
        view.put("tmpfilesWithoutDataset", "tmpfiles".equals(permissions) && !record.decisions().containsKey("dataset"));

        List<Map<String, Object>> hardening = new ArrayList<>();
        String hardeningPriority = priority("hardeningPriority");
        asMap("hardening").forEach((k, v) -> hardening.add(Map.of("name", NixLiteral.attributeName(k), "value", hardeningPriority + NixLiteral.of(v))));
        view.put("hardening", hardening);

        List<Map<String, Object>> secretOptions = new ArrayList<>();
        List<Map<String, Object>> credentials = new ArrayList<>();
        for (Object secret : asList("credentialSecrets")) {
            String sops = String.valueOf(secret);
            String name = sops.substring(sops.indexOf('/') + 1);
            String option = NixLiteral.attributeName(SecretNames.option(name));
            secretOptions.add(Map.of("name", name, "option", option, "sops", sops));
            credentials.add(Map.of("name", name, "option", option, "envVar", SecretNames.environment(name)));
        }
        present("secretOptions", secretOptions);
        view.put("loadCredential", is("loadCredential") ? Map.of("credentials", credentials) : false);

        value("nfsMountDependency").filter(m -> !"none".equals(m))
                .ifPresent(mount -> view.put("nfs", Map.of("mount", mount)));
        if (is("preseed")) {
            view.put("preseed", Map.of("restoreMethods", NixLiteral.of(value("restoreMethods").orElse(List.of()))));
        }
        if (is("postgresqlProvisioning")) {
            view.put("database", Map.of("host", value("databaseHost").orElseThrow(() -> missing("databaseHost")),
                    "port", value("databasePort").orElseThrow(() -> missing("databasePort")),
                    "permissionsPolicy", value("databasePermissionsPolicy").orElseThrow(() -> missing("databasePermissionsPolicy")),
                    "passwordSecret", value("databasePasswordSecret").orElseThrow(() -> missing("databasePasswordSecret")),
                    "extensions", NixLiteral.of(value("postgresqlExtensions").orElse(List.of()))));
        }
        if (is("mqttIntegration")) {
            view.put("mqtt", Map.of("topics", NixLiteral.of(value("mqttTopics").orElse(List.of())),
                    "host", value("mqttHost").orElseThrow(() -> missing("mqttHost")),
                    "port", value("mqttPort").orElseThrow(() -> missing("mqttPort")),
                    "aclAction", value("mqttAclAction").orElseThrow(() -> missing("mqttAclAction")),
                    "passwordSecret", value("mqttPasswordSecret").orElseThrow(() -> missing("mqttPasswordSecret"))));
        }
        if (is("grafanaIntegration")) {
            Map<String, Object> grafana = new LinkedHashMap<>();
            String datasource = value("grafanaDatasource").map(String::valueOf).orElseThrow(() -> missing("grafanaDatasource"));
            if (!"none".equals(datasource)) {
                grafana.put("datasource", Map.of("type", datasource,
                        "sslMode", value("databaseSslMode").orElseThrow(() -> missing("databaseSslMode"))));
            }
            view.put("grafana", grafana);
        }
        if (is("reverseProxy")) {
            Map<String, Object> proxy = new LinkedHashMap<>();
            String policy = text("caddySecurity");
            if (policy != null && !"none".equals(policy)) {
                proxy.put("caddySecurity", Map.of("policy", policy));
            }
            value("apiKeyHeader").ifPresent(name -> proxy.put("apiKeyInjection", Map.of("header", name,
                    "envVar", value("apiKeyVariable").orElseThrow(() -> missing("apiKeyVariable")))));
            view.put("reverseProxy", proxy);
            view.put("hostName", NixString.withDomain(text("hostName")));
        }
        if (is("staticApiKey")) {
            view.put("staticApiKey", Map.of("envVar", value("apiKeyVariable").orElseThrow(() -> missing("apiKeyVariable"))));
        }
        value("oidc").ifPresent(o -> {
            List<Map<String, Object>> settings = new ArrayList<>();
            asMap("oidc").forEach((k, v) -> settings.add(Map.of("name", NixLiteral.attributeName(k), "value", NixLiteral.of(v))));
            view.put("oidc", Map.of("settings", settings,
                    "serverUrl", NixString.withDomain(text("oidcServerUrl")),
                    "clientSecret", value("oidcClientSecret").orElseThrow(() -> missing("oidcClientSecret"))));
        });
        if (is("metrics")) {
            Object port = value("metricsPort").orElseThrow(() -> missing("metricsPort"));
            if (!(port instanceof Integer)) {
                throw new IllegalStateException(service + ": metrics are decided without a metrics port (" + port
                        + "); the rules must decide metricsPort for a service with metrics");
            }
            view.put("metrics", Map.of("port", port, "path", value("metricsPath").orElseThrow(() -> missing("metricsPath"))));
        }
        if (is("logging")) {
            view.put("logging", Map.of("unitName", unitName));
        }
        if (is("backup")) {
            Map<String, Object> backup = new LinkedHashMap<>();
            backup.put("repository", text("backupRepository"));
            backup.put("frequency", text("backupFrequency"));
            backup.put("snapshots", is("backupSnapshots"));
            backup.put("zfsDataset", is("backupSnapshots") && value("dataset").isPresent() ? List.of(text("dataset")) : List.of());
            backup.put("tags", NixLiteral.of(value("backupTags").orElse(List.of())));
            backup.put("excludes", NixLiteral.of(value("backupExcludes").orElse(List.of())));
            view.put("backup", backup);
        }
        view.put("notifications", is("notifications"));
        view.put("healthcheck", is("healthcheck"));

        if (is("sanoidReplication")) {
            view.put("sanoid", Map.of("dataset", value("dataset").orElseThrow(() -> missing("dataset"))));
        }
        String alertName = record.displayName().replaceAll("[^A-Za-z0-9]", "");
        if ("container".equals(text("serviceDownAlert"))) {
            view.put("serviceDownAlert", Map.of("helper", "mkServiceDownAlert", "subject", service, "alertName", alertName));
        } else if ("systemd".equals(text("serviceDownAlert"))) {
            view.put("serviceDownAlert", Map.of("helper", "mkSystemdServiceDownAlert",
                    "subject", unitName.replaceFirst("\\.service$", ""), "alertName", alertName));
        }
        value("healthcheckStaleSeconds").filter(Integer.class::isInstance)
                .ifPresent(seconds -> view.put("healthcheckStale", Map.of("alertName", alertName, "seconds", seconds)));
        if (is("homepage")) {
            Map<String, Object> homepage = new LinkedHashMap<>();
            homepage.put("group", text("category"));
            homepage.put("icon", service);
            homepage.put("healthPath", value("healthCheckPath").orElseThrow(() -> missing("healthCheckPath")));
            value("homepageWidget").filter(w -> !"none".equals(w)).ifPresent(type -> {
                Map<String, Object> widget = new LinkedHashMap<>();
                widget.put("type", type);
                widget.put("key", value("homepageWidgetKey").map(List::of).orElse(List.of()));
                homepage.put("widget", widget);
            });
            view.put("homepage", homepage);
        }
        if (is("gatus") || is("homepage")) {
            // Both link to the virtual host; a record without one is incomplete, not renderable.
            view.putIfAbsent("hostName", NixString.withDomain(String.valueOf(value("hostName").orElseThrow(() -> missing("hostName")))));
        }
        if (is("gatus")) {
            Map<String, Object> gatus = new LinkedHashMap<>();
            gatus.put("group", text("category"));
            gatus.put("healthPath", value("healthCheckPath").orElseThrow(() -> missing("healthCheckPath")));
            gatus.put("interval", text("gatusInterval"));
            gatus.put("conditions", NixLiteral.of(value("gatusConditions").orElse(List.of())));
            List<Map<String, Object>> alert = new ArrayList<>();
            asMap("gatusAlert").forEach((k, v) -> alert.add(Map.of("name", NixLiteral.attributeName(k), "value", NixLiteral.of(v))));
            gatus.put("alert", alert);
            view.put("gatus", gatus);
        }
        if (is("cloudflareTunnel")) {
            view.put("cloudflare", Map.of("tunnel", text("tunnel")));
        }
        return view;
    }

    /** How a decided priority is written before a value: nothing, lib.mkDefault or lib.mkForce. */
    private String priority(String key) {
        return switch (value(key).map(String::valueOf).orElse("normal")) {
            case "default" -> "lib.mkDefault ";
            case "force" -> "lib.mkForce ";
            default -> "";
        };
    }

    private void present(String key, List<?> items) {
        if (!items.isEmpty()) {
            view.put(key, items);
        }
    }

    private Optional<Object> value(String key) {
        return record.decision(key).map(RecordedDecision::value);
    }

    private String text(String key) {
        return value(key).map(String::valueOf).orElse(null);
    }

    private boolean is(String key) {
        return Boolean.TRUE.equals(value(key).orElse(false));
    }

    private Map<String, Object> asMap(String key) {
        Map<String, Object> out = new LinkedHashMap<>();
        value(key).filter(Map.class::isInstance).map(Map.class::cast)
                .ifPresent(map -> map.forEach((k, v) -> out.put(String.valueOf(k), v)));
        return out;
    }

    private List<?> asList(String key) {
        return value(key).filter(List.class::isInstance).map(List.class::cast).orElse(List.of());
    }

    /** The comment that explains a decision: its value, rule, reasons and source, as the record says. */
    private List<String> why(String key) {
        return record.decision(key).map(d -> NixComment.lines(d.key() + " = " + RationaleView.text(d.value())
                + (d.isOverride() ? " by override: " + d.reason() : " by rule \"" + d.rule() + "\" because "
                + String.join("; ", d.because())) + " (" + d.source() + ")")).orElse(List.of());
    }

    private IllegalStateException missing(String key) {
        return new IllegalStateException(record.service() + ": the record has no " + key
                + " decision; generate only renders complete records");
    }
}
