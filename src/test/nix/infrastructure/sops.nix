# Stand-in for sops-nix: sops.secrets, sops.templates and sops.placeholder.
#
# The harness declares only the secrets a test names (`secrets` argument of evaluate.nix), so a
# file that reads config.sops.secrets."<undeclared>".path fails with "attribute '<name>' missing".
{ config, lib, ... }:
let
  inherit (lib) mkOption types;
  common = {
    mode = mkOption {
      type = types.strMatching "0?[0-7]{3}";
      default = "0400";
      description = "File mode";
    };
    owner = mkOption {
      type = types.str;
      default = "root";
      description = "Owner";
    };
    group = mkOption {
      type = types.str;
      default = "root";
      description = "Group";
    };
    restartUnits = mkOption {
      type = types.listOf types.str;
      default = [ ];
      description = "Units restarted when the file changes";
    };
    reloadUnits = mkOption {
      type = types.listOf types.str;
      default = [ ];
      description = "Units reloaded when the file changes";
    };
  };

  units = builtins.attrNames config.systemd.services;
  unknownUnits = us: builtins.filter (u: !(builtins.elem (lib.removeSuffix ".service" u) units)) us;
in
{
  options.sops = {
    secrets = mkOption {
      type = types.attrsOf (
        types.submodule (
          { name, ... }:
          {
            options = common // {
              name = mkOption {
                type = types.str;
                default = name;
                description = "Secret name";
              };
              key = mkOption {
                type = types.str;
                default = name;
                description = "Key in the SOPS file";
              };
              path = mkOption {
                type = types.str;
                default = "/run/secrets/${name}";
                description = "Where the decrypted secret is";
              };
              format = mkOption {
                type = types.enum [
                  "yaml"
                  "json"
                  "binary"
                  "dotenv"
                  "ini"
                ];
                default = "yaml";
                description = "SOPS file format";
              };
              sopsFile = mkOption {
                type = types.nullOr types.path;
                default = null;
                description = "SOPS file (null: the host default)";
              };
              neededForUsers = mkOption {
                type = types.bool;
                default = false;
                description = "Decrypt before users are created";
              };
            };
          }
        )
      );
      default = { };
      description = "SOPS secrets";
    };

    templates = mkOption {
      type = types.attrsOf (
        types.submodule (
          { name, ... }:
          {
            options = common // {
              name = mkOption {
                type = types.str;
                default = name;
                description = "Template name";
              };
              content = mkOption {
                type = types.lines;
                description = "Content, with config.sops.placeholder.<secret> for secrets";
              };
              path = mkOption {
                type = types.str;
                default = "/run/secrets/rendered/${name}";
                description = "Where the rendered file is";
              };
            };
          }
        )
      );
      default = { };
      description = "SOPS templates";
    };

    placeholder = mkOption {
      type = types.attrsOf types.str;
      readOnly = true;
      description = "Placeholder string of each declared secret, for templates";
    };
  };

  config = {
    # Only declared secrets have a placeholder, so a template naming another secret fails.
    sops.placeholder = lib.mapAttrs (
      n: _: "<SOPS:${builtins.hashString "sha256" n}:PLACEHOLDER>"
    ) config.sops.secrets;

    warnings = lib.concatLists (
      lib.mapAttrsToList (
        kind: set:
        lib.concatLists (
          lib.mapAttrsToList (
            name: s:
            map (u: "sops.${kind}.\"${name}\" restarts/reloads ${u}, which no systemd.services entry defines.") (
              unknownUnits (s.restartUnits ++ s.reloadUnits)
            )
            ++ lib.optional (
              s.owner != "root" && !(config.users.users ? ${s.owner})
            ) "sops.${kind}.\"${name}\".owner = ${s.owner}, which users.users does not declare (sops-nix fails to chown at activation)."
          ) set
        )
      ) { inherit (config.sops) secrets templates; }
    );
  };
}
