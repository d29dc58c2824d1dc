package dev.nixpolicy.engine;

/**
 * Compares version strings part by part (numbers numerically, other parts as text), so
 * that rules can ask whether a channel's version meets a minimum: 4.0.16.2943 >= 4.0.16,
 * 1.10 > 1.9.
 */
public final class Versions {
    private Versions() {}

    public static boolean atLeast(String version, String minimum) {
        return compare(version, minimum) >= 0;
    }

    public static int compare(String a, String b) {
        String[] left = a.strip().replaceFirst("^[vV]", "").split("[.\\-+_]");
        String[] right = b.strip().replaceFirst("^[vV]", "").split("[.\\-+_]");
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            // A trailing word such as "rc1" marks a pre-release: 1.0.0-rc1 comes before 1.0.0.
            if (i >= left.length && !right[i].matches("\\d+")) {
                return 1;
            }
            if (i >= right.length && !left[i].matches("\\d+")) {
                return -1;
            }
            String l = i < left.length ? left[i] : "0";
            String r = i < right.length ? right[i] : "0";
            int c = l.matches("\\d+") && r.matches("\\d+")
                    ? new java.math.BigInteger(l).compareTo(new java.math.BigInteger(r))
                    : l.compareTo(r);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
