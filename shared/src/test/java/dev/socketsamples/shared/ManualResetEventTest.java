package dev.socketsamples.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ManualResetEventTest {

    private final ExecutorService waiters = Executors.newFixedThreadPool(3, runnable -> {
        Thread thread = new Thread(runnable, "waiter");
        thread.setDaemon(true);
        return thread;
    });

    @AfterEach
    void stopWaiters() throws InterruptedException {
        waiters.shutdownNow();
        assertThat(waiters.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void setReleasesEveryWaitingThread() {
        ManualResetEvent event = new ManualResetEvent(false);
        List<CompletableFuture<Void>> released = startWaiters(event, 3);
        awaitAllBlocked();
        assertThat(released).noneMatch(CompletableFuture::isDone);

        event.set();

        CompletableFuture.allOf(released.toArray(CompletableFuture[]::new)).orTimeout(5, TimeUnit.SECONDS).join();
    }

    @Test
    void aSetEventLetsLaterWaitersThroughAtOnce() throws InterruptedException {
        ManualResetEvent event = new ManualResetEvent(true);
        assertThat(event.waitOne(Duration.ZERO)).isTrue();
        assertThat(event.waitOne(Duration.ZERO)).isTrue();
    }

    @Test
    void resetBlocksAgain() throws InterruptedException {
        ManualResetEvent event = new ManualResetEvent(false);
        event.set();
        event.reset();
        assertThat(event.isSet()).isFalse();
        assertThat(event.waitOne(Duration.ofMillis(20))).isFalse();
    }

    // tag::wait-with-timeout[]
    @Test
    void waitOneWithATimeoutReturnsFalseWhenNobodySets() throws InterruptedException {
        assertThat(new ManualResetEvent(false).waitOne(Duration.ofMillis(20))).isFalse();
    }
    // end::wait-with-timeout[]

    @Test
    void aSetFollowedAtOnceByResetStillReleasesThoseAlreadyWaiting() {
        ManualResetEvent event = new ManualResetEvent(false);
        List<CompletableFuture<Void>> released = startWaiters(event, 3);
        awaitAllBlocked();

        event.set();
        event.reset();

        CompletableFuture.allOf(released.toArray(CompletableFuture[]::new)).orTimeout(5, TimeUnit.SECONDS).join();
        assertThat(event.isSet()).isFalse();
    }

    private List<CompletableFuture<Void>> startWaiters(ManualResetEvent event, int count) {
        List<CompletableFuture<Void>> released = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            released.add(CompletableFuture.runAsync(() -> {
                try {
                    event.waitOne();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }, waiters));
        }
        return released;
    }

    /** Waits until the three waiter threads are parked inside waitOne(), so the test does not race them. */
    private static void awaitAllBlocked() {
        await().atMost(Duration.ofSeconds(5)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("waiter"))
                .filter(t -> t.getState() == Thread.State.WAITING)
                .count() == 3);
    }
}
