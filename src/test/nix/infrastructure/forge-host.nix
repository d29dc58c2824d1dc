# What the forge host itself already provides that a service's files may depend on. Values are
# stand-ins (the interface notes do not give them); the names are what service files reference.
{ lib, ... }:
{
  # The NAS media share that media services order themselves after (a unit "mnt-data.mount").
  modules.storage.nfsMounts.media = {
    server = "nas-1.holthome.net";
    remotePath = "/mnt/tank/share";
    localPath = "/mnt/data";
    group = "media";
  };

  # The shared media group the host defines, with the fixed GID containers run with (a stand-in value).
  users.groups.media.gid = 65537;
}
