package io.fluxfix.bench;

import io.fluxfix.bench.MatchingWorkload.Kind;
import io.fluxfix.model.ExecType;
import io.fluxfix.model.Liquidity;
import io.fluxfix.model.OrdStatus;
import io.fluxfix.model.Side;
import io.fluxfix.model.event.ExecutionReport;
import io.fluxfix.venue.engine.MatchingEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openjdk.jmh.infra.Blackhole;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The matching benchmark does the work it claims: replayed once through the engine, the stream is the stated mix,
 * every request does what its kind says (adds rest, cancels cancel, aggressive orders trade), nothing is refused,
 * the book stays near its target, and a replay on a fresh engine is the same every time.
 */
class MatchingBenchmarkTest {

    private static MatchingWorkload workload;
    private static Replay replay;

    @BeforeAll
    static void replayOnce() {
        workload = MatchingWorkload.generate(MatchingWorkload.DEFAULT_SEED);
        replay = new Replay(workload);
    }

    @Test
    void theBodyHasTheStatedMix() {
        Map<Kind, Integer> kinds = new EnumMap<>(Kind.class);
        for (int i = workload.prefixLength(); i < workload.length(); i++) {
            kinds.merge(workload.kind(i), 1, Integer::sum);
        }
        double n = MatchingWorkload.BODY_OPS;
        assertThat(workload.length() - workload.prefixLength()).isEqualTo(MatchingWorkload.BODY_OPS);
        assertThat(kinds.getOrDefault(Kind.ADD, 0) / n * 100).isCloseTo(MatchingWorkload.ADD_PERCENT, within(1.0));
        assertThat(kinds.getOrDefault(Kind.CANCEL, 0) / n * 100).isCloseTo(MatchingWorkload.CANCEL_PERCENT, within(1.0));
        assertThat((kinds.getOrDefault(Kind.AGGRESSIVE_LIMIT, 0) + kinds.getOrDefault(Kind.AGGRESSIVE_MARKET, 0)) / n * 100)
                .isCloseTo(MatchingWorkload.AGGRESSIVE_PERCENT, within(1.0));
        double aggressive = kinds.getOrDefault(Kind.AGGRESSIVE_LIMIT, 0) + kinds.getOrDefault(Kind.AGGRESSIVE_MARKET, 0);
        assertThat(kinds.getOrDefault(Kind.AGGRESSIVE_MARKET, 0) / aggressive * 100)
                .isCloseTo(MatchingWorkload.MARKET_PERCENT_OF_AGGRESSIVE, within(2.0));
        for (int i = 0; i < workload.prefixLength(); i++) {
            assertThat(workload.kind(i)).isEqualTo(Kind.ADD);
        }
        assertThat(workload.prefixLength()).isEqualTo(MatchingWorkload.RESTING_TARGET);
    }

    @Test
    void nothingIsRefused() {
        assertThat(replay.refused).isZero();
    }

    @Test
    void everyAddRestsEveryCancelCancelsAndEveryAggressiveOrderTrades() {
        assertThat(replay.badAdds).as("adds that did not rest untouched").isZero();
        assertThat(replay.badCancels).as("cancels that did not cancel a resting order").isZero();
        assertThat(replay.badAggressive).as("aggressive orders that did not fill against others").isZero();
        assertThat(replay.aggressive).isGreaterThan(0);
        // Each aggressive order takes MIN_TAKEN..MAX_TAKEN resting orders, each a maker and a taker report.
        assertThat(replay.trades).isBetween((long) replay.aggressive * MatchingWorkload.MIN_TAKEN,
                (long) replay.aggressive * MatchingWorkload.MAX_TAKEN);
        assertThat(replay.reports.get(ExecType.TRADE)).isEqualTo(2 * replay.trades);
        assertThat(replay.reports.get(ExecType.NEW)).isEqualTo(replay.adds + replay.aggressive);
        assertThat(replay.reports.get(ExecType.CANCELED)).isEqualTo(replay.cancels);
        assertThat(replay.reports.keySet()).containsOnly(ExecType.NEW, ExecType.CANCELED, ExecType.TRADE);
        // Some aggressive orders leave the last resting order partly filled, as the workload says.
        assertThat(replay.makersPartlyFilled).isGreaterThan(0);
    }

    @Test
    void theBookStaysNearItsTarget() {
        int target = MatchingWorkload.RESTING_TARGET;
        assertThat(replay.minResting).isGreaterThan(target * 8 / 10);
        assertThat(replay.maxResting).isLessThan(target * 12 / 10);
        assertThat(replay.engine.openOrders()).hasSize(replay.resting);
        assertThat(replay.engine.levels(MatchingWorkload.SYMBOL, Side.BUY, Integer.MAX_VALUE)).isNotEmpty();
        assertThat(replay.engine.levels(MatchingWorkload.SYMBOL, Side.SELL, Integer.MAX_VALUE)).isNotEmpty();
    }

