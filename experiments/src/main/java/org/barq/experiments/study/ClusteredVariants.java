package org.barq.experiments.study;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.barq.cluster.ClusterCoordinator;
import org.barq.cluster.ClusterOptions;
import org.barq.cluster.Task;
import org.barq.cluster.TaskListener;

/**
 * Runs variants across a cluster ({@code barq run --cluster}): starts the coordinating member for the length of the
 * run, sends each variant as a {@link VariantTask}, and turns each result back into a results line with the
 * {@code member} that ran it. The coordinator takes variants with its own {@code jobs} threads like any member.
 */
final class ClusteredVariants implements VariantExecutor {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClusterOptions options;
    private final VariantHandler handler;
    private final Function<Variant, VariantTask> tasks;
    private final StudyListener listener;
    private final PrintWriter console;

    /**
     * @param options  where the coordinator listens and how many variants it runs itself
     * @param handler  runs the variants given to the coordinator
     * @param tasks    makes a variant's task
     * @param listener told of the variants running on each member
     * @param console  where joins, leaves and refusals are said, one line each
     */
    ClusteredVariants(ClusterOptions options, VariantHandler handler, Function<Variant, VariantTask> tasks,
                      StudyListener listener, PrintWriter console) {
        this.options = options;
        this.handler = handler;
        this.tasks = tasks;
        this.listener = listener;
        this.console = console;
    }

    @Override
    public void run(List<Variant> pending, Consumer<Completed> done) {
        Map<String, Variant> byId = new LinkedHashMap<>();
        List<Task> work = new ArrayList<>();
        for (Variant v : pending) {
            byId.put(v.id(), v);
            work.add(new Task(v.id(), tasks.apply(v).encode()));
        }
        try (ClusterCoordinator coordinator = ClusterCoordinator.start(options, handler)) {
            console.printf("cluster '%s': coordinator at %s; on other machines: barq worker --join %s --cluster-name"
                    + " %s%n", options.name(), coordinator.address(), coordinator.address(), options.name());
            console.flush();
            coordinator.runAll(work, new TaskListener() {
                @Override
                public void done(String id, byte[] result, String member) {
                    Variant v = byId.get(id);
                    VariantTask.Result r = VariantTask.Result.decode(result);
                    Map<String, Object> line = line(r.line());
                    line.put("member", member);
                    done.accept(new Completed(v, line, null, r.checkpoint()));
                }

                @Override
                public void refused(String id, String member, String reason) {
                    console.printf("member %s refused %s and gets no more variants of this study: %s%n", member, id,
                            reason);
                    console.flush();
                }

                @Override
                public void running(SortedMap<String, Integer> perMember) {
                    synchronized (listener) {
                        listener.running(perMember);
                    }
                }
            });
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> line(String json) {
        try {
            return JSON.readValue(json, LinkedHashMap.class);
        } catch (IOException e) {
            throw new IllegalStateException("a member sent a results line that is not JSON: " + e.getMessage(), e);
        }
    }
}
