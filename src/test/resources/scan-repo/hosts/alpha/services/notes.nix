{ config, lib, ... }:
let
  serviceName = "notes";
  motd = ''
    This text says uid = 997 and port = 4321, and listens on 127.0.0.1:7777 in prose.
    ''${not an interpolation} and ${serviceName} is one.
  '';
in
{
  modules.services.notes = {
    enable = true;
    port = 8085;
    metricsPort = lib.mkDefault 9185;
    description = "port = 2222; inside a string";
  };
  users.users.notes.uid = lib.mkForce 940;
}