    @Test
    void aReplayOnAFreshEngineIsTheSameEveryTime() {
        Replay again = new Replay(workload);
        assertThat(again.reportCount).isEqualTo(replay.reportCount);
        assertThat(again.lastExecId).isEqualTo(replay.lastExecId);
        assertThat(again.reports).isEqualTo(replay.reports);
    }

    @ParameterizedTest
    @ValueSource(strings = {MatchingBenchmark.VIEW, MatchingBenchmark.REPORTS})
    void theBenchmarkMethodsRunTheStreamWithoutRefusalsAndEveryReportReachesTheSink(String sink) {
        Blackhole bh = new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        MatchingBenchmark bench = new MatchingBenchmark();
        MatchingBenchmark.Day day = new MatchingBenchmark.Day();
        day.sink = sink;
        day.generate();
        for (int round = 0; round < 2; round++) {
            day.openBook();
            long before = day.out.reports;
            assertThat(bench.mixedStream(day, bh)).isZero();
            assertThat(day.out.reports - before).as("reports of the body").isEqualTo(replay.bodyReports);
            assertThat(day.engine.openOrders()).hasSize(replay.resting);
        }
        MatchingBenchmark.Stream stream = new MatchingBenchmark.Stream();
        stream.sink = sink;
        stream.generate();
        int refused = 0;
        // Past the end once, so the wrap onto a fresh engine is exercised.
        for (int i = 0; i < MatchingWorkload.BODY_OPS + 10; i++) {
            stream.openBookAtEnd();
            refused += bench.perRequest(stream, bh) == null ? 0 : 1;
        }
        assertThat(refused).isZero();
        assertThat(stream.next).isEqualTo(workload.prefixLength() + 10);
        assertThat(stream.out.reports).isGreaterThanOrEqualTo(replay.bodyReports);
        bh.evaporate("Yes, I am Stephen Hawking, and know a thing or two about black holes.");
    }

    /** One replay of the whole stream on a fresh engine, every request's reports checked against its kind. */
    private static final class Replay {
        final MatchingEngine engine;
        final Map<ExecType, Long> reports = new EnumMap<>(ExecType.class);
        int refused;
        int adds;
        int cancels;
        int aggressive;
        long trades;
        int badAdds;
        int badCancels;
        int badAggressive;
        int makersPartlyFilled;
        int resting;
        int minResting = Integer.MAX_VALUE;
        int maxResting;
        long reportCount;
        long bodyReports;
        String lastExecId;

        Replay(MatchingWorkload w) {
            engine = w.newEngine();
            List<ExecutionReport> got = new ArrayList<>();
            MatchingEngine.Output out = (compId, execution) -> {
                ExecutionReport er = execution.toExecutionReport();
                got.add(er);
                reports.merge(er.execType(), 1L, Long::sum);
                reportCount++;
                lastExecId = er.execId();
            };
            for (int i = 0; i < w.length(); i++) {
                got.clear();
                long before = reportCount;
                if (w.apply(engine, i, out) != null) {
                    refused++;
                    continue;
                }
                switch (w.kind(i)) {
                    case ADD -> {
                        adds++;
                        boolean rested = got.size() == 1 && got.get(0).execType() == ExecType.NEW
                                && got.get(0).ordStatus() == OrdStatus.NEW;
                        badAdds += rested ? 0 : 1;
                        resting += rested ? 1 : 0;
                    }
                    case CANCEL -> {
                        cancels++;
                        boolean cancelled = got.size() == 1 && got.get(0).execType() == ExecType.CANCELED
                                && got.get(0).origClOrdId() != null;
                        badCancels += cancelled ? 0 : 1;
                        resting -= cancelled ? 1 : 0;
                    }
                    default -> {
                        aggressive++;
                        checkAggressive(got);
                    }
                }
                if (i >= w.prefixLength()) {
                    bodyReports += reportCount - before;
                    minResting = Math.min(minResting, resting);
                    maxResting = Math.max(maxResting, resting);
                }
            }
        }

        /** NEW, then a maker and a taker report per trade; the taker ends FILLED, never cancelled. */
        private void checkAggressive(List<ExecutionReport> got) {
            boolean ok = got.size() >= 3 && got.size() % 2 == 1 && got.get(0).execType() == ExecType.NEW;
            String taker = ok ? got.get(0).orderId() : null;
            for (int k = 1; ok && k < got.size(); k += 2) {
                ExecutionReport maker = got.get(k);
                ExecutionReport takerFill = got.get(k + 1);
                ok = maker.execType() == ExecType.TRADE && maker.liquidity() == Liquidity.MAKER
                        && takerFill.execType() == ExecType.TRADE && takerFill.liquidity() == Liquidity.TAKER
                        && takerFill.orderId().equals(taker) && maker.tradeId().equals(takerFill.tradeId());
                if (ok) {
                    trades++;
                    if (maker.ordStatus() == OrdStatus.FILLED) {
                        resting--;
                    } else if (k + 2 == got.size()) {
                        makersPartlyFilled++;
                    }
                }
            }
            ok = ok && got.get(got.size() - 1).ordStatus() == OrdStatus.FILLED;
            badAggressive += ok ? 0 : 1;
        }
    }
}
