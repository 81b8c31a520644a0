package dev.socketsamples.selectorserver;

import static java.util.concurrent.TimeUnit.NANOSECONDS;

import dev.socketsamples.shared.AcceptBackoff;
import dev.socketsamples.shared.Connections;
import dev.socketsamples.shared.ConsoleText;
import dev.socketsamples.shared.Deadline;
import dev.socketsamples.shared.EchoServer;
import dev.socketsamples.shared.Protocol;
import dev.socketsamples.shared.Quietly;
import dev.socketsamples.shared.SampleFailure;
import dev.socketsamples.shared.ServerConfig;
import dev.socketsamples.shared.ServerMain;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * The echo server as a reactor: one thread, {@code selector-loop}, asks a {@link Selector} which non-blocking
 * channels are ready, then does the accept, read or write that will not wait: the model Netty is built on.
 * No .NET article has this sample; the nearest .NET has are {@code Socket.Select} (which sockets are ready?)
 * and {@code SocketAsyncEventArgs} (state for one operation, used again and again).
 */
public final class SelectorSocketListener implements EchoServer {

    static final Duration TICK = Duration.ofMillis(100); // how often the loop looks at the deadlines, at least

    private final ServerConfig config;
    private final Selector selector;
    private final ServerSocketChannel listener;
    private final Connections<ConnectionState> connections;
    private final AcceptBackoff backoff;
    private final Thread selectorThread;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(1024); // one thread: one buffer for everyone
    private Deadline nextTick = Deadline.after(TICK);
    private final CountDownLatch acceptsStopped = new CountDownLatch(1); // closing: the loop accepts no more
    private volatile boolean drained; // set once the drain is over: the loop ends
    private volatile Deadline acceptPause; // set after an accept failed: no OP_ACCEPT until it has passed

    private SelectorSocketListener(ServerConfig config, ServerSocketChannel listener, Selector selector) {
        this.config = config;
        this.listener = listener;
        this.selector = selector;
        this.connections = new Connections<>(config, config::log);
        this.backoff = new AcceptBackoff(config::log);
        config.console().accept("Local address and port : " + ConsoleText.hostAndPort(localAddress()));
        selectorThread = Thread.ofPlatform().name("selector-loop").start(this::startListening);
    }

    /** Binds, prints the bound address and serves on the thread {@code selector-loop}; returns at once. */
    public static SelectorSocketListener start(ServerConfig config) throws SampleFailure {
        ServerSocketChannel listener = null;
        try {
            // tag::bind[]
            listener = ServerSocketChannel.open();
            listener.bind(new InetSocketAddress(config.host(), config.port()), config.backlog());
            listener.configureBlocking(false); // accept() returns at once, with null if nobody is waiting
            Selector selector = Selector.open();
            listener.register(selector, SelectionKey.OP_ACCEPT); // no attachment: a connection's key has its state
            // end::bind[]
            return new SelectorSocketListener(config, listener, selector);
        } catch (IOException | RuntimeException e) {
            Quietly.close(listener);
            throw SampleFailure.cannotListen(config.host(), config.port(), e);
        }
    }

    // tag::start-listening[]
    /** The loop. One turn: wait until channels are ready, serve each, then every TICK close the silent ones. */
    private void startListening() {
        config.console().accept("Waiting for a connection...");
        try {
            while (!drained) {
                selector.select(this::dispatch, TICK.toMillis()); // the only place this thread waits
                if (connections.isClosing() && acceptsStopped.getCount() > 0) { // the drain accepts from now on
                    listener.keyFor(selector).cancel();
                    selector.selectNow(this::dispatch); // lets go of the listener: the drain's close is at once
                    acceptsStopped.countDown();
                }
                if (nextTick.hasPassed()) {
                    nextTick = Deadline.after(TICK);
                    for (SelectionKey key : selector.keys()) { // a deadline per key, not a timer per connection
                        if (key.isValid() && key.attachment() instanceof ConnectionState s
                                && s.idleDeadline.hasPassed()) {
                            connections.drop(s, s.message, new SocketTimeoutException());
                        }
                    }
                    SelectionKey accepting = listener.keyFor(selector);
                    if (acceptPause != null && acceptPause.hasPassed() && accepting != null && accepting.isValid()) {
                        acceptPause = null;
                        accepting.interestOps(SelectionKey.OP_ACCEPT); // the accept pause is over
                    }
                }
            }
        } catch (IOException | RuntimeException | Error e) { // the selector itself broke: nothing is served
            config.log("The selector failed: " + SampleFailure.reason(e) + "; closing every connection.");
        } finally {
            acceptsStopped.countDown(); // also when the selector broke
            for (SelectionKey key : selector.keys()) { // what the drain has not closed yet
                if (key.attachment() instanceof ConnectionState state) {
                    connections.close(state);
                } else {
                    Quietly.close(key.channel());
                }
            }
            Quietly.close(selector);
        }
    }

