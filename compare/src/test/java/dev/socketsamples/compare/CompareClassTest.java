package dev.socketsamples.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketsamples.compare.check.ClassCommand;
import dev.socketsamples.compare.check.ContractCheck;
import dev.socketsamples.shared.CommandLine;
import dev.socketsamples.shared.EchoServer;
import dev.socketsamples.shared.ServerConfig;
import dev.socketsamples.shared.testing.ClosedPort;
import dev.socketsamples.shared.testing.FakeServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code compare class} as a teacher runs it: a class list of servers, good, broken and not started, graded into
 * one table with a row each and one JUnit XML report with a testsuite each.
 */
class CompareClassTest {

    private static final String ONLY = "basic-echo,one-byte-pieces,split-utf8,early-close";

    @TempDir
    Path directory;

    @Test
    void aClassListIsGradedOneRowPerStudentAndOneTestsuitePerStudent() throws Exception {
        Path report = directory.resolve("class.xml");
        Path list = directory.resolve("class.txt");
        try (EchoServer good = ServerKind.SELECTOR.start(ServerConfig.loopback());
             FakeServer readsOnce = FakeServer.start(CompareCheckTest.READS_ONCE);
             ClosedPort nothingListening = ClosedPort.hold()) {
            Files.writeString(list, """
                    # room 101, Thursday
                    ana    127.0.0.1:%d
                    bruno  127.0.0.1:%d   # reads once

                    127.0.0.1:%d
                    """.formatted(good.port(), readsOnce.port(), nothingListening.port()));

            Printed graded = Printed.into((out, err) -> ClassCommand.run(out, err, "--targets", list.toString(),
                    "--only", ONLY, "--junit-xml", report.toString()));

            assertThat(graded.exitCode()).as(graded.out()).isEqualTo(CommandLine.EXIT_FAILURE);
            List<String> lines = graded.out().lines().toList();
            assertThat(lines.getFirst()).startsWith("Grading 3 students").endsWith(": 4 checks each");
            assertThat(lines.get(1)).matches("STUDENT +SERVER +PASS  FAIL  SKIP  FIRST FAILURE");
            assertThat(lines.get(2)).matches("ana +127\\.0\\.0\\.1:" + good.port() + " +4 +0 +0");
            assertThat(lines.get(3)).matches("bruno +127\\.0\\.0\\.1:" + readsOnce.port() + " +1 +3 +0 +one-byte-pieces: "
                    + java.util.regex.Pattern.quote(ContractCheck.ONE_BYTE_PIECES.hint()));
            assertThat(lines.get(4)).matches("127\\.0\\.0\\.1:\\d+ +127\\.0\\.0\\.1:\\d+ +0 +1 +0 +connect: cannot connect"
                    + " to 127\\.0\\.0\\.1:\\d+: connection refused");
            assertThat(lines.getLast()).isEqualTo("1 of 3 students passed every check");
            assertThat(graded.err()).isEmpty();
            assertThat(good.openConnections()).as("the good server still serves, nothing left open").isZero();

            Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile());
            assertThat(xml.getDocumentElement().getTagName()).isEqualTo("testsuites");
            NodeList suites = xml.getElementsByTagName("testsuite");
            assertThat(suites.getLength()).isEqualTo(3);
            assertThat(((Element) suites.item(0)).getAttribute("failures")).isEqualTo("0");
            assertThat(((Element) suites.item(1)).getAttribute("name")).startsWith("compare check bruno 127.0.0.1:");
            assertThat(((Element) suites.item(1)).getAttribute("failures")).isEqualTo("3");
            Element connect = (Element) ((Element) suites.item(2)).getElementsByTagName("testcase").item(0);
            assertThat(connect.getAttribute("name")).isEqualTo("connect");
            assertThat(((Element) connect.getElementsByTagName("failure").item(0)).getAttribute("message"))
                    .isEqualTo(ClassCommand.CONNECT_HINT);
        }
    }

    @Test
    void serversGradedAtOnceAreReportedInTheOrderGiven() throws Exception {
        try (FakeServer first = FakeServer.start(CompareCheckTest.READS_ONCE);
             EchoServer second = ServerKind.ASYNC_CALLBACKS.start(ServerConfig.loopback())) {
            Printed graded = Printed.into((out, err) -> ClassCommand.run(out, err, "127.0.0.1:" + first.port(),
                    "127.0.0.1:" + second.port(), "--parallel", "2", "--only", "one-byte-pieces,basic-echo"));

            List<String> lines = graded.out().lines().toList();
            assertThat(graded.exitCode()).as(graded.out()).isEqualTo(CommandLine.EXIT_FAILURE);
            assertThat(lines.get(2)).matches("127\\.0\\.0\\.1:" + first.port() + " +127\\.0\\.0\\.1:\\d+ +1 +1 +0"
                    + " +one-byte-pieces: .*");
            assertThat(lines.get(3)).matches("127\\.0\\.0\\.1:" + second.port() + " +127\\.0\\.0\\.1:\\d+ +2 +0 +0");
            assertThat(lines.getLast()).isEqualTo("1 of 2 students passed every check");
        }
    }

    // tag::folders[]
    @Test
    @DisabledOnOs(OS.WINDOWS) // the stand-in wrapper is a shell script
    void eachCloneIsGradedByItsLabsGraderAndItsLinesBecomeTheRow() throws Exception {
        Path ana = clone("ana", "Lab 1: read until the marker: all 6 checks pass.", 0);
        Path bruno = clone("bruno", """
                Lab 1: read until the marker: 1 of 3 checks pass.
                  pass  a message that arrives in one read is echoed
                  FAIL  a message in pieces is echoed whole once its marker has come
                  FAIL  a long message takes several reads and comes back byte for byte
                Next: a message in pieces is echoed whole once its marker has come
                  The echo stopped at the first read: keep reading until the marker.
                [ERROR] Failed to execute goal org.codehaus.mojo:exec-maven-plugin:3.6.4:exec (grade) on project labs""", 1);
        Path carol = clone("carol", """
                [ERROR] COMPILATION ERROR :\s
                [ERROR] /home/carol/labs/lab1/SynchronousSocketListener.java:[56,35] ';' expected
                [ERROR]\s
                [ERROR]   mvn <args> -rf :labs""", 1);
        Path report = directory.resolve("class.xml");

        Printed graded = Printed.into((out, err) -> ClassCommand.run(out, err, "--lab", "1", ana.toString(),
                bruno.toString(), carol.toString(), "--junit-xml", report.toString()));

        assertThat(graded.exitCode()).as(graded.out()).isEqualTo(CommandLine.EXIT_FAILURE);
        List<String> lines = graded.out().lines().toList();
        assertThat(lines.getFirst()).isEqualTo("Grading 3 clones with lab 1's grader");
        assertThat(lines.get(1)).matches("STUDENT +CLONE +PASS  FAIL  SKIP  FIRST FAILURE");
        assertThat(lines.get(2)).matches("ana +\\S+ +1 +0 +0");
        assertThat(lines.get(3)).matches("bruno +\\S+ +1 +2 +0 +a message in pieces is echoed whole once its marker"
                + " has come: The echo stopped at the first read: keep reading until the marker\\.");
        assertThat(lines.get(4)).matches("carol +\\S+ +0 +1 +0 +build: exit 1: /home/carol/labs/lab1/SynchronousSocketListener\\.java:\\[56,35\\]"
                + " ';' expected");
        assertThat(lines.getLast()).isEqualTo("1 of 3 students passed every check");
        assertThat(Files.readString(ana.resolve("args.txt")).strip()).isEqualTo("-q -pl labs -am verify -Dlab=1");
        assertThat(Files.readString(report)).contains("name=\"compare check bruno ", "failures=\"2\"");
    }
    // end::folders[]

    @Test
    void aFolderWithoutTheLabIsAUsageError() {
        Printed graded = Printed.into((out, err) -> ClassCommand.run(out, err, directory.toString()));

        assertThat(graded.exitCode()).isEqualTo(CommandLine.EXIT_USAGE);
        assertThat(graded.err()).startsWith("compare class: grading the folder '" + directory + "' needs --lab N");
    }

    /** A stand-in clone: its mvnw records its arguments, prints what a grader would, and exits {@code exit}. */
    private Path clone(String name, String printed, int exit) throws Exception {
        Path folder = Files.createDirectories(directory.resolve(name));
        Path wrapper = Files.writeString(folder.resolve("mvnw"), "#!/bin/sh\necho \"$@\" > args.txt\ncat <<'END'\n"
                + printed + "\nEND\nexit " + exit + "\n");
        assertThat(wrapper.toFile().setExecutable(true)).isTrue();
        return folder;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ''                                 | say whom to grade: HOST:PORT ..., --targets FILE or --lab N FOLDER ..., one of them
            127.0.0.1:0                        | --target needs a port from 1 to 65535, got '127.0.0.1:0'
            127.0.0.1:11000 --parallel 0       | --parallel needs a whole number from 1 to 100, got '0'
            127.0.0.1:11000 --only nope        | --only needs names among
            --targets /no/such/class.txt       | --targets: no such file '/no/such/class.txt'
            """)
    void aBadCommandLineSaysWhatIsWrongInOneLineAndExits2(String args, String problem) {
        Printed graded = Printed.into((out, err) -> ClassCommand.run(out, err,
                args.isEmpty() ? new String[0] : args.split(" ")));

        assertThat(graded.exitCode()).isEqualTo(CommandLine.EXIT_USAGE);
        assertThat(graded.err().lines().toList().getFirst()).startsWith("compare class: " + problem);
        assertThat(graded.err().lines()).hasSize(2).last().asString().startsWith("usage: compare class");
        assertThat(graded.out()).isEmpty();
    }

    @Test
    void aClassListLineWithThreeWordsIsNamedByItsNumber() throws Exception {
        Path list = Files.writeString(directory.resolve("class.txt"), "ana 127.0.0.1:11000\nana b 127.0.0.1:11001\n");

        Printed graded = Printed.into((out, err) -> ClassCommand.run(out, err, "--targets", list.toString()));

        assertThat(graded.exitCode()).isEqualTo(CommandLine.EXIT_USAGE);
        assertThat(graded.err()).startsWith("compare class: " + list + " line 2: needs HOST:PORT or NAME HOST:PORT,"
                + " got 'ana b 127.0.0.1:11001'");
    }

    @Test
    void helpListsEveryOptionAndExits0() {
        Printed help = Printed.by(() -> Compare.run("class", "--help"));

        assertThat(help.exitCode()).isEqualTo(CommandLine.EXIT_OK);
        assertThat(help.out()).contains("--targets FILE", "--only NAME,...", "--parallel N", "--junit-xml FILE",
                "--idle-timeout SECONDS", "--max-message-bytes N");
    }
}
