package dev.nixpolicy.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one step over every item of a batch on all cores and returns the results in the
 * items' order, so a batch prints and writes exactly what one-at-a-time runs would. When items
 * fail, the batch fails with the failure of the first of them in that order. A batch of one
 * runs on the calling thread: a cold single run starts no extra threads. The list returned
 * is unmodifiable.
 */
public final class Batch {
    /** The work done per item. */
    public interface Step<T, R, X extends Exception> {
        R apply(T item) throws X;
    }

    private Batch() {}

    public static <T, R, X extends Exception> List<R> map(List<T> items, Step<T, R, X> step, Runnable afterEach) throws X {
        int workers = Math.min(Runtime.getRuntime().availableProcessors(), items.size());
        if (workers <= 1) {
            List<R> results = new ArrayList<>(items.size());
            for (T item : items) {
                results.add(step.apply(item));
                afterEach.run();
            }
            return Collections.unmodifiableList(results);
        }
        Object[] results = new Object[items.size()];
        Throwable[] failures = new Throwable[items.size()];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger firstFailure = new AtomicInteger(Integer.MAX_VALUE);
        Runnable work = () -> {
            for (int i = next.getAndIncrement(); i < items.size() && i < firstFailure.get(); i = next.getAndIncrement()) {
                try {
                    results[i] = step.apply(items.get(i));
                    afterEach.run();
                } catch (Exception | Error e) {
                    failures[i] = e;
                    firstFailure.accumulateAndGet(i, Math::min);
                }
            }
        };
        List<Thread> helpers = new ArrayList<>();
        for (int w = 1; w < workers; w++) {
            Thread helper = new Thread(work, "nixpolicy-batch-" + w);
            helper.setDaemon(true);
            helper.start();
            helpers.add(helper);
        }
        work.run();
        for (Thread helper : helpers) {
            joinUninterruptibly(helper);
        }
        for (Throwable failure : failures) {
            if (failure != null) {
                Batch.<X>rethrow(failure);
            }
        }
        @SuppressWarnings("unchecked")
        List<R> ordered = (List<R>) Arrays.asList(results);
        return Collections.unmodifiableList(ordered);
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Rethrows what a step threw: the step's own exception type, or an unchecked one. */
    @SuppressWarnings("unchecked")
    private static <X extends Exception> void rethrow(Throwable failure) throws X {
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        throw (X) failure;
    }
}
