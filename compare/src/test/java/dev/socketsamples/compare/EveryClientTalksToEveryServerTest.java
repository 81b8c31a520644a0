package dev.socketsamples.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketsamples.shared.ClientConfig;
import dev.socketsamples.shared.EchoServer;
import dev.socketsamples.shared.Protocol;
import dev.socketsamples.shared.ServerConfig;
import dev.socketsamples.shared.StateObject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Any client works against any server: one protocol, byte-identical echoes for every pairing. */
class EveryClientTalksToEveryServerTest {

    private static final Map<ServerKind, EchoServer> SERVERS = new EnumMap<>(ServerKind.class);

    @BeforeAll
    static void startEveryServer() throws Exception {
        for (ServerKind kind : ServerKind.values()) {
            SERVERS.put(kind, kind.start(ServerConfig.loopback()));
        }
    }

    @AfterAll
    static void stopEveryServer() {
        SERVERS.values().forEach(EchoServer::close);
        SERVERS.clear();
    }

    static List<Named<byte[]>> messages() {
        return List.of(
                Named.of("plain ASCII", Messages.text("This is a test")),
                Named.of("UTF-8 straddling the 1024-byte buffer", Messages.straddlingTheBuffer()),
                Named.of("arbitrary binary bytes", Messages.binary(5000, 42)),
                Named.of("the empty message", Messages.text("")),
                Named.of("exactly the buffer size", Messages.ofLength(StateObject.BUFFER_SIZE)),
                Named.of("one byte under the maximum size", Messages.ofLength(Protocol.DEFAULT_MAX_MESSAGE_BYTES - 1)));
    }

    static List<Arguments> pairings() {
        List<Arguments> pairings = new ArrayList<>();
        for (ServerKind server : ServerKind.values()) {
            for (ClientKind client : ClientKind.values()) {
                for (Named<byte[]> message : messages()) {
                    pairings.add(Arguments.of(client, server, message));
                }
            }
        }
        return pairings;
    }

    // tag::matrix[]
    @ParameterizedTest(name = "{0} → {1}: {2}")
    @MethodSource("pairings")
    void everyPairingEchoesTheSameBytes(ClientKind client, ServerKind server, byte[] message) throws Exception {
        ClientConfig config = ClientConfig.loopback(SERVERS.get(server).port(), message);

        byte[] echo = client.startClient(config);

        assertThat(echo).isEqualTo(message);
    }
    // end::matrix[]
}
