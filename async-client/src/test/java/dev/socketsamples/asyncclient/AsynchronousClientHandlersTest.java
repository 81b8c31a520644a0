package dev.socketsamples.asyncclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.same;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import dev.socketsamples.shared.ClientConfig;
import dev.socketsamples.shared.StateObject;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.nio.channels.ShutdownChannelGroupException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.mockito.Captor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

/** The callbacks of {@link AsynchronousClient} against a mocked channel: every ending sets its event. */
@ExtendWith(MockitoExtension.class)
class AsynchronousClientHandlersTest {

    @Mock
    private AsynchronousSocketChannel channel;

    @Captor
    private ArgumentCaptor<ByteBuffer> written;

    @Captor
    private ArgumentCaptor<CompletionHandler<Integer, StateObject>> sendCallback;

    private final AsynchronousClient client =
            new AsynchronousClient(ClientConfig.loopback(11000, "Hi<EOF>".getBytes(StandardCharsets.UTF_8)));

    // tag::failed-connect[]
    @Test
    void aFailedConnectSetsConnectDoneWithTheError() {
        client.connectCallback.failed(new ConnectException("Connection refused"), state());

        assertThat(client.connectDone.isSet()).isTrue();
        assertThat(client.error.get()).hasMessage("cannot connect to 127.0.0.1:11000: connection refused");
    }
    // end::failed-connect[]

    @Test
    void aPartialReceiveReadsAgainWithoutSettingReceiveDone() {
        StateObject state = state();

        deliver(state, "Hi<E");

        verify(channel).read(same(state.buffer), same(state), same(client.receiveCallback));
        assertThat(client.receiveDone.isSet()).isFalse();
    }

    @Test
    void theMarkerSplitAcrossReadsCompletesTheReceive() {
        StateObject state = state();

        deliver(state, "Hi<E");
        deliver(state, "OF>");

        assertThat(client.receiveDone.isSet()).isTrue();
        assertThat(client.error.get()).isNull();
        assertThat(state.message.text()).isEqualTo("Hi<EOF>");
    }

    @Test
    void theEndOfTheStreamBeforeTheMarkerSetsReceiveDoneWithTheError() {
        StateObject state = state();

        deliver(state, "Hi");
        client.receiveCallback.completed(-1, state);

        assertThat(client.receiveDone.isSet()).isTrue();
        assertThat(client.error.get()).hasMessageContaining("closed the connection without echoing the message (2 bytes");
    }

    @Test
    void aFailedReceiveSetsReceiveDoneWithTheError() {
        client.receiveCallback.failed(new IOException("Connection reset"), state());

        assertThat(client.receiveDone.isSet()).isTrue();
        assertThat(client.error.get()).hasMessage("connection to 127.0.0.1:11000 lost: connection reset");
    }

    @Test
    void anExceptionInsideTheReceiveCallbackSetsReceiveDoneWithTheError() {
        doThrow(new ShutdownChannelGroupException()).when(channel).read(any(ByteBuffer.class), any(), any());

        deliver(state(), "Hi");

        assertThat(client.receiveDone.isSet()).isTrue();
        assertThat(client.error.get()).hasMessageStartingWith("connection to 127.0.0.1:11000 lost: ");
    }

    @Test
    void aPartialSendWritesTheRestThenSetsSendDone() {
        StateObject state = state();
        client.send(state, "Hi<EOF>".getBytes(StandardCharsets.UTF_8));
        verify(channel).write(written.capture(), same(state), sendCallback.capture());
        ByteBuffer byteData = written.getValue();

        byteData.position(3);
        sendCallback.getValue().completed(3, state);

        verify(channel, times(2)).write(same(byteData), same(state), same(sendCallback.getValue()));
        assertThat(client.sendDone.isSet()).isFalse();

        byteData.position(byteData.limit());
        sendCallback.getValue().completed(4, state);

        assertThat(client.sendDone.isSet()).isTrue();
        assertThat(client.error.get()).isNull();
    }

    @Test
    void aFailedSendSetsSendDoneWithTheError() {
        StateObject state = state();
        client.send(state, "Hi<EOF>".getBytes(StandardCharsets.UTF_8));
        verify(channel).write(any(ByteBuffer.class), same(state), sendCallback.capture());

        sendCallback.getValue().failed(new IOException("Broken pipe"), state);

        assertThat(client.sendDone.isSet()).isTrue();
        assertThat(client.error.get()).hasMessage("connection to 127.0.0.1:11000 lost: broken pipe");
    }

    private StateObject state() {
        return new StateObject(channel, 1024);
    }

    /** What the channel does on a read: fills the buffer, then calls the receive callback. */
    private void deliver(StateObject state, String chunk) {
        byte[] bytes = chunk.getBytes(StandardCharsets.UTF_8);
        state.buffer.put(bytes);
        client.receiveCallback.completed(bytes.length, state);
    }
}
