package dev.socketsamples.shared;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes a server may hold in unfinished messages, all connections together.
 *
 * <p>The per-message limit bounds one connection; without this, many connections each just under it exhaust
 * the heap. A connection whose message would grow past what is left is closed without echo.
 */
public final class MemoryBudget {

    private final long limit;
    private final AtomicLong used = new AtomicLong();

    /** A budget of {@code limit} bytes. */
    public MemoryBudget(long limit) {
        this.limit = limit;
    }

    /** No limit beyond each message's own: for a client, which holds one message. */
    public static MemoryBudget unlimited() {
        return new MemoryBudget(Long.MAX_VALUE);
    }

    // tag::reserve[]
    /** Takes {@code bytes} from the budget if that many are left; returns whether it did. */
    public boolean tryReserve(long bytes) {
        long before = used.getAndUpdate(u -> u <= limit - bytes ? u + bytes : u);
        return before <= limit - bytes;
    }

    /** Gives {@code bytes} back. */
    public void release(long bytes) {
        used.addAndGet(-bytes);
    }
    // end::reserve[]

    /** The bytes held now. */
    public long used() {
        return used.get();
    }

    /** The most that may be held. */
    public long limit() {
        return limit;
    }
}
