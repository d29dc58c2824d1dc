# Test stand-in for hosts/_modules/lib/types.nix ("sharedTypes").
#
# Written for the nixpolicy test harness from the interface notes only: the submodule names and their
# option names follow the table in the notes; the types, defaults and descriptions are this harness's
# own choices. Options a user must set have no default, so leaving one out fails as soon as the value
# is read (and the harness reads every value the service module holds).
#
# Imported by a service module as: import ../../../lib/types.nix { inherit lib; }
{ lib }:
let
  inherit (lib) mkOption mkEnableOption types;

  # ZFS recordsize: a power of two between 512 bytes and 1M, written "512", "4K" … "1M".
  recordsizeBytes =
    s:
    let
      m = builtins.match "([0-9]+)([KkMm]?)" s;
      unit = lib.toUpper (builtins.elemAt m 1);
    in
    if m == null then
      null
    else
      lib.toInt (builtins.head m)
      * (
        if unit == "K" then
          1024
        else if unit == "M" then
          1048576
        else
          1
      );
  isPowerOfTwo = n: n == 1 || (n > 1 && lib.mod n 2 == 0 && isPowerOfTwo (n / 2));
  validRecordsize =
    s:
    let
      b = recordsizeBytes s;
    in
    b != null && b >= 512 && b <= 1048576 && isPowerOfTwo b;
  recordsizeType = types.addCheck types.str validRecordsize // {
    description = "ZFS recordsize (a power of two from 512 to 1M, e.g. \"16K\")";
  };

  str = types.str;
  nullOrStr = types.nullOr types.str;

  staticApiKeySubmodule = types.submodule {
    options = {
      name = mkOption {
        type = str;
        description = "Name of the service-to-service key";
      };
      envVar = mkOption {
        type = str;
        description = "Environment variable (in Caddy's environment) holding the key";
      };
      headerName = mkOption {
        type = str;
        default = "X-Api-Key";
        description = "Header carrying the key";
      };
      paths = mkOption {
        type = types.nullOr (types.listOf str);
        default = null;
        description = "Paths the key may reach (null: all)";
      };
      allowedNetworks = mkOption {
        type = types.listOf str;
        default = [ ];
        description = "Source networks allowed to use the key (empty: any)";
      };
      injectAuthHeader = mkOption {
        type = types.bool;
        default = true;
        description = "Forward the key to the backend";
      };
    };
  };

  # caddy-security (PocketID) settings of a virtual host.
  caddySecuritySubmodule = types.submodule {
    options = {
      enable = mkEnableOption "caddy-security authentication in front of the service";
      portal = mkOption {
        type = str;
        description = "Authentication portal (identity provider)";
      };
      policy = mkOption {
        type = str;
        description = "Authorization policy (e.g. media, admins, home)";
      };
      claimRoles = mkOption {
        type = types.listOf str;
        default = [ ];
        description = "Extra roles the policy accepts";
      };
      # Assumption of this harness: the notes list a staticApiKeySubmodule without saying where it
      # is used; a list here is the natural place for service-to-service keys that bypass the portal.
      staticApiKeys = mkOption {
        type = types.listOf staticApiKeySubmodule;
        default = [ ];
        description = "Service-to-service API keys that may bypass the portal";
      };
    };
  };

  backendSubmodule = types.submodule {
    options = {
      host = mkOption {
        type = str;
        default = "127.0.0.1";
        description = "Backend address";
      };
      port = mkOption {
        type = types.port;
        description = "Backend port";
      };
      scheme = mkOption {
        type = types.enum [
          "http"
          "https"
        ];
        default = "http";
        description = "Backend scheme";
      };
    };
  };
