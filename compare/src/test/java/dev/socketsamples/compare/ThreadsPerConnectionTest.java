package dev.socketsamples.compare;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.socketsamples.shared.EchoServer;
import dev.socketsamples.shared.ManualResetEvent;
import dev.socketsamples.shared.ServerConfig;
import dev.socketsamples.shared.testing.RawClient;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How many threads serve N connections that are all mid-message, read from the JVM itself: one thread for
 * the one-at-a-time server, one virtual thread per connection on a few carriers, a fixed pool for async, and
 * one thread for every connection of the selector server.
 */
class ThreadsPerConnectionTest {

    private static final int CONNECTIONS = 20;
    /** The one-at-a-time server serves one of these; the others wait in the backlog, unaccepted. */
    private static final int QUEUED = 5;

    private final List<RawClient> clients = new ArrayList<>();

    @TempDir
    Path dumps;

    @AfterEach
    void closeClients() throws IOException {
        for (RawClient client : clients) {
            client.close();
        }
    }

    @Test
    void theOneAtATimeServerServesOneConnectionOnOneThread() throws Exception {
        try (EchoServer server = ServerKind.SYNC_ONE_AT_A_TIME.start(ServerConfig.loopback())) {
            holdMidMessage(server, QUEUED);
            await().atMost(Duration.ofSeconds(5)).until(() -> server.openConnections() == 1);

            assertThat(platformThreadsNamed("sync-")).containsExactly("sync-listener");
            assertThat(virtualThreadsNamed("sync-connection-")).isZero();
            assertThat(server.openConnections()).as("the other %d wait in the backlog", QUEUED - 1).isEqualTo(1);
        }
    }

    // tag::virtual-threads-count[]
    @Test
    void virtualThreadsGiveEachConnectionAThreadOfItsOwnOnAFewCarriers() throws Exception {
        try (EchoServer server = ServerKind.SYNC_VIRTUAL_THREADS.start(ServerConfig.loopback())) {
            holdMidMessage(server, CONNECTIONS);
            await().atMost(Duration.ofSeconds(5)).until(() -> server.openConnections() == CONNECTIONS);

            assertThat(virtualThreadsNamed("sync-connection-")).isEqualTo(CONNECTIONS);
            assertThat(platformThreadsNamed("sync-")).containsExactly("sync-listener");
            assertThat(platformThreadsNamed("ForkJoinPool-")).as("carrier threads").hasSizeLessThan(CONNECTIONS);
        }
    }
    // end::virtual-threads-count[]

    // tag::async-pool-count[]
    @Test
    void theAsyncServerServesEveryConnectionFromAFixedPool() throws Exception {
        try (EchoServer server = ServerKind.ASYNC_CALLBACKS.start(ServerConfig.loopback())) {
            holdMidMessage(server, CONNECTIONS);
            await().atMost(Duration.ofSeconds(5)).until(() -> server.openConnections() == CONNECTIONS);
            int poolSize = platformThreadsNamed("async-server-").size();
            assertThat(poolSize).isBetween(2, Math.max(2, Runtime.getRuntime().availableProcessors()));

            holdMidMessage(server, CONNECTIONS);
            await().atMost(Duration.ofSeconds(5)).until(() -> server.openConnections() == 2 * CONNECTIONS);
            assertThat(platformThreadsNamed("async-server-")).as("twice the connections, the same pool")
                    .hasSize(poolSize);
        }
    }
    // end::async-pool-count[]

    // tag::selector-count[]
    @Test
    void theSelectorServerServesEveryConnectionOnItsOneThread() throws Exception {
        try (EchoServer server = ServerKind.SELECTOR.start(ServerConfig.loopback())) {
            for (int open : List.of(CONNECTIONS, 2 * CONNECTIONS)) {
                holdMidMessage(server, CONNECTIONS);
                await().atMost(Duration.ofSeconds(5)).until(() -> server.openConnections() == open);

                assertThat(platformThreadsNamed("selector-")).as("%d connections", open)
                        .containsExactly("selector-loop");
                // Between two turns it waits in select for all of them at once, not in a read for one.
                await().atMost(Duration.ofSeconds(5)).until(() -> threadsIn("sun.nio.ch.SelectorImpl", "select")
                        .contains("selector-loop"));
            }
        }
    }
    // end::selector-count[]

    // tag::chained-accept[]
    @Test
    void theAllDoneLoopParksAThreadBetweenAcceptsAndTheChainedAcceptParksNone() throws Exception {
        try (EchoServer loop = ServerKind.ASYNC_CALLBACKS.start(ServerConfig.loopback());
             EchoServer chained = ServerKind.ASYNC_CHAINED_ACCEPT.start(ServerConfig.loopback())) {
            holdMidMessage(loop, CONNECTIONS);
            holdMidMessage(chained, CONNECTIONS);
            await().atMost(Duration.ofSeconds(5)).until(() -> loop.openConnections() == CONNECTIONS
                    && chained.openConnections() == CONNECTIONS);

            // Only the .NET-style loop has a thread of its own, and it waits on allDone for the next client.
            assertThat(threadsIn(ManualResetEvent.class.getName(), "waitOne")).containsExactly("async-listener");
        }
    }
    // end::chained-accept[]

    /** Live threads with {@code className.method} on their stack. */
    private static List<String> threadsIn(String className, String method) {
        return Arrays.stream(ManagementFactory.getThreadMXBean().dumpAllThreads(false, false))
                .filter(info -> Arrays.stream(info.getStackTrace()).anyMatch(frame ->
                        frame.getClassName().equals(className) && frame.getMethodName().equals(method)))
                .map(ThreadInfo::getThreadName)
                .toList();
    }

    private void holdMidMessage(EchoServer server, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            RawClient client = RawClient.connect(server.port());
            clients.add(client);
            client.send("half a mess".getBytes(UTF_8));
        }
    }

    /** Live platform threads whose name starts with {@code prefix}, from the ThreadMXBean. */
    private static List<String> platformThreadsNamed(String prefix) {
        var threads = ManagementFactory.getThreadMXBean();
        return Arrays.stream(threads.getThreadInfo(threads.getAllThreadIds()))
                .filter(Objects::nonNull)
                .map(ThreadInfo::getThreadName)
                .filter(name -> name.startsWith(prefix))
                .toList();
    }

    /** Virtual threads are not in the ThreadMXBean; the JSON thread dump lists them. */
    private long virtualThreadsNamed(String prefix) throws IOException {
        Path dump = dumps.resolve("threads-" + System.nanoTime() + ".json");
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .dumpThreads(dump.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
        Pattern name = Pattern.compile("\"name\": \"" + Pattern.quote(prefix) + "\\d+\"");
        return name.matcher(Files.readString(dump)).results().count();
    }
}
