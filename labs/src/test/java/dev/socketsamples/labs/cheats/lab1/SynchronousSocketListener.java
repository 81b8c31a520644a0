package dev.socketsamples.labs.cheats.lab1;

import dev.socketsamples.shared.MessageAccumulator;
import dev.socketsamples.shared.SampleFailure;
import dev.socketsamples.shared.ServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;

/**
 * A wrong lab 1 that passed the grader once: one read, a nap, and whatever {@code available()} has by then; no
 * loop, no end-of-stream check, no timeout. EveryGraderGradesTest proves that the grader fails it now.
 */
public final class SynchronousSocketListener {

    private final ServerConfig config;

    public SynchronousSocketListener(ServerConfig config) {
        this.config = config;
    }

    public void serve(Socket handler) {
        MessageAccumulator data = new MessageAccumulator(config.maxMessageBytes());
        try (handler) {
            InputStream in = handler.getInputStream();
            byte[] bytes = new byte[1024];
            int bytesRec = in.read(bytes);
            data.append(bytes, 0, Math.max(0, bytesRec));
            Thread.sleep(1500); // "the rest will have come by then"
            byte[] rest = in.readNBytes(in.available());
            data.append(rest, 0, rest.length);
            if (!data.isComplete()) {
                config.log(SampleFailure.dropped(data.byteCount(), null, config.idleTimeout()));
                return;
            }
            config.log("Text received : " + data.text());
            handler.getOutputStream().write(data.echoBytes());
            handler.shutdownOutput();
        } catch (IOException | RuntimeException | InterruptedException e) {
            config.log(SampleFailure.dropped(data.byteCount(), e, config.idleTimeout()));
        }
    }
}
