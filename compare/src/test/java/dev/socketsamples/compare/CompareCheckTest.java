package dev.socketsamples.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketsamples.compare.check.CheckCommand;
import dev.socketsamples.compare.check.ClientCheck;
import dev.socketsamples.compare.check.ContractCheck;
import dev.socketsamples.shared.CommandLine;
import dev.socketsamples.shared.EchoServer;
import dev.socketsamples.shared.ServerConfig;
import dev.socketsamples.shared.testing.ClosedPort;
import dev.socketsamples.shared.testing.FakeServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code compare check} as a learner runs it: every server of the suite passes it from the command line, and
 * three deliberately broken servers fail it on the checks that their defect breaks, with one line each.
 */
class CompareCheckTest {

    private static final List<String> LABELS = Arrays.stream(ContractCheck.values()).map(ContractCheck::label)
            .toList();

    /** Reads once and echoes that read: a server that takes one read for a message. */
    static final FakeServer.Behaviour READS_ONCE = socket -> {
        byte[] chunk = new byte[64 * 1024];
        int n = socket.getInputStream().read(chunk);
        socket.getOutputStream().write(chunk, 0, Math.max(n, 0));
        socket.shutdownOutput();
    };

    /** Echoes only the ASCII bytes: a server that decodes, cleans and re-encodes the text. */
    static final FakeServer.Behaviour ECHOES_ONLY_ASCII = socket -> {
        ByteArrayOutputStream ascii = new ByteArrayOutputStream();
        for (byte b : FakeServer.readMessage(socket)) {
            if (b >= 0) {
                ascii.write(b);
            }
        }
        socket.getOutputStream().write(ascii.toByteArray());
        socket.shutdownOutput();
    };

    @TempDir
    Path directory;

