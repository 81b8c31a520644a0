package dev.socketsamples.selectorserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.socketsamples.shared.Deadline;
import dev.socketsamples.shared.MessageAccumulator;
import dev.socketsamples.shared.SampleFailure;
import dev.socketsamples.shared.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The read and send steps of the loop against mocked channels: what a chunk does to one connection's state,
 * and what a write that takes only part of the echo does to its key.
 */
class SelectorSocketListenerHandlersTest {

    private static final int MAX_MESSAGE_BYTES = 32;

    private final List<String> console = new CopyOnWriteArrayList<>();
    private SelectorSocketListener server;

    @BeforeEach
    void startServer() throws SampleFailure {
        server = SelectorSocketListener.start(ServerConfig.loopback()
                .withMaxMessageBytes(MAX_MESSAGE_BYTES)
                .withConsole(console::add));
    }

    @AfterEach
    void closeServer() {
        server.close();
    }

    @Test
    void aChunkWithoutTheMarkerLeavesTheKeyReading() throws IOException {
        Connection client = new Connection();

        client.delivers("Hello");

        verify(client.channel, never()).write(any(ByteBuffer.class));
        verify(client.key, never()).interestOps(SelectionKey.OP_WRITE);
        verify(client.channel, never()).close();
        assertThat(linesFromTheLoop()).isEmpty();
    }

    // tag::one-buffer[]
    @Test
    void twoConnectionsReadThroughTheOneBufferKeepTheirMessagesApart() throws IOException {
        Connection first = new Connection();
        Connection second = new Connection();

        first.delivers("Hel");
        second.delivers("Wor");
        first.delivers("lo<EOF>");
        second.delivers("ld<EOF>");

        assertThat(first.written()).isEqualTo("Hello<EOF>");
        assertThat(second.written()).isEqualTo("World<EOF>");
    }
    // end::one-buffer[]

    // tag::partial-write[]
    @Test
    void aWriteThatTakesPartOfTheEchoWaitsForOpWriteThenWritesTheRest() throws IOException {
        Connection client = new Connection().takingAtMost(4);

        client.delivers("Hello<EOF>");

        verify(client.key).interestOps(SelectionKey.OP_WRITE);
        verify(client.channel, never()).close();
        assertThat(client.written()).isEqualTo("Hell");

        client.takingAtMost(100);
        server.send(client.key, client.state); // what the loop does once the key is writable

        assertThat(client.written()).isEqualTo("Hello<EOF>");
        verify(client.channel).shutdownOutput();
        verify(client.channel).close();
        assertThat(linesFromTheLoop()).endsWith("Sent 10 bytes to client.");
    }
    // end::partial-write[]

    /** The lines the read and send steps printed on this test's thread, without the thread prefix. */
    private List<String> linesFromTheLoop() {
        String prefix = "[" + Thread.currentThread().getName() + "] ";
        return console.stream().filter(line -> line.startsWith(prefix))
                .map(line -> line.substring(prefix.length())).toList();
    }

    /** One connection as the loop sees it: a mocked channel, its key, its state. */
    private final class Connection {
        final SocketChannel channel = mock(SocketChannel.class);
        final SelectionKey key = mock(SelectionKey.class);
        final ConnectionState state = new ConnectionState(channel, new MessageAccumulator(MAX_MESSAGE_BYTES),
                Deadline.after(Duration.ofSeconds(30)));
        private final ByteArrayOutputStream taken = new ByteArrayOutputStream();
        private int writeLimit = Integer.MAX_VALUE;

        /** Each write takes what it may of the echo. */
        Connection() throws IOException {
            when(channel.write(any(ByteBuffer.class))).thenAnswer(call -> {
                ByteBuffer echo = call.getArgument(0);
                byte[] bytes = new byte[Math.min(writeLimit, echo.remaining())];
                echo.get(bytes);
                taken.writeBytes(bytes);
                return bytes.length;
            });
        }

        /** The next read returns {@code chunk}, and the loop's read step runs. */
        void delivers(String chunk) throws IOException {
            byte[] bytes = chunk.getBytes(StandardCharsets.UTF_8);
            when(channel.read(any(ByteBuffer.class))).thenAnswer(call -> {
                call.<ByteBuffer>getArgument(0).put(bytes);
                return bytes.length;
            });
            server.read(key, state);
        }

        /** The next read is the end of the stream. */
        void leaves() throws IOException {
            when(channel.read(any(ByteBuffer.class))).thenReturn(-1);
            server.read(key, state);
        }

        /** From now on, each write takes at most {@code limit} bytes, as a full socket buffer does. */
        Connection takingAtMost(int limit) {
            writeLimit = limit;
            return this;
        }

        /** Everything the writes took so far. */
        String written() {
            return taken.toString(StandardCharsets.UTF_8);
        }
    }
}
