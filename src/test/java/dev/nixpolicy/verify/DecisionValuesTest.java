package dev.nixpolicy.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Values compare as values: numbers by amount, lists as sets with counts, none as null. */
class DecisionValuesTest {
    @Test
    void aListsOrderDoesNotMatterButItsItemsDo() {
        assertTrue(DecisionValues.agree(List.of("restic", "local", "syncoid"), List.of("syncoid", "local", "restic")));
        assertFalse(DecisionValues.agree(List.of("syncoid", "local"), List.of("syncoid", "local", "restic")));
        assertFalse(DecisionValues.agree(List.of("a", "a", "b"), List.of("a", "b", "b")));
    }

    @Test
    void noneAndNullAreTheSame() {
        assertTrue(DecisionValues.agree(null, "none"));
        assertTrue(DecisionValues.agree("none", null));
        assertTrue(DecisionValues.agree(Arrays.asList("none"), Arrays.asList((Object) null)));
        assertFalse(DecisionValues.agree(null, false));
        assertFalse(DecisionValues.agree("none", 0));
    }

    @Test
    void numbersCompareByAmountButNotWithText() {
        assertTrue(DecisionValues.agree(8989, Integer.valueOf(8989)));
        assertTrue(DecisionValues.agree(new BigDecimal("8989.0"), 8989L));
        assertFalse(DecisionValues.agree("8989", 8989));
        assertFalse(DecisionValues.agree(8989, 8990));
    }

    @Test
    void textAndBooleansCompareExactly() {
        assertTrue(DecisionValues.agree("16K", "16K"));
        assertFalse(DecisionValues.agree("16k", "16K"));
        assertTrue(DecisionValues.agree(true, Boolean.TRUE));
        assertFalse(DecisionValues.agree("true", true));
    }

    @Test
    void mappingsCompareByTheirEntries() {
        assertTrue(DecisionValues.agree(Map.of("a", 1, "b", List.of("y", "x")), Map.of("b", List.of("x", "y"), "a", 1)));
        assertFalse(DecisionValues.agree(Map.of("a", 1), Map.of("a", 2)));
    }

    @Test
    void valuesShowAsAnExpectedFileWritesThem() {
        assertEquals("none", DecisionValues.show(null));
        assertEquals("[syncoid, local]", DecisionValues.show(List.of("syncoid", "local")));
        assertEquals("8989", DecisionValues.show(8989));
        assertEquals("{a: 1}", DecisionValues.show(Map.of("a", 1)));
    }
}
