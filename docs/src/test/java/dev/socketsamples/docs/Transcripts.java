package dev.socketsamples.docs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;

import dev.socketsamples.asyncclient.AsynchronousClient;
import dev.socketsamples.asyncclient.CompletableFutureClient;
import dev.socketsamples.asyncserver.AsynchronousSocketListener;
import dev.socketsamples.compare.ClientKind;
import dev.socketsamples.compare.Compare;
import dev.socketsamples.compare.check.CheckCommand;
import dev.socketsamples.compare.check.ClassCommand;
import dev.socketsamples.compare.timeline.TimelineCommand;
import dev.socketsamples.compare.Demo;
import dev.socketsamples.compare.DrainUnderLoad;
import dev.socketsamples.compare.ServerKind;
import dev.socketsamples.shared.ClientConfig;
import dev.socketsamples.shared.CommandLine;
import dev.socketsamples.shared.EchoServer;
import dev.socketsamples.shared.Protocol;
import dev.socketsamples.shared.ServerConfig;
import dev.socketsamples.shared.testing.ChildJvm;
import dev.socketsamples.shared.testing.ClosedPort;
import dev.socketsamples.shared.testing.FakeServer;
import dev.socketsamples.shared.testing.RawClient;
import dev.socketsamples.selectorserver.SelectorSocketListener;
import dev.socketsamples.syncclient.SynchronousSocketClient;
import dev.socketsamples.syncserver.SynchronousSocketListener;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs every scenario that a page shows and writes what its console printed, one file per block, so that no
 * page shows console text that a person typed. Servers run in this JVM on port 0 with their console captured;
 * a failure or {@code --help} runs the real main in a JVM of its own, as a user would.
 *
 * <p>What varies from run to run is normalised the same way every time, so that a page reads the same after
 * every build: a port the system picked is shown as the port the shown command asks for (11000, the default),
 * or, where that command asks for any free port, as 40001, 40002... in order of appearance; a time in
 * milliseconds is rounded to 100 ms. Thread names are left as they are: which pool thread runs a callback is
 * the lesson.
 */
public final class Transcripts {

    /** How long a server's console must stay silent before its transcript is taken: a run shown, not a test. */
    private static final Duration QUIET = Duration.ofMillis(500);
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(20);
    private static final Duration CHILD_LIMIT = Duration.ofSeconds(30);
    private static final Pattern MILLIS = Pattern.compile("(\\d+)( ms)");
    private static final Pattern LOOPBACK_PORT = Pattern.compile(Pattern.quote(Protocol.DEFAULT_HOST) + ":(\\d+)");

    private final Path directory;

    private Transcripts(Path directory) {
        this.directory = directory;
    }

    public static void main(String[] args) throws Exception {
        Path directory = Path.of(args[0]);
        Files.createDirectories(directory);
        BenchmarkTables.write(Path.of(args[1]), directory);
        new Transcripts(directory).writeAll();
    }

    private void writeAll() throws Exception {
        listening();
        syncServer();
        syncClient();
        asyncServer();
        asyncClient();
        selectorServer();
        help();
        demo();
        drain();
        check();
        room();
        timelines();
    }

    /**
     * What each server's threads did in one real run against the same ten clients, drawn in each edition's
     * language: {@code timeline/LANGUAGE/SERVER.svg}, which the pages show inline.
     */
    private void timelines() throws Exception {
        TimelineCommand.writePictures(directory.resolve("timeline"), List.of("en", "es", "ko"));
    }

