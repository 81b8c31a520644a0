package dev.socketsamples.labs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The labs' servers by hand: a port that is taken is the suite's one line and exit 1, not a stack trace. */
class TryItTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"sync-server, dev.socketsamples.labs.lab1.SynchronousSocketListener", // the sample's main, cut
            "sync-server, dev.socketsamples.labs.lab2.SynchronousSocketListener",
            "async-server, dev.socketsamples.labs.lab3.AsynchronousSocketListener"})
    void aPortThatIsTakenIsOneLineAndExitOne(String program, String main) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), main, "--port", String.valueOf(port)).start();
            try {
                assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("%s ended on a port that is taken", main).isTrue();
                List<String> errors = lines(server.getErrorStream().readAllBytes());

                assertThat(errors).as("what %s printed on standard error", main).containsExactly(program
                        + ": cannot listen on 127.0.0.1:" + port + ": address already in use; is another server"
                        + " running? choose another port with --port");
                assertThat(server.exitValue()).isEqualTo(1);
            } finally {
                server.destroyForcibly();
                server.waitFor();
            }
        }
    }

    private static List<String> lines(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8).lines().toList();
    }
}
