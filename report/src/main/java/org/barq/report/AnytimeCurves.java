package org.barq.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The anytime curves: {@code J} against elapsed seconds for each layer, one line per method, at the reconstruction
 * objective, for one bit width (4 when the run traced it, else the traced width closest to 4) and one seed (the
 * smallest traced at that width). A trace's {@code J} is the objective of FORMULATION §3.3, normalised by
 * round-to-nearest's, so 1 is where round-to-nearest stands. A solver records {@code J} when it improves (and at the
 * start and end), so a value holds until the next point: the lines are steps, not diagonals between sparse points.
 */
final class AnytimeCurves {
    /** The preferred bit width. */
    static final int PREFERRED_BITS = 4;
    /** Longer traces are thinned to about this many points, so the page stays small. */
    static final int MAX_POINTS = 300;
    /** The y axis: what a trace's value is. */
    static final String Y_LABEL = "J / J of round-to-nearest";
    /** Times spanning at least this ratio (solvers that stop in milliseconds beside ones that run for seconds) are
     *  drawn on a log scale, so the fast ones are not squashed against the left edge. */
    static final double MIN_LOG_RATIO = 100;

    private AnytimeCurves() {
    }

    /** One method's trace of one layer. */
    private record Line(String method, LayerTrace trace) {
    }

    /** @return one group with a chart per layer; empty when no reconstruction variant has a trace */
    static Optional<ChartGroup> charts(Results results) {
        List<Variant> traced = results.variants().stream()
                .filter(v -> v.isReconstruction() && !v.traces().isEmpty()).toList();
        if (traced.isEmpty()) {
            return Optional.empty();
        }
        int bits = traced.stream().map(Variant::bits)
                .min(Comparator.comparingInt((Integer b) -> Math.abs(b - PREFERRED_BITS)).thenComparing(b -> b))
                .orElseThrow();
        long seed = traced.stream().filter(v -> v.bits() == bits).mapToLong(Variant::seed)
                .filter(s -> s != Variant.NO_SEED).min().orElse(Variant.NO_SEED);
        List<String> methods = results.methods();
        Map<Integer, List<Line>> byLayer = new TreeMap<>();
        for (String method : methods) {
            results.baseline(bits, method).stream()
                    .filter(v -> v.seed() == seed && !v.traces().isEmpty())
                    .findFirst()
                    .ifPresent(v -> v.traces().forEach(trace -> byLayer
                            .computeIfAbsent(trace.layer(), l -> new ArrayList<>()).add(new Line(method, trace))));
        }
        List<String> svgs = new ArrayList<>();
        for (Map.Entry<Integer, List<Line>> layer : byLayer.entrySet()) {
            List<Double> times = new ArrayList<>();
            for (Line line : layer.getValue()) {
                for (double s : line.trace().seconds()) {
                    if (Double.isFinite(s) && s >= 0) {
                        times.add(s);
                    }
                }
            }
            double longest = times.stream().mapToDouble(Double::doubleValue).max().orElse(0);
            double shortest = times.stream().mapToDouble(Double::doubleValue).filter(s -> s > 0).min().orElse(0);
            boolean logScale = shortest > 0 && longest / shortest >= MIN_LOG_RATIO;
            SvgLineChart chart = new SvgLineChart("layer " + layer.getKey() + ": J vs time",
                    logScale ? "seconds (log scale; 0 at left)" : "seconds", Y_LABEL,
                    logScale ? LogAxis.ticksAtDecades(times) : LinearAxis.covering(0, longest), false,
                    SvgLineChart.Join.STEPS).xText(Numbers::seconds);
            for (Line line : layer.getValue()) {
                LayerTrace thin = thin(line.trace());
                chart.add(new SvgLineChart.Series(line.method(), methods.indexOf(line.method()), thin.seconds(),
                        thin.value()));
            }
            svgs.add(chart.render());
        }
        String seedText = seed == Variant.NO_SEED ? "no seed stated" : "seed " + seed;
        return Optional.of(new ChartGroup(bits + " bits, " + seedText + ", lambda = 0", svgs));
    }

    /** Keeps every k-th point and the last one, so that at most about {@link #MAX_POINTS} remain. */
    static LayerTrace thin(LayerTrace trace) {
        double[] seconds = trace.seconds();
        double[] value = trace.value();
        if (seconds.length <= MAX_POINTS) {
            return trace;
        }
        int stride = (seconds.length + MAX_POINTS - 1) / MAX_POINTS;
        int kept = (seconds.length - 1) / stride + 1;
        boolean lastIncluded = (seconds.length - 1) % stride == 0;
        int size = lastIncluded ? kept : kept + 1;
        double[] s = new double[size];
        double[] v = new double[size];
        for (int i = 0; i < kept; i++) {
            s[i] = seconds[i * stride];
            v[i] = value[i * stride];
        }
        s[size - 1] = seconds[seconds.length - 1];
        v[size - 1] = value[value.length - 1];
        return new LayerTrace(trace.layer(), s, v);
    }
}
