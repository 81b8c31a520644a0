package dev.socketsamples.labs.lab1;

import dev.socketsamples.labs.TryIt;
import dev.socketsamples.shared.MessageAccumulator;
import dev.socketsamples.shared.SampleFailure;
import dev.socketsamples.shared.ServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;

/** Lab 1: the blocking server's {@code serve}, which must read until the marker however the bytes are cut. */
public final class SynchronousSocketListener {

    /** One read takes at most this many bytes, as in .NET. */
    public static final int BUFFER_SIZE = 1024;

    private final ServerConfig config;

    /** A server with the limits and the console of {@code config}. */
    public SynchronousSocketListener(ServerConfig config) {
        this.config = config;
    }

    // tag::serve[]
    /** Reads until the marker, echoes the bytes and closes; a client that leaves or goes silent is one line. */
    public void serve(Socket handler) {
        MessageAccumulator data = new MessageAccumulator(config.maxMessageBytes());
        try (handler) {
            // tag::step-3[]
            // TODO lab 1, step 3: a client that says nothing must not hold this thread for ever. Bound every read
            //  below by config.idleTimeout() (hint: handler.setSoTimeout takes milliseconds).
            // end::step-3[]
            InputStream in = handler.getInputStream();
            byte[] bytes = new byte[BUFFER_SIZE];
            // tag::steps-1-2[]
            // TODO lab 1, step 1: one read returns the bytes that have arrived so far, not the whole message.
            //  Read again until data.isComplete() (hint: a while loop around the read and the append).
            int bytesRec = in.read(bytes);
            // TODO lab 1, step 2: read returns -1 once the client has closed its side. Then log one line,
            //  SampleFailure.dropped(data.byteCount(), null, config.idleTimeout()), and return without an echo.
            data.append(bytes, 0, bytesRec);
            // end::steps-1-2[]
            config.log("Text received : " + data.text());
            handler.getOutputStream().write(data.echoBytes());
            handler.shutdownOutput();
        } catch (IOException | RuntimeException e) {
            config.log(SampleFailure.dropped(data.byteCount(), e, config.idleTimeout()));
        }
    }
    // end::serve[]

    /** Serves one client at a time on 127.0.0.1:11000 (or --port), as the .NET sample does: try any client. */
    public static void main(String[] args) throws IOException {
        TryIt.serveOneAtATime("lab1-server", "Lab 1: serves one client at a time, as the .NET sample does.", args,
                config -> new SynchronousSocketListener(config)::serve);
    }
}
