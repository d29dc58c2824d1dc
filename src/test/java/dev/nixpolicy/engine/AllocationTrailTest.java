package dev.nixpolicy.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AllocationTrailTest {
    private static AllocationTrail walk(int steps) {
        AllocationTrail trail = AllocationTrail.startingAt("first UID of the range 900");
        for (int uid = 900; uid < 900 + steps; uid++) {
            trail = trail.then(uid + " is held by s" + uid);
        }
        return trail;
    }

    @Test
    void aShortTrailIsQuotedWhole() {
        assertEquals("first UID of the range 900; 900 is held by s900; 901 is held by s901; 902 is held by s902",
                walk(3).toString());
        assertEquals("first UID of the range 900; 900 is held by s900; 901 is held by s901; 902 is held by s902; 903 is held by s903",
                walk(4).toString());
    }

    @Test
    void aLongTrailKeepsItsFirstAndLastStepsAndCountsTheOthers() {
        assertEquals("first UID of the range 900; 900 is held by s900; 901 is held by s901; 902 is held by s902; 1 more step; 904 is held by s904",
                walk(5).toString());
        assertEquals("first UID of the range 900; 900 is held by s900; 901 is held by s901; 902 is held by s902; 995 more steps; 1898 is held by s1898",
                walk(999).toString());
    }
}
