# Stand-ins for the repository's shared service modules that other services contribute to:
# modules.alerting.rules, modules.services.caddy.virtualHosts, homepage and gatus contributions,
# postgresql databases, emqx and grafana integrations. Shapes follow what service modules and host
# files set (the generated examples and the interface notes); checks are the harness's own.
{ config, lib, ... }:
let
  inherit (lib) mkOption types;
  str = types.str;
  nullOrStr = mkOption {
    type = types.nullOr str;
    default = null;
    description = "Optional string";
  };

  # The caddy module takes what sharedTypes.reverseProxySubmodule produces (service modules copy
  # cfg.reverseProxy.backend/auth/security/caddySecurity into the virtual host), so the types are
  # taken from the harness's types.nix rather than written twice.
  sharedTypes = import ../repo/hosts/_modules/lib/types.nix { inherit lib; };
  rp = sharedTypes.reverseProxySubmodule.getSubOptions [ ];

  alertRule = types.submodule {
    options = {
      type = mkOption {
        type = types.enum [
          "promql"
          "event"
        ];
        description = "Rule kind";
      };
      alertname = mkOption {
        type = str;
        description = "Alert name";
      };
      expr = mkOption {
        type = str;
        description = "PromQL expression";
      };
      for = mkOption {
        type = str;
        default = "0m";
        description = "Pending duration";
      };
      severity = mkOption {
        type = types.enum [
          "critical"
          "high"
          "medium"
          "low"
          "warning"
          "info"
        ];
        description = "Severity";
      };
      labels = mkOption {
        type = types.attrsOf str;
        default = { };
        description = "Labels";
      };
      annotations = mkOption {
        type = types.submodule {
          freeformType = types.attrsOf str;
          options = {
            title = mkOption {
              type = str;
              description = "Title";
            };
            summary = mkOption {
              type = str;
              description = "Summary";
            };
            description = mkOption {
              type = str;
              default = "";
              description = "Description";
            };
          };
        };
        description = "Annotations";
      };
    };
  };

  virtualHost = types.submodule {
    options = {
      enable = mkOption {
        type = types.bool;
        default = true;
        description = "Serve this host";
      };
      hostName = mkOption {
        type = str;
        description = "Host name";
      };
      backend = mkOption {
        type = rp.backend.type;
        description = "Backend";
      };
      auth = mkOption {
        type = rp.auth.type;
        default = null;
        description = "Basic auth";
      };
      security = mkOption {
        type = rp.security.type;
        default = { };
        description = "Security settings";
      };
      caddySecurity = mkOption {
        type = rp.caddySecurity.type;
        default = null;
        description = "caddy-security settings";
      };
      reverseProxyBlock = mkOption {
        type = types.lines;
        default = "";
        description = "Lines inside reverse_proxy";
      };
      extraConfig = mkOption {
        type = types.lines;
        default = "";
        description = "Lines in the site block";
      };
      cloudflare = mkOption {
        type = types.submodule {
          options = {
            enable = lib.mkEnableOption "publishing through a Cloudflare tunnel";
            tunnel = nullOrStr;
          };
        };
        default = { };
        description = "Cloudflare tunnel";
      };
    };
  };

  homepageEntry = types.submodule {
    options = {
      group = mkOption {
        type = str;
        description = "Dashboard group";
      };
      name = mkOption {
        type = str;
        description = "Entry name";
      };
      icon = nullOrStr;
      href = nullOrStr;
      description = mkOption {
        type = str;
        default = "";
        description = "Description";
      };
      siteMonitor = nullOrStr;
      ping = nullOrStr;
      widget = mkOption {
        type = types.nullOr (
          types.submodule {
            freeformType = types.attrsOf types.anything;
            options.type = mkOption {
              type = str;
              description = "Widget type";
            };
          }
        );
        default = null;
        description = "Widget";
      };
    };
  };

  gatusEndpoint = types.submodule {
    options = {
      name = mkOption {
        type = str;
        description = "Endpoint name";
      };
      group = mkOption {
        type = str;
        description = "Group";
      };
      url = mkOption {
        type = str;
        description = "URL";
      };
      method = mkOption {
        type = str;
        default = "GET";
        description = "HTTP method";
      };
      interval = mkOption {
        type = types.strMatching "[0-9]+(ms|s|m|h)";
        default = "60s";
        description = "Check interval";
      };
      conditions = mkOption {
        type = types.listOf str;
        description = "Conditions";
      };
      headers = mkOption {
        type = types.attrsOf str;
        default = { };
        description = "Request headers";
      };
      client = mkOption {
        type = types.attrsOf types.anything;
        default = { };
        description = "Client settings";
      };
      alerts = mkOption {
        type = types.listOf (
          types.submodule {
            options = {
              type = mkOption {
                type = str;
                description = "Alert provider";
              };
              enabled = mkOption {
                type = types.bool;
                default = true;
                description = "Enabled";
              };
              failureThreshold = mkOption {
                type = types.ints.positive;
                default = 3;
                description = "Failures before alerting";
              };
              successThreshold = mkOption {
                type = types.ints.positive;
                default = 2;
                description = "Successes before resolving";
              };
              sendOnResolved = mkOption {
                type = types.bool;
                default = false;
                description = "Notify on resolve";
              };
              description = nullOrStr;
            };
          }
        );
        default = [ ];
        description = "Alerts";
      };
    };
  };

  emqxUser = types.submodule {
    options = {
      username = mkOption {
        type = str;
        description = "MQTT user";
      };
      # A broker user without a password is refused here on purpose.
      passwordFile = mkOption {
        type = types.path;
        description = "Password file";
      };
      tags = mkOption {
        type = types.listOf str;
        default = [ ];
        description = "Tags";
      };
    };
  };

  emqxAcl = types.submodule {
    options = {
      permission = mkOption {
        type = types.enum [
          "allow"
          "deny"
        ];
        description = "allow or deny";
      };
      action = mkOption {
        type = types.enum [
          "publish"
          "subscribe"
          "pubsub"
          "all"
        ];
        description = "Action";
      };
      subject = mkOption {
        type = types.submodule {
          options = {
            kind = mkOption {
              type = types.enum [
                "user"
                "clientid"
                "all"
              ];
              description = "Subject kind";
            };
            value = nullOrStr;
          };
        };
        description = "Subject";
      };
      topics = mkOption {
        type = types.listOf str;
        description = "Topics";
      };
      comment = mkOption {
        type = str;
        default = "";
        description = "Comment";
      };
    };
  };

  grafanaIntegration = types.submodule {
    options = {
      datasources = mkOption {
        type = types.attrsOf (types.attrsOf types.anything);
        default = { };
        description = "Provisioned datasources";
      };
      dashboards = mkOption {
        type = types.attrsOf (
          types.submodule {
            options = {
              name = mkOption {
                type = str;
                description = "Provider name";
              };
              folder = mkOption {
                type = str;
                description = "Folder";
              };
              path = mkOption {
                type = types.path;
                description = "Directory of dashboard JSON";
              };
            };
          }
        );
        default = { };
        description = "Dashboard providers";
      };
      loadCredentials = mkOption {
        type = types.listOf str;
        default = [ ];
        description = "LoadCredential entries for grafana.service (ID:PATH)";
      };
    };
  };

  vhosts = lib.filterAttrs (_: v: v.enable) config.modules.services.caddy.virtualHosts;
  units = config.systemd.services;
  containers = config.virtualisation.oci-containers.containers;
  matchUnit = re: expr: builtins.match re expr;
