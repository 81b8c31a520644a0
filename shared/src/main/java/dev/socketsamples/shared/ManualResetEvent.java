package dev.socketsamples.shared;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The Java twin of .NET's {@code ManualResetEvent}, for the faithful ports of the .NET samples.
 *
 * <p>{@link #set()} opens a gate and releases every waiting thread; it stays open until {@link #reset()}.
 * The JDK has no such class: a {@code CountDownLatch} cannot be closed again, and the idiomatic Java code
 * waits on a {@code Future} instead (see the CompletableFuture client). A lock and a condition, rather than
 * {@code synchronized}, so that a waiting virtual thread does not pin its carrier on JDK 21.
 */
public final class ManualResetEvent {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean signaled;
    /** Counts the calls to set(), so that a set() followed at once by reset() still releases every waiter. */
    private long generation;

    /** A new event, closed ({@code false}) or open ({@code true}). */
    public ManualResetEvent(boolean initialState) {
        this.signaled = initialState;
    }

    /** Opens the gate: every waiting thread goes on, and so does every later one until {@link #reset()}. */
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

    /** Closes the gate: later calls to {@code waitOne} block again. */
    public void reset() {
        lock.lock();
        try {
            signaled = false;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the gate is open now. */
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
            long seen = generation;
            while (!signaled && generation == seen) {
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
            long seen = generation;
            while (!signaled && generation == seen) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = changed.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
