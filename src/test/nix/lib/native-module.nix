# A stub of a nixpkgs service module (services.<name>), for service modules that wrap a native one.
#
#   nativeModule {
#     name = "jellyfin";                      # services.jellyfin
#     options = [ "user" "group" "dataDir"    # extra options the wrapper may set or read, as dotted
#                 "settings.server.port"      # paths; a plain string has no default (except user,
#                 { path = "port"; default = 8096; } ];  # group, dataDir), or give { path; default; }
#     unit = "jellyfin";                      # systemd.services.<unit> (default: name)
#     serviceConfig = { UMask = "0077"; };    # what the module sets besides User/Group/ExecStart
#     uid = null;                             # users.users.<name>.uid, when the module sets one
#     userAttrs = { };                        # more users.users.<name> attributes it sets
#   }
#
# Like nixpkgs modules (jellyfin, sonarr …), when enabled it sets serviceConfig.{User,Group,ExecStart}
# and the given serviceConfig at NORMAL priority, and defines users.users.<name> / users.groups.<name>
# when the user/group are the defaults. A wrapper that sets the same serviceConfig attribute to another
# value without lib.mkForce/lib.mkDefault therefore fails with "conflicting definition values".
#
# Option values use types.anything: a wrapper may set any plain value, and setting an undeclared
# option fails ("The option `services.<name>.<x>' does not exist"). Declare "settings" itself (not
# "settings.x") to model a freeform settings option.
{ lib }:
let
  fake = import ./fake-pkgs.nix { inherit lib; };
in
{
  name,
  options ? [ ],
  unit ? name,
  serviceConfig ? {
    UMask = "0077";
    ProtectSystem = "strict";
  },
  uid ? null,
  userAttrs ? { },
}:
let
  module =
    { config, pkgs, ... }:
    let
      inherit (lib) mkOption types;
      cfg = config.services.${name};

      entries = map (o: if builtins.isString o then { path = o; } else o) options;
      declared = p: builtins.any (e: e.path == p) entries;
      knownDefaults = {
        user = name;
        group = name;
        dataDir = "/var/lib/${name}";
      };
      declare = e: {
        options.services.${name} = lib.setAttrByPath (lib.splitString "." e.path) (
          mkOption (
            {
              type = types.anything;
              description = "Stub of services.${name}.${e.path}";
            }
            // lib.optionalAttrs (e ? default) { inherit (e) default; }
            // lib.optionalAttrs (!(e ? default) && knownDefaults ? ${e.path}) {
              default = knownDefaults.${e.path};
            }
          )
        );
      };

      user = if declared "user" then cfg.user else name;
      group = if declared "group" then cfg.group else name;
    in
    {
      # One module per option, so the module system reports a path declared twice, or declared both as
      # an option and as a prefix of another option, in its own words.
      imports = map declare (builtins.filter (e: e.path != "enable" && e.path != "package") entries);

      options.services.${name} = {
        enable = lib.mkEnableOption "the stub of the nixpkgs ${name} module";
        package = mkOption {
          type = types.package;
          # nixpkgs modules default to pkgs.<name>; a fake one stands in when the test did not list it.
          default = pkgs.${name} or (fake.fakePackage name);
          description = "Package (stub)";
        };
      };

      config = lib.mkIf cfg.enable {
        systemd.services.${unit} = {
          description = "${name} (stub of the nixpkgs module)";
          wantedBy = [ "multi-user.target" ];
          after = [ "network.target" ];
          serviceConfig = {
            User = user;
            Group = group;
            ExecStart = lib.getExe cfg.package;
          }
          // serviceConfig;
        };

        users.users = lib.mkIf (user == name) {
          ${name} = {
            isSystemUser = true;
            inherit group;
          }
          // lib.optionalAttrs (uid != null) { inherit uid; }
          // userAttrs;
        };
        users.groups = lib.mkIf (group == name) { ${name} = { }; };
      };
    };
in
{
  # Names the stub in error messages, instead of "<unknown-file>".
  _file = "stub of the nixpkgs module services.${name} (src/test/nix/lib/native-module.nix)";
  imports = [ module ];
}
