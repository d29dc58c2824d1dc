# Stand-ins for the repository's storage and backup modules: modules.storage.datasets,
# modules.storage.nfsMounts, modules.backup.restic.enable and modules.backup.sanoid.datasets.
# Written from the interface notes: the parent dataset is "tank/services", a dataset's recordsize
# must be a power of two from 512 to 1M (the real storage module checks this too).
{ config, lib, ... }:
let
  inherit (lib) mkOption types;
  recordsize = import ../lib/recordsize.nix { inherit lib; };
  cfg = config.modules.storage;

  datasetSubmodule = types.submodule (
    { name, ... }:
    {
      options = {
        recordsize = mkOption {
          type = recordsize.type;
          default = "128K";
          description = "ZFS recordsize";
        };
        compression = mkOption {
          type = types.strMatching "on|off|lz4|lzjb|zle|gzip(-[1-9])?|zstd(-fast)?(-[0-9]+)?";
          default = "lz4";
          description = "ZFS compression";
        };
        properties = mkOption {
          type = types.attrsOf types.str;
          default = { };
          description = "Other ZFS properties (not recordsize/compression/mountpoint, which have options)";
        };
        mountpoint = mkOption {
          type = types.str;
          description = "Mount point of ${cfg.datasets.parentDataset}/${name}";
        };
        owner = mkOption {
          type = types.str;
          default = "root";
          description = "Owner of the mount point";
        };
        group = mkOption {
          type = types.str;
          default = "root";
          description = "Group of the mount point";
        };
        mode = mkOption {
          type = types.strMatching "0?[0-7]{3}";
          default = "0755";
          description = "Mode of the mount point";
        };
      };
    }
  );

  nfsMountSubmodule = types.submodule (
    { name, ... }:
    {
      options = {
        enable = mkOption {
          type = types.bool;
          default = true;
          description = "Mount it";
        };
        server = mkOption {
          type = types.str;
          description = "NFS server";
        };
        remotePath = mkOption {
          type = types.str;
          description = "Export path";
        };
        localPath = mkOption {
          type = types.str;
          description = "Mount point";
        };
        group = mkOption {
          type = types.nullOr types.str;
          default = null;
          description = "Group with access";
        };
        options = mkOption {
          type = types.listOf types.str;
          default = [ ];
          description = "Mount options";
        };
      };
    }
  );

  replicationSubmodule = types.submodule {
    options = {
      targetHost = mkOption {
        type = types.str;
        description = "Host receiving the replication";
      };
      targetDataset = mkOption {
        type = types.str;
        description = "Dataset on the target";
      };
      sendOptions = mkOption {
        type = types.str;
        default = "";
        description = "syncoid --sendoptions";
      };
      recvOptions = mkOption {
        type = types.str;
        default = "";
        description = "syncoid --recvoptions";
      };
      hostKey = mkOption {
        type = types.nullOr types.str;
        default = null;
        description = "known_hosts line of the target";
      };
    };
  };

  sanoidDatasetSubmodule = types.submodule {
    options = {
      useTemplate = mkOption {
        type = types.listOf types.str;
        default = [ ];
        description = "Sanoid templates";
      };
      recursive = mkOption {
        type = types.either types.bool (types.enum [ "zfs" ]);
        default = false;
        description = "Recurse into children";
      };
      autosnap = mkOption {
        type = types.bool;
        default = true;
        description = "Take snapshots";
      };
      autoprune = mkOption {
        type = types.bool;
        default = true;
        description = "Prune snapshots";
      };
      replication = mkOption {
        type = types.nullOr replicationSubmodule;
        default = null;
        description = "syncoid replication";
      };
    };
  };

  reserved = [
    "recordsize"
    "compression"
    "mountpoint"
  ];
in
{
  options.modules = {
    storage = {
      datasets = {
        parentDataset = mkOption {
          type = types.str;
          default = "tank/services";
          description = "Parent of the service datasets";
        };
        services = mkOption {
          type = types.attrsOf datasetSubmodule;
          default = { };
          description = "Service datasets, <parentDataset>/<name>";
        };
      };
      nfsMounts = mkOption {
        type = types.attrsOf nfsMountSubmodule;
        default = { };
        description = "NFS mounts of the host";
      };
    };

    backup = {
      restic.enable = mkOption {
        type = types.bool;
        default = true;
        description = "Restic backups on this host";
      };
      sanoid.datasets = mkOption {
        type = types.attrsOf sanoidDatasetSubmodule;
        default = { };
        description = "Sanoid/syncoid settings per dataset";
      };
    };
  };

  config.assertions = lib.mapAttrsToList (name: d: {
    assertion = builtins.all (k: !(d.properties ? ${k})) reserved;
    message = "modules.storage.datasets.services.${name}.properties sets ${lib.concatStringsSep ", " (builtins.filter (k: d.properties ? ${k}) reserved)}: these have their own options (recordsize, compression, mountpoint); set them there, where recordsize is checked, and keep properties for other ZFS properties.";
  }) cfg.datasets.services;

  config.warnings = lib.mapAttrsToList (
    name: _:
    "modules.backup.sanoid.datasets.\"${name}\" is not ${cfg.datasets.parentDataset}/<a declared modules.storage.datasets.services entry>."
  ) (
    lib.filterAttrs (
      name: _:
      !(builtins.elem name (
        [ cfg.datasets.parentDataset ]
        ++ map (s: "${cfg.datasets.parentDataset}/${s}") (builtins.attrNames cfg.datasets.services)
      ))
    ) config.modules.backup.sanoid.datasets
  );
}
