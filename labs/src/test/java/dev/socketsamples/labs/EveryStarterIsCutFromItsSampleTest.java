package dev.socketsamples.labs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.socketsamples.labs.cutting.Starter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A starter is committed, so that a student opens and edits a plain file that a rebuild never overwrites; this
 * proves it is the sample as it is now, but for its gaps, so that a fix to a sample cannot miss its lab.
 */
class EveryStarterIsCutFromItsSampleTest {

    static Stream<Starter> starters() {
        return Starter.ALL.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("starters")
    void theStarterIsTheSampleButForItsGaps(Starter starter) throws IOException {
        String cut = starter.cut();
        Path fresh = Path.of("target/cut").resolve(starter.starter());
        Files.createDirectories(fresh.getParent());
        Files.writeString(fresh, cut, UTF_8);

        assertThat(Files.readString(starter.starter(), UTF_8))
                .as("%s, cut again from %s (in labs/%s); to take the sample's change into every starter:"
                        + " cd labs && java src/test/java/dev/socketsamples/labs/cutting/Starter.java", starter.starter(),
                        starter.sample(), fresh)
                .isEqualTo(cut);
    }
}
