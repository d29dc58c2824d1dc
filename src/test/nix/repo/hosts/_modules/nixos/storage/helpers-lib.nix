# Test stand-in for hosts/_modules/nixos/storage/helpers-lib.nix.
#
# Written for the nixpolicy test harness from the interface notes only (argument names, which are
# required, and their defaults). The unit it returns is this harness's own: what matters for a test
# is that every argument is checked and ends up in the unit, so a wrong or missing argument fails
# evaluation with a message that names it.
#
# Imported by a service module as: import ../../storage/helpers-lib.nix { inherit pkgs lib; }
{ pkgs, lib }:
let
  inherit (lib) concatStringsSep concatMapStringsSep escapeShellArg;

  validMethods = [
    "syncoid"
    "local"
    "restic"
  ];

  # Same recordsize rule as the storage module: a power of two from 512 to 1M.
  recordsizeBytes =
    s:
    let
      m = builtins.match "([0-9]+)([KkMm]?)" s;
      unit = lib.toUpper (builtins.elemAt m 1);
    in
    if !builtins.isString s || m == null then
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

  # `check cond msg` returns true or throws msg, so a failure names the argument at fault.
  check = cond: msg: cond || throw msg;
in
{
  mkPreseedService =
    {
      serviceName,
      dataset,
      mountpoint,
      mainServiceUnit,
      resticRepoUrl,
      resticPasswordFile,
      resticPaths,
      replicationCfg ? null,
      datasetProperties ? {
        recordsize = "128K";
        compression = "lz4";
      },
      resticEnvironmentFile ? null,
      restoreMethods ? [
        "syncoid"
        "local"
        "restic"
      ],
      hasCentralizedNotifications ? false,
      timeoutSec ? 1800,
      owner ? "root",
      group ? "root",
    }:
    let
      where = "mkPreseedService (serviceName = ${builtins.toJSON serviceName})";
      has = m: builtins.elem m restoreMethods;
      propertyFlags = concatStringsSep " " (
        lib.mapAttrsToList (k: v: "-o ${escapeShellArg "${k}=${v}"}") datasetProperties
      );
      # The checks run when the unit's value is read, not when the module system looks at the shape
      # of the returned attribute set: several arguments come from `config`, and forcing them while
      # the module system is still collecting definitions would be an infinite recursion.
      checks = builtins.all (ok: ok) [
        (check (builtins.isString serviceName && serviceName != "")
          "mkPreseedService: serviceName must be a non-empty string")
        (check (builtins.isString dataset && dataset != "")
          "${where}: dataset must be a ZFS dataset name, got ${builtins.toJSON dataset}")
        (check (builtins.isString mountpoint && lib.hasPrefix "/" mountpoint)
          "${where}: mountpoint must be an absolute path, got ${builtins.toJSON mountpoint}")
        (check (builtins.isString mainServiceUnit && builtins.match ".+\\.(service|target)" mainServiceUnit != null)
          "${where}: mainServiceUnit must be a unit name such as \"sonarr.service\", got ${builtins.toJSON mainServiceUnit}")
        (check (builtins.isList restoreMethods && restoreMethods != [ ])
          "${where}: restoreMethods must be a non-empty list")
        (check (builtins.all (m: builtins.elem m validMethods) restoreMethods)
          "${where}: restoreMethods ${builtins.toJSON restoreMethods} contains an unknown method; allowed: ${concatStringsSep ", " validMethods}")
        (check (!(has "syncoid") || replicationCfg != null)
          "${where}: restoreMethods includes \"syncoid\" but replicationCfg is null, so syncoid has nothing to pull from. Pass the replication settings of the dataset's sanoid entry (config.modules.backup.sanoid.datasets.\"${toString dataset}\".replication, or its parent dataset's), or drop \"syncoid\".")
        (check (
          replicationCfg == null
          || (builtins.isAttrs replicationCfg && replicationCfg ? targetHost && replicationCfg ? targetDataset)
        ) "${where}: replicationCfg must be null or an attribute set with targetHost and targetDataset")
        (check (builtins.isList resticPaths && resticPaths != [ ] && builtins.all builtins.isString resticPaths)
          "${where}: resticPaths must be a non-empty list of path strings (the paths restic restores), got ${builtins.toJSON resticPaths}")
        (check (!(has "restic") || (builtins.isString resticRepoUrl && resticRepoUrl != ""))
          "${where}: restoreMethods includes \"restic\" but resticRepoUrl is empty")
        (check (!(has "restic") || resticPasswordFile != null)
          "${where}: restoreMethods includes \"restic\" but resticPasswordFile is null")
        (check (builtins.isAttrs datasetProperties && builtins.all builtins.isString (builtins.attrValues datasetProperties))
          "${where}: datasetProperties must be an attribute set of strings (ZFS property = value)")
        (check (!(datasetProperties ? recordsize) || validRecordsize datasetProperties.recordsize)
          "${where}: datasetProperties.recordsize = ${builtins.toJSON datasetProperties.recordsize} is not a power of two from 512 to 1M (e.g. \"16K\", \"128K\", \"1M\")")
        (check (builtins.isInt timeoutSec && timeoutSec > 0)
          "${where}: timeoutSec must be a positive integer")
        (check (builtins.isString owner && builtins.isString group)
          "${where}: owner and group must be strings")
        (check (builtins.isBool hasCentralizedNotifications)
          "${where}: hasCentralizedNotifications must be a boolean")
      ];
    in
    {
      systemd.services."preseed-${serviceName}" = builtins.seq checks {
        description = "Restore ${serviceName} data into ${dataset} before its first start";
        wantedBy = [ "multi-user.target" ];
        requiredBy = [ mainServiceUnit ];
        before = [ mainServiceUnit ];
        after = [
          "zfs-mount.service"
          "network-online.target"
        ];
        wants = [ "network-online.target" ];
        path = [
          pkgs.zfs
          pkgs.coreutils
        ]
        ++ lib.optional (has "restic") pkgs.restic
        ++ lib.optionals (has "syncoid") [
          pkgs.sanoid
          pkgs.openssh
        ];
        environment = {
          RESTIC_REPOSITORY = resticRepoUrl;
          PRESEED_RESTORE_METHODS = concatStringsSep " " restoreMethods;
        }
        // lib.optionalAttrs (resticPasswordFile != null) {
          RESTIC_PASSWORD_FILE = toString resticPasswordFile;
        };
        serviceConfig = {
          Type = "oneshot";
          RemainAfterExit = true;
          TimeoutSec = timeoutSec;
          User = "root";
          Group = "root";
        }
        // lib.optionalAttrs (resticEnvironmentFile != null) {
          EnvironmentFile = toString resticEnvironmentFile;
        };
        # A sketch of the restore; it interpolates every argument so that all of them are evaluated.
        script = ''
          set -euo pipefail
          dataset=${escapeShellArg dataset}
          mountpoint=${escapeShellArg mountpoint}

          if zfs list -H -o name "$dataset" >/dev/null 2>&1 \
             && [ -n "$(ls -A "$mountpoint" 2>/dev/null)" ]; then
            echo "preseed: $dataset already holds data, nothing to restore"
            exit 0
          fi

          restored=0
          for method in ${concatStringsSep " " restoreMethods}; do
            [ "$restored" = 1 ] && break
            case "$method" in
              syncoid)
                ${
                  if replicationCfg == null then
                    "true"
                  else
                    lib.concatStringsSep " " (
                      [ "syncoid --no-sync-snap" ]
                      ++ lib.optional ((replicationCfg.sendOptions or "") != "")
                        "--sendoptions=${escapeShellArg replicationCfg.sendOptions}"
                      ++ lib.optional ((replicationCfg.recvOptions or "") != "")
                        "--recvoptions=${escapeShellArg replicationCfg.recvOptions}"
                      ++ [
                        (escapeShellArg "root@${replicationCfg.targetHost}:${replicationCfg.targetDataset}")
                        "\"$dataset\" && restored=1 || true"
                      ]
                    )
                }
                ;;
              local)
                snap="$(zfs list -H -t snapshot -o name -s creation "$dataset" 2>/dev/null | tail -n 1)"
                [ -n "$snap" ] && zfs rollback -r "$snap" && restored=1 || true
                ;;
              restic)
                zfs list -H -o name "$dataset" >/dev/null 2>&1 \
                  || zfs create ${propertyFlags} -o mountpoint="$mountpoint" "$dataset"
                restic restore latest --target / ${
                  concatMapStringsSep " " (p: "--include ${escapeShellArg p}") resticPaths
                } && restored=1 || true
                ;;
            esac
          done

          zfs list -H -o name "$dataset" >/dev/null 2>&1 \
            || zfs create ${propertyFlags} -o mountpoint="$mountpoint" "$dataset"
          chown ${escapeShellArg "${owner}:${group}"} "$mountpoint"
          ${lib.optionalString hasCentralizedNotifications ''echo "preseed: ${serviceName} restored=$restored" | systemd-cat -t preseed-notify''}
        '';
      };
    };
}
