package org.barq.experiments.study;

import java.util.Map;
import java.util.SortedMap;

/** Told how a run's variants progress; called from the worker threads, one call at a time. */
public interface StudyListener {
    /**
     * @param total    the study's variants
     * @param finished how many of them an earlier session already finished
     */
    void started(int total, int finished);

    /**
     * @param variant the variant that just finished, its line already appended to {@code results.jsonl}
     * @param line    its results line's object
     */
    void variantDone(Variant variant, Map<String, Object> line);

    /**
     * Only on a cluster: the variants running now on each member; called whenever a variant starts, ends or moves.
     *
     * @param perMember variants running, by member {@code host:port}
     */
    default void running(SortedMap<String, Integer> perMember) {
    }
}
