{ ... }:
{
  networking.hostName = "beta";
  networking.domain = "beta.example.net";
  # beta's ports are its own; its UIDs still count (they must be unique across hosts)
  users.users.scanner.uid = 950;
  modules.services.scanner.port = 8087;
}
