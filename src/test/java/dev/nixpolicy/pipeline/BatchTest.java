package dev.nixpolicy.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpolicy.facts.BadInputException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A batch runs on all cores yet answers as a one-at-a-time run would: same order, same first failure. */
class BatchTest {
    private static final List<Integer> ITEMS = IntStream.range(0, 500).boxed().toList();

    @Test
    void resultsComeInTheOrderOfTheItems() {
        AtomicInteger done = new AtomicInteger();
        // Uneven work, so that workers finish items out of order.
        List<String> results = Batch.map(ITEMS, i -> {
            if (i % 7 == 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(200_000);
            }
            return "item " + i;
        }, done::incrementAndGet);
        assertEquals(ITEMS.stream().map(i -> "item " + i).toList(), results);
        assertEquals(ITEMS.size(), done.get(), "the progress callback runs once per item");
    }

    @Test
    void theFirstFailingItemInOrderFailsTheBatch() {
        BadInputException thrown = assertThrows(BadInputException.class, () -> Batch.map(ITEMS, i -> {
            if (i == 123 || i == 401) {
                throw new BadInputException(Path.of("item-" + i + ".yaml"), 1, 1, "bad item " + i);
            }
            return i;
        }, () -> {}));
        assertTrue(thrown.getMessage().contains("bad item 123"), thrown.getMessage());
    }

    @Test
    void uncheckedFailuresPassThroughUnchanged() {
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> Batch.map(ITEMS, i -> { if (i > 300) { throw new IllegalStateException("late " + i); } return i; }, () -> {}));
        assertEquals("late 301", thrown.getMessage());
    }

    @Test
    void aBatchOfOneRunsOnTheCallingThread() {
        Thread caller = Thread.currentThread();
        assertEquals(List.of(true), Batch.map(List.of(1), i -> Thread.currentThread() == caller, () -> {}));
    }
}