in
{
  reverseProxySubmodule = types.submodule {
    options = {
      enable = mkEnableOption "the reverse proxy virtual host";
      hostName = mkOption {
        type = str;
        description = "Public host name";
      };
      backend = mkOption {
        type = backendSubmodule;
        description = "Where Caddy forwards requests";
      };
      auth = mkOption {
        # Shape not documented in the notes: kept open, but it must be an attribute set or null.
        type = types.nullOr (types.attrsOf types.anything);
        default = null;
        description = "Basic-auth settings";
      };
      security = mkOption {
        type = types.attrsOf types.anything;
        default = { };
        description = "Security headers and similar settings";
      };
      caddySecurity = mkOption {
        type = types.nullOr caddySecuritySubmodule;
        default = null;
        description = "caddy-security (PocketID) settings";
      };
      reverseProxyBlock = mkOption {
        type = types.lines;
        default = "";
        description = "Lines added inside the reverse_proxy block";
      };
      extraConfig = mkOption {
        type = types.lines;
        default = "";
        description = "Lines added to the site block";
      };
    };
  };

  metricsSubmodule = types.submodule {
    options = {
      enable = mkEnableOption "Prometheus scraping";
      port = mkOption {
        type = types.port;
        description = "Metrics port";
      };
      path = mkOption {
        type = str;
        default = "/metrics";
        description = "Metrics path";
      };
      interface = mkOption {
        type = str;
        default = "127.0.0.1";
        description = "Address the exporter listens on";
      };
      scrapeInterval = mkOption {
        type = str;
        default = "60s";
        description = "Scrape interval";
      };
      scrapeTimeout = mkOption {
        type = str;
        default = "10s";
        description = "Scrape timeout";
      };
      labels = mkOption {
        type = types.attrsOf str;
        default = { };
        description = "Extra labels";
      };
      relabelConfigs = mkOption {
        type = types.listOf (types.attrsOf types.anything);
        default = [ ];
        description = "Prometheus relabel configs";
      };
    };
  };

  loggingSubmodule = types.submodule {
    options = {
      enable = mkEnableOption "log shipping";
      driver = mkOption {
        type = str;
        default = "journald";
        description = "Where logs are read from";
      };
      logFiles = mkOption {
        type = types.listOf types.path;
        default = [ ];
        description = "Log files to ship";
      };
      journalUnit = mkOption {
        type = nullOrStr;
        default = null;
        description = "systemd unit whose journal is shipped";
      };
      labels = mkOption {
        type = types.attrsOf str;
        default = { };
        description = "Extra labels";
      };
      parseFormat = mkOption {
        type = types.enum [
          "none"
          "json"
          "logfmt"
          "regex"
          "multiline"
        ];
        default = "none";
        description = "How log lines are parsed";
      };
      regexConfig = mkOption {
        type = types.nullOr (types.attrsOf types.anything);
        default = null;
        description = "Settings for parseFormat = regex";
      };
      multilineConfig = mkOption {
        type = types.nullOr (types.attrsOf types.anything);
        default = null;
        description = "Settings for parseFormat = multiline";
      };
    };
  };

  backupSubmodule = types.submodule {
    options = {
      enable = mkEnableOption "backups";
      repository = mkOption {
        type = str;
        description = "Restic repository name (e.g. nas-primary)";
      };
      paths = mkOption {
        type = types.listOf str;
        default = [ ];
        description = "Paths to back up";
      };
      frequency = mkOption {
        type = str;
        default = "daily";
        description = "Backup frequency";
      };
      retention = mkOption {
        type = types.submodule {
          options = {
            daily = mkOption {
              type = types.ints.unsigned;
              default = 7;
              description = "Daily snapshots kept";
            };
            weekly = mkOption {
              type = types.ints.unsigned;
              default = 4;
              description = "Weekly snapshots kept";
            };
            monthly = mkOption {
              type = types.ints.unsigned;
              default = 6;
              description = "Monthly snapshots kept";
            };
          };
        };
        default = { };
        description = "Retention";
      };
      preBackupScript = mkOption {
        type = types.nullOr types.lines;
        default = null;
        description = "Script run before the backup";
      };
      postBackupScript = mkOption {
        type = types.nullOr types.lines;
        default = null;
        description = "Script run after the backup";
      };
      excludePatterns = mkOption {
        type = types.listOf str;
        default = [ ];
        description = "Exclude patterns";
      };
      tags = mkOption {
        type = types.listOf str;
        default = [ ];
        description = "Restic tags";
      };
      useSnapshots = mkOption {
        type = types.bool;
        default = false;
        description = "Back up from a ZFS snapshot";
      };
      zfsDataset = mkOption {
        type = nullOrStr;
        default = null;
        description = "Dataset to snapshot when useSnapshots is set";
      };
    };
  };

  notificationSubmodule = types.submodule {
    options = {
      enable = mkEnableOption "notifications";
      channels = mkOption {
        type = types.attrsOf (types.listOf str);
        default = { };
        description = "Channels per event (e.g. onFailure = [ \"pushover\" ])";
      };
      customMessages = mkOption {
        type = types.attrsOf str;
        default = { };
        description = "Message per event";
      };
      escalation = mkOption {
        type = types.nullOr (types.attrsOf types.anything);
        default = null;
        description = "Escalation settings";
      };
    };
  };

  datasetSubmodule = types.submodule {
    options = {
      recordsize = mkOption {
        type = recordsizeType;
        default = "128K";
        description = "ZFS recordsize";
      };
      compression = mkOption {
        type = types.strMatching "on|off|lz4|lzjb|zle|gzip(-[1-9])?|zstd(-fast)?(-[0-9]+)?";
        default = "lz4";
        description = "ZFS compression";
      };
      properties = mkOption {
        type = types.attrsOf str;
        default = { };
        description = "Other ZFS properties";
      };
      mountpoint = mkOption {
        type = str;
        description = "Mount point";
      };
      owner = mkOption {
        type = str;
        default = "root";
        description = "Owner of the mount point";
      };
      group = mkOption {
        type = str;
        default = "root";
        description = "Group of the mount point";
      };
      mode = mkOption {
        type = types.strMatching "0?[0-7]{3}";
        default = "0755";
        description = "Mode of the mount point";
      };
    };
  };

  healthcheckSubmodule = types.submodule {
    options = {
      enable = mkEnableOption "the container healthcheck";
      interval = mkOption {
        type = str;
        default = "30s";
        description = "Interval between checks";
      };
      timeout = mkOption {
        type = str;
        default = "10s";
        description = "Timeout of one check";
      };
      retries = mkOption {
        type = types.ints.positive;
        default = 3;
        description = "Failures before unhealthy";
      };
      startPeriod = mkOption {
        type = str;
        default = "60s";
        description = "Grace period after start";
      };
      command = mkOption {
        type = nullOrStr;
        default = null;
        description = "Check command (null: the image's own)";
      };
      onFailure = mkOption {
        type = types.enum [
          "none"
          "kill"
          "restart"
          "stop"
        ];
        default = "kill";
        description = "Podman --health-on-failure action";
      };
    };
  };

  containerResourcesSubmodule = types.submodule {
    options = {
      memory = mkOption {
        type = str;
        description = "Memory limit (e.g. 512m)";
      };
      memoryReservation = mkOption {
        type = nullOrStr;
        default = null;
        description = "Memory reservation";
      };
      cpus = mkOption {
        type = nullOrStr;
        default = null;
        description = "CPU count";
      };
      cpuQuota = mkOption {
        type = nullOrStr;
        default = null;
        description = "CPU quota";
      };
      oomKillDisable = mkOption {
        type = types.bool;
        default = false;
        description = "Disable the OOM killer";
      };
      swap = mkOption {
        type = nullOrStr;
        default = null;
        description = "Swap limit";
      };
    };
  };

  systemdResourcesSubmodule = types.submodule {
    options = {
      MemoryMax = mkOption {
        type = str;
        description = "systemd MemoryMax";
      };
      MemoryReservation = mkOption {
        type = nullOrStr;
        default = null;
        description = "Soft memory target (MemoryLow)";
      };
      CPUQuota = mkOption {
        type = nullOrStr;
        default = null;
        description = "systemd CPUQuota";
      };
      CPUWeight = mkOption {
        type = types.nullOr types.int;
        default = null;
        description = "systemd CPUWeight";
      };
      IOWeight = mkOption {
        type = types.nullOr types.int;
        default = null;
        description = "systemd IOWeight";
      };
    };
  };

  inherit staticApiKeySubmodule;
}
