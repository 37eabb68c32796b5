package org.barq.api.solver;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * Daemon threads that deal indices out by stride: with {@code w} workers, worker {@code t} takes
 * {@code t, t + w, ...}. A body whose outcome for an index depends on that index alone (a row with its own random
 * stream) gives the same result for any thread count. The calling thread waits for them.
 */
public final class StridedWorkers implements AutoCloseable {
    private final int workers;
    private final String name;
    private final ExecutorService pool;

    /**
     * @param workers threads to use, at least 1
     * @param name    the solver's name, for thread names and failure messages
     */
    public StridedWorkers(int workers, String name) {
        this.workers = Math.max(1, workers);
        this.name = name;
        this.pool = this.workers > 1 ? Executors.newFixedThreadPool(this.workers, task -> {
            Thread thread = new Thread(task, "barq-" + name);
            thread.setDaemon(true);
            return thread;
        }) : null;
    }

    /**
     * Runs {@code body} for every index in {@code [0, count)} and returns when all are done.
     *
     * @throws IllegalStateException when a worker fails or the caller is interrupted
     */
    public void forEach(int count, IntConsumer body) {
        int w = Math.min(workers, count);
        if (w <= 1) {
            for (int i = 0; i < count; i++) {
                body.accept(i);
            }
            return;
        }
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < w; t++) {
            int first = t;
            tasks.add(() -> {
                for (int i = first; i < count; i += w) {
                    body.accept(i);
                }
                return null;
            });
        }
        try {
            for (Future<Void> f : pool.invokeAll(tasks)) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name + " was interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a " + name + " worker failed: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
