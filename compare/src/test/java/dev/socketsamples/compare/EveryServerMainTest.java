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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
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
    /** The heap of the memory tests, and how many clients each hold just under 1 MiB in it. */
    private static final int HEAP_MEGABYTES = 128;
    private static final int HOLDERS = 200;
    /** More connections than the 256 descriptors that prlimit leaves the server. */
    private static final int HELD = 400;
    /** What every server's main prints on SIGTERM, with the default drain timeout. */
    private static final String STOPPING = "Stopping: letting the exchanges in flight finish, for at most 5 s.";
    /** The clients mid-exchange when SIGTERM comes. */
    private static final int IN_FLIGHT = 10;

    @RegisterExtension
    final ChildJvm jvm = new ChildJvm();
    private final List<AutoCloseable> clients = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopEverything() throws Exception {
        for (AutoCloseable client : clients) {
            client.close();
        }
    }

    /** The kind's main with {@code --port 0} and its own options, then {@code options}. */
    private ChildProcess startMain(ServerKind kind, List<String> launcher, List<String> jvmOptions,
                                   String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of("--port", "0"));
        args.addAll(kind.mainOptions());
        args.addAll(List.of(options));
        return ChildProcess.of(jvm.start(launcher, jvmOptions, kind.mainClass(), args));
    }

    // tag::memory[]
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ServerKind.class, names = "SYNC_ONE_AT_A_TIME", mode = EnumSource.Mode.EXCLUDE)
    void manyClientsEachHoldingALargeUnfinishedMessageCannotExhaustASmallHeap(ServerKind kind) throws Exception {
        ChildProcess server = startMain(kind, List.of(), List.of("-Xmx" + HEAP_MEGABYTES + "m"));
        int port = server.awaitBoundPort(BOUND);

        whileHoldersSendUnfinishedMessages(port, closedByServer -> {
            // 200 MB do not fit in a 128 MB heap: the server must close at least the rest.
            await().atMost(BOUND).until(() -> closedByServer.get() >= HOLDERS - HEAP_MEGABYTES);
            assertThat(server.stdout()).anyMatch(line -> line.matches(".*Closed the connection without echo:"
                    + " the server's memory budget of \\d+ bytes for unfinished messages is spent\\."));
            byte[] meanwhile = Messages.text("a fresh client while they hold on");
            assertThat(RawClient.exchange(port, meanwhile)).isEqualTo(meanwhile);
        });

        servesAFreshClientWithoutRunningOutOfMemory(server, port);
    }

    /** The one-at-a-time server reads one holder at a time, the others wait in the backlog: nothing to flood. */
    @Test
    void theOneAtATimeServerHoldsOneUnfinishedMessageAtATimeInASmallHeap() throws Exception {
        ChildProcess server = startMain(ServerKind.SYNC_ONE_AT_A_TIME, List.of(),
                List.of("-Xmx" + HEAP_MEGABYTES + "m"));
        int port = server.awaitBoundPort(BOUND);

        whileHoldersSendUnfinishedMessages(port, closedByServer -> { });

        servesAFreshClientWithoutRunningOutOfMemory(server, port);
    }
    // end::memory[]

    /** What a test checks while the holders hold on; it gets the count of those the server closed. */
    @FunctionalInterface
    private interface WhileTheyHold {
        void check(AtomicInteger closedByServer) throws Exception;
    }

    /** Connects {@link #HOLDERS} clients that each send just under 1 MiB without a marker, checks, closes them. */
    private void whileHoldersSendUnfinishedMessages(int port, WhileTheyHold meanwhile) throws Exception {
        byte[] unfinished = new byte[1_000_000]; // just under the 1 MiB limit, and no <EOF>
        Arrays.fill(unfinished, (byte) 'x');
        AtomicInteger closedByServer = new AtomicInteger();
        CountDownLatch connected = new CountDownLatch(HOLDERS);
        try (ExecutorService holding = Executors.newVirtualThreadPerTaskExecutor()) {
            try {
                for (int i = 0; i < HOLDERS; i++) {
                    holding.submit(() -> holdUnfinished(port, unfinished, connected, closedByServer));
                }
                assertThat(connected.await(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
                meanwhile.check(closedByServer);
            } finally {
                for (AutoCloseable client : clients) {
                    client.close(); // ends the writes and reads still waiting
                }
            }
        }
    }

    /** Once the holders have gone: one line for each, a fresh client served, no OutOfMemoryError, a clean exit. */
    private static void servesAFreshClientWithoutRunningOutOfMemory(ChildProcess server, int port) throws Exception {
        server.awaitStdout(line -> line.contains("losed the connection"), HOLDERS, BOUND); // one line each
        byte[] message = Messages.text("a fresh client");
        assertThat(RawClient.exchange(port, message)).isEqualTo(message);
        assertThat(server.allLines()).noneMatch(line -> line.contains("OutOfMemoryError"));
        assertThat(server.stderr()).as("no stack trace").isEmpty();
        int exitCode = server.terminate(BOUND);
        if (ChildJvm.terminatesGracefully()) { // elsewhere the OS kills it without running the shutdown hook
            assertThat(exitCode).isZero();
        }
    }

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
    @EnumSource(value = ServerKind.class, names = "SYNC_ONE_AT_A_TIME", mode = EnumSource.Mode.EXCLUDE)
    void acceptFailingForWantOfFileDescriptorsPausesAndTheServerGoesOnUnderPrlimitOnLinux(ServerKind kind)
            throws Exception {
        ChildProcess server = startWith256OpenFiles(kind);
        int port = warmUp(server);
        long start = System.nanoTime(); // before the first failure, so that the seconds counted are not too few
        List<RawClient> holding = holdMoreConnectionsThanDescriptors(port);

        server.awaitStdout(line -> line.contains("Accept failed: too many open files"), BOUND);
        // It keeps serving the connections it has: the first one was accepted before descriptors ran out.
        assertThat(holding.getFirst().send(bytes("<EOF>")).readToEnd()).isEqualTo(bytes("held 0 <EOF>"));
        String second = server.awaitStdout(line -> line.contains("Accept failed"), 2, BOUND).getLast();
        assertThat(second).matches(".*\\(\\d+ times since the last such line\\).*");

        servesTheHeldOnceTheyFinish(server, port, holding, 1, start);
    }

    /** The one-at-a-time server accepts the next client only when it is done with one: it never runs out. */
    @Test
    void theOneAtATimeServerServesEveryHeldClientInTurnUnderPrlimitOnLinux() throws Exception {
        ChildProcess server = startWith256OpenFiles(ServerKind.SYNC_ONE_AT_A_TIME);
        int port = warmUp(server);
        long start = System.nanoTime();
        List<RawClient> holding = holdMoreConnectionsThanDescriptors(port);

        servesTheHeldOnceTheyFinish(server, port, holding, 0, start);
    }
    // end::descriptors[]

    private ChildProcess startWith256OpenFiles(ServerKind kind) throws IOException {
        assumeTrue(prlimitAvailable(), "needs Linux and prlimit (util-linux) to give the server 256 open files");
        return startMain(kind, List.of("prlimit", "--nofile=256:256"), List.of());
    }

    /**
     * Classes load when first used, and from a directory on the class path (not from a jar) each load needs a
     * descriptor: an echo and an early leaver first load the code of both paths while descriptors last.
     */
    private static int warmUp(ChildProcess server) throws IOException, InterruptedException {
        int port = server.awaitBoundPort(BOUND);
        assertThat(RawClient.exchange(port, Messages.text("warm-up"))).isEqualTo(Messages.text("warm-up"));
        RawClient.connect(port).close();
        server.awaitStdout(line -> line.contains("Client closed the connection after 0 bytes"), BOUND);
        return port;
    }

    /** {@link #HELD} clients, more than the 256 descriptors the server may open, each with half a message sent. */
    private List<RawClient> holdMoreConnectionsThanDescriptors(int port) throws IOException {
        List<RawClient> holding = new ArrayList<>();
        for (int i = 0; i < HELD; i++) {
            RawClient client = RawClient.connect(port); // the system completes the connection, accepted or not
            clients.add(client);
            holding.add(client.send(("held " + i + " ").getBytes(UTF_8)));
        }
        return holding;
    }

    /** Once the held connections from {@code from} on finish and close, the server accepts and serves them all. */
    private static void servesTheHeldOnceTheyFinish(ChildProcess server, int port, List<RawClient> holding, int from,
                                                    long start) throws IOException, InterruptedException {
        for (RawClient client : holding.subList(from, HELD)) {
            client.send(bytes("<EOF>"));
        }
        for (int i = from; i < HELD; i++) {
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

    private static boolean prlimitAvailable() {
        return System.getProperty("os.name").equals("Linux") && Stream.of(System.getenv("PATH").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "prlimit")));
    }

    // tag::drain[]
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ServerKind.class, names = "SYNC_ONE_AT_A_TIME", mode = EnumSource.Mode.EXCLUDE)
    @Execution(ExecutionMode.CONCURRENT) // every kind at once: each JVM mostly waits for its drain timeout
    @ChildJvm.WhereTerminateIsGraceful
    void sigtermLetsTheExchangesInFlightFinishThenExits0WhereTheOsCanAskWithoutKilling(ServerKind kind)
            throws Exception {
        ChildProcess server = startMain(kind, List.of(), List.of());
        int port = server.awaitBoundPort(BOUND);
        List<RawClient> halfSent = halfSendInFlight(port);
        RawClient stalled = connectStalled(port);
        // Accepts are in order: once a later client is served, every earlier one has been accepted.
        assertThat(RawClient.exchange(port, Messages.text("probe"))).isEqualTo(Messages.text("probe"));

        ChildJvm.terminate(server.process()); // SIGTERM: the shutdown hook that Ctrl+C runs
        server.awaitStdout(STOPPING::equals, BOUND);
        // Refusing new clients, it is closing for sure: the rest of each exchange arrives during the drain.
        await().pollInterval(Duration.ofSeconds(1)).atMost(BOUND).until(() -> refusesConnections(port));

        everyExchangeInFlightFinishesAndTheStalledOneIsClosed(server, halfSent, stalled);
    }

    /** The first client is served, the others wait in the backlog: once it is done, the drain takes and serves them. */
    @Test
    @Execution(ExecutionMode.CONCURRENT)
    @ChildJvm.WhereTerminateIsGraceful
    void sigtermLetsTheOneAtATimeServerFinishItsBacklogThenExits0WhereTheOsCanAskWithoutKilling() throws Exception {
        ChildProcess server = startMain(ServerKind.SYNC_ONE_AT_A_TIME, List.of(), List.of());
        int port = server.awaitBoundPort(BOUND);
        List<RawClient> halfSent = halfSendInFlight(port);
        RawClient stalled = connectStalled(port);

        ChildJvm.terminate(server.process());
        server.awaitStdout(STOPPING::equals, BOUND);

        everyExchangeInFlightFinishesAndTheStalledOneIsClosed(server, halfSent, stalled);
    }
    // end::drain[]

    /** {@link #IN_FLIGHT} clients, each with the first half of its message sent. */
    private List<RawClient> halfSendInFlight(int port) throws IOException {
        List<RawClient> halfSent = new ArrayList<>();
        for (int i = 0; i < IN_FLIGHT; i++) {
            RawClient client = RawClient.connect(port);
            clients.add(client);
            halfSent.add(client.send(bytes("client " + i + ", first half, ")));
        }
        return halfSent;
    }

    /** A client that sends part of a message and never finishes it. */
    private RawClient connectStalled(int port) throws IOException {
        RawClient stalled = RawClient.connect(port);
        clients.add(stalled);
        return stalled.send(bytes("stalled, never finishes"));
    }

    private static void everyExchangeInFlightFinishesAndTheStalledOneIsClosed(ChildProcess server,
            List<RawClient> halfSent, RawClient stalled) throws Exception {
        for (RawClient client : halfSent) {
            client.send(bytes("second half<EOF>"));
        }
        for (int i = 0; i < IN_FLIGHT; i++) {
            assertThat(halfSent.get(i).readToEnd()).as("client %d gets its echo, not a reset", i)
                    .isEqualTo(bytes("client " + i + ", first half, second half<EOF>"));
        }
        assertThat(stalled.awaitClosedByServer()).as("closed once the drain timeout passed").isTrue();
        assertThat(server.exitCode(BOUND)).isZero();
        assertThat(server.stderr()).as("no stack trace").isEmpty();
    }

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
