{ lib }:
{
  # Not a host: no hostName here. A function whose body mentions ports only in strings.
  mkUrl = host: port: "http://${host}:${toString port}";
}
