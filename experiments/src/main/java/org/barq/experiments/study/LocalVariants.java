package org.barq.experiments.study;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.barq.api.InvalidInputException;

/** Runs variants on a pool of {@code jobs} threads in this JVM: a study without {@code --cluster}. */
final class LocalVariants implements VariantExecutor {
    /** How long a failed run waits for the variants still being rounded to finish and append their lines. */
    private static final long DRAIN_MINUTES = 10;

    private final int jobs;
    private final VariantRunner runner;

    /**
     * @param jobs   variants at the same time
     * @param runner rounds and evaluates one variant
     */
    LocalVariants(int jobs, VariantRunner runner) {
        this.jobs = jobs;
        this.runner = runner;
    }

    @Override
    public void run(List<Variant> pending, Consumer<Completed> done) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, pending.size()));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Variant v : pending) {
                futures.add(pool.submit(() -> {
                    VariantRunner.Finished finished;
                    try {
                        finished = runner.run(v);
                    } catch (InvalidInputException e) {
                        throw new InvalidInputException("variant " + v.index() + " (" + v.id() + "): "
                                + e.getMessage(), e);
                    } catch (RuntimeException e) {
                        // the lines finished so far are kept; the message says where a resumed run would fail again
                        throw new IllegalStateException("variant " + v.index() + " (" + v.id() + ") failed: "
                                + (e.getMessage() != null ? e.getMessage() : e.toString()), e);
                    }
                    done.accept(new Completed(v, finished.line(), finished.outcome(), null));
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the variants ran", e);
        } finally {
            pool.shutdownNow();
            try {
                pool.awaitTermination(DRAIN_MINUTES, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
