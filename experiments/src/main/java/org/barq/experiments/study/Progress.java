package org.barq.experiments.study;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/**
 * The progress bar of {@code barq run}: variants finished out of the total, the time since the variants started
 * and the ETA (from this session's pace). On a terminal it rewrites one line in place; otherwise it prints one line per variant.
 */
public final class Progress implements StudyListener {
    private static final int BAR = 28;

    private final PrintWriter out;
    private final boolean inPlace;
    private long start = System.nanoTime();
    private int total;
    private int before;
    private int done;

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
        String clock = String.format(Locale.ROOT, "elapsed %s  ETA %s", time(elapsed), time(eta));
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
            out.printf(Locale.ROOT, "[%d/%d] %-44s test accuracy %s  %s%n", done, total, variant.id(),
                    accuracy instanceof Double a ? String.format(Locale.ROOT, "%.4f", a) : "-", clock);
        }
        out.flush();
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
