package dev.socketsamples.compare.load;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything one run measured, with what is needed to read it again.
 *
 * @param machine     the machine, JDK and date
 * @param command     the command that produced it
 * @param method      how it measured, in one sentence
 * @param elapsed     how long the whole run took
 * @param levels      every target at every level of concurrency
 * @param holds       every target's C10K run
 */
record BenchmarkResults(MachineInfo machine, String command, String method, Duration elapsed, List<LevelResult> levels,
                        List<HoldResult> holds) {

    Optional<LevelResult> level(Target target, int clients) {
        return levels.stream().filter(l -> l.target() == target && l.load().clients() == clients).findFirst();
    }

    Optional<HoldResult> hold(Target target) {
        return holds.stream().filter(h -> h.target() == target).findFirst();
    }

    /** Netty's result at the same level: the reference of every ratio. */
    Optional<LevelResult> reference(LevelResult level) {
        return level(Target.NETTY, level.load().clients());
    }
}
