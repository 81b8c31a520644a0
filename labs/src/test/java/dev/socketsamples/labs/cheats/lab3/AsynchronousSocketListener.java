package dev.socketsamples.labs.cheats.lab3;

import static java.util.concurrent.TimeUnit.NANOSECONDS;

import dev.socketsamples.shared.SampleFailure;
import dev.socketsamples.shared.ServerConfig;
import dev.socketsamples.shared.StateObject;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;

/**
 * A wrong lab 3 that passed the grader once: readCallback waits for the rest of the message with a blocking
 * {@code read(...).get()}, holding a pool thread while the client pauses. EveryGraderGradesTest proves that the
 * grader fails it now.
 */
public final class AsynchronousSocketListener {

    private final AsynchronousServerSocketChannel listener;
    private final ServerConfig config;
    private final long idleNanos;

    public AsynchronousSocketListener(AsynchronousServerSocketChannel listener, ServerConfig config) {
        this.listener = listener;
        this.config = config;
        this.idleNanos = config.idleTimeout().toNanos();
    }

    public void startListening() {
        listener.accept(null, acceptCallback);
    }

    final CompletionHandler<AsynchronousSocketChannel, Void> acceptCallback = new CompletionHandler<>() {
        @Override
        public void completed(AsynchronousSocketChannel handler, Void attachment) {
            listener.accept(null, this);
            StateObject state = new StateObject(handler, config.maxMessageBytes());
            state.workSocket.read(state.buffer, idleNanos, NANOSECONDS, state, readCallback);
        }

        @Override
        public void failed(Throwable exc, Void attachment) {
        }
    };

    final CompletionHandler<Integer, StateObject> readCallback = new CompletionHandler<>() {
        @Override
        public void completed(Integer bytesRead, StateObject state) {
            try {
                int n = bytesRead;
                while (n >= 0 && !state.message.append(state.buffer)) {
                    n = state.workSocket.read(state.buffer).get(); // "the rest is on its way": wait for it here
                }
                if (n < 0) {
                    drop(state, null);
                    return;
                }
                state.workSocket.write(state.message.echoBuffer(), idleNanos, NANOSECONDS, state, sendCallback);
            } catch (Exception e) {
                drop(state, e);
            }
        }

        @Override
        public void failed(Throwable exc, StateObject state) {
            drop(state, exc);
        }
    };

    final CompletionHandler<Integer, StateObject> sendCallback = new CompletionHandler<>() {
        @Override
        public void completed(Integer bytesSent, StateObject state) {
            try {
                if (state.message.echoBuffer().hasRemaining()) {
                    state.workSocket.write(state.message.echoBuffer(), idleNanos, NANOSECONDS, state, this);
                    return;
                }
                state.workSocket.shutdownOutput();
                state.close();
            } catch (Exception e) {
                drop(state, e);
            }
        }

        @Override
        public void failed(Throwable exc, StateObject state) {
            drop(state, exc);
        }
    };

    private void drop(StateObject state, Throwable cause) {
        config.log(SampleFailure.dropped(state.message.byteCount(), cause, config.idleTimeout()));
        state.close();
    }
}
