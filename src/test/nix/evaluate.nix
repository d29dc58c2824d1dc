# Evaluate one generated service (its NixOS module and its host file) inside a stub NixOS system,
# force everything the rest of a real system would read, and return a small JSON-able summary.
#
#   nix-instantiate --eval --strict --json src/test/nix/evaluate.nix \
#     --arg nixpkgsLib /path/to/nixpkgs/lib --arg repo /tmp/repo --argstr service sonarr \
#     --arg packages '[ "unstable.sonarr" ]' \
#     --arg nativeModules '[ { name = "sonarr"; options = [ "user" "group" "dataDir" ]; serviceConfig = { }; } ]' \
#     --arg secrets '[ "restic/password" "sonarr/api-key" ]'
#
# Arguments:
#   nixpkgsLib    path of nixpkgs' lib directory (or an already imported lib)
#   repo          a copy of ./repo with the generated files added (path or string)
#   service       <svc>: reads hosts/_modules/nixos/services/<svc>/default.nix and
#                 hosts/<host>/services/<svc>.nix
#   host, domain  networking.hostName / networking.domain
#   packages      dotted attribute paths the files may read from pkgs ("sonarr", "unstable.sonarr");
#                 each becomes a fake package. lib/fake-pkgs.nix lists the ones always present.
#   nativeModules stub nixpkgs modules, { name; options ? [ ]; unit ? name; serviceConfig ? …; … }
#                 (see lib/native-module.nix)
#   secrets       the SOPS secret names the host declares; nothing else is declared, so reading any
#                 other config.sops.secrets."<name>" fails. forgeDefaults.mkPreseed reads
#                 "restic/password".
#
# Fails (throws) when the files do not evaluate, when a value is missing or of the wrong type, or
# listing every failed assertion (the files' own, the stub system's, and the harness's checks below).
{
  nixpkgsLib,
  repo,
  service,
  host ? "forge",
  domain ? "holthome.net",
  packages ? [ ],
  nativeModules ? [ ],
  secrets ? [ ],
}:
let
  lib = if builtins.isAttrs nixpkgsLib then nixpkgsLib else import nixpkgsLib;
  fake = import ./lib/fake-pkgs.nix { inherit lib; };
  nativeModule = import ./lib/native-module.nix { inherit lib; };

  repoPath = if builtins.isPath repo then repo else /. + repo;
  existing =
    what: file:
    if builtins.pathExists file then file else throw "evaluate.nix: the ${what} ${toString file} does not exist";
  moduleFile = existing "service module" (repoPath + "/hosts/_modules/nixos/services/${service}/default.nix");
  hostFile = existing "host file" (repoPath + "/hosts/${host}/services/${service}.nix");

  eval = lib.evalModules {
    modules =
      import ./infrastructure.nix
      ++ map nativeModule nativeModules
      ++ [
        moduleFile
        hostFile
        {
          networking = {
            inherit domain;
            hostName = host;
          };
          sops.secrets = lib.genAttrs secrets (_: { });
        }
      ];
    # lib, config and options come from evalModules itself; these are the repository's extra
    # module arguments (the notes: service modules take { lib, pkgs, config, podmanLib, ... }).
    # podmanLib and mylib are empty: reading anything from them fails, as this harness has no
    # description of their interfaces.
    specialArgs = {
      pkgs = fake.mkPkgs packages;
      podmanLib = { };
      mylib = { };
    };
  };
  inherit (eval) config options;

  # Force a value completely. Like builtins.deepSeq, but skips a submodule's `_module` (which holds
  # module arguments such as lib and pkgs, not configuration).
  deepForce =
    v:
    if builtins.isAttrs v then
      builtins.foldl' (ok: n: ok && deepForce v.${n}) true (
        builtins.attrNames (builtins.removeAttrs v [ "_module" ])
      )
    else if builtins.isList v then
      builtins.foldl' (ok: x: ok && deepForce x) true v
    else
      builtins.seq v true;

  # Make a value JSON-able: packages become their name, functions a marker, paths strings.
  jsonable =
    v:
    if builtins.isAttrs v then
      if lib.isDerivation v then
        "<package ${v.name or "?"}>"
      else
        lib.mapAttrs (_: jsonable) (builtins.removeAttrs v [ "_module" ])
    else if builtins.isList v then
      map jsonable v
    else if builtins.isFunction v then
      "<function>"
    else if builtins.isPath v then
      toString v
    else
      v;

  # ---- the service's own options --------------------------------------------------------------
  # Every option under modules.services.<svc> that has a value (a definition or a default) is forced
  # in full, which also forces every option of a submodule value that was set (reverseProxy,
  # backup …), so a required sub-option left out fails. Options with neither are only reported:
  # a real system does not read them either, unless something uses them (and then it fails there).
  serviceOptions =
    options.modules.services.${service}
      or (throw "evaluate.nix: ${toString moduleFile} declares no options.modules.services.${service}");
  serviceOptionList = lib.collect lib.isOption serviceOptions;
  cfg = config.modules.services.${service};

  nativeOptionLists = map (n: {
    inherit (n) name;
    list = lib.collect lib.isOption options.services.${n.name};
  }) nativeModules;

  # Defined option values as a nested attribute set (for the summary), minus `package`.
  definedValues =
    prefixLength: list:
    builtins.foldl' lib.recursiveUpdate { } (
      map (o: lib.setAttrByPath (lib.drop prefixLength o.loc) (jsonable o.value)) (
        builtins.filter (o: o.isDefined && lib.last o.loc != "package") list
      )
    );

  # ---- checks the harness adds (about this service only) ---------------------------------------
  units = lib.filterAttrs (_: s: s.enable) config.systemd.services;
  datasetNames = map (n: "${config.modules.storage.datasets.parentDataset}/${n}") (
    builtins.attrNames config.modules.storage.datasets.services
  );
  logging = cfg.logging or null;
  backup = cfg.backup or null;
  harnessChecks = [
    {
      assertion = cfg.enable or false;
      message = "${toString hostFile} does not enable modules.services.${service} (nothing of the service is evaluated).";
    }
  ]
  ++ lib.optional (logging != null && (logging.enable or false) && (logging.journalUnit or null) != null) {
    assertion = units ? ${lib.removeSuffix ".service" logging.journalUnit};
    message = "modules.services.${service}.logging.journalUnit = ${logging.journalUnit}, which no systemd.services entry defines.";
  }
  ++ lib.optional (backup != null && (backup.enable or false) && (backup.useSnapshots or false)) {
    assertion = builtins.elem (backup.zfsDataset or null) datasetNames;
    message = "modules.services.${service}.backup.useSnapshots snapshots ${builtins.toJSON (backup.zfsDataset or null)}, which is not a declared dataset (declared: ${builtins.toJSON datasetNames}).";
  };

  failedAssertions = map (a: a.message) (
    builtins.filter (a: !a.assertion) (config.assertions ++ harnessChecks)
  );
  assertionsHold =
    failedAssertions == [ ]
    || throw (
      "\nFailed assertions (${service}):\n" + lib.concatMapStrings (m: "- ${m}\n") failedAssertions
    );

  # ---- everything else a system would read --------------------------------------------------
  forced = deepForce {
    service = map (o: o.value) (builtins.filter (o: o.isDefined) serviceOptionList);
    native = map (n: map (o: o.value) (builtins.filter (o: o.isDefined) n.list)) nativeOptionLists;
    inherit (config)
      systemd
      users
      virtualisation
      sops
      networking
      environment
      hardware
      warnings
      ;
    # The service's own entry is forced option by option above.
    modules = config.modules // {
      services = builtins.removeAttrs config.modules.services [ service ];
    };
  };

  # ---- summary --------------------------------------------------------------------------------
  vhosts = lib.filterAttrs (_: v: v.enable) config.modules.services.caddy.virtualHosts;
  vhost =
    if vhosts ? ${service} then
      vhosts.${service}
    else if builtins.length (builtins.attrNames vhosts) == 1 then
      builtins.head (builtins.attrValues vhosts)
    else
      null;
  contributions = config.modules.services;

  summary = {
    inherit service host;
    units = builtins.attrNames units;
    servicePort = cfg.port or null;
    proxyPort = if vhost == null then null else vhost.backend.port;
    virtualHosts = lib.mapAttrs (_: v: {
      inherit (v) hostName;
      backend = "${v.backend.scheme}://${v.backend.host}:${toString v.backend.port}";
      caddySecurityPolicy =
        if v.caddySecurity != null && v.caddySecurity.enable then v.caddySecurity.policy else null;
      cloudflareTunnel = if v.cloudflare.enable then v.cloudflare.tunnel else null;
    }) vhosts;
    nativeSettings = builtins.listToAttrs (
      map (n: lib.nameValuePair n.name (definedValues 2 n.list)) nativeOptionLists
    );
    users = lib.mapAttrs (_: u: {
      inherit (u)
        uid
        group
        extraGroups
        isSystemUser
        home
        ;
    }) config.users.users;
    groups = lib.mapAttrs (_: g: { inherit (g) gid members; }) config.users.groups;
    datasets = jsonable config.modules.storage.datasets.services;
    sanoid = builtins.attrNames config.modules.backup.sanoid.datasets;
    alerts = builtins.attrNames config.modules.alerting.rules;
    homepage =
      if contributions.homepage.contributions ? ${service} then
        jsonable contributions.homepage.contributions.${service}
      else
        null;
    gatus =
      if contributions.gatus.contributions ? ${service} then
        jsonable contributions.gatus.contributions.${service}
      else
        null;
    containers = lib.mapAttrs (_: c: {
      inherit (c)
        image
        ports
        volumes
        user
        ;
      unit = c.serviceName;
    }) config.virtualisation.oci-containers.containers;
    databases = builtins.attrNames contributions.postgresql.databases;
    secrets = builtins.attrNames config.sops.secrets;
    firewall = lib.mapAttrs (_: i: i.allowedTCPPorts) config.networking.firewall.interfaces;
    unsetOptions = map (o: lib.showOption o.loc) (
      builtins.filter (o: !o.isDefined) serviceOptionList
    );
    inherit (config) warnings;
  };
in
builtins.seq assertionsHold (builtins.seq forced summary)
