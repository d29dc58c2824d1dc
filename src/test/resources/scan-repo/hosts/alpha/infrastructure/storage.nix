{ ... }:
{
  modules.storage.nfsMounts.media = { server = "nas.example.org"; remotePath = "/export/media"; localPath = "/mnt/data"; };
  modules.storage.nfsMounts = {
    documents = { server = "nas.example.org"; remotePath = "/export/docs"; localPath = "/mnt/docs"; };
  };
}
