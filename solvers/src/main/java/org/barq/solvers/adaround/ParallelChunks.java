package org.barq.solvers.adaround;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An elementwise loop over {@code [0, n)} cut into chunks of {@value #CHUNK} elements, run on up to
 * {@code threads} threads. Each element is handled by exactly one chunk, so a body that writes only its own
 * elements gives the same bits for every thread count.
 */
final class ParallelChunks implements AutoCloseable {
    /** Elements per chunk: large enough that handing a chunk to a thread costs little against its work. */
    static final int CHUNK = 16_384;

    /** The work of one chunk. */
    @FunctionalInterface
    interface Body {
        /**
         * @param from first element
         * @param to   one past the last element
         */
        void run(int from, int to);
    }

    private final int n;
    private final int chunks;
    private final int workers;
    private final ExecutorService pool;

    /**
     * @param n       the loop's length
     * @param threads the threads that may run chunks, at least 1
     */
    ParallelChunks(int n, int threads) {
        this.n = n;
        this.chunks = (n + CHUNK - 1) / CHUNK;
        this.workers = Math.max(1, Math.min(threads, chunks));
        this.pool = workers > 1 ? Executors.newFixedThreadPool(workers - 1, ParallelChunks::daemon) : null;
    }

    /**
     * Runs {@code body} on every chunk and returns when all have finished.
     *
     * @param body the chunk's work
     */
    void run(Body body) {
        if (pool == null) {
            for (int c = 0; c < chunks; c++) {
                run(body, c);
            }
        } else {
            AtomicInteger next = new AtomicInteger();
            Runnable worker = () -> {
                for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                    run(body, c);
                }
            };
            List<Future<?>> helpers = new ArrayList<>(workers - 1);
            for (int w = 1; w < workers; w++) {
                helpers.add(pool.submit(worker));
            }
            worker.run();
            for (Future<?> helper : helpers) {
                join(helper);
            }
        }
    }

    private void run(Body body, int chunk) {
        int from = chunk * CHUNK;
        body.run(from, Math.min(n, from + CHUNK));
    }

    private static void join(Future<?> helper) {
        try {
            helper.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while adaround's workers ran", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(cause);
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    private static Thread daemon(Runnable task) {
        Thread t = new Thread(task, "barq-adaround");
        t.setDaemon(true);
        return t;
    }
}
