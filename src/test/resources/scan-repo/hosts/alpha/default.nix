{ config, lib, pkgs, ... }:
{
  imports = [ ./services/notes.nix ./services/media.nix ./infrastructure/storage.nix ];

  networking.hostName = "alpha";
  networking.domain = "example.org";

  # uid = 999; a comment is not an assignment
  /* port = 1234; nor is a block comment */

  users.users.operator = {
    uid = 1000;
    isNormalUser = true;
  };
  users.groups.media.gid = 65537;
  users.groups = {
    admins = { gid = 991; };
  };

  networking.firewall.allowedTCPPorts = [ 80 443 ];

  modules.services.cloudflared.tunnel = "alpha-tunnel";
  modules.backup.restic.repository = "nas-primary";
  podmanNetwork = "media-services";
}