    private void listening() throws Exception {
        Transcript portZero = command("java -jar sync-server/target/sync-server.jar --port 0").anyFreePort();
        serve(ServerKind.SYNC_ONE_AT_A_TIME, portZero);
        write("listening-port-0", portZero);

        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            write("listening-port-in-use", runMain("java -jar sync-server/target/sync-server.jar",
                    SynchronousSocketListener.class, CommandLine.EXIT_FAILURE, taken.getLocalPort()));
        }
    }

    private void syncServer() throws Exception {
        Transcript server = command("java -jar sync-server/target/sync-server.jar");
        serve(ServerKind.SYNC_ONE_AT_A_TIME, server,
                port -> exchange(ClientKind.SYNC, port, Protocol.DEFAULT_MESSAGE, line -> { }),
                Transcripts::leaveBeforeTheMarker);
        write("sync-server", server);
    }

    private void syncClient() throws Exception {
        Transcript plain = command("java -jar sync-client/target/sync-client.jar");
        Transcript anyScript = command("java -jar sync-client/target/sync-client.jar --message 'Grüße, 世界 😀'");
        serve(ServerKind.SYNC_ONE_AT_A_TIME, command(""),
                port -> exchange(ClientKind.SYNC, port, Protocol.DEFAULT_MESSAGE, plain.console(port)),
                port -> exchange(ClientKind.SYNC, port, Protocol.withMarker("Grüße, 世界 😀"), anyScript.console(port)));
        write("sync-client", plain);
        write("sync-client-any-script", anyScript);
        try (ClosedPort nothingListening = ClosedPort.hold()) {
            write("sync-client-nothing-listening", runMain("java -jar sync-client/target/sync-client.jar",
                    SynchronousSocketClient.class, CommandLine.EXIT_FAILURE, nothingListening.port()));
        }
    }

    private void asyncServer() throws Exception {
        serveTwoAndOneWhoLeaves("async-server", ServerKind.ASYNC_CALLBACKS, ClientKind.ASYNC_CALLBACKS,
                ClientKind.ASYNC_CALLBACKS);
    }

    private void asyncClient() throws Exception {
        Transcript callbacks = command("java -jar async-client/target/async-client.jar");
        Transcript future = command("java -cp async-client/target/async-client.jar "
                + CompletableFutureClient.class.getName());
        serve(ServerKind.ASYNC_CALLBACKS, command(""),
                port -> exchange(ClientKind.ASYNC_CALLBACKS, port, Protocol.DEFAULT_MESSAGE, callbacks.console(port)),
                port -> exchange(ClientKind.ASYNC_FUTURE, port, Protocol.DEFAULT_MESSAGE, future.console(port)));
        write("async-client", callbacks);
        write("future-client", future);
        try (ClosedPort nothingListening = ClosedPort.hold()) {
            write("async-client-nothing-listening", runMain("java -jar async-client/target/async-client.jar",
                    AsynchronousClient.class, CommandLine.EXIT_FAILURE, nothingListening.port()));
        }
    }

    private void selectorServer() throws Exception {
        serveTwoAndOneWhoLeaves("selector-server", ServerKind.SELECTOR, ClientKind.SYNC, ClientKind.ASYNC_CALLBACKS);
    }

    /** A server's console while two clients are echoed in turn and a third leaves before its marker. */
    private void serveTwoAndOneWhoLeaves(String module, ServerKind kind, ClientKind first, ClientKind second)
            throws Exception {
        Transcript server = command("java -jar " + module + "/target/" + module + ".jar");
        serve(kind, server,
                port -> exchange(first, port, Protocol.DEFAULT_MESSAGE, line -> { }),
                port -> exchange(second, port, Protocol.DEFAULT_MESSAGE, line -> { }),
                Transcripts::leaveBeforeTheMarker);
        write(module, server);
    }

    private void help() throws Exception {
        help("sync-server", "java -jar sync-server/target/sync-server.jar", SynchronousSocketListener.class);
        help("sync-client", "java -jar sync-client/target/sync-client.jar", SynchronousSocketClient.class);
        help("async-server", "java -jar async-server/target/async-server.jar", AsynchronousSocketListener.class);
        help("async-client", "java -jar async-client/target/async-client.jar", AsynchronousClient.class);
        help("selector-server", "java -jar selector-server/target/selector-server.jar", SelectorSocketListener.class);
        help("future-client", "java -cp async-client/target/async-client.jar " + CompletableFutureClient.class.getName(),
                CompletableFutureClient.class);
        help("compare", "java -jar compare/target/compare.jar", Compare.class);
    }

    private void help(String name, String shown, Class<?> main) throws Exception {
        write(name + "-help", runMain(shown + " --help", main, CommandLine.EXIT_OK, -1, "--help"));
    }

    private void demo() throws IOException {
        Transcript demo = command("java -jar compare/target/compare.jar demo").anyFreePort();
        // The demo picks its ports itself: every loopback address and port it prints is one of them.
        demo.addWithTheirPorts(printedBy("the demo", Demo::run));
        write("demo", demo);
    }

    /** Each server closed while clients loop against it: the counts of this build's own run. */
    private void drain() throws IOException {
        Transcript drain = command("java -jar compare/target/compare.jar drain");
        drain.lines.addAll(printedBy("compare drain", DrainUnderLoad::run));
        write("drain", drain);
    }

    /**
     * {@code compare check} against one of the suite's servers, started by the check from its command line, and
     * against a server with a bug that learners write, running in this JVM.
     */
    private void check() throws Exception {
        Transcript selector = command("java -jar compare/target/compare.jar check --server \"java -jar"
                + " selector-server/target/selector-server.jar --port {port} --idle-timeout 1\" --idle-timeout 1")
                .anyFreePort();
        String server = String.join(" ", ProcessHandle.current().info().command().orElseThrow(), "-cp",
                "\"" + System.getProperty("java.class.path") + "\"", SelectorSocketListener.class.getName(), "--port",
                "{port}", "--idle-timeout", "1");
        checked(selector, CommandLine.EXIT_OK, "--server", server, "--idle-timeout", "1");
        write("check-selector-server", selector);

        String only = "basic-echo,split-utf8,malformed-utf8,empty-message";
        try (FakeServer asciiOnly = FakeServer.start(Transcripts::echoOnlyAscii)) {
            Transcript broken = command("java -jar compare/target/compare.jar check --target 127.0.0.1:"
                    + Protocol.DEFAULT_PORT + " --only " + only);
            checked(broken, CommandLine.EXIT_FAILURE, "--target", "127.0.0.1:" + asciiOnly.port(), "--only", only);
            write("check-ascii-only", broken);
        }
    }

    /**
     * The lesson plan's room: the teacher's server on every interface, with the warning it prints, and
     * {@code compare class} over loopback against three students' servers: one right, one with the ASCII-only bug,
     * one not started.
     */
    private void room() throws Exception {
        write("room-teacher-server", everyInterface("java -jar selector-server/target/selector-server.jar --host"
                + " 0.0.0.0", SelectorSocketListener.class));

        String only = "basic-echo,one-byte-pieces,split-utf8,malformed-utf8,many-clients,early-close";
        Path list = Files.createTempFile("class", ".txt");
        try (EchoServer ana = ServerKind.SELECTOR.start(ServerConfig.loopback().withConsole(line -> { }));
             FakeServer bruno = FakeServer.start(Transcripts::echoOnlyAscii);
             ClosedPort carol = ClosedPort.hold()) {
            Files.writeString(list, """
                    # room 101: one server a line, NAME HOST:PORT
                    ana    127.0.0.1:%d
                    bruno  127.0.0.1:%d
                    carol  127.0.0.1:%d   # not started
                    """.formatted(ana.port(), bruno.port(), carol.port()));
            Transcript graded = command("cat class.txt").anyFreePort();
            graded.addWithTheirPorts(Files.readAllLines(list));
            graded.lines.add("$ java -jar compare/target/compare.jar class --targets class.txt --only " + only
                    + " --junit-xml class-report.xml");
            Path report = Files.createTempFile("class-report", ".xml");
            graded.addWithTheirPorts(printedBy("compare class", CommandLine.EXIT_FAILURE, out -> ClassCommand.run(out,
                    out, "--targets", list.toString(), "--only", only, "--junit-xml", report.toString())));
            check(Files.readString(report).contains("<testsuites>"), "compare class wrote no report");
            Files.delete(report);
            write("room-class", graded);
        } finally {
            Files.delete(list);
        }
    }

    /**
     * A server's main in a JVM of its own on every interface, for as long as it takes to start and say so: then
     * stopped as Ctrl+C does. The port is one the system picked, shown as the default.
     */
    private static Transcript everyInterface(String shown, Class<?> main) throws Exception {
        Transcript transcript = command(shown);
        try (ChildJvm jvm = new ChildJvm()) {
            Process process = jvm.start(main, "--host", "0.0.0.0", "--port", "0");
            process.getOutputStream().close();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8));
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                transcript.lines.add(line);
                Matcher port = Pattern.compile(":(\\d+)$").matcher(line);
                if (line.startsWith("Local address") && port.find()) {
                    transcript.picked(Integer.parseInt(port.group(1)));
                }
                if (line.startsWith("Waiting for a connection")) {
                    break;
                }
            }
            ChildJvm.terminate(process);
            check(process.waitFor(CHILD_LIMIT.toSeconds(), TimeUnit.SECONDS), main.getSimpleName() + " did not exit");
            // The warning names the port without a colon before it: shown as the default, like the other lines.
            String picked = "port " + transcript.picked.getFirst() + " ";
            new String(process.getErrorStream().readAllBytes(), UTF_8).lines()
                    .map(line -> line.replace(picked, "port " + Protocol.DEFAULT_PORT + " "))
                    .forEach(transcript.lines::add);
            out.lines().forEach(transcript.lines::add);
        }
        return transcript;
    }

    // tag::ascii-only[]
    /** A bug that learners write: the server decodes the message as text, and writes back only its ASCII. */
    private static void echoOnlyAscii(Socket socket) throws IOException {
        String text = new String(FakeServer.readMessage(socket), StandardCharsets.US_ASCII);
        socket.getOutputStream().write(text.replaceAll("[^\\x00-\\x7F]", "").getBytes(StandardCharsets.US_ASCII));
        socket.shutdownOutput();
    }
    // end::ascii-only[]

    /** What {@code compare check ARGS} printed, run in this JVM; it picks the ports it prints itself. */
    private static void checked(Transcript transcript, int expectedExit, String... args) {
        transcript.addWithTheirPorts(printedBy("compare check", expectedExit, out -> CheckCommand.run(out, out, args)));
    }

    /** The lines a compare command printed, run in this JVM; it must exit 0. */
    private static List<String> printedBy(String what, ToIntFunction<PrintStream> command) {
        return printedBy(what, CommandLine.EXIT_OK, command);
    }

    /** The lines a compare command printed, run in this JVM; it must exit with {@code expectedExit}. */
    private static List<String> printedBy(String what, int expectedExit, ToIntFunction<PrintStream> command) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit;
        try (PrintStream out = new PrintStream(bytes, true, UTF_8)) {
            exit = command.applyAsInt(out);
        }
        check(exit == expectedExit, what + " exited with " + exit + ", not " + expectedExit + ":\n"
                + bytes.toString(UTF_8));
        return bytes.toString(UTF_8).lines().toList();
    }

    /**
     * Starts {@code kind} on port 0 and lets each client talk to it in turn, waiting after each until the
     * server is quiet, so that one client's lines never mix with the next one's; then closes it.
     */
    private static void serve(ServerKind kind, Transcript transcript, Client... clients) throws Exception {
        try (EchoServer server = kind.start(ServerConfig.loopback().withConsole(transcript.lines::add))) {
            transcript.picked(server.port());
            awaitQuiet(server, transcript.lines);
            for (Client client : clients) {
                client.run(server.port());
                awaitQuiet(server, transcript.lines);
            }
        }
    }

    private static void exchange(ClientKind client, int port, String message, Consumer<String> console)
            throws Exception {
        client.startClient(ClientConfig.loopback(port, message.getBytes(UTF_8)).withConsole(console));
    }

    /** Five bytes of a message, then the end of the stream; returns once the server has closed the connection. */
    private static void leaveBeforeTheMarker(int port) throws IOException {
        try (RawClient client = RawClient.connect(port)) {
            client.send("This ".getBytes(UTF_8)).shutdownOutput();
            check(client.awaitClosedByServer(), "the server did not close a connection that ended before <EOF>");
        }
    }

    /**
     * The server has no connection left and has printed nothing for {@link #QUIET}: every line of the exchanges
     * so far is in, including the listener's next {@code Waiting for a connection...}.
     */
    private static void awaitQuiet(EchoServer server, List<String> lines) {
        AtomicInteger seen = new AtomicInteger(-1);
        await("the server to go quiet").atMost(SETTLE_LIMIT).pollInterval(QUIET)
                .until(() -> seen.getAndSet(lines.size()) == lines.size() && server.openConnections() == 0);
    }

    /** Runs {@code main} in a JVM of its own, with {@code --port port} when {@code port} is not -1. */
    private static Transcript runMain(String shown, Class<?> main, int expectedExit, int port, String... args)
            throws Exception {
        List<String> arguments = new ArrayList<>(List.of(args));
        if (port >= 0) {
            arguments.addAll(List.of("--port", String.valueOf(port)));
        }
        Transcript transcript = command(shown);
        try (ChildJvm jvm = new ChildJvm()) {
            Process process = jvm.start(main, arguments.toArray(String[]::new));
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), UTF_8);
            String err = new String(process.getErrorStream().readAllBytes(), UTF_8);
            check(process.waitFor(CHILD_LIMIT.toSeconds(), TimeUnit.SECONDS), main.getSimpleName() + " did not exit");
            check(process.exitValue() == expectedExit, main.getSimpleName() + " " + arguments + " exited with "
                    + process.exitValue() + ", not " + expectedExit + ":\n" + out + err);
            (out + err).lines().forEach(transcript.lines::add);
        }
        if (port >= 0) {
            transcript.picked(port);
        }
        return transcript;
    }

    private void write(String name, Transcript transcript) throws IOException {
        check(transcript.lines.size() > 1, name + ": the run printed nothing");
        Files.writeString(directory.resolve(name + ".txt"), transcript.text(), UTF_8);
    }

    private static Transcript command(String shown) {
        return new Transcript(shown);
    }

    private static void check(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalStateException(problem);
        }
    }

    /** One client's turn: connects to {@code port} and returns when its exchange is over. */
    @FunctionalInterface
    private interface Client {
        void run(int port) throws Exception;
    }

    /** The command a reader types, then what the console printed; ports and timings normalised on the way out. */
    private static final class Transcript {

        private final List<String> lines = new CopyOnWriteArrayList<>();
        private final List<Integer> picked = new ArrayList<>();
        private boolean anyFreePort;

        Transcript(String shown) {
            lines.add("$ " + shown);
        }

        /** Where a client's console goes; the port it connects to is one the system picked. */
        Consumer<String> console(int port) {
            picked(port);
            return lines::add;
        }

        /** Lines a command printed that picked its ports itself: every loopback port in them is one it picked. */
        void addWithTheirPorts(List<String> printed) {
            for (String line : printed) {
                Matcher address = LOOPBACK_PORT.matcher(line);
                while (address.find()) {
                    picked(Integer.parseInt(address.group(1)));
                }
                lines.add(line);
            }
        }

        void picked(int port) {
            if (!picked.contains(port)) {
                picked.add(port);
            }
        }

        /** The shown command asks for any free port: show each picked port as 40001, 40002... */
        Transcript anyFreePort() {
            anyFreePort = true;
            return this;
        }

        String text() {
            StringBuilder text = new StringBuilder();
            for (String line : lines) {
                text.append(normalised(line)).append('\n');
            }
            return text.toString();
        }

        private String normalised(String line) {
            String result = line;
            for (int i = 0; i < picked.size(); i++) {
                int shownPort = anyFreePort ? 40_001 + i : Protocol.DEFAULT_PORT;
                result = result.replaceAll(":" + picked.get(i) + "\\b", ":" + shownPort);
            }
            Matcher millis = MILLIS.matcher(result);
            StringBuilder rounded = new StringBuilder();
            while (millis.find()) {
                String number = millis.group(1);
                long hundreds = Math.round(Long.parseLong(number) / 100.0) * 100;
                String shown = String.format("%" + number.length() + "d", hundreds);
                millis.appendReplacement(rounded, shown + millis.group(2));
            }
            millis.appendTail(rounded);
            return rounded.toString();
        }
    }
}
