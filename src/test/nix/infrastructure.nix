# The stub NixOS system a generated service is evaluated in: the NixOS options a service module
# touches, the repository's shared modules it contributes to, and what the forge host provides.
# A list of modules for lib.evalModules; native service modules come from lib/native-module.nix.
[
  ./infrastructure/nixos.nix
  ./infrastructure/oci-containers.nix
  ./infrastructure/sops.nix
  ./infrastructure/storage-backup.nix
  ./infrastructure/services.nix
  ./infrastructure/forge-host.nix
]
