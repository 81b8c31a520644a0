package dev.socketsamples.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.socketsamples.compare.check.ContractCheck;
import dev.socketsamples.compare.check.Outcome;
import dev.socketsamples.compare.check.Target;
import dev.socketsamples.shared.EchoServer;
import dev.socketsamples.shared.ServerConfig;
import java.time.Duration;

/** A server of the suite in this JVM as the contract checks see it: the wire, and what only this JVM can tell. */
final class InProcess {

    private static final Duration BOUND = Duration.ofSeconds(60);

    private InProcess() {
    }

    /** {@code server}, started with {@code config}, whose open connections a check can wait for and which it can stop. */
    static Target target(EchoServer server, ServerConfig config) {
        return new Target(server.localAddress(), config.maxMessageBytes(), config.idleTimeout(), new Target.Control() {
            @Override
            public void awaitOpenConnections(int count) {
                await().atMost(BOUND).until(() -> server.openConnections() >= count);
            }

            @Override
            public boolean canStop() {
                return true;
            }

            @Override
            public String stop() {
                server.close();
                return null;
            }
        });
    }

    /** Runs {@code check} and fails with its line unless it passed. */
    static Outcome assertPasses(ContractCheck check, Target target) {
        Outcome outcome = check.run(target);
        assertThat(outcome.passed()).as(outcome.line()).isTrue();
        return outcome;
    }
}
