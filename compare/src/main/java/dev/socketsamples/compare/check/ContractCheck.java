package dev.socketsamples.compare.check;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.socketsamples.compare.Messages;
import dev.socketsamples.compare.check.Outcome.Verdict;
import dev.socketsamples.shared.ConsoleText;
import dev.socketsamples.shared.Protocol;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The contract of ../shared/design/protocol.md, every row that can be judged from outside a server, in the
 * order a learner meets them: the echo first, then cut bytes, then bad clients, then load, then the stop. The
 * in-process contract tests run this same list against every server of the suite, and {@code compare check}
 * runs it against any server in any language. Each check is bounded in time and leaves nothing running.
 */
public enum ContractCheck {

    // tag::checks[]
    BASIC_ECHO("the .NET samples' message comes back byte for byte, then the server closes",
            "write back exactly the bytes received up to and including <EOF>, then shut down output and close",
            probe -> probe.echo(Messages.text("This is a test"), Piecing.WHOLE)),
    ONE_BYTE_PIECES("the message sent one byte per write is echoed whole",
            "one read is not a message: append every read and look for <EOF> in all the bytes so far",
            probe -> probe.echo(Messages.text("This is a test"), Piecing.ONE_BYTE)),
    SPLIT_MARKER("<EOF> cut in two writes (\"<EO\" then \"F>\") is still found",
            "search for the marker in everything received, not in each read: it may arrive cut in two",
            probe -> probe.echo(Messages.text("split marker"), Piecing.at(Messages.text("split marker").length - 2))),
    SPLIT_UTF8("multi-byte characters cut between writes and across the 1024-byte buffer come back byte-exact",
            "echo bytes, not decoded text; decode for printing with a streaming decoder that keeps a character whole",
            probe -> probe.echo(Messages.straddlingTheBuffer(), Piecing.at(StraddlingMessage.MIDDLE_OF_A_CHARACTER))),
    MALFORMED_UTF8("bytes that are not UTF-8 (0xFF, a cut euro sign) are echoed byte-exact",
            "never re-encode the echo: malformed bytes show as U+FFFD in the printout only",
            probe -> probe.echo(Messages.withMarker(new byte[] {'o', 'k', (byte) 0xFF, (byte) 0xE2, (byte) 0x82}),
                    Piecing.WHOLE)),
    EMPTY_MESSAGE("<EOF> alone is a valid message and echoes <EOF>",
            "an empty message is valid: echo the marker alone",
            probe -> probe.echo(Messages.text(""), Piecing.WHOLE)),
    BYTES_AFTER_MARKER("bytes after the first <EOF> are not echoed",
            "echo up to and including the first <EOF> only, and stop reading there",
            ContractCheck::bytesAfterTheMarker),
    LARGE_MESSAGE("a message of the largest allowed size (--max-message-bytes, marker included) is echoed whole",
            "keep reading while the message is within the limit; write the echo in a loop until every byte is out",
            probe -> probe.echo(Messages.ofLength(probe.target().maxMessageBytes()), Piecing.WHOLE)),
    MANY_CLIENTS("100 clients connected at once, their pieces interleaved, each get their own echo",
            "keep one buffer per connection: bytes of one client never go to another",
            ContractCheck::manyClientsAtOnce),
    EARLY_CLOSE("a client that closes before <EOF> is closed without echo, and the server goes on",
            "at the end of the stream before <EOF>, log the byte count and close that connection; keep serving",
            ContractCheck::earlyClose),
    RESET("a client that resets the connection is closed, and the server goes on",
            "a reset is an IOException on one connection: close it, log one line, keep accepting",
            ContractCheck::reset),
    IDLE_TIMEOUT("a client silent longer than the idle timeout (--idle-timeout) is closed",
            "bound every read and every write by the idle timeout and close a connection that passes it (is the"
                    + " server's idle timeout the one given to check with --idle-timeout?)",
            ContractCheck::silencePastTheIdleTimeout),
    OVER_THE_LIMIT("no <EOF> within the maximum message size: closed without echo, reading stops",
            "count the bytes of the message; past --max-message-bytes log it and close without echo",
            ContractCheck::overTheLimit),
    BURST_OF_CONNECTS("1000 clients connecting at once all get their echo",
            "listen with a large backlog (4096, not .NET's 10 or 100) so that a burst of connects is not reset",
            ContractCheck::burstOfConnects),
    SERVER_GONE("asked to stop as Ctrl+C does, the server exits 0 and its port refuses the next client",
            "on SIGTERM stop accepting, let exchanges finish, close, exit 0; nothing listening afterwards",
            ContractCheck::serverGone);
    // end::checks[]

