package dev.socketsamples.compare;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.socketsamples.shared.testing.ChildJvm;
import dev.socketsamples.shared.testing.ChildProcess;
import dev.socketsamples.shared.testing.RawClient;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The rows of the protocol's table "Limits and bad input" that need each server's {@code main} in a JVM of its
 * own, as a user runs it: a small heap, a small open-file limit, a signal, an exit code, a warning.
 */
class EveryServerMainTest {

    private static final Duration BOUND = Duration.ofSeconds(60);

    private final ChildJvm jvm = new ChildJvm();
    private final List<AutoCloseable> clients = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopEverything() throws Exception {
        for (AutoCloseable client : clients) {
            client.close();
        }
        jvm.close();
    }

    /** The kind's main with {@code --port 0} and its own options, then {@code options}. */
    private ChildProcess startMain(ServerKind kind, List<String> launcher, List<String> jvmOptions,
                                   String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of("--port", "0"));
        args.addAll(kind.mainOptions());
        args.addAll(List.of(options));
        return ChildProcess.of(jvm.start(launcher, jvmOptions, kind.mainClass(), args));
    }

    /** Every server but the one-at-a-time one holds many connections at once; that one cannot be flooded so. */
    private static boolean servesConnectionsAtOnce(ServerKind kind) {
        return kind != ServerKind.SYNC_ONE_AT_A_TIME;
    }

    // tag::memory[]
    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerKind.class)
    void manyClientsEachHoldingALargeUnfinishedMessageCannotExhaustASmallHeap(ServerKind kind) throws Exception {
        int heapMegabytes = 128;
        int holders = 200;
        ChildProcess server = startMain(kind, List.of(), List.of("-Xmx" + heapMegabytes + "m"));
        int port = server.awaitBoundPort(BOUND);
        byte[] unfinished = new byte[1_000_000]; // just under the 1 MiB limit, and no <EOF>
        Arrays.fill(unfinished, (byte) 'x');
        AtomicInteger closedByServer = new AtomicInteger();
        CountDownLatch connected = new CountDownLatch(holders);

        try (ExecutorService holding = Executors.newVirtualThreadPerTaskExecutor()) {
            try {
                for (int i = 0; i < holders; i++) {
                    holding.submit(() -> holdUnfinished(port, unfinished, connected, closedByServer));
                }
                assertThat(connected.await(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
                if (servesConnectionsAtOnce(kind)) {
                    // 200 MB do not fit in a 128 MB heap: the server must close at least the rest.
                    await().atMost(BOUND).until(() -> closedByServer.get() >= holders - heapMegabytes);
                    assertThat(server.stdout()).anyMatch(line -> line.matches(".*Closed the connection without echo:"
                            + " the server's memory budget of \\d+ bytes for unfinished messages is spent\\."));
                    byte[] meanwhile = Messages.text("a fresh client while they hold on");
                    assertThat(RawClient.exchange(port, meanwhile)).isEqualTo(meanwhile);
                }
            } finally {
                for (AutoCloseable client : clients) {
                    client.close(); // ends the writes and reads still waiting
                }
            }
        }

        server.awaitStdout(line -> line.contains("losed the connection"), holders, BOUND); // one line each
        byte[] message = Messages.text("a fresh client");
        assertThat(RawClient.exchange(port, message)).isEqualTo(message);
        assertThat(server.allLines()).noneMatch(line -> line.contains("OutOfMemoryError"));
        assertThat(server.stderr()).as("no stack trace").isEmpty();
        int exitCode = server.terminate(BOUND);
        if (ChildJvm.terminatesGracefully()) { // elsewhere the OS kills it without running the shutdown hook
            assertThat(exitCode).isZero();
        }
    }
    // end::memory[]

    /** Sends {@code unfinished} and waits; counts the connection if the server closes it. */
    private Void holdUnfinished(int port, byte[] unfinished, CountDownLatch connected, AtomicInteger closedByServer)
            throws IOException {
        Socket socket = new Socket();
        clients.add(socket);
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) BOUND.toMillis());
        connected.countDown();
        try {
            socket.getOutputStream().write(unfinished);
            if (socket.getInputStream().read() < 0) { // waits until the server or the test closes it
                closedByServer.incrementAndGet();
            }
        } catch (IOException e) {
            if (!socket.isClosed()) { // reset by the server, not closed by this test
                closedByServer.incrementAndGet();
            }
        }
        return null;
    }

    // tag::descriptors[]
    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerKind.class)
    void acceptFailingForWantOfFileDescriptorsPausesAndTheServerGoesOnUnderPrlimitOnLinux(ServerKind kind)
            throws Exception {
        assumeTrue(prlimitAvailable(), "needs Linux and prlimit (util-linux) to give the server 256 open files");
        int held = 400; // more than the 256 descriptors the server may open
        ChildProcess server = startMain(kind, List.of("prlimit", "--nofile=256:256"), List.of());
        int port = server.awaitBoundPort(BOUND);
        // Classes load when first used, and from a directory on the class path (not from a jar) each load needs
        // a descriptor: an echo and an early leaver first load the code of both paths while descriptors last.
        assertThat(RawClient.exchange(port, Messages.text("warm-up"))).isEqualTo(Messages.text("warm-up"));
        RawClient.connect(port).close();
        server.awaitStdout(line -> line.contains("Client closed the connection after 0 bytes"), BOUND);

        List<RawClient> holding = new ArrayList<>();
        long start = System.nanoTime(); // before the first failure, so that the seconds counted are not too few
        for (int i = 0; i < held; i++) {
            RawClient client = RawClient.connect(port); // the system completes the connection, accepted or not
            clients.add(client);
            holding.add(client.send(("held " + i + " ").getBytes(UTF_8)));
        }

        if (servesConnectionsAtOnce(kind)) {
            server.awaitStdout(line -> line.contains("Accept failed: too many open files"), BOUND);
            // It keeps serving the connections it has: the first one was accepted before descriptors ran out.
            assertThat(holding.getFirst().send(bytes("<EOF>")).readToEnd()).isEqualTo(bytes("held 0 <EOF>"));
            String second = server.awaitStdout(line -> line.contains("Accept failed"), 2, BOUND).getLast();
            assertThat(second).matches(".*\\(\\d+ times since the last such line\\).*");
        }

        // Once the held connections finish and close, the server accepts the rest and serves them all.
        for (RawClient client : holding.subList(servesConnectionsAtOnce(kind) ? 1 : 0, held)) {
            client.send(bytes("<EOF>"));
        }
        for (int i = servesConnectionsAtOnce(kind) ? 1 : 0; i < held; i++) {
            assertThat(holding.get(i).readToEnd()).as("held client %d", i).isEqualTo(bytes("held " + i + " <EOF>"));
        }
        byte[] message = Messages.text("a fresh client");
        assertThat(RawClient.exchange(port, message)).isEqualTo(message);

        assertThat(server.process().isAlive()).as("never exits for this").isTrue();
        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        assertThat(server.stdout()).filteredOn(line -> line.contains("Accept failed"))
                .as("at most one line a second").hasSizeLessThanOrEqualTo((int) seconds + 1);
        assertThat(server.stderr()).as("no stack trace").isEmpty();
        assertThat(server.terminate(BOUND)).isZero();
    }
    // end::descriptors[]

    private static boolean prlimitAvailable() {
        return System.getProperty("os.name").equals("Linux") && Stream.of(System.getenv("PATH").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "prlimit")));
    }

    // tag::drain[]
    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerKind.class)
    @Execution(ExecutionMode.CONCURRENT) // every kind at once: each JVM mostly waits for its drain timeout
    @ChildJvm.WhereTerminateIsGraceful
    void sigtermLetsTheExchangesInFlightFinishThenExits0WhereTheOsCanAskWithoutKilling(ServerKind kind)
            throws Exception {
        ChildProcess server = startMain(kind, List.of(), List.of());
        int port = server.awaitBoundPort(BOUND);
        int inFlight = 10;
        List<RawClient> halfSent = new ArrayList<>();
        for (int i = 0; i < inFlight; i++) {
            RawClient client = RawClient.connect(port);
            clients.add(client);
            halfSent.add(client.send(bytes("client " + i + ", first half, ")));
        }
        RawClient stalled = RawClient.connect(port);
        clients.add(stalled);
        stalled.send(bytes("stalled, never finishes"));
        if (servesConnectionsAtOnce(kind)) {
            // Accepts are in order: once a later client is served, every earlier one has been accepted.
            assertThat(RawClient.exchange(port, Messages.text("probe"))).isEqualTo(Messages.text("probe"));
        } // else: the one-at-a-time server serves the first; the others wait in the backlog, and count too.

        ChildJvm.terminate(server.process()); // SIGTERM: the shutdown hook that Ctrl+C runs
        server.awaitStdout(line -> line.startsWith("Stopping"), BOUND);
        if (servesConnectionsAtOnce(kind)) {
            // Refusing new clients, it is closing for sure: the rest of each exchange arrives during the drain.
            await().pollInterval(Duration.ofSeconds(1)).atMost(BOUND).until(() -> refusesConnections(port));
        } // else: its one thread is busy with the first client; it goes on to those in the backlog.

        for (RawClient client : halfSent) {
            client.send(bytes("second half<EOF>"));
        }
        for (int i = 0; i < inFlight; i++) {
            assertThat(halfSent.get(i).readToEnd()).as("client %d gets its echo, not a reset", i)
                    .isEqualTo(bytes("client " + i + ", first half, second half<EOF>"));
        }
        assertThat(stalled.awaitClosedByServer()).as("closed once the drain timeout passed").isTrue();
        assertThat(server.exitCode(BOUND)).isZero();
        assertThat(server.stderr()).as("no stack trace").isEmpty();
    }
    // end::drain[]

    private static boolean refusesConnections(int port) throws IOException {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) BOUND.toMillis());
            return false;
        } catch (ConnectException refused) {
            return true;
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerKind.class)
    void aPortAlreadyInUseIsOneLineNamingTheFixAndANonZeroExit(ServerKind kind) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            List<String> args = new ArrayList<>(List.of("--port", String.valueOf(port)));
            args.addAll(kind.mainOptions());
            ChildProcess server = ChildProcess.of(jvm.start(List.of(), List.of(), kind.mainClass(), args));

            assertThat(server.exitCode(BOUND)).isNotZero();
            assertThat(server.stderr()).singleElement().asString()
                    .contains("127.0.0.1", ":" + port + ":", "address already in use", "--port");
            assertThat(server.stdout()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerKind.class)
    void aWildcardHostStartsTheServerWithOneWarningLine(ServerKind kind) throws Exception {
        ChildProcess server = startMain(kind, List.of(), List.of(), "--host", "0.0.0.0");
        int port = server.awaitBoundPort(BOUND);

        byte[] message = Messages.text("over loopback all the same");
        assertThat(RawClient.exchange(port, message)).isEqualTo(message); // it starts and serves
        int exitCode = server.terminate(BOUND); // the port is open to the network: not a moment longer
        if (ChildJvm.terminatesGracefully()) {
            assertThat(exitCode).isZero();
        }
        assertThat(server.stderr()).singleElement().asString()
                .contains("warning", "reachable from the network", "--host 127.0.0.1");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerKind.class)
    void anOptionGivenTwiceIsAUsageErrorWithExitCode2(ServerKind kind) throws Exception {
        ChildProcess server = startMain(kind, List.of(), List.of(), "--port", "0");

        assertThat(server.exitCode(BOUND)).isEqualTo(2);
        assertThat(server.stderr()).hasSize(2)
                .anyMatch(line -> line.endsWith("--port is given twice"))
                .anyMatch(line -> line.startsWith("usage: "));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }
}
