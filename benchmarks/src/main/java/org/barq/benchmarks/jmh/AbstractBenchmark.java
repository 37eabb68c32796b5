package org.barq.benchmarks.jmh;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The run settings the steady-state benchmarks share (JMH follows the annotations of a superclass): one fork, three
 * warm-up and five measured iterations of a second each, one state per thread. Each benchmark names its own mode and
 * unit; {@link ConvLayerBenchmark}, a single-shot timing, keeps its own settings.
 */
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public abstract class AbstractBenchmark {
}
