package dev.socketsamples.labs.solutions.lab2;

import dev.socketsamples.labs.TryIt;
import dev.socketsamples.shared.ServerConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/** Lab 2, solved: the blocking server's accept loop, every connection served on a virtual thread of its own. */
public final class SynchronousSocketListener {

    private final ServerSocket listener;
    private final Consumer<Socket> serve;

    /** Accepts on {@code listener} and hands every connection to {@code serve}: lab 1's code, unchanged. */
    public SynchronousSocketListener(ServerSocket listener, Consumer<Socket> serve) {
        this.listener = listener;
        this.serve = serve;
    }

    // tag::start-listening[]
    /** Accepts until the listener is closed, then returns once every connection it accepted has been served. */
    public void startListening() {
        // tag::step-1[]
        try (ExecutorService runner = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("connection-", 1).factory())) {
            // end::step-1[]
            while (true) {
                Socket handler;
                try {
                    handler = listener.accept();
                } catch (IOException e) {
                    return; // closed: leaving the try block waits for the connections in flight
                }
                // tag::step-2[]
                runner.execute(() -> serve.accept(handler));
                // end::step-2[]
            }
        }
    }
    // end::start-listening[]

    /** Lab 1's serve on a virtual thread per connection, on 127.0.0.1:11000 (or --port), until Ctrl+C. */
    public static void main(String[] args) throws IOException {
        ServerConfig config = TryIt.serverConfig("lab2-server", "Lab 2: your lab 1 serve on a virtual thread per"
                + " connection.", args);
        try (ServerSocket listener = TryIt.listen("lab2-server", config)) {
            new SynchronousSocketListener(listener,
                    new dev.socketsamples.labs.solutions.lab1.SynchronousSocketListener(config)::serve).startListening();
        }
    }
}
