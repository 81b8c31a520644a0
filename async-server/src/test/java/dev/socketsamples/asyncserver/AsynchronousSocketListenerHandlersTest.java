package dev.socketsamples.asyncserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.same;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import dev.socketsamples.asyncserver.AsynchronousSocketListener.Accept;
import dev.socketsamples.shared.SampleFailure;
import dev.socketsamples.shared.ServerConfig;
import dev.socketsamples.shared.StateObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.mockito.Captor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

/** Each callback of the server against a mocked channel: what it reads, re-arms, writes and closes. */
@ExtendWith(MockitoExtension.class)
class AsynchronousSocketListenerHandlersTest {

    private static final int MAX_MESSAGE_BYTES = 32;
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(7);

    @Mock
    private AsynchronousSocketChannel channel;

    @Captor
    private ArgumentCaptor<CompletionHandler<Integer, StateObject>> sendCallback;

    private final List<String> console = new CopyOnWriteArrayList<>();
    private AsynchronousSocketListener server;
    private StateObject state;

    @BeforeEach
    void startServer() throws SampleFailure {
        server = AsynchronousSocketListener.start(ServerConfig.loopback()
                .withMaxMessageBytes(MAX_MESSAGE_BYTES)
                .withIdleTimeout(IDLE_TIMEOUT)
                .withConsole(console::add), Accept.ALL_DONE_LOOP);
        state = new StateObject(channel, MAX_MESSAGE_BYTES);
    }

    @AfterEach
    void closeServer() {
        server.close();
    }

    @Test
    void acceptCallbackStartsATimedReadAndCountsTheConnection() {
        server.acceptCallback.completed(channel, null);

        verify(channel).read(any(ByteBuffer.class), eq(IDLE_TIMEOUT.toNanos()), eq(TimeUnit.NANOSECONDS),
                any(StateObject.class), same(server.readCallback));
        assertThat(server.openConnections()).isEqualTo(1);
    }

    @Test
    void anAcceptFailureIsOneLine() {
        server.acceptCallback.failed(new IOException("Too many open files"), null);

        assertThat(linesFromCallbacks()).containsExactly("Accept failed: too many open files (1 time since the last such line);"
                + " pausing 0.1 s, still serving the open connections.");
    }

    @Test
    void aPartialReadReArmsTheRead() {
        deliver("Hello");

        verify(channel).read(same(state.buffer), eq(IDLE_TIMEOUT.toNanos()), eq(TimeUnit.NANOSECONDS),
                same(state), same(server.readCallback));
        verify(channel, never()).write(any(ByteBuffer.class), anyLong(), any(), any(), any());
        assertThat(state.buffer.position()).as("buffer cleared for the next read").isZero();
    }

    // tag::bytes-not-characters[]
    @Test
    void readCountsBytesNotCharacters() {
        deliver("é<EOF>"); // 1 character, 2 bytes, then the marker

        assertThat(linesFromCallbacks()).startsWith("Read 7 bytes from socket.");
    }
    // end::bytes-not-characters[]

    // tag::end-of-stream[]
    @Test
    void theEndOfTheStreamBeforeTheMarkerClosesTheConnection() throws IOException {
        deliver("abc");
        server.readCallback.completed(-1, state);

        verify(channel).close();
        assertThat(linesFromCallbacks())
                .containsExactly("Client closed the connection after 3 bytes, before <EOF>; closed it without echo.");
    }
    // end::end-of-stream[]

    // tag::size-limit[]
    @Test
    void theSizeLimitClosesWithoutEcho() throws IOException {
        deliver("x".repeat(MAX_MESSAGE_BYTES + 1));

        verify(channel).close();
        verify(channel, never()).write(any(ByteBuffer.class), anyLong(), any(), any(), any());
        assertThat(linesFromCallbacks())
                .containsExactly("Closed the connection without echo: no <EOF> within the maximum message size of 32 bytes.");
    }
    // end::size-limit[]

    @Test
    void anExceptionInsideTheReadCallbackClosesTheConnection() throws IOException {
        doThrow(new IllegalStateException("Boom")).when(channel)
                .read(any(ByteBuffer.class), anyLong(), any(), any(), any());

        deliver("abc");

        verify(channel).close();
        assertThat(linesFromCallbacks()).containsExactly("Closed the connection after 3 bytes: boom.");
    }

    @Test
    void aPartialWriteWritesTheRestThenShutsDownAndCloses() throws IOException {
        deliver("Hello<EOF>");
        ArgumentCaptor<ByteBuffer> written = ArgumentCaptor.forClass(ByteBuffer.class);
        verify(channel).write(written.capture(), anyLong(), any(), same(state), sendCallback.capture());
        ByteBuffer echo = written.getValue();

        echo.position(4); // the channel took only 4 bytes
        sendCallback.getValue().completed(4, state);

        verify(channel, times(2)).write(same(echo), anyLong(), any(), same(state), same(sendCallback.getValue()));
        verify(channel, never()).close();

        echo.position(echo.limit());
        sendCallback.getValue().completed(6, state);

        verify(channel).shutdownOutput();
        verify(channel).close();
        assertThat(linesFromCallbacks()).endsWith("Sent 10 bytes to client.");
    }

    @Test
    void aFailedWriteClosesTheConnection() throws IOException {
        deliver("Hello<EOF>");
        verify(channel).write(any(ByteBuffer.class), anyLong(), any(), same(state), sendCallback.capture());

        sendCallback.getValue().failed(new IOException("Broken pipe"), state);

        verify(channel).close();
        assertThat(linesFromCallbacks())
                .endsWith("Closed the connection after 10 bytes: broken pipe.");
    }

    /** What the channel does on a read: fills the buffer, then calls the read callback. */
    private void deliver(String chunk) {
        byte[] bytes = chunk.getBytes(StandardCharsets.UTF_8);
        state.buffer.put(bytes);
        server.readCallback.completed(bytes.length, state);
    }

    /** The callbacks' lines, without the thread prefix (here the test's own thread). */
    private List<String> linesFromCallbacks() {
        String prefix = "[" + Thread.currentThread().getName() + "] ";
        return console.stream().filter(line -> line.startsWith(prefix))
                .map(line -> line.substring(prefix.length())).toList();
    }
}
