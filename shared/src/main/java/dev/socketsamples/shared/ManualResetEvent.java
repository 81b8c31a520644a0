package dev.socketsamples.shared;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The Java twin of .NET's {@code ManualResetEvent}: {@link #set()} opens a gate for every waiting thread until
 * {@link #reset()}. The JDK has none (a {@code CountDownLatch} cannot close again); a lock rather than
 * {@code synchronized}, so that a waiting virtual thread does not pin its carrier on JDK 21.
 */
public final class ManualResetEvent {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean signaled;
    private long generation; // counts set() calls: a set() at once followed by reset() still releases the waiters

    /** A new event, closed ({@code false}) or open ({@code true}). */
    public ManualResetEvent(boolean initialState) {
        this.signaled = initialState;
    }

    public void set() {
        lock.lock();
        try {
            signaled = true;
            generation++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public void reset() {
        lock.lock();
        try {
            signaled = false;
        } finally {
            lock.unlock();
        }
    }

    public boolean isSet() {
        lock.lock();
        try {
            return signaled;
        } finally {
            lock.unlock();
        }
    }

    /** Blocks until the gate is open. */
    public void waitOne() throws InterruptedException {
        lock.lock();
        try {
            for (long seen = generation; !signaled && generation == seen; ) {
                changed.await();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Blocks until the gate is open or the timeout passes; returns {@code false} on timeout, as .NET does. */
    public boolean waitOne(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            for (long seen = generation; !signaled && generation == seen; nanos = changed.awaitNanos(nanos)) {
                if (nanos <= 0) {
                    return false;
                }
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
