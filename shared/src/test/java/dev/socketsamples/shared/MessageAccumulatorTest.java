package dev.socketsamples.shared;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MessageAccumulatorTest {

    // tag::mixed[]
    /** ASCII, then 2-, 3- and 4-byte UTF-8, then the marker. */
    private static final String MIXED = "a é € 漢 😀 z" + Protocol.EOF;
    // end::mixed[]

    // tag::split-characters[]
    @Test
    void everySplitPointOfAMixedMessageGivesTheSameEchoAndText() throws Exception {
        byte[] message = MIXED.getBytes(UTF_8);
        for (int first = 0; first <= message.length; first++) {
            for (int second = first; second <= message.length; second++) {
                MessageAccumulator accumulator = new MessageAccumulator();
                accumulator.append(message, 0, first);
                accumulator.append(message, first, second - first);
                boolean complete = accumulator.append(message, second, message.length - second);

                assertThat(complete).as("split at %d and %d", first, second).isTrue();
                assertThat(accumulator.echoBytes()).as("split at %d and %d", first, second).isEqualTo(message);
                assertThat(accumulator.text()).as("split at %d and %d", first, second).isEqualTo(MIXED);
                assertThat(accumulator.byteCount()).isEqualTo(message.length);
            }
        }
    }
    // end::split-characters[]

    @Test
    void oneByteAtATimeKeepsEveryCharacterWhole() throws Exception {
        byte[] message = MIXED.getBytes(UTF_8);
        MessageAccumulator accumulator = new MessageAccumulator();
        for (int i = 0; i < message.length; i++) {
            assertThat(accumulator.isComplete()).isFalse();
            accumulator.append(message, i, 1);
        }
        assertThat(accumulator.isComplete()).isTrue();
        assertThat(accumulator.text()).isEqualTo(MIXED).doesNotContain("\uFFFD");
    }

    @Test
    void textBeforeTheMarkerLeavesOutAHalfArrivedCharacter() throws Exception {
        byte[] euro = "€".getBytes(UTF_8);
        MessageAccumulator accumulator = new MessageAccumulator();
        accumulator.append("ab".getBytes(UTF_8), 0, 2);
        accumulator.append(euro, 0, 2);
        assertThat(accumulator.text()).isEqualTo("ab");
        accumulator.append(euro, 2, 1);
        assertThat(accumulator.text()).isEqualTo("ab€");
    }

    // tag::split-marker[]
    @Test
    void theMarkerSplitAcrossChunksIsFound() throws Exception {
        MessageAccumulator accumulator = new MessageAccumulator();
        assertThat(append(accumulator, "hello<E")).isFalse();
        assertThat(append(accumulator, "O")).isFalse();
        assertThat(append(accumulator, "F>")).isTrue();
        assertThat(accumulator.text()).isEqualTo("hello<EOF>");
    }
    // end::split-marker[]

    @Test
    void falseStartsOfTheMarkerDoNotHideTheRealOne() throws Exception {
        for (String message : List.of("<<EOF>", "<E<EOF>", "<EO<EOF>", "<EOF<EOF>", "<EOF <EOF>")) {
            MessageAccumulator accumulator = new MessageAccumulator();
            assertThat(append(accumulator, message)).as(message).isTrue();
            assertThat(accumulator.text()).as(message).isEqualTo(message);
        }
    }

    // tag::after-marker[]
    @Test
    void bytesAfterTheFirstMarkerAreNotPartOfTheEcho() throws Exception {
        MessageAccumulator accumulator = new MessageAccumulator();
        assertThat(append(accumulator, "one<EOF>two<EOF>")).isTrue();
        assertThat(append(accumulator, "three")).isTrue();
        assertThat(new String(accumulator.echoBytes(), UTF_8)).isEqualTo("one<EOF>");
        assertThat(accumulator.byteCount()).isEqualTo(8);
    }
    // end::after-marker[]

    @Test
    void theEmptyMessageIsTheMarkerAlone() throws Exception {
        MessageAccumulator accumulator = new MessageAccumulator();
        assertThat(append(accumulator, Protocol.EOF)).isTrue();
        assertThat(accumulator.echoBytes()).isEqualTo(Protocol.eofBytes());
    }

    @Test
    void aChannelReadsBufferIsTakenWholeAndClearedForTheNextRead() throws Exception {
        ByteBuffer buffer = ByteBuffer.allocate(StateObject.BUFFER_SIZE);
        buffer.put("xy<EOF>".getBytes(UTF_8)); // as a read leaves it: the position just after its bytes
        MessageAccumulator accumulator = new MessageAccumulator();
        assertThat(accumulator.append(buffer)).isTrue();
        assertThat(buffer.position()).isZero();
        assertThat(buffer.limit()).isEqualTo(buffer.capacity());
        assertThat(accumulator.text()).isEqualTo("xy<EOF>");
        assertThat(accumulator.echoBuffer()).isEqualTo(ByteBuffer.wrap("xy<EOF>".getBytes(UTF_8)));
    }

    @Test
    void aMessageOfExactlyTheMaximumSizeIsAccepted() throws Exception {
        MessageAccumulator accumulator = new MessageAccumulator(10);
        assertThat(append(accumulator, "12345<EOF>")).isTrue();
    }

    @Test
    void oneByteMoreThanTheMaximumIsRefused() throws Exception {
        MessageAccumulator accumulator = new MessageAccumulator(10);
        assertThatThrownBy(() -> append(accumulator, "123456<EOF>"))
                .isInstanceOf(MessageTooLargeException.class)
                .hasMessage("no <EOF> within the maximum message size of 10 bytes");
    }

    // tag::size-limit[]
    @Test
    void aMessageWithoutTheMarkerStopsGrowingAtTheMaximum() throws Exception {
        MessageAccumulator accumulator = new MessageAccumulator(1000);
        byte[] chunk = new byte[300];
        for (int i = 0; i < 3; i++) {
            accumulator.append(chunk, 0, chunk.length);
        }
        assertThatThrownBy(() -> accumulator.append(chunk, 0, chunk.length))
                .isInstanceOf(MessageTooLargeException.class);
        assertThat(accumulator.byteCount()).isEqualTo(900);
        assertThat(accumulator.isComplete()).isFalse();
    }
    // end::size-limit[]

    @Test
    void aLimitSmallerThanTheMarkerIsAMistake() {
        assertThatThrownBy(() -> new MessageAccumulator(4)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedBytesAreEchoedExactlyAndPrintedAsReplacementCharacters() throws Exception {
        byte[] message = concat(new byte[] {'a', (byte) 0xFF, (byte) 0xC3, 'b', (byte) 0xE2, (byte) 0x82},
                Protocol.eofBytes());
        MessageAccumulator accumulator = new MessageAccumulator();
        for (int i = 0; i < message.length; i++) {
            accumulator.append(message, i, 1);
        }
        assertThat(accumulator.echoBytes()).isEqualTo(message);
        assertThat(accumulator.text()).isEqualTo("a\uFFFD\uFFFDb\uFFFD<EOF>");
    }

    @Test
    void randomMessagesCutAtRandomPointsEchoByteForByte() throws Exception {
        Random random = new Random(20261121); // seeded: a failure reproduces
        for (int run = 0; run < 2000; run++) {
            String message = randomText(random) + Protocol.EOF;
            byte[] bytes = (message + "trailing bytes").getBytes(UTF_8);
            MessageAccumulator accumulator = new MessageAccumulator();
            for (int start = 0; start < bytes.length; ) {
                int length = Math.min(bytes.length - start, random.nextInt(8));
                accumulator.append(bytes, start, length);
                start += length;
            }
            assertThat(accumulator.isComplete()).as(message).isTrue();
            assertThat(accumulator.echoBytes()).as(message).isEqualTo(message.getBytes(UTF_8));
            assertThat(accumulator.text()).isEqualTo(message);
        }
    }

    // tag::memory-budget[]
    @Test
    void messagesTogetherStayWithinTheBudgetAndGiveTheirMemoryBack() throws Exception {
        MemoryBudget budget = new MemoryBudget(4096);
        MessageAccumulator first = new MessageAccumulator(1024 * 1024, budget);
        MessageAccumulator second = new MessageAccumulator(1024 * 1024, budget);
        MessageAccumulator third = new MessageAccumulator(1024 * 1024, budget);
        String unfinished = "x".repeat(3000);

        append(first, unfinished);
        append(second, unfinished);
        assertThatThrownBy(() -> append(third, unfinished))
                .isInstanceOf(MessageTooLargeException.class)
                .hasMessage("the server's memory budget of 4096 bytes for unfinished messages is spent");

        first.release(); // the first connection closed
        assertThat(append(third, unfinished + Protocol.EOF)).isTrue();
    }

    @Test
    void aSmallMessageIsServedEvenWhenTheBudgetIsSpent() throws Exception {
        MessageAccumulator accumulator = new MessageAccumulator(1024 * 1024, new MemoryBudget(0));

        assertThat(append(accumulator, "This is a test" + Protocol.EOF)).isTrue();
    }
    // end::memory-budget[]

    /** ASCII, 2-, 3- and 4-byte characters and pieces of the marker, never the whole marker. */
    private static String randomText(Random random) {
        String[] pieces = {"a", "Z", " ", "é", "ß", "€", "漢", "한", "😀", "🚀", "<", "<E", "<EO", "<EOF", "EOF>"};
        StringBuilder text = new StringBuilder();
        int count = random.nextInt(40);
        for (int i = 0; i < count; i++) {
            text.append(pieces[random.nextInt(pieces.length)]);
        }
        return text.toString().replace(Protocol.EOF, "");
    }

    private static boolean append(MessageAccumulator accumulator, String text) throws MessageTooLargeException {
        byte[] bytes = text.getBytes(UTF_8);
        return accumulator.append(bytes, 0, bytes.length);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
