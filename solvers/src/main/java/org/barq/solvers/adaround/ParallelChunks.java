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
 * {@code threads} threads. The chunks do not depend on the thread count and {@link #sum} adds the chunks' partial
 * sums in chunk order, so every thread count gives the same bits.
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
         * @return the chunk's partial sum, or 0 when there is nothing to sum
         */
        double run(int from, int to);
    }

    private final int n;
    private final int chunks;
    private final int workers;
    private final double[] partial;
    private final ExecutorService pool;

    /**
     * @param n       the loop's length
     * @param threads the threads that may run chunks, at least 1
     */
    ParallelChunks(int n, int threads) {
        this.n = n;
        this.chunks = (n + CHUNK - 1) / CHUNK;
        this.workers = Math.max(1, Math.min(threads, chunks));
        this.partial = new double[chunks];
        this.pool = workers > 1 ? Executors.newFixedThreadPool(workers - 1, ParallelChunks::daemon) : null;
    }

    /**
     * Runs {@code body} on every chunk and returns the sum of their results, added in chunk order.
     *
     * @param body the chunk's work
     * @return the sum
     */
    double sum(Body body) {
        if (pool == null) {
            for (int c = 0; c < chunks; c++) {
                partial[c] = run(body, c);
            }
        } else {
            AtomicInteger next = new AtomicInteger();
            Runnable worker = () -> {
                for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                    partial[c] = run(body, c);
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
        double total = 0;
        for (int c = 0; c < chunks; c++) {
            total += partial[c];
        }
        return total;
    }

    private double run(Body body, int chunk) {
        int from = chunk * CHUNK;
        return body.run(from, Math.min(n, from + CHUNK));
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
