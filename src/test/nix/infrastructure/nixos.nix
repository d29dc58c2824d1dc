# Stand-ins for the NixOS options a service module touches: assertions/warnings, networking,
# users, systemd services/timers/tmpfiles, environment, hardware.graphics.
#
# Typed strictly, so a typo or a wrong shape fails evaluation instead of passing silently, and
# with the checks a real system makes at evaluation time (nixpkgs' user assertions) plus a few that
# a real system would only hit at boot (a unit nothing starts, a dependency on a unit no one defines).
{ config, lib, ... }:
let
  inherit (lib) mkOption types;
  unitOption = import ../lib/unit-option.nix { inherit lib; };

  unitList = mkOption {
    type = types.listOf types.str;
    default = [ ];
    description = "Unit names";
  };
  lines = mkOption {
    type = types.lines;
    default = "";
    description = "Shell lines";
  };
  unitSettings = mkOption {
    type = types.attrsOf unitOption;
    default = { };
    description = "systemd settings";
  };

  serviceSubmodule = types.submodule {
    options = {
      enable = mkOption {
        type = types.bool;
        default = true;
        description = "Whether the unit is installed";
      };
      description = mkOption {
        type = types.str;
        default = "";
        description = "Unit description";
      };
      documentation = unitList;
      wantedBy = unitList;
      requiredBy = unitList;
      upheldBy = unitList;
      after = unitList;
      before = unitList;
      requires = unitList;
      requisite = unitList;
      wants = unitList;
      upholds = unitList;
      bindsTo = unitList;
      partOf = unitList;
      conflicts = unitList;
      onFailure = unitList;
      onSuccess = unitList;
      path = mkOption {
        type = types.listOf (types.either types.package types.str);
        default = [ ];
        description = "Packages on PATH";
      };
      environment = mkOption {
        type = types.attrsOf (
          types.nullOr (
            types.oneOf [
              types.str
              types.path
              types.package
            ]
          )
        );
        default = { };
        description = "Environment variables";
      };
      preStart = lines;
      postStart = lines;
      preStop = lines;
      postStop = lines;
      reload = lines;
      script = lines;
      scriptArgs = mkOption {
        type = types.str;
        default = "";
        description = "Arguments of script";
      };
      unitConfig = unitSettings;
      serviceConfig = unitSettings;
      startAt = mkOption {
        type = types.either types.str (types.listOf types.str);
        default = [ ];
        description = "OnCalendar times";
      };
      restartTriggers = mkOption {
        type = types.listOf types.anything;
        default = [ ];
        description = "Restart when these change";
      };
      reloadTriggers = mkOption {
        type = types.listOf types.anything;
        default = [ ];
        description = "Reload when these change";
      };
      restartIfChanged = mkOption {
        type = types.bool;
        default = true;
        description = "Restart on change";
      };
      reloadIfChanged = mkOption {
        type = types.bool;
        default = false;
        description = "Reload on change";
      };
      stopIfChanged = mkOption {
        type = types.bool;
        default = true;
        description = "Stop then start on change";
      };
    };
  };

  timerSubmodule = types.submodule {
    options = {
      enable = mkOption {
        type = types.bool;
        default = true;
        description = "Whether the timer is installed";
      };
      description = mkOption {
        type = types.str;
        default = "";
        description = "Timer description";
      };
      wantedBy = mkOption {
        type = types.listOf types.str;
        default = [ "timers.target" ];
        description = "Units that want the timer";
      };
      partOf = unitList;
      after = unitList;
      before = unitList;
      requires = unitList;
      wants = unitList;
      timerConfig = unitSettings;
      unitConfig = unitSettings;
    };
  };

  tmpfilesEntry = types.submodule {
    options = lib.genAttrs [ "mode" "user" "group" "age" ] (
      n:
      mkOption {
        type = types.str;
        default = "-";
        description = "tmpfiles ${n} field";
      }
    )
    // {
      type = mkOption {
        type = types.str;
        description = "tmpfiles type (d, z, L+ …)";
      };
      argument = mkOption {
        type = types.str;
        default = "";
        description = "tmpfiles argument field";
      };
    };
  };

  userSubmodule = types.submodule (
    { name, ... }:
    {
      options = {
        name = mkOption {
          type = types.str;
          default = name;
          description = "User name";
        };
        description = mkOption {
          type = types.str;
          default = "";
          description = "GECOS field";
        };
        uid = mkOption {
          type = types.nullOr types.int;
          default = null;
          description = "UID";
        };
        isSystemUser = mkOption {
          type = types.bool;
          default = false;
          description = "System user";
        };
        isNormalUser = mkOption {
          type = types.bool;
          default = false;
          description = "Normal (login) user";
        };
        group = mkOption {
          type = types.str;
          default = "";
          description = "Primary group";
        };
        extraGroups = mkOption {
          type = types.listOf types.str;
          default = [ ];
          description = "Supplementary groups";
        };
        home = mkOption {
          type = types.path;
          default = "/var/empty";
          description = "Home directory";
        };
        homeMode = mkOption {
          type = types.strMatching "[0-7]{1,5}";
          default = "700";
          description = "Home directory mode";
        };
        createHome = mkOption {
          type = types.bool;
          default = false;
          description = "Create the home directory";
        };
        shell = mkOption {
          type = types.nullOr (types.either types.path types.package);
          default = null;
          description = "Login shell";
        };
        linger = mkOption {
          type = types.bool;
          default = false;
          description = "Lingering";
        };
        packages = mkOption {
          type = types.listOf types.package;
          default = [ ];
          description = "Per-user packages";
        };
      };
    }
  );

  groupSubmodule = types.submodule (
    { name, ... }:
    {
      options = {
        name = mkOption {
          type = types.str;
          default = name;
          description = "Group name";
        };
        gid = mkOption {
          type = types.nullOr types.int;
          default = null;
          description = "GID";
        };
        members = mkOption {
          type = types.listOf types.str;
          default = [ ];
          description = "Members";
        };
      };
    }
  );

  portRange = types.submodule {
    options = {
      from = mkOption {
        type = types.port;
        description = "First port";
      };
      to = mkOption {
        type = types.port;
        description = "Last port";
      };
    };
  };
  firewallPorts = {
    allowedTCPPorts = mkOption {
      type = types.listOf types.port;
      default = [ ];
      description = "Open TCP ports";
    };
    allowedUDPPorts = mkOption {
      type = types.listOf types.port;
      default = [ ];
      description = "Open UDP ports";
    };
    allowedTCPPortRanges = mkOption {
      type = types.listOf portRange;
      default = [ ];
      description = "Open TCP port ranges";
    };
    allowedUDPPortRanges = mkOption {
      type = types.listOf portRange;
      default = [ ];
      description = "Open UDP port ranges";
    };
  };

  # ---- checks -------------------------------------------------------------------------------
  services = lib.filterAttrs (_: s: s.enable) config.systemd.services;
  users = config.users.users;
  groups = config.users.groups;

  duplicates =
    xs:
    lib.unique (
      builtins.filter (x: builtins.length (builtins.filter (y: y == x) xs) > 1) xs
    );
  uids = builtins.filter (u: u != null) (lib.mapAttrsToList (_: u: u.uid) users);
  gids = builtins.filter (g: g != null) (lib.mapAttrsToList (_: g: g.gid) groups);

  # Mount units the host provides: the NFS mounts of modules.storage.nfsMounts.
  escapePath = p: lib.replaceStrings [ "-" "/" ] [ "\\x2d" "-" ] (lib.removePrefix "/" (lib.removeSuffix "/" p));
  mountUnits = lib.mapAttrsToList (_: m: "${escapePath m.localPath}.mount") config.modules.storage.nfsMounts;
