package dev.nixpolicy.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Where a host's ports crowd (001 Step 5: "Avoid busy ranges: 8080-8099 often crowded"): each
 * block of ten ports (8080-8089, 8090-8099, …) that holds at least three ports in use, with
 * neighbouring busy blocks joined into one range. What counts as crowded is the scan's reading
 * of the repository; whether a new service avoids it is the rules' decision.
 */
public final class BusyPortRanges {
    public static final int BLOCK = 10;
    public static final int HELD_IN_A_BUSY_BLOCK = 3;

    private BusyPortRanges() {}

    /** The busy ranges as {@code [low, high]} pairs, ascending. */
    public static List<int[]> of(Set<Integer> held) {
        List<int[]> ranges = new ArrayList<>();
        held.stream().map(p -> p / BLOCK).distinct().sorted().forEach(block -> {
            long count = held.stream().filter(p -> p / BLOCK == block).count();
            if (count < HELD_IN_A_BUSY_BLOCK) {
                return;
            }
            int low = block * BLOCK;
            int high = Math.min(65535, low + BLOCK - 1);
            int[] last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
            if (last != null && last[1] + 1 == low) {
                last[1] = high;
            } else {
                ranges.add(new int[] {Math.max(1, low), high});
            }
        });
        return ranges;
    }
}