    /** One ready key: a connection to accept, or one to read from or write to without waiting. */
    private void dispatch(SelectionKey key) {
        if (key.channel() == listener) {
            accept();
            return;
        }
        ConnectionState state = (ConnectionState) key.attachment(); // a connection's key carries its state
        state.idleDeadline = Deadline.after(config.idleTimeout()); // ready: the client sent or took bytes
        try {
            if (key.isReadable()) {
                read(key, state);
            } else if (key.isWritable()) {
                send(key, state);
            }
        } catch (IOException | RuntimeException | Error e) { // reset, too large, a bug: one line, no echo
            connections.drop(state, state.message, e);
        }
    }
    // end::start-listening[]

    // tag::accept[]
    /** OP_ACCEPT: takes the new connection, makes it non-blocking and registers it for OP_READ. */
    private void accept() {
        SocketChannel handler = null;
        try {
            handler = listener.accept(); // null if the client left before its turn
            if (handler != null) {
                register(handler);
            }
        } catch (IOException | RuntimeException | Error e) {
            Quietly.close(handler);
            if (!connections.isClosing()) { // closing: the drain accepts, and the listener may be closed
                acceptFailed(e);
            }
        }
    }

    private void register(SocketChannel handler) throws IOException {
        handler.configureBlocking(false);
        ConnectionState state = new ConnectionState(handler, connections.newMessage(),
                Deadline.after(config.idleTimeout()));
        connections.add(state); // counted first: the drain, on another thread, waits for what it counts
        handler.register(selector, SelectionKey.OP_READ, state); // the key carries the state: AsyncState
    }

    /** Out of file descriptors or memory: no OP_ACCEPT for a pause; the tick after it asks again. */
    void acceptFailed(Throwable cause) {
        acceptPause = Deadline.after(backoff.failed(cause));
        listener.keyFor(selector).interestOps(0);
    }
    // end::accept[]

    // tag::read-send[]
    /** OP_READ: takes what has arrived; once the marker is in, prints the message and starts the echo. */
    void read(SelectionKey key, ConnectionState state) throws IOException {
        if (state.workSocket.read(buffer.clear()) < 0) { // clear: the buffer held another connection's bytes
            connections.drop(state, state.message, null); // the client left before the marker
        } else if (state.message.append(buffer)) { // else not all data received: OP_READ brings more
            config.log("Read " + state.message.byteCount() + " bytes from socket.");
            config.log("Data : " + state.message.text());
            send(key, state);
        }
    }

    /** Writes as much of the echo as the socket takes now; OP_WRITE brings the loop back for the rest. */
    void send(SelectionKey key, ConnectionState state) throws IOException {
        state.workSocket.write(state.message.echoBuffer()); // the same buffer each call: goes on where it stopped
        if (state.message.echoBuffer().hasRemaining()) {
            key.interestOps(SelectionKey.OP_WRITE); // only now: a socket with room is always writable
            return;
        }
        config.log("Sent " + state.message.byteCount() + " bytes to client.");
        state.workSocket.shutdownOutput();
        connections.close(state); // closing the channel cancels its key
    }
    // end::read-send[]

    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) listener.socket().getLocalSocketAddress(); // also once closed
    }

    @Override
    public int openConnections() {
        return connections.size();
    }

    @Override
    public synchronized void close() {
        if (!connections.startClosing()) {
            return;
        }
        selector.wakeup(); // the loop sees the server closing now, not a tick later, and stops accepting
        // The drain runs here while the loop goes on serving the exchanges in flight.
        connections.drain(localAddress(), left -> acceptsStopped.await(left.toNanos(), NANOSECONDS), listener::accept,
                this::registerTaken, listener);
        drained = true;
        selector.wakeup();
        Quietly.join(selectorThread, Protocol.STOP_MARGIN);
    }

    /** For the drain: registers a client taken from the backlog; the loop serves it from its next select. */
    private void registerTaken(SocketChannel handler) {
        try {
            register(handler);
            selector.wakeup();
        } catch (IOException | RuntimeException e) {
            Quietly.close(handler); // the client left already
        }
    }

    // tag::main[]
    public static void main(String[] args) {
        ServerMain.run("selector-server", "The selector echo server: one thread, a Selector, non-blocking"
                + " channels.", Set.of(), args, line -> start(ServerConfig.from(line)));
    }
    // end::main[]
}