in
{
  options = {
    assertions = mkOption {
      type = types.listOf (
        types.submodule {
          options = {
            assertion = mkOption {
              type = types.bool;
              description = "Must hold";
            };
            message = mkOption {
              type = types.str;
              description = "Shown when it does not";
            };
          };
        }
      );
      default = [ ];
      description = "Evaluation-time checks";
    };
    warnings = mkOption {
      type = types.listOf types.str;
      default = [ ];
      description = "Evaluation-time warnings";
    };

    networking = {
      hostName = mkOption {
        type = types.str;
        description = "Host name";
      };
      domain = mkOption {
        type = types.str;
        description = "Domain";
      };
      firewall = firewallPorts // {
        enable = mkOption {
          type = types.bool;
          default = true;
          description = "Firewall";
        };
        interfaces = mkOption {
          type = types.attrsOf (types.submodule { options = firewallPorts; });
          default = { };
          description = "Per-interface openings";
        };
      };
    };

    users = {
      users = mkOption {
        type = types.attrsOf userSubmodule;
        default = { };
        description = "Users";
      };
      groups = mkOption {
        type = types.attrsOf groupSubmodule;
        default = { };
        description = "Groups";
      };
    };

    systemd = {
      services = mkOption {
        type = types.attrsOf serviceSubmodule;
        default = { };
        description = "systemd services";
      };
      timers = mkOption {
        type = types.attrsOf timerSubmodule;
        default = { };
        description = "systemd timers";
      };
      tmpfiles = {
        rules = mkOption {
          type = types.listOf types.str;
          default = [ ];
          description = "tmpfiles.d lines";
        };
        settings = mkOption {
          type = types.attrsOf (types.attrsOf (types.attrsOf tmpfilesEntry));
          default = { };
          description = "tmpfiles.d entries";
        };
      };
    };

    environment = {
      systemPackages = mkOption {
        type = types.listOf types.package;
        default = [ ];
        description = "System packages";
      };
      etc = mkOption {
        type = types.attrsOf (
          types.submodule {
            options = {
              text = mkOption {
                type = types.nullOr types.lines;
                default = null;
                description = "Content";
              };
              source = mkOption {
                type = types.nullOr (types.either types.path types.package);
                default = null;
                description = "Source file";
              };
              mode = mkOption {
                type = types.str;
                default = "symlink";
                description = "Mode";
              };
              user = mkOption {
                type = types.str;
                default = "+0";
                description = "Owner";
              };
              group = mkOption {
                type = types.str;
                default = "+0";
                description = "Group";
              };
            };
          }
        );
        default = { };
        description = "Files in /etc";
      };
    };

    hardware.graphics = {
      enable = mkOption {
        type = types.bool;
        default = false;
        description = "GPU drivers";
      };
      extraPackages = mkOption {
        type = types.listOf types.package;
        default = [ ];
        description = "Extra driver packages";
      };
    };
  };

  config = {
    # Groups every NixOS system has (nixpkgs' users-groups.nix gives them fixed GIDs); the GPU's
    # device nodes belong to render and video.
    users.groups = lib.genAttrs [ "wheel" "users" "nogroup" "render" "video" "audio" "input" ] (_: { });

    assertions =
      # nixpkgs' own user checks.
      lib.concatLists (
        lib.mapAttrsToList (name: u: [
          {
            assertion = u.group != "";
            message = "users.users.${name}.group is unset (nixpkgs refuses a user without a primary group).";
          }
          {
            assertion = u.isSystemUser != u.isNormalUser;
            message = "Exactly one of users.users.${name}.isSystemUser and users.users.${name}.isNormalUser must be set.";
          }
        ]) users
      )
      ++ [
        {
          assertion = duplicates uids == [ ] && duplicates gids == [ ];
          message = "UIDs and GIDs must be unique (duplicate UIDs: ${builtins.toJSON (duplicates uids)}, GIDs: ${builtins.toJSON (duplicates gids)}).";
        }
      ]
      # A unit no module defines: the service module configures a unit name nothing provides (a
      # wrong unit name, or a native/container unit that is called something else).
      ++ lib.mapAttrsToList (name: s: {
        assertion = s.script != "" || s.serviceConfig ? ExecStart;
        message = "systemd.services.${name} has neither script nor serviceConfig.ExecStart: nothing defines this unit (wrong unit name? native modules name their own unit; containers run as <backend>-<name>).";
      }) services
      # requiredBy a .service unit that does not exist makes the requiring unit never start it.
      ++ lib.concatLists (
        lib.mapAttrsToList (
          name: s:
          map (u: {
            assertion = !(lib.hasSuffix ".service" u) || services ? ${lib.removeSuffix ".service" u};
            message = "systemd.services.${name}.requiredBy names ${u}, which no systemd.services entry defines.";
          }) s.requiredBy
        ) services
      )
      # systemd rejects LoadCredential= entries that are not "ID:PATH".
      ++ lib.concatLists (
        lib.mapAttrsToList (
          name: s:
          map (c: {
            assertion = builtins.isString c && builtins.match "[A-Za-z0-9_.@-]+:/.+" c != null;
            message = "systemd.services.${name}.serviceConfig.LoadCredential entry ${builtins.toJSON c} is not \"ID:/absolute/path\".";
          }) (lib.toList (s.serviceConfig.LoadCredential or [ ]))
        ) services
      );

    warnings =
      lib.concatLists (
        lib.mapAttrsToList (
          name: u:
          map (g: "users.users.${name} names group ${g}, which users.groups does not declare.") (
            builtins.filter (g: g != "" && !(groups ? ${g})) ([ u.group ] ++ u.extraGroups)
          )
        ) users
      )
      ++ lib.concatLists (
        lib.mapAttrsToList (
          name: s:
          map (
            k:
            "systemd.services.${name}.serviceConfig.${k} is null: nixpkgs renders it as the empty assignment \"${k}=\", which resets the setting."
          ) (builtins.attrNames (lib.filterAttrs (_: v: v == null) s.serviceConfig))
        ) services
      )
      # With a static user of the same name, systemd ignores DynamicUser= for the user and keeps
      # state in /var/lib/private: usually a sign that a wrapper half-overrode a native module.
      ++ lib.mapAttrsToList (
        name: s:
        "systemd.services.${name} has DynamicUser = true but User = ${s.serviceConfig.User}, a static user of users.users: systemd then uses the static user (and /var/lib/private for StateDirectory); set DynamicUser = lib.mkForce false if the static user is meant."
      ) (
        lib.filterAttrs (
          _: s:
          (s.serviceConfig.DynamicUser or false) == true
          && builtins.isString (s.serviceConfig.User or null)
          && users ? ${s.serviceConfig.User}
        ) services
      )
      ++ lib.concatLists (
        lib.mapAttrsToList (
          name: s:
          map (
            u:
            "systemd.services.${name} depends on ${u}, which no declared mount provides (known mount units: ${lib.concatStringsSep ", " mountUnits})."
          ) (lib.unique (builtins.filter (u: lib.hasSuffix ".mount" u && !(builtins.elem u mountUnits)) (s.after ++ s.requires ++ s.wants ++ s.bindsTo)))
        ) services
      );
  };
}
