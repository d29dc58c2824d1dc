# The type of one systemd unit setting (an element of serviceConfig, unitConfig, timerConfig), merged
# the way nixpkgs' systemd `unitOption` merges it:
#   - if any definition is a list, all definitions are concatenated (ReadWritePaths, LoadCredential…);
#   - otherwise every definition must be equal, or evaluation fails with "conflicting definition
#     values". So a service module that sets UMask = "0027" on a unit whose NixOS module already sets
#     UMask = "0077" fails, exactly as on a real system, unless it uses lib.mkForce/lib.mkDefault.
#
# Priorities: serviceConfig is `attrsOf unitOption`, and `types.attrsOf` runs each attribute's
# definitions through the module system's mergeDefinitions, which drops overridden definitions
# (mkForce beats a plain definition, a plain one beats mkDefault) and unwraps mkIf before calling
# this merge. filterOverrides is applied again here only so the type is also correct when used alone.
{ lib }:
let
  isAtom =
    v:
    v == null
    || builtins.isBool v
    || builtins.isInt v
    || builtins.isFloat v
    || builtins.isString v
    || builtins.isPath v
    || (builtins.isAttrs v && lib.isDerivation v);
in
lib.mkOptionType {
  name = "systemdUnitOption";
  description = "systemd unit setting (bool, int, string, path, package, or a list of these)";
  descriptionClass = "noun";
  # An attribute set (other than a package) cannot be rendered into a unit file.
  check = v: isAtom v || (builtins.isList v && builtins.all isAtom v);
  merge =
    loc: defs:
    let
      defs' = lib.filterOverrides defs;
    in
    if builtins.any (d: builtins.isList d.value) defs' then
      builtins.concatMap (d: lib.toList d.value) defs'
    else
      lib.mergeEqualOption loc defs';
}
