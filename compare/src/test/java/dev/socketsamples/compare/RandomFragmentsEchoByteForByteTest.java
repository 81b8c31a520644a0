package dev.socketsamples.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketsamples.shared.EchoServer;
import dev.socketsamples.shared.ServerConfig;
import dev.socketsamples.shared.testing.RawClient;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * However the bytes are cut on the way, every server finds the marker and echoes byte for byte: random
 * messages, cut into random fragments by a raw socket, seeded so that a failure can be replayed.
 */
class RandomFragmentsEchoByteForByteTest {

    private static final int CASES_PER_SERVER = 1000;

    // tag::random-fragments[]
    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerKind.class)
    void randomMessagesInRandomFragmentsComeBackByteForByte(ServerKind kind) throws Exception {
        Random random = new Random(11000L + kind.ordinal());
        try (EchoServer server = kind.start(ServerConfig.loopback())) {
            for (int run = 0; run < CASES_PER_SERVER; run++) {
                byte[] message = Messages.binary(random.nextInt(3000), random.nextLong());

                byte[] echo;
                try (RawClient client = RawClient.connect(server.port())) {
                    int start = 0;
                    while (start < message.length) {
                        int length = Math.min(message.length - start, 1 + random.nextInt(1500));
                        client.send(Arrays.copyOfRange(message, start, start + length));
                        start += length;
                    }
                    echo = client.readToEnd();
                }

                assertThat(echo).as("case %d of %s", run, kind).isEqualTo(message);
            }
        }
    }
    // end::random-fragments[]
}
