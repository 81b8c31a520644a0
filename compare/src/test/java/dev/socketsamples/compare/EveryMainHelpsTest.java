package dev.socketsamples.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketsamples.shared.testing.ChildJvm;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every main's {@code --help}, in a JVM of its own: the usage line names the program, and it exits 0. */
class EveryMainHelpsTest {

    private static final List<String> SERVER_OPTIONS = List.of("--host", "--port", "--backlog",
            "--max-message-bytes", "--memory-budget", "--idle-timeout");
    private static final List<String> CLIENT_OPTIONS = List.of("--host", "--port", "--message", "--timeout");

    @RegisterExtension
    final ChildJvm jvm = new ChildJvm();

    /** One row a main: the kinds of one server differ in their options, not in their help. */
    static List<Arguments> mains() {
        return List.of(
                Arguments.of("sync-server", ServerKind.SYNC_ONE_AT_A_TIME.mainClass(), SERVER_OPTIONS),
                Arguments.of("async-server", ServerKind.ASYNC_CALLBACKS.mainClass(), SERVER_OPTIONS),
                Arguments.of("selector-server", ServerKind.SELECTOR.mainClass(), SERVER_OPTIONS),
                Arguments.of("sync-client", ClientKind.SYNC.mainClass(), CLIENT_OPTIONS),
                Arguments.of("async-client", ClientKind.ASYNC_CALLBACKS.mainClass(), CLIENT_OPTIONS),
                Arguments.of("future-client", ClientKind.ASYNC_FUTURE.mainClass(), CLIENT_OPTIONS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mains")
    void helpNamesTheProgramListsItsOptionsAndExits0(String program, Class<?> mainClass, List<String> options)
            throws Exception {
        ChildJvm.Exited help = jvm.run(mainClass, "--help");

        assertThat(help.code()).isZero();
        assertThat(help.stdout()).anyMatch(line -> line.startsWith("usage: " + program + " "));
        assertThat(String.join("\n", help.stdout())).contains(options);
        assertThat(help.stderr()).isEmpty();
    }
}
