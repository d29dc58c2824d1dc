# ZFS recordsize check shared by the harness's own stubs (the repo/ stand-ins carry their own copy,
# because the real repository has no such file for them to import).
# A valid recordsize is a power of two from 512 bytes to 1M, written "512", "4K", "16K", "128K", "1M".
{ lib }:
rec {
  # Bytes of a recordsize string, or null when it is not a number with an optional K/M suffix.
  bytes =
    s:
    let
      m = builtins.match "([0-9]+)([KkMm]?)" s;
      unit = lib.toUpper (builtins.elemAt m 1);
    in
    if !builtins.isString s || m == null then
      null
    else
      lib.toInt (builtins.head m)
      * (
        if unit == "K" then
          1024
        else if unit == "M" then
          1048576
        else
          1
      );

  isPowerOfTwo = n: n == 1 || (n > 1 && lib.mod n 2 == 0 && isPowerOfTwo (n / 2));

  valid =
    s:
    let
      b = bytes s;
    in
    b != null && b >= 512 && b <= 1048576 && isPowerOfTwo b;

  type = lib.types.addCheck lib.types.str valid // {
    description = "ZFS recordsize (a power of two from 512 to 1M, e.g. \"16K\")";
  };
}