    /** The message a check sends to see that the server still serves after a bad client. */
    public static final byte[] STILL_THERE = Messages.text("still there?");
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Longer than any server of the suite needs for a read on a loaded machine; a hung server costs this. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    /** Between pieces that should reach the server as reads of their own. */
    static final Duration BETWEEN_PIECES = Duration.ofMillis(20);
    static final int MANY = 100;
    static final int BURST = 1000;
    /** Past the limit, the flood goes on this far before the check says the server never stopped reading. */
    static final long FLOOD_BEYOND_THE_LIMIT = 256L * 1024 * 1024;
    /** The echo of a message this large is more than the socket buffers hold: a client that never reads stalls it. */
    static final int MORE_THAN_THE_BUFFERS = 8 * 1024 * 1024;

    private final String summary;
    private final String hint;
    private final Body body;

    ContractCheck(String summary, String hint, Body body) {
        this.summary = summary;
        this.hint = hint;
        this.body = body;
    }

    /** A check's steps: it passes when they return, fails when they throw. */
    @FunctionalInterface
    interface Body {
        void run(Probe probe) throws Exception;
    }

    /** The name on the command line and in the report: {@code basic-echo}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** What the check shows, in one line. */
    public String summary() {
        return summary;
    }

    /** What to fix when it fails, in one line. */
    public String hint() {
        return hint;
    }


    /** The longest the check may take against {@code target} before it fails as hung. */
    public Duration bound(Target target) {
        return switch (this) {
            case IDLE_TIMEOUT -> target.idleTimeout().multipliedBy(3).plus(Duration.ofSeconds(30));
            case OVER_THE_LIMIT, BURST_OF_CONNECTS, SERVER_GONE -> Duration.ofSeconds(60);
            default -> Duration.ofSeconds(30);
        };
    }

