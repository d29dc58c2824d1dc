{ config, ... }:
{
  virtualisation.oci-containers.containers.jukebox = {
    image = "ghcr.io/example/jukebox:1.0";
    ports = [ "8081:8080" "127.0.0.1:8082:8080/udp" ];
    extraOptions = [ "--network=media-services" ];
  };
  services.caddy.virtualHosts."jukebox.example.org".extraConfig = ''
    reverse_proxy http://127.0.0.1:8081
  '';
  modules.services.gauges.healthUrl = "http://localhost:8089/health";
}
