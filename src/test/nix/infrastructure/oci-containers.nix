# Stand-in for nixpkgs' virtualisation.oci-containers: the options a service module sets, and the
# <backend>-<name> unit the real module generates for each container, with the settings the real
# module puts on that unit at normal priority (so a service module that sets, e.g., Restart or Type
# on podman-<name> to another value without lib.mkForce fails here as it would on a real system).
{ config, lib, pkgs, ... }:
let
  inherit (lib) mkOption types escapeShellArg;
  cfg = config.virtualisation.oci-containers;
  str = types.str;
  strList = mkOption {
    type = types.listOf str;
    default = [ ];
    description = "List of strings";
  };

  containerSubmodule = types.submodule (
    { name, ... }:
    {
      options = {
        image = mkOption {
          type = str;
          description = "Image reference";
        };
        imageFile = mkOption {
          type = types.nullOr types.package;
          default = null;
          description = "Image tarball";
        };
        cmd = strList;
        entrypoint = mkOption {
          type = types.nullOr str;
          default = null;
          description = "Entrypoint override";
        };
        environment = mkOption {
          type = types.attrsOf str;
          default = { };
          description = "Environment variables";
        };
        environmentFiles = mkOption {
          type = types.listOf types.path;
          default = [ ];
          description = "Environment files";
        };
        log-driver = mkOption {
          type = str;
          default = "journald";
          description = "Log driver";
        };
        ports = strList;
        user = mkOption {
          type = types.nullOr str;
          default = null;
          description = "User (uid[:gid] or name) inside the container";
        };
        volumes = strList;
        workdir = mkOption {
          type = types.nullOr str;
          default = null;
          description = "Working directory";
        };
        dependsOn = strList;
        extraOptions = strList;
        preRunExtraOptions = strList;
        devices = strList;
        networks = strList;
        hostname = mkOption {
          type = types.nullOr str;
          default = null;
          description = "Host name";
        };
        labels = mkOption {
          type = types.attrsOf str;
          default = { };
          description = "Labels";
        };
        capabilities = mkOption {
          type = types.attrsOf (types.nullOr types.bool);
          default = { };
          description = "Capabilities to add (true) or drop (false)";
        };
        autoStart = mkOption {
          type = types.bool;
          default = true;
          description = "Start at boot";
        };
        serviceName = mkOption {
          type = str;
          default = "${cfg.backend}-${name}";
          readOnly = true;
          description = "Name of the generated unit";
        };
      };
    }
  );

  runScript =
    name: c:
    lib.concatStringsSep " \\\n  " (
      [
        "exec ${cfg.backend} run --rm --name=${escapeShellArg name} --log-driver=${escapeShellArg c.log-driver}"
      ]
      ++ c.preRunExtraOptions
      ++ lib.optional (c.entrypoint != null) "--entrypoint=${escapeShellArg c.entrypoint}"
      ++ lib.optional (c.user != null) "-u ${escapeShellArg c.user}"
      ++ lib.optional (c.workdir != null) "-w ${escapeShellArg c.workdir}"
      ++ lib.optional (c.hostname != null) "--hostname=${escapeShellArg c.hostname}"
      ++ lib.mapAttrsToList (k: v: "-e ${escapeShellArg "${k}=${v}"}") c.environment
      ++ map (f: "--env-file ${escapeShellArg f}") c.environmentFiles
      ++ map (p: "-p ${escapeShellArg p}") c.ports
      ++ map (v: "-v ${escapeShellArg v}") c.volumes
      ++ map (d: "--device=${escapeShellArg d}") c.devices
      ++ map (n: "--network=${escapeShellArg n}") c.networks
      ++ lib.mapAttrsToList (k: v: "-l ${escapeShellArg "${k}=${v}"}") c.labels
      ++ lib.mapAttrsToList (k: v: "--cap-${if v then "add" else "drop"}=${k}") (
        lib.filterAttrs (_: v: v != null) c.capabilities
      )
      ++ c.extraOptions
      ++ [ (escapeShellArg c.image) ]
      ++ map escapeShellArg c.cmd
    );

  # podman's -p syntax: [ip:][hostPort:]containerPort[/proto], ports may be ranges.
  validPort =
    p:
    builtins.match "((([0-9.]+)|([[][0-9a-fA-F:]+[]])):)?(([0-9]+(-[0-9]+)?)?:)?[0-9]+(-[0-9]+)?(/(tcp|udp|sctp))?" p
    != null;
in
{
  options.virtualisation.oci-containers = {
    backend = mkOption {
      type = types.enum [
        "podman"
        "docker"
      ];
      default = "podman";
      description = "Container engine";
    };
    containers = mkOption {
      type = types.attrsOf containerSubmodule;
      default = { };
      description = "OCI containers";
    };
  };

  config = {
    systemd.services = lib.mapAttrs' (
      name: c:
      lib.nameValuePair c.serviceName {
        description = "OCI container ${name}";
        wantedBy = lib.optional c.autoStart "multi-user.target";
        wants = [ "network-online.target" ];
        after = [ "network-online.target" ] ++ map (d: "${cfg.backend}-${d}.service") c.dependsOn;
        requires = map (d: "${cfg.backend}-${d}.service") c.dependsOn;
        path = [ pkgs.${cfg.backend} ];
        preStart = "${cfg.backend} rm -f ${escapeShellArg name} || true";
        script = runScript name c;
        serviceConfig = {
          ExecStop = "${cfg.backend} stop ${name}";
          TimeoutStartSec = 0;
          TimeoutStopSec = 120;
          Restart = "always";
        }
        // lib.optionalAttrs (cfg.backend == "podman") {
          Type = "notify";
          NotifyAccess = "all";
          Environment = "PODMAN_SYSTEMD_UNIT=%n";
        };
      }
    ) cfg.containers;

    assertions = lib.concatLists (
      lib.mapAttrsToList (
        name: c:
        map (p: {
          assertion = validPort p;
          message = "virtualisation.oci-containers.containers.${name}.ports entry ${builtins.toJSON p} is not [ip:][hostPort:]containerPort[/proto].";
        }) c.ports
        ++ map (d: {
          assertion = cfg.containers ? ${d};
          message = "virtualisation.oci-containers.containers.${name}.dependsOn names ${d}, which is not a declared container.";
        }) c.dependsOn
      ) cfg.containers
    );

    warnings = lib.concatLists (
      lib.mapAttrsToList (
        name: c:
        lib.optional (c.user != null && builtins.match "[0-9]+" c.user != null)
          "virtualisation.oci-containers.containers.${name}.user = \"${c.user}\" gives a UID without a GID: the process runs with GID 0 (root group) inside the container; use \"<uid>:<gid>\"."
      ) cfg.containers
    );
  };
}
