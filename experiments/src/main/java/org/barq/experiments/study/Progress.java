package org.barq.experiments.study;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The progress bar of {@code barq run}: variants finished out of the total, the time since the variants started
 * and the ETA (from this session's pace). On a terminal it rewrites one line in place; otherwise it prints one line per variant.
 * On a cluster it also names the member that ran each variant and the variants running on each member, and says
 * when members join or leave.
 */
public final class Progress implements StudyListener {
    private static final int BAR = 28;

    private final PrintWriter out;
    private final boolean inPlace;
    private long start = System.nanoTime();
    private int total;
    private int before;
    private int done;
    private SortedMap<String, Integer> running = new TreeMap<>();

    /**
     * @param out     where to print
     * @param inPlace true on a terminal: one line rewritten with {@code \r}
     */
    public Progress(PrintWriter out, boolean inPlace) {
        this.out = out;
        this.inPlace = inPlace;
    }

    @Override
    public synchronized void started(int variants, int finished) {
        this.total = variants;
        this.before = finished;
        this.done = finished;
        this.start = System.nanoTime();
        out.printf("variants: %d in the study, %d already finished, %d to run%n", variants, finished,
                variants - finished);
        out.flush();
    }

    @Override
    public synchronized void variantDone(Variant variant, Map<String, Object> line) {
        done++;
        double elapsed = (System.nanoTime() - start) / 1e9;
        int ranNow = done - before;
        double eta = ranNow == 0 ? Double.NaN : elapsed / ranNow * (total - done);
        String clock = String.format(Locale.ROOT, "elapsed %s  ETA %s", time(elapsed), time(eta))
                + (running.isEmpty() ? "" : "  running " + running());
        if (inPlace) {
            int filled = total == 0 ? BAR : (int) ((long) BAR * done / total);
            out.printf(Locale.ROOT, "\r[%s%s] %d/%d  %s  %-48s", "#".repeat(filled), ".".repeat(BAR - filled), done,
                    total, clock, variant.id());
            if (done == total) {
                out.println();
            }
        } else {
            Object test = line.get("test");
            Object accuracy = test instanceof Map<?, ?> m ? m.get("accuracy_rounded") : null;
            Object member = line.get("member");
            out.printf(Locale.ROOT, "[%d/%d] %-44s %stest accuracy %s  %s%n", done, total, variant.id(),
                    member == null ? "" : "on " + member + "  ",
                    accuracy instanceof Double a ? String.format(Locale.ROOT, "%.4f", a) : "-", clock);
        }
        out.flush();
    }

    @Override
    public synchronized void running(SortedMap<String, Integer> perMember) {
        if (!perMember.keySet().equals(running.keySet())) {
            out.printf("%smembers: %s%n", inPlace ? "\r" : "", String.join(", ", perMember.keySet()));
            out.flush();
        }
        running = new TreeMap<>(perMember);
    }

    /** @return e.g. {@code 10.0.0.5:5701=1 10.0.0.6:5702=2} */
    private String running() {
        return running.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    /**
     * @param seconds a duration
     * @return {@code m:ss} or {@code h:mm:ss}; {@code --:--} when unknown
     */
    public static String time(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "--:--";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
