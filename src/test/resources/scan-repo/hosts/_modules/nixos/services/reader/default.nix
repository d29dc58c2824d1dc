{ config, lib, ... }:
{
  options.modules.services.reader.port = lib.mkOption { default = 8084; };
  config.users.users.reader.uid = 918;  # claims ledger's UID too: the scan says so
}
