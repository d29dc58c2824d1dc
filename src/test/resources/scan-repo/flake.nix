# A configuration repository written for nixpolicy's scan tests (not a real one): two hosts,
# shared service modules, and numbers that only look like assignments.
{
  description = "scan fixture";
  outputs = { self, nixpkgs }: {
    nixosConfigurations.alpha = nixpkgs.lib.nixosSystem { modules = [ ./hosts/alpha ]; };
    nixosConfigurations.beta = nixpkgs.lib.nixosSystem { modules = [ ./hosts/beta ]; };
  };
}
