package dev.socketsamples.syncserver;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.socketsamples.shared.SampleFailure;
import dev.socketsamples.shared.ServerConfig;
import dev.socketsamples.syncserver.SynchronousSocketListener.Threads;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import org.junit.jupiter.api.Test;

/** The per-connection code alone, on a mocked socket whose stream is cut into reads as the test says. */
class ServeTest {

    private final Console console = new Console();
    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    private final ServerConfig config = ServerConfig.loopback().withConsole(console);

    @Test
    void aMessageInPiecesIsEchoedWholeThenTheOutputIsShutDownAndTheSocketClosed() throws IOException {
        Socket handler = serve(config, ChunkedInputStream.of(bytes("Th"), bytes("is is a "), bytes("test<EOF>")));

        assertThat(sent.toString(UTF_8)).isEqualTo("This is a test<EOF>");
        assertThat(console.textsFromThisThread()).containsExactly("Text received : This is a test<EOF>", "Sent 19 bytes to client.");
        verify(handler).setSoTimeout(30_000);
        verify(handler).shutdownOutput();
        verify(handler).close();
    }

    // tag::split-marker[]
    @Test
    void theMarkerSplitAtEveryPointIsFound() throws IOException {
        for (int split = 1; split < 5; split++) {
            String message = "abc<EOF>";
            sent.reset();
            serve(config, ChunkedInputStream.of(bytes(message.substring(0, 3 + split)),
                    bytes(message.substring(3 + split))));
            assertThat(sent.toString(UTF_8)).as("marker split after %d bytes", split).isEqualTo(message);
        }
    }
    // end::split-marker[]

    @Test
    void oneByteAtATimeIsEchoedByteForByteAndPrintedWithEveryCharacterWhole() throws IOException {
        byte[] message = bytes("héllo € 😀<EOF>");
        byte[][] oneByteChunks = new byte[message.length][];
        for (int i = 0; i < message.length; i++) {
            oneByteChunks[i] = new byte[] {message[i]};
        }

        serve(config, ChunkedInputStream.of(oneByteChunks));

        assertThat(sent.toByteArray()).isEqualTo(message);
        assertThat(console.textsFromThisThread()).containsExactly("Text received : héllo € 😀<EOF>",
                "Sent " + message.length + " bytes to client.");
    }

    // tag::end-of-stream[]
    @Test
    void theEndOfTheStreamBeforeTheMarkerIsOneLineWithTheByteCountAndNoEcho() throws IOException {
        Socket handler = serve(config, ChunkedInputStream.of(bytes("ab"), bytes("c")));

        assertThat(sent.size()).isZero();
        assertThat(console.textsFromThisThread())
                .containsExactly("Client closed the connection after 3 bytes, before <EOF>; closed it without echo.");
        verify(handler, never()).getOutputStream();
        verify(handler).close();
    }
    // end::end-of-stream[]

    // tag::size-limit[]
    @Test
    void aMessageOverTheLimitIsDroppedWithoutReadingFurther() throws IOException {
        byte[] tenBytes = bytes("0123456789");
        ChunkedInputStream in = ChunkedInputStream.of(tenBytes, tenBytes, tenBytes, tenBytes, tenBytes);

        Socket handler = serve(config.withMaxMessageBytes(16), in);

        assertThat(sent.size()).isZero();
        assertThat(console.textsFromThisThread()).containsExactly(
                "Closed the connection without echo: no <EOF> within the maximum message size of 16 bytes.");
        assertThat(in.unreadChunks()).as("reading stops at the limit").isEqualTo(3);
        verify(handler).close();
    }
    // end::size-limit[]

    @Test
    void aClientThatLeavesBeforeTheEchoIsOneLine() throws IOException {
        Socket handler = mock(Socket.class);
        OutputStream brokenPipe = mock(OutputStream.class);
        doThrow(new SocketException("Broken pipe")).when(brokenPipe).write(any(byte[].class));
        when(handler.getInputStream()).thenReturn(ChunkedInputStream.of(bytes("hi<EOF>")));
        when(handler.getOutputStream()).thenReturn(brokenPipe);

        serve(config, handler);

        assertThat(console.textsFromThisThread()).containsExactly("Text received : hi<EOF>",
                "Closed the connection after 7 bytes: broken pipe.");
        verify(handler).close();
    }

    private Socket serve(ServerConfig serverConfig, InputStream in) throws IOException {
        Socket handler = mock(Socket.class);
        when(handler.getInputStream()).thenReturn(in);
        when(handler.getOutputStream()).thenReturn(sent);
        serve(serverConfig, handler);
        return handler;
    }

    /** Serves {@code handler} on this thread, with a server started only for this (its own lines are left out). */
    private void serve(ServerConfig serverConfig, Socket handler) {
        try (SynchronousSocketListener server = SynchronousSocketListener.start(serverConfig, Threads.ONE_AT_A_TIME)) {
            console.clear(); // the bound address
            server.serve(handler);
        } catch (SampleFailure e) {
            throw new AssertionError("a loopback server should start", e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }
}
