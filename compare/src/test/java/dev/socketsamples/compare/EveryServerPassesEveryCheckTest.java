package dev.socketsamples.compare;

import static dev.socketsamples.compare.InProcess.assertPasses;

import dev.socketsamples.compare.check.ContractCheck;
import dev.socketsamples.shared.EchoServer;
import dev.socketsamples.shared.ServerConfig;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every server of the suite against every contract check that {@code compare check} runs, from the one list in
 * {@link ContractCheck}: a check added there runs here too. The checks whose server side shows more (a console
 * line, the open connections) run in {@link EveryServerSurvivesBadInputTest}, which asserts that as well.
 */
class EveryServerPassesEveryCheckTest {

    /** The checks that {@link EveryServerSurvivesBadInputTest} runs, each with the server's own line. */
    static final Set<ContractCheck> WITH_THE_SERVERS_LINE = EnumSet.of(ContractCheck.EARLY_CLOSE, ContractCheck.RESET,
            ContractCheck.OVER_THE_LIMIT, ContractCheck.IDLE_TIMEOUT, ContractCheck.BURST_OF_CONNECTS,
            ContractCheck.MALFORMED_UTF8);

    private EchoServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    static List<Arguments> pairings() {
        List<Arguments> pairings = new ArrayList<>();
        for (ServerKind kind : ServerKind.values()) {
            for (ContractCheck check : ContractCheck.values()) {
                if (!WITH_THE_SERVERS_LINE.contains(check)) {
                    pairings.add(Arguments.of(kind, check));
                }
            }
        }
        return pairings;
    }

    // tag::every-check[]
    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("pairings")
    void everyServerPassesTheCheck(ServerKind kind, ContractCheck check) throws Exception {
        ServerConfig config = ServerConfig.loopback();
        server = kind.start(config);

        assertPasses(check, InProcess.target(server, config));
    }
    // end::every-check[]
}
