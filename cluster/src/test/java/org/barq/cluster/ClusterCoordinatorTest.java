package org.barq.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.barq.api.InvalidInputException;
import org.junit.jupiter.api.Test;

/** A coordinator and a worker in one JVM: every task once, spread over both, and a refusing member left out. */
class ClusterCoordinatorTest {
    private static final int PORT = 5811;

    private static List<Task> tasks(int n) {
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tasks.add(new Task("t" + i, ("task " + i).getBytes(StandardCharsets.UTF_8)));
        }
        return tasks;
    }

    private static byte[] slowUpper(byte[] task) {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new String(task, StandardCharsets.UTF_8).toUpperCase().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyTaskRunsOnceAcrossTheMembers() throws Exception {
        String name = "test-spread";
        Recorder recorder = new Recorder();
        try (ClusterCoordinator coordinator = ClusterCoordinator.start(new ClusterOptions(name, "127.0.0.1", PORT, 1,
                null, 1), ClusterCoordinatorTest::slowUpper);
             ClusterWorker worker = ClusterWorker.start(new ClusterOptions(name, "127.0.0.1", PORT + 1, 10,
                     "127.0.0.1:" + PORT, 2), ClusterCoordinatorTest::slowUpper, line -> { })) {
            waitForMembers(worker);
            coordinator.runAll(tasks(12), recorder);
        }
        assertEquals(12, recorder.done.size());
        assertEquals(12, recorder.done.keySet().size());
        assertEquals("TASK 7", recorder.done.get("t7"));
        assertEquals(2, recorder.members.stream().distinct().count(), recorder.members.toString());
    }

    @Test
    void aRefusingWorkerGetsNoMoreTasksAndTheCoordinatorRunsThem() throws Exception {
        String name = "test-refuse";
        Recorder recorder = new Recorder();
        List<String> workerLog = new CopyOnWriteArrayList<>();
        try (ClusterCoordinator coordinator = ClusterCoordinator.start(new ClusterOptions(name, "127.0.0.1",
                PORT + 20, 1, null, 1), ClusterCoordinatorTest::slowUpper);
             ClusterWorker worker = ClusterWorker.start(new ClusterOptions(name, "127.0.0.1", PORT + 21, 10,
                     "127.0.0.1:" + (PORT + 20), 1), task -> {
                         throw new TaskRefusedException("data differ");
                     }, workerLog::add)) {
            waitForMembers(worker);
            coordinator.runAll(tasks(4), recorder);
        }
        assertEquals(4, recorder.done.size());
        assertEquals(1, recorder.refusals.size(), recorder.refusals.toString());
        assertTrue(recorder.refusals.get(0).endsWith("data differ"), recorder.refusals.toString());
        assertEquals(1, recorder.members.stream().distinct().count());
    }

    @Test
    void aTaskThatFailsOnAWorkerEndsTheRunNamingThatMember() throws Exception {
        String name = "test-fail";
        Recorder recorder = new Recorder();
        TaskFailedException failed;
        String workerAddress;
        try (ClusterCoordinator coordinator = ClusterCoordinator.start(new ClusterOptions(name, "127.0.0.1",
                PORT + 40, 1, null, 1), ClusterCoordinatorTest::slowUpper);
             ClusterWorker worker = ClusterWorker.start(new ClusterOptions(name, "127.0.0.1", PORT + 41, 10,
                     "127.0.0.1:" + (PORT + 40), 1), task -> {
                         throw new OutOfMemoryError("Java heap space");
                     }, line -> { })) {
            waitForMembers(worker);
            workerAddress = worker.address();
            failed = assertThrows(TaskFailedException.class, () -> coordinator.runAll(tasks(6), recorder));
        }
        assertEquals(workerAddress, failed.member());
        Throwable cause = failed;
        while (cause != null && !(cause instanceof OutOfMemoryError)) {
            cause = cause.getCause();
        }
        assertTrue(cause != null, "the member's error is the cause: " + failed);
    }

    @Test
    void optionsRefuseBadValuesInOneLine() {
        assertThrows(InvalidInputException.class, () -> new ClusterOptions("bad name", "127.0.0.1", 5701, 1, null,
                1));
        assertThrows(InvalidInputException.class, () -> new ClusterOptions("barq", "127.0.0.1", 0, 1, null, 1));
        assertThrows(InvalidInputException.class, () -> new ClusterOptions("barq", "127.0.0.1", 5701, 1, "h:x", 1));
        assertThrows(InvalidInputException.class, () -> new ClusterOptions("barq", "127.0.0.1", 5701, 1, null, 0));
        assertEquals("10.0.0.5:5701", ClusterOptions.hostAndPort("10.0.0.5"));
    }

    private static void waitForMembers(ClusterWorker worker) throws InterruptedException {
        for (int i = 0; i < 300 && worker.address() == null; i++) {
            Thread.sleep(100);
        }
        assertTrue(worker.address() != null, "the worker joined");
    }

    private static final class Recorder implements TaskListener {
        final Map<String, String> done = new TreeMap<>();
        final List<String> members = new ArrayList<>();
        final List<String> refusals = new ArrayList<>();

        @Override
        public void done(String id, byte[] result, String member) {
            assertEquals(null, done.put(id, new String(result, StandardCharsets.UTF_8)), "reported once: " + id);
            members.add(member);
        }

        @Override
        public void refused(String id, String member, String reason) {
            refusals.add(id + " " + member + " " + reason);
        }

        @Override
        public void running(SortedMap<String, Integer> perMember) {
        }
    }
}
