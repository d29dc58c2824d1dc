{ config, lib, pkgs, ... }:
let
  cfg = config.modules.services.ledger;
in
{
  options.modules.services.ledger = {
    enable = lib.mkEnableOption "ledger";
    uid = lib.mkOption {
      type = lib.types.int;
      default = 918;
      description = "UID (918: see the allocation table; uid = 917 in this text is not one)";
    };
    port = lib.mkOption { type = lib.types.port; default = 8083; };
  };
  config = lib.mkIf cfg.enable {
    users.users.${cfg.user} = { uid = cfg.uid; };
    systemd.services.ledger.serviceConfig.ExecStart = "${pkgs.ledger}/bin/ledger --listen 0.0.0.0:${toString cfg.port}";
  };
}