    /**
     * Runs the check against {@code target}, within {@link #bound}: a server that hangs it fails it, and every
     * connection the check opened is closed when it returns.
     */
    public Outcome run(Target target) {
        Probe probe = new Probe(target);
        long start = System.nanoTime();
        CompletableFuture<Verdict> verdict = new CompletableFuture<>();
        Thread thread = Thread.ofVirtual().name("check-" + label()).start(() -> {
            try {
                body.run(probe);
                verdict.complete(Verdict.PASS);
            } catch (Probe.Skipped e) {
                verdict.complete(Verdict.SKIP);
            } catch (Probe.Failed e) {
                verdict.complete(Verdict.FAIL);
            } catch (IOException e) {
                probe.got(Probe.describe(e, target));
                verdict.complete(Verdict.FAIL);
            } catch (InterruptedException e) {
                verdict.complete(Verdict.FAIL);
            } catch (Exception | Error e) {
                probe.got("the check broke: " + e);
                verdict.complete(Verdict.FAIL);
            }
        });
        Verdict result;
        String hung = null; // once the deadline passed, what the body does while it ends is not the outcome
        Duration bound = bound(target);
        try {
            result = verdict.get(bound.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            hung = probe.got() + ", and no end within " + ConsoleText.seconds(bound) + " s";
            result = Verdict.FAIL;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = Verdict.FAIL;
        } catch (ExecutionException e) {
            throw new AssertionError("the body completes the verdict itself", e);
        }
        probe.closeEveryWire();
        thread.interrupt();
        try {
            thread.join(READ_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Outcome(label(), hint, result, probe.sent(), hung != null ? hung : probe.got(),
                Duration.ofNanos(System.nanoTime() - start));
    }

    /** How a check cuts a message into writes. */
    record Piecing(int[] cuts, boolean everyByte) {
        static final Piecing WHOLE = new Piecing(new int[0], false);
        static final Piecing ONE_BYTE = new Piecing(new int[0], true);

        static Piecing at(int... cuts) {
            return new Piecing(cuts, false);
        }

        /** The writes, in order. */
        List<byte[]> pieces(byte[] message) {
            List<byte[]> pieces = new ArrayList<>();
            if (everyByte) {
                for (byte b : message) {
                    pieces.add(new byte[] {b});
                }
                return pieces;
            }
            int start = 0;
            for (int cut : cuts) {
                pieces.add(Arrays.copyOfRange(message, start, cut));
                start = cut;
            }
            pieces.add(Arrays.copyOfRange(message, start, message.length));
            return pieces;
        }

        String describe(int pieces) {
            return pieces == 1 ? "" : " in " + pieces + " writes";
        }
    }

    /** Where {@link Messages#straddlingTheBuffer()} has a euro sign to cut after its first byte. */
    private static final class StraddlingMessage {
        static final int MIDDLE_OF_A_CHARACTER = indexOfEuro(Messages.straddlingTheBuffer()) + 1;

        private static int indexOfEuro(byte[] message) {
            byte[] euro = "€".getBytes(UTF_8);
            for (int i = 0; i + euro.length <= message.length; i++) {
                if (Arrays.equals(message, i, i + euro.length, euro, 0, euro.length)) {
                    return i;
                }
            }
            throw new AssertionError("the message has a euro sign");
        }
    }

    private static void bytesAfterTheMarker(Probe probe) throws Exception {
        byte[] message = Messages.text("first");
        byte[] sent = concat(message, "and then some".getBytes(UTF_8));
        try (Wire wire = probe.connect()) {
            wire.send(sent); // one write: the extra bytes arrive with the marker, not after the server closed
            probe.sent(Wire.show(sent));
            probe.expectEcho(message, wire);
        }
    }

    private static void manyClientsAtOnce(Probe probe) throws Exception {
        List<Wire> clients = new ArrayList<>();
        List<byte[]> messages = new ArrayList<>();
        for (int i = 0; i < MANY; i++) {
            clients.add(probe.connect());
            messages.add(Messages.text("client " + i + " of " + MANY + " at once"));
        }
        probe.sent(MANY + " messages such as " + Wire.show(messages.getFirst()) + ", each in two writes, interleaved");
        for (int i = 0; i < MANY; i++) {
            byte[] message = messages.get(i);
            clients.get(i).send(Arrays.copyOfRange(message, 0, message.length / 2));
        }
        for (int i = 0; i < MANY; i++) {
            byte[] message = messages.get(i);
            clients.get(i).send(Arrays.copyOfRange(message, message.length / 2, message.length));
        }
        for (int i = 0; i < MANY; i++) {
            Wire client = clients.get(i);
            Wire.End end = client.readToEnd(messages.get(i));
            if (!Arrays.equals(client.received(), messages.get(i)) || end == Wire.End.STAYED_OPEN) {
                // The first is enough to say what is wrong, and waiting on each of the others could take minutes.
                probe.fail(i + " of " + MANY + " echoed, then client " + i + " got "
                        + Probe.describe(client.received(), end));
            }
            client.close();
        }
        probe.got(MANY + " of " + MANY + " echoed");
    }

    private static void earlyClose(Probe probe) throws Exception {
        byte[] half = "half a".getBytes(UTF_8);
        try (Wire wire = probe.connect()) {
            wire.send(half);
            wire.shutdownOutput();
            probe.sent(Wire.show(half) + ", then the end of the stream");
            probe.expectCloseWithoutEcho(wire);
        }
        probe.stillServing();
    }

    private static void reset(Probe probe) throws Exception {
        Wire wire = probe.connect();
        byte[] sent = "abc".getBytes(UTF_8);
        wire.send(sent);
        probe.target().control().awaitOpenConnections(1);
        wire.reset();
        probe.sent(Wire.show(sent) + ", then a reset");
        probe.stillServing();
    }

    private static void silencePastTheIdleTimeout(Probe probe) throws Exception {
        Duration idle = probe.target().idleTimeout();
        byte[] sent = "abc".getBytes(UTF_8);
        // The server has the idle timeout and as long again to close; a read that waits longer says it did not.
        Probe patient = probe.withReadTimeout(idle.multipliedBy(2).plus(READ_TIMEOUT));
        long start = System.nanoTime();
        try (Wire stopsSending = patient.connect()) {
            stopsSending.send(sent);
            probe.sent(Wire.show(sent) + ", then silence");
            probe.expectCloseWithoutEcho(stopsSending);
        }
        // In whole seconds, so that a run reads the same each time: the learner wants to know which timeout fired.
        String closed = "a close after about " + Math.round((System.nanoTime() - start) / 1e9);
        if (probe.target().maxMessageBytes() < MORE_THAN_THE_BUFFERS) {
            probe.got(closed + " s with nothing echoed (the client that never reads needs --max-message-bytes "
                    + MORE_THAN_THE_BUFFERS + " or more)");
            probe.stillServing();
            return;
        }
        byte[] large = Messages.ofLength(MORE_THAN_THE_BUFFERS);
        try (Wire neverReads = probe.connect()) {
            neverReads.send(large);
            probe.sent(Wire.show(sent) + ", then silence; and " + large.length
                    + " bytes whose echo it never reads");
            // Nothing on the wire says when a server gave up on a client that does not read: wait the timeout out.
            TimeUnit.NANOSECONDS.sleep(idle.plus(max(Duration.ofSeconds(2), idle.dividedBy(2))).toNanos());
            Wire.End end = neverReads.readToEnd(large);
            if (end != Wire.End.RESET && neverReads.received().length == large.length) {
                probe.fail("the whole echo after " + ConsoleText.seconds(idle) + " s of not reading: the server waited"
                        + " for the client's reads past the idle timeout");
            }
            probe.got(closed + " s with nothing echoed; for the client that never read, " + neverReads.received().length
                    + " of " + large.length + " bytes and a close");
        }
        probe.stillServing();
    }

    private static void overTheLimit(Probe probe) throws Exception {
        int limit = probe.target().maxMessageBytes();
        byte[] block = new byte[64 * 1024];
        Arrays.fill(block, (byte) 'x');
        long written = 0;
        try (Wire flood = probe.connect()) {
            try {
                while (written < limit + FLOOD_BEYOND_THE_LIMIT) {
                    flood.send(block);
                    written += block.length;
                    probe.sent("'x' bytes without <EOF>, past the limit of " + limit + " bytes");
                }
            } catch (IOException closedByTheServer) {
                Wire.End end = flood.readToEnd();
                if (flood.received().length > 0) {
                    probe.fail(Wire.show(flood.received()) + ": an echo of a message over the limit");
                }
                probe.got("a " + (end == Wire.End.RESET ? "reset" : "close") + " with nothing echoed");
            }
            if (written >= limit + FLOOD_BEYOND_THE_LIMIT) {
                probe.fail("the server read " + written + " bytes and kept the connection open");
            }
        }
        probe.stillServing();
    }

    private static void burstOfConnects(Probe probe) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> clients = new ArrayList<>();
        probe.sent(BURST + " clients connecting at once, each message such as \"client 0 in the burst<EOF>\""
                + " in two writes");
        try (ExecutorService burst = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < BURST; i++) {
                byte[] message = Messages.text("client " + i + " in the burst");
                clients.add(burst.submit(() -> {
                    go.await();
                    try (Wire client = probe.connect()) {
                        int half = message.length / 2; // two writes, as a client that types would send
                        client.send(Arrays.copyOfRange(message, 0, half));
                        client.send(Arrays.copyOfRange(message, half, message.length));
                        Wire.End end = client.readToEnd(message);
                        return Arrays.equals(client.received(), message) && end != Wire.End.STAYED_OPEN ? null
                                : Probe.describe(client.received(), end);
                    } catch (IOException e) {
                        return Probe.describe(e, probe.target());
                    }
                }));
            }
            go.countDown(); // every client connects at once
            int echoed = 0;
            String first = null;
            for (int i = 0; i < BURST; i++) {
                String problem = clients.get(i).get();
                if (problem == null) {
                    echoed++;
                } else if (first == null) {
                    first = "client " + i + ": " + problem;
                }
            }
            if (echoed < BURST) {
                probe.fail(echoed + " of " + BURST + " echoed; first failure " + first);
            }
            probe.got(BURST + " of " + BURST + " echoed");
        }
    }

    private static void serverGone(Probe probe) throws Exception {
        Target.Control control = probe.target().control();
        if (!control.canStop()) {
            probe.sent("nothing: the check cannot stop a server it did not start (use --server)");
            probe.got("nothing");
            throw new Probe.Skipped();
        }
        probe.sent("a stop, as Ctrl+C asks, then a client");
        String problem = control.stop();
        if (problem != null) {
            probe.fail(problem);
        }
        try {
            probe.connect().close();
            probe.fail("the port still accepts a connection after the server stopped");
        } catch (ConnectException refused) {
            probe.got("a clean stop within " + ConsoleText.seconds(Protocol.DRAIN_TIMEOUT.plus(ServerCommand.STOP_MARGIN))
                    + " s, then \"connection refused\" for the next client");
        } catch (SocketTimeoutException e) {
            probe.fail("the connect hung for " + ConsoleText.seconds(CONNECT_TIMEOUT) + " s after the stop");
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** The state of one run of a check: the connections it opened, what it sent and what came back so far. */
    static final class Probe {

        /** Thrown by {@link #fail}: the check failed, and {@link #got()} says how. */
        static final class Failed extends Exception {
            private static final long serialVersionUID = 1L;

            Failed() {
                super(null, null, false, false);
            }
        }

        /** The check cannot be judged against this target. */
        static final class Skipped extends Exception {
            private static final long serialVersionUID = 1L;

            Skipped() {
                super(null, null, false, false);
            }
        }

        private final Target target;
        private final Duration readTimeout;
        private final List<Wire> wires;
        private volatile String sent = "nothing";
        private volatile String got = "nothing";

        Probe(Target target) {
            this(target, READ_TIMEOUT, new CopyOnWriteArrayList<>());
        }

        private Probe(Target target, Duration readTimeout, List<Wire> wires) {
            this.target = target;
            this.readTimeout = readTimeout;
            this.wires = wires;
        }

        Target target() {
            return target;
        }

        /** The same probe, whose connections wait {@code timeout} for each read. */
        Probe withReadTimeout(Duration timeout) {
            return new Probe(target, timeout, wires);
        }

        Wire connect() throws IOException {
            Wire wire = Wire.connect(target.address(), CONNECT_TIMEOUT, readTimeout);
            wires.add(wire);
            return wire;
        }

        void closeEveryWire() {
            for (Wire wire : wires) {
                try {
                    wire.close();
                } catch (IOException e) {
                    // closing is all that is left to do
                }
            }
        }

        String sent() {
            return sent;
        }

        void sent(String what) {
            sent = what;
        }

        String got() {
            return got;
        }

        void got(String what) {
            got = what;
        }

        void fail(String what) throws Failed {
            got = what;
            throw new Failed();
        }

        /** Sends {@code message} cut as {@code piecing} says and expects its echo, then a close. */
        void echo(byte[] message, Piecing piecing) throws Exception {
            try (Wire wire = connect()) {
                List<byte[]> pieces = piecing.pieces(message);
                sent(Wire.show(message) + piecing.describe(pieces.size()));
                int sentBytes = 0;
                try {
                    for (int i = 0; i < pieces.size(); i++) {
                        if (i > 0 && pieces.size() <= 64) {
                            TimeUnit.NANOSECONDS.sleep(BETWEEN_PIECES.toNanos()); // so that each piece is a read
                        }
                        wire.send(pieces.get(i));
                        sentBytes += pieces.get(i).length;
                    }
                } catch (IOException closedEarly) {
                    Wire.End end = wire.readToEnd(message);
                    fail(describe(wire.received(), end) + " after " + sentBytes + " of " + message.length
                            + " bytes had been sent");
                }
                expectEcho(message, wire);
            }
        }

        void expectEcho(byte[] message, Wire wire) throws IOException, Failed {
            Wire.End end = wire.readToEnd(message);
            byte[] echo = wire.received();
            if (!Arrays.equals(echo, message)) {
                fail(describe(echo, end) + ": " + Wire.difference(message, echo));
            }
            if (end == Wire.End.STAYED_OPEN) {
                fail("the echo, but the connection stayed open " + ConsoleText.seconds(Wire.CLOSE_AFTER_ECHO)
                        + " s after it");
            }
            got("the same bytes, then a close");
        }

        void expectCloseWithoutEcho(Wire wire) throws IOException, Failed {
            Wire.End end = wire.readToEnd();
            if (wire.received().length > 0) {
                fail(describe(wire.received(), end) + ": an echo of a message without <EOF>");
            }
            if (end == Wire.End.STAYED_OPEN) {
                fail("nothing, and the connection stayed open for " + ConsoleText.seconds(readTimeout) + " s");
            }
            got("a close with nothing echoed");
        }

        /** After a bad client, the next good one gets its echo. */
        void stillServing() throws Failed {
            String before = got;
            try (Wire next = connect()) {
                next.send(STILL_THERE);
                Wire.End end = next.readToEnd(STILL_THERE);
                if (!Arrays.equals(next.received(), STILL_THERE) || end == Wire.End.STAYED_OPEN) {
                    fail(before + "; but the next client got " + describe(next.received(), end));
                }
            } catch (IOException e) {
                fail(before + "; but the next client: " + describe(e, target));
            }
            got(("nothing".equals(before) ? "" : before + ", then ") + "the next client's echo");
        }

        static String describe(byte[] received, Wire.End end) {
            return Wire.show(received) + switch (end) {
                case CLOSED -> ", then a close";
                case RESET -> ", then a reset";
                case STAYED_OPEN -> ", and the connection stayed open";
            };
        }

        static String describe(IOException e, Target target) {
            if (e instanceof ConnectException) {
                return "cannot connect to " + target.hostAndPort() + ": connection refused";
            }
            if (e instanceof SocketTimeoutException) {
                return "no answer in time (" + e.getMessage() + ")";
            }
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return message.toLowerCase(Locale.ROOT);
        }
    }
}
