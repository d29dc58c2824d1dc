# Test stand-in for hosts/forge/lib/defaults.nix ("forgeDefaults").
#
# Written for the nixpolicy test harness from the interface notes only: the helper names, their
# arguments and what each gives follow the notes' table; concrete values the notes do not give
# (tag lists other than media, host names, alert labels) are this harness's own stand-ins.
#
# Imported by a host service file as: import ../lib/defaults.nix { inherit config lib; }
{ config, lib }:
let
  domain = config.networking.domain;
  nas = "nas-1.${domain}";
  resticEnabled = config.modules.backup.restic.enable;

  backup = {
    enable = true;
    repository = "nas-primary";
  };

  mkBackupWithSnapshots =
    name:
    backup
    // {
      useSnapshots = true;
      zfsDataset = "tank/services/${name}";
    };

  mkStaticApiKeyFull = name: envVar: paths: allowedNetworks: {
    inherit
      name
      envVar
      paths
      allowedNetworks
      ;
    headerName = "X-Api-Key";
    injectAuthHeader = true;
  };

  # Preseed settings for a service module's `preseed` option set. Only enabled when restic backups
  # are (the restore source is the restic repository on the NAS).
  mkPreseed =
    restoreMethods:
    # The real file states as policy that "restic" stays out: offsite restore is manual DR only.
    lib.warnIf (builtins.elem "restic" restoreMethods)
      "forgeDefaults.mkPreseed: restoreMethods ${builtins.toJSON restoreMethods} includes \"restic\"; forge policy keeps offsite restore a manual DR step (use [ \"syncoid\" \"local\" ])"
      {
        enable = resticEnabled;
        repositoryUrl = "/mnt/nas-backup";
        passwordFile = config.sops.secrets."restic/password".path;
        inherit restoreMethods;
      };

  mkAlert =
    {
      name,
      alertname,
      expr,
      for ? "2m",
      severity ? "high",
      category,
      title,
      summary,
      description,
    }:
    {
      type = "promql";
      inherit
        alertname
        expr
        for
        severity
        ;
      labels = {
        service = name;
        inherit category;
      };
      annotations = { inherit title summary description; };
    };
in
{
  inherit backup mkBackupWithSnapshots mkPreseed;

  mkBackupWithTags =
    name: tags:
    mkBackupWithSnapshots name
    // {
      frequency = "daily";
      inherit tags;
    };

  backupTags = {
    media = [
      "media"
      "arr-services"
    ];
    iptv = [
      "iptv"
      "media"
    ];
    home = [
      "home"
      "automation"
    ];
    infrastructure = [
      "infrastructure"
      "critical"
    ];
    database = [
      "database"
      "postgresql"
    ];
    monitoring = [
      "monitoring"
      "observability"
    ];
    downloads = [
      "downloads"
      "media"
    ];
  };

  preseed = mkPreseed [
    "syncoid"
    "local"
  ];

  caddySecurity =
    lib.mapAttrs
      (_: policy: {
        enable = true;
        portal = "pocketid";
        inherit policy;
      })
      {
        media = "media";
        admin = "admins";
        home = "home";
      };

  mkStaticApiKey = name: envVar: mkStaticApiKeyFull name envVar null [ ];
  mkStaticApiKeyWithPaths = name: envVar: paths: mkStaticApiKeyFull name envVar paths [ ];
  mkStaticApiKeyWithNetworks =
    name: envVar: allowedNetworks:
    mkStaticApiKeyFull name envVar null allowedNetworks;
  inherit mkStaticApiKeyFull;

  mkSanoidDataset = name: {
    useTemplate = [ "services" ];
    recursive = false;
    autosnap = true;
    autoprune = true;
    replication = {
      targetHost = nas;
      targetDataset = "backup/forge/zfs-recv/${name}";
      sendOptions = "w";
      recvOptions = "u";
      hostKey = "${nas} ssh-ed25519 AAAA-test-harness-stub-host-key";
    };
  };

  # Container services: the unit exporter's container_service_active metric.
  mkServiceDownAlert =
    name: display: description:
    mkAlert {
      inherit name description;
      alertname = "${name}-service-down";
      expr = ''container_service_active{name="${name}"} == 0'';
      category = "container";
      title = "${display} is down";
      summary = "The ${display} container is not running";
    };

  # Native services: node_exporter's systemd collector.
  mkSystemdServiceDownAlert =
    name: display: description:
    mkAlert {
      inherit name description;
      alertname = "${name}-service-down";
      expr = ''node_systemd_unit_state{name="${name}.service",state="active"} == 0'';
      category = "systemd";
      title = "${display} is down";
      summary = "The ${name}.service unit is not active";
    };

  # Container healthcheck that has not reported for `seconds` (stand-in metric name).
  mkHealthcheckStaleAlert =
    name: display: seconds:
    assert lib.assertMsg (builtins.isInt seconds && seconds > 0)
      "forgeDefaults.mkHealthcheckStaleAlert ${name}: seconds must be a positive integer";
    mkAlert {
      inherit name;
      alertname = "${name}-healthcheck-stale";
      expr = ''time() - container_healthcheck_last_run_timestamp_seconds{name="${name}"} > ${toString seconds}'';
      for = "5m";
      severity = "medium";
      category = "container";
      title = "${display} healthcheck is stale";
      summary = "The ${display} healthcheck has not run for ${toString seconds} seconds";
      description = "The container healthcheck of ${display} stopped reporting.";
    };

  podmanNetwork = "media-services";
}