    // tag::every-server[]
    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerKind.class)
    void everyServerOfTheSuitePassesEveryCheckFromTheCommandLine(ServerKind kind) {
        List<String> server = new ArrayList<>(List.of(java(), "-cp", "\"" + System.getProperty("java.class.path")
                + "\"", kind.mainClass().getName(), "--port", "{port}", "--idle-timeout", "1"));
        server.addAll(kind.mainOptions());

        Printed check = Printed.by(() -> Compare.run("check", "--server", String.join(" ", server),
                "--idle-timeout", "1"));

        assertThat(check.exitCode()).as(check.out()).isEqualTo(CommandLine.EXIT_OK);
        assertThat(results(check)).containsExactlyElementsOf(LABELS.stream().map(label -> "PASS " + label).toList());
        assertThat(check.out().lines().toList().getLast()).isEqualTo(LABELS.size() + " passed, 0 failed");
    }
    // end::every-server[]

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @Execution(ExecutionMode.CONCURRENT) // every client at once: each mostly waits for a scripted server's timeout
    void everyClientOfTheSuitePassesEveryClientCheck(ClientKind kind) {
        String client = String.join(" ", java(), "-cp", "\"" + System.getProperty("java.class.path") + "\"",
                kind.mainClass().getName(), "--port", "{port}");

        Printed check = Printed.into((out, err) -> CheckCommand.run(out, err, "--client", client));

        assertThat(check.exitCode()).as(check.out()).isEqualTo(CommandLine.EXIT_OK);
        assertThat(results(check)).containsExactly("PASS echo", "PASS nothing-listening", "PASS never-reads",
                "PASS drips", "PASS closes-early", "PASS wrong-echo");
        assertThat(check.out().lines().toList().getLast()).isEqualTo("6 passed, 0 failed");
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT) // beside the clients above: it waits out two scripted servers
    void aClientWhoseTimeoutIsTooLongFailsAgainstTheServersThatNeverReadOrDripAndIsStopped() {
        String client = String.join(" ", java(), "-cp", "\"" + System.getProperty("java.class.path") + "\"",
                ClientKind.SYNC.mainClass().getName(), "--port", "{port}", "--timeout", "60");

        Printed check = Printed.into((out, err) -> CheckCommand.run(out, err, "--client", client, "--only",
                "drips,echo,never-reads"));

        assertThat(check.exitCode()).isEqualTo(CommandLine.EXIT_FAILURE);
        assertThat(results(check)).containsExactly("PASS echo", "FAIL never-reads", "FAIL drips");
        assertThat(check.out()).contains("got still running after 15 s, stopped");
        assertThat(check.out().lines()).contains("Next: never-reads: " + ClientCheck.NEVER_READS.hint());
    }

    @Test
    void aServerRunningElsewhereIsCheckedFromOutsideAndItsStopIsSkipped() throws Exception {
        try (EchoServer server = ServerKind.SELECTOR.start(ServerConfig.loopback().withIdleTimeout(Duration.ofSeconds(1)))) {
            Printed check = Printed.by(() -> Compare.run("check", "--target", "127.0.0.1:" + server.port(),
                    "--idle-timeout", "1"));

            assertThat(check.exitCode()).as(check.out()).isEqualTo(CommandLine.EXIT_OK);
            assertThat(results(check)).last().isEqualTo("SKIP server-gone");
            assertThat(check.out().lines().toList().getLast())
                    .isEqualTo((LABELS.size() - 1) + " passed, 0 failed, 1 skipped");
            assertThat(server.openConnections()).as("the server is still serving, with nothing left open").isZero();
        }
    }

    // tag::broken[]
    @Test
    void aServerThatReadsOnceFailsWhereTheMessageComesInPiecesAndTheReportSaysSo() throws Exception {
        Path report = directory.resolve("reads-once.xml");
        try (FakeServer readsOnce = FakeServer.start(READS_ONCE)) {
            Printed check = Printed.by(() -> Compare.run("check", "--target", "127.0.0.1:" + readsOnce.port(),
                    "--idle-timeout", "1", "--junit-xml", report.toString()));

            assertThat(check.exitCode()).isEqualTo(CommandLine.EXIT_FAILURE);
            assertThat(results(check)).contains("PASS basic-echo", "PASS malformed-utf8", "PASS empty-message",
                    "FAIL one-byte-pieces", "FAIL split-marker", "FAIL large-message", "FAIL early-close");
            assertThat(check.out()).contains("FAIL one-byte-pieces    sent \"This is a test<EOF>\" (19 bytes) in 19"
                    + " writes; got \"T\" (1 byte), then a ");
            assertThat(check.out().lines()).contains("Next: one-byte-pieces: "
                    + ContractCheck.ONE_BYTE_PIECES.hint());
            assertThat(check.err()).isEmpty();
            assertJunitXml(report, check);
        }
    }

    @Test
    void aServerThatNeverClosesFailsEveryEchoThoughTheBytesAreRight() throws Exception {
        try (FakeServer neverCloses = FakeServer.start(FakeServer.ECHO_AND_STAY_OPEN)) {
            Printed check = Printed.by(() -> Compare.run("check", "--target", "127.0.0.1:" + neverCloses.port(),
                    "--only", "empty-message,basic-echo"));

            assertThat(check.exitCode()).isEqualTo(CommandLine.EXIT_FAILURE);
            assertThat(results(check)).containsExactly("FAIL basic-echo", "FAIL empty-message");
            assertThat(check.out()).contains("got the echo, but the connection stayed open 2 s after it");
            assertThat(check.out().lines().toList().getLast()).isEqualTo("0 passed, 2 failed");
        }
    }

    @Test
    void aServerThatEchoesOnlyAsciiFailsOnUtf8AndOnMalformedBytes() throws Exception {
        try (FakeServer asciiOnly = FakeServer.start(ECHOES_ONLY_ASCII)) {
            Printed check = Printed.by(() -> Compare.run("check", "--target", "127.0.0.1:" + asciiOnly.port(),
                    "--only", "basic-echo,split-marker,split-utf8,malformed-utf8,bytes-after-marker"));

            assertThat(check.exitCode()).isEqualTo(CommandLine.EXIT_FAILURE);
            assertThat(results(check)).containsExactly("PASS basic-echo", "PASS split-marker", "FAIL split-utf8",
                    "FAIL malformed-utf8", "PASS bytes-after-marker");
            assertThat(check.out()).contains("got \"ok<EOF>\" (7 bytes), then a close: other bytes from byte 2 on");
            assertThat(check.out().lines()).contains("Next: split-utf8: " + ContractCheck.SPLIT_UTF8.hint());
        }
    }
    // end::broken[]

    @Test
    void aTargetThatIsNotAnEchoServerFailsInOneLineEach() throws Exception {
        try (FakeServer junk = FakeServer.start(FakeServer.answering(Messages.text("junk")))) {
            Printed check = Printed.by(() -> Compare.run("check", "--target", "127.0.0.1:" + junk.port(),
                    "--only", "basic-echo"));

            assertThat(check.exitCode()).isEqualTo(CommandLine.EXIT_FAILURE);
            assertThat(check.out().lines()).contains("FAIL basic-echo         sent \"This is a test<EOF>\" (19 bytes);"
                    + " got \"junk<EOF>\" (9 bytes), then a close: other bytes from byte 0 on; hint: "
                    + ContractCheck.BASIC_ECHO.hint());
        }
    }

    @Test
    void aServerThatHangsFailsTheCheckAndTheRunEnds() throws Exception {
        try (FakeServer hangs = FakeServer.start(FakeServer.NEVER_READS)) {
            Printed check = Printed.by(() -> Compare.run("check", "--target", "127.0.0.1:" + hangs.port(),
                    "--only", "basic-echo"));

            assertThat(check.exitCode()).isEqualTo(CommandLine.EXIT_FAILURE);
            assertThat(check.out()).contains("got nothing, and the connection stayed open");
        }
    }

    @Test
    void nothingListeningIsOneLineAndExitCode1() throws Exception {
        try (ClosedPort nobody = ClosedPort.hold()) {
            int port = nobody.port();

            Printed check = Printed.by(() -> Compare.run("check", "--target", "127.0.0.1:" + port));

            assertThat(check.exitCode()).isEqualTo(CommandLine.EXIT_FAILURE);
            assertThat(check.err().lines()).containsExactly("compare check: cannot connect to 127.0.0.1:" + port
                    + ": connection refused");
            assertThat(check.out()).isEmpty();
        }
    }

    @Test
    void aServerCommandThatExitsBeforeListeningIsOneLineWithItsLastWords() {
        String server = String.join(" ", java(), "-cp", "\"" + System.getProperty("java.class.path") + "\"",
                ServerKind.SELECTOR.mainClass().getName(), "--port", "{port}", "--backlog", "none");

        Printed check = Printed.by(() -> Compare.run("check", "--server", server));

        assertThat(check.exitCode()).isEqualTo(CommandLine.EXIT_FAILURE);
        assertThat(check.err().lines()).singleElement().asString()
                .startsWith("compare check: the server command exited with code 2 before listening on 127.0.0.1:")
                .contains("; it printed: usage: ");
    }

    @Test
    void aServerCommandThatCannotRunIsOneLine() {
        Printed check = Printed.by(() -> Compare.run("check", "--server", "no-such-server-command --port {port}"));

        assertThat(check.exitCode()).isEqualTo(CommandLine.EXIT_FAILURE);
        assertThat(check.err().lines()).containsExactly(
                "compare check: cannot run 'no-such-server-command': No such file or directory");
    }

    @Test
    @EnabledOnOs(value = OS.LINUX, disabledReason = "Linux routes a connect to 0.0.0.0 to the loopback interface")
    void aTargetThatIsNotLoopbackGetsOneWarningLine() throws Exception {
        try (FakeServer echo = FakeServer.start(FakeServer.ECHO)) {
            Printed check = Printed.by(() -> Compare.run("check", "--target", "0.0.0.0:" + echo.port(), "--only",
                    "basic-echo"));

            assertThat(check.exitCode()).isEqualTo(CommandLine.EXIT_OK);
            assertThat(check.err().lines()).singleElement().asString()
                    .startsWith("compare check: warning: 0.0.0.0:" + echo.port() + " is not a loopback address");
        }
    }

    @Test
    void helpListsEveryCheckInOrder() {
        Printed help = Printed.by(() -> Compare.run("check", "--help"));

        assertThat(help.exitCode()).isEqualTo(CommandLine.EXIT_OK);
        assertThat(help.out().lines().dropWhile(line -> !line.equals("The checks of a server, in order:")).skip(1)
                .takeWhile(line -> !line.isEmpty()).map(line -> line.strip().split(" ")[0]))
                .containsExactlyElementsOf(LABELS);
        assertThat(help.out().lines().dropWhile(line -> !line.startsWith("The checks of a client")).skip(1)
                .map(line -> line.strip().split(" ")[0]))
                .containsExactly("echo", "nothing-listening", "never-reads", "drips", "closes-early", "wrong-echo");
        assertThat(help.err()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''                                        | say what to check: --target HOST:PORT, --server COMMAND or --client COMMAND, one of them",
            "--target 127.0.0.1                        | --target needs HOST:PORT, got '127.0.0.1'",
            "--target 127.0.0.1:70000                  | --target needs a port from 1 to 65535, got '127.0.0.1:70000'",
            "--target 127.0.0.1:1 --server x{port}     | say what to check: --target HOST:PORT, --server COMMAND or --client COMMAND, one of them",
            "--target 127.0.0.1:1 --target 127.0.0.1:2 | --target is given twice",
            "--server server.py                        | --server needs {port} where the command takes its port, got 'server.py'",
            "--target 127.0.0.1:1 --only basic,reset   | --only needs names among " + "basic-echo,one-byte-pieces,"
                    + "split-marker,split-utf8,malformed-utf8,empty-message,bytes-after-marker,large-message,"
                    + "many-clients,early-close,reset,idle-timeout,over-the-limit,burst-of-connects,server-gone,"
                    + " got 'basic'",
            "--target 127.0.0.1:1 --idle-timeout 0     | --idle-timeout needs at least 0.001 seconds, got '0'",
            "--target 127.0.0.1:1 --fast               | unknown option --fast",
            "--target 127.0.0.1:1 --junit-xml          | --junit-xml needs a value"})
    void aBadCommandLineIsOneLineTheUsageAndExitCode2(String args, String problem) {
        String[] words = args.isEmpty() ? new String[] {"check"}
                : ("check " + args).split(" ");

        Printed check = Printed.by(() -> Compare.run(words));

        assertThat(check.exitCode()).isEqualTo(CommandLine.EXIT_USAGE);
        assertThat(check.err().lines()).containsExactly("compare check: " + problem, "usage: compare check (--target"
                + " HOST:PORT | --server \"COMMAND ... {port} ...\" | --client \"COMMAND ... {port} ...\") [--only NAME,...]"
                + " [--max-message-bytes N]"
                + " [--idle-timeout SECONDS] [--junit-xml FILE] [--help]");
        assertThat(check.out()).isEmpty();
    }

    /** The JUnit XML, read back with the JDK's parser: one testcase per check, a failure where the line says FAIL. */
    private static void assertJunitXml(Path report, Printed check) throws Exception {
        Document xml;
        try (InputStream in = Files.newInputStream(report)) {
            xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
        Element suite = xml.getDocumentElement();
        assertThat(suite.getTagName()).isEqualTo("testsuite");
        NodeList testcases = suite.getElementsByTagName("testcase");
        List<Element> cases = IntStream.range(0, testcases.getLength()).mapToObj(i -> (Element) testcases.item(i))
                .toList();
        assertThat(cases).extracting(testcase -> testcase.getAttribute("name")).containsExactlyElementsOf(LABELS);
        List<String> failedInTheReport = cases.stream()
                .filter(testcase -> testcase.getElementsByTagName("failure").getLength() == 1)
                .map(testcase -> "FAIL " + testcase.getAttribute("name")).toList();
        assertThat(failedInTheReport).isNotEmpty()
                .containsExactlyElementsOf(results(check).stream().filter(line -> line.startsWith("FAIL")).toList());
        assertThat(suite.getAttribute("tests")).isEqualTo(String.valueOf(LABELS.size()));
        assertThat(suite.getAttribute("failures")).isEqualTo(String.valueOf(failedInTheReport.size()));
        Element firstFailure = (Element) suite.getElementsByTagName("failure").item(0);
        assertThat(firstFailure.getAttribute("message")).isEqualTo(ContractCheck.ONE_BYTE_PIECES.hint());
        assertThat(firstFailure.getTextContent()).startsWith("sent \"This is a test<EOF>\" (19 bytes) in 19 writes\ngot ");
    }

    /** Each check's line as verdict and name: {@code PASS basic-echo}. */
    private static List<String> results(Printed check) {
        return check.out().lines().filter(line -> line.matches("(PASS|FAIL|SKIP) .*"))
                .map(line -> String.join(" ", Arrays.copyOf(line.split(" +"), 2))).toList();
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElseThrow();
    }

}
