package org.barq.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * A task on its way to a member: only the payload travels. The member that runs it finds its own
 * {@link TaskHandler} in its instance's user context, so the handler (with its models and data) never has to be
 * serializable.
 */
final class RemoteTask implements Callable<byte[]>, Serializable, HazelcastInstanceAware {
    private static final long serialVersionUID = 1L;

    private final byte[] payload;
    private transient HazelcastInstance instance;

    RemoteTask(byte[] payload) {
        this.payload = payload;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        this.instance = instance;
    }

    @Override
    public byte[] call() {
        TaskHandler handler = (TaskHandler) instance.getUserContext().get(MemberConfigs.HANDLER);
        if (handler == null) {
            throw new TaskRefusedException("member " + instance.getName() + " has no task handler");
        }
        return handler.handle(payload);
    }
}
