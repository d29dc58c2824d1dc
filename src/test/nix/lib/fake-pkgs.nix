# A stand-in for `pkgs`: no nixpkgs package set and no store. Each package a module may read is a
# plain attribute set that looks enough like a derivation for types.package, lib.getExe and string
# interpolation ("${pkg}/bin/x"), and that deepSeq and toJSON can walk (no self references, no
# functions). A module that reads a package not listed fails with "attribute '<name>' missing".
{ lib }:
rec {
  # "unstable.sonarr" -> a fake derivation named "sonarr".
  fakePackage =
    attrPath:
    let
      name = lib.last (lib.splitString "." attrPath);
    in
    {
      type = "derivation";
      inherit name;
      pname = name;
      version = "0-stub";
      system = "x86_64-linux";
      outputs = [ "out" ];
      outputName = "out";
      outPath = "/nix/store/00000000000000000000000000000000-${name}";
      drvPath = "/nix/store/00000000000000000000000000000000-${name}.drv";
      meta.mainProgram = name;
    };

  # A fake build result whose content is forced, so errors inside a generated script surface.
  fakeBuild = name: content: builtins.seq (builtins.stringLength content) (fakePackage name);

  # Packages the harness's own helper stubs read (helpers-lib puts them on a unit's PATH).
  basePackages = [
    "bash"
    "coreutils"
    "openssh"
    "podman"
    "restic"
    "sanoid"
    "util-linux"
    "zfs"
  ];

  # Trivial builders and formats modules commonly call; each returns a fake package.
  builders = {
    writeText = name: text: fakeBuild name text;
    writeScript = name: text: fakeBuild name text;
    writeShellScript = name: text: fakeBuild name text;
    writeShellScriptBin = name: text: fakeBuild name text;
    writeTextFile = { name, text, ... }: fakeBuild name text;
    writeShellApplication = { name, text, ... }: fakeBuild name text;
    formats =
      let
        format = render: _: {
          type = lib.types.anything;
          generate = name: value: fakeBuild name (render value);
        };
      in
      {
        json = format builtins.toJSON;
        yaml = format builtins.toJSON;
        toml = format builtins.toJSON;
        ini = format builtins.toJSON;
        keyValue = format builtins.toJSON;
      };
  };

  # The pkgs argument for a list of dotted attribute paths.
  mkPkgs =
    attrPaths:
    let
      stopAtPackage = _: l: r: !(builtins.isAttrs l && builtins.isAttrs r) || lib.isDerivation l || lib.isDerivation r;
      tree = builtins.foldl' (
        acc: p: lib.recursiveUpdateUntil stopAtPackage acc (lib.setAttrByPath (lib.splitString "." p) (fakePackage p))
      ) { } (basePackages ++ attrPaths);
    in
    builders
    // tree
    // {
      inherit lib;
      system = "x86_64-linux";
      stdenv.hostPlatform.system = "x86_64-linux";
    };
}