in
{
  options.modules = {
    alerting.rules = mkOption {
      type = types.attrsOf alertRule;
      default = { };
      description = "Alert rules";
    };
    services = {
      caddy.virtualHosts = mkOption {
        type = types.attrsOf virtualHost;
        default = { };
        description = "Caddy virtual hosts";
      };
      homepage.contributions = mkOption {
        type = types.attrsOf homepageEntry;
        default = { };
        description = "Homepage entries";
      };
      gatus.contributions = mkOption {
        type = types.attrsOf gatusEndpoint;
        default = { };
        description = "Gatus endpoints";
      };
      postgresql.databases = mkOption {
        type = types.attrsOf (
          types.submodule {
            options = {
              owner = mkOption {
                type = str;
                description = "Owning role";
              };
              ownerPasswordFile = mkOption {
                type = types.nullOr types.path;
                default = null;
                description = "Password file of the owner";
              };
              extensions = mkOption {
                type = types.listOf str;
                default = [ ];
                description = "Extensions";
              };
              permissionsPolicy = mkOption {
                type = str;
                default = "owner-readwrite+readonly-select";
                description = "Permissions policy";
              };
            };
          }
        );
        default = { };
        description = "Databases";
      };
      emqx.integrations = mkOption {
        type = types.attrsOf (
          types.submodule {
            options = {
              users = mkOption {
                type = types.listOf emqxUser;
                default = [ ];
                description = "Users";
              };
              acls = mkOption {
                type = types.listOf emqxAcl;
                default = [ ];
                description = "ACLs";
              };
            };
          }
        );
        default = { };
        description = "EMQX integrations";
      };
      grafana.integrations = mkOption {
        type = types.attrsOf grafanaIntegration;
        default = { };
        description = "Grafana integrations";
      };
    };
  };

  config.assertions =
    # An alert on a unit or container that does not exist never fires.
    lib.concatLists (
      lib.mapAttrsToList (
        name: r:
        let
          systemdUnit = matchUnit ''.*node_systemd_unit_state\{[^}]*name="([^"]+)\.service".*'' r.expr;
          container = matchUnit ''.*container_[a-z_]+\{[^}]*name="([^"]+)".*'' r.expr;
        in
        lib.optional (systemdUnit != null) {
          assertion = units ? ${builtins.head systemdUnit};
          message = "modules.alerting.rules.\"${name}\" watches ${builtins.head systemdUnit}.service, which no systemd.services entry defines (the native unit may be named differently).";
        }
        ++ lib.optional (container != null) {
          assertion = containers ? ${builtins.head container};
          message = "modules.alerting.rules.\"${name}\" watches container ${builtins.head container}, which virtualisation.oci-containers.containers does not declare (a systemd alert is needed for a native service).";
        }
      ) config.modules.alerting.rules
    )
    ++ lib.concatLists (
      lib.mapAttrsToList (name: v: [
        {
          assertion = !v.cloudflare.enable || v.cloudflare.tunnel != null;
          message = "modules.services.caddy.virtualHosts.${name}.cloudflare.enable needs cloudflare.tunnel.";
        }
        {
          assertion = builtins.length (builtins.filter (w: w.hostName == v.hostName) (builtins.attrValues vhosts)) == 1;
          message = "modules.services.caddy.virtualHosts: host name ${v.hostName} is served by more than one virtual host.";
        }
      ]) vhosts
    )
    ++ lib.concatLists (
      lib.mapAttrsToList (
        name: g:
        map (c: {
          assertion = builtins.match "[A-Za-z0-9_.@-]+:/.+" c != null;
          message = "modules.services.grafana.integrations.${name}.loadCredentials entry ${builtins.toJSON c} is not \"ID:/absolute/path\".";
        }) g.loadCredentials
      ) config.modules.services.grafana.integrations
    )
    ++ lib.mapAttrsToList (name: e: {
      assertion = e.conditions != [ ];
      message = "modules.services.gatus.contributions.${name} has no conditions.";
    }) config.modules.services.gatus.contributions;

  config.warnings = lib.concatLists (
    lib.mapAttrsToList (
      name: v:
      lib.optional (!(lib.hasSuffix ".${config.networking.domain}" v.hostName))
        "modules.services.caddy.virtualHosts.${name}.hostName ${v.hostName} is not under ${config.networking.domain}."
    ) vhosts
  );
}
