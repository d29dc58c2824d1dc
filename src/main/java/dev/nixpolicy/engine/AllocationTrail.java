package dev.nixpolicy.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * How the allocation rules reached a candidate UID or port: where they started and the
 * allocations they skipped. A host with hundreds of allocations in a row would make the trail
 * (and the rationale quoting it) as long as the host file, and copying it on every step would
 * cost the square of the row; so only the first steps and the last are kept, with a count of
 * those between.
 */
public final class AllocationTrail {
    private static final int FIRST_STEPS_SHOWN = 3;

    private final String start;
    private final List<String> firstSteps;
    private final int omitted;
    private final String lastStep;

    private AllocationTrail(String start, List<String> firstSteps, int omitted, String lastStep) {
        this.start = start;
        this.firstSteps = firstSteps;
        this.omitted = omitted;
        this.lastStep = lastStep;
    }

    static AllocationTrail startingAt(String start) {
        return new AllocationTrail(start, List.of(), 0, null);
    }

    AllocationTrail then(String step) {
        if (firstSteps.size() < FIRST_STEPS_SHOWN) {
            List<String> steps = new ArrayList<>(firstSteps);
            steps.add(step);
            return new AllocationTrail(start, List.copyOf(steps), 0, null);
        }
        return new AllocationTrail(start, firstSteps, lastStep == null ? omitted : omitted + 1, step);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(start);
        firstSteps.forEach(step -> text.append("; ").append(step));
        if (omitted > 0) {
            text.append("; ").append(omitted).append(omitted == 1 ? " more step" : " more steps");
        }
        if (lastStep != null) {
            text.append("; ").append(lastStep);
        }
        return text.toString();
    }
}
