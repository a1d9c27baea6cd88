package io.fluxfix.model.kraken;

import io.fluxfix.model.Market;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class ClOrdIdsTest {

    private static final String KRAKEN_FUTURES_EXAMPLE = "a17d4971-f00d-4f67-94d1-e7d604104ed2";

    @Test
    void recognisesBothKrakenFormats() {
        assertThat(ClOrdIds.isNumeric("1744036325000000")).isTrue();
        assertThat(ClOrdIds.isNumeric("123456789012345678")).isTrue();
        assertThat(ClOrdIds.isNumeric("1234567890123456789")).as("19 characters").isFalse();
        assertThat(ClOrdIds.isNumeric("0")).as("not positive").isFalse();
        assertThat(ClOrdIds.isNumeric("-5")).isFalse();
        assertThat(ClOrdIds.isNumeric("")).isFalse();
        assertThat(ClOrdIds.isUuid(KRAKEN_FUTURES_EXAMPLE)).isTrue();
        assertThat(ClOrdIds.isUuid(KRAKEN_FUTURES_EXAMPLE.toUpperCase())).isTrue();
        assertThat(ClOrdIds.isUuid("a17d4971f00d-4f67-94d1-e7d604104ed2-")).isFalse();
        assertThat(ClOrdIds.isUuid("g17d4971-f00d-4f67-94d1-e7d604104ed2")).isFalse();
    }

    @Test
    void combTimeIsTheFirst48BitsIn10MicrosecondUnits() {
        // fix-dialect.md §4.4: a17d49af1186 → 177559479193990 × 10 µs = 2026-04-07 20:46:31.94 UTC.
        long t = ClOrdIds.combTime10us("a17d49af-1186-4000-8000-000000000000");
        assertThat(t).isEqualTo(177559479193990L);
        assertThat(Instant.EPOCH.plusNanos(t * 10_000)).isEqualTo(Instant.parse("2026-04-07T20:46:31.939900Z"));
    }

    @Test
    void low48IsWhatAnExecIdCanRecover() {
        assertThat(ClOrdIds.low48(KRAKEN_FUTURES_EXAMPLE)).isEqualTo(0xe7d604104ed2L);
        assertThat(ClOrdIds.low48("1744036325000000")).isEqualTo(1744036325000000L & 0xFFFF_FFFF_FFFFL);
    }

    @Test
    void derivativesRequireACombUuidWithinTwoMinutesOfTheVenueClock() {
        long now = micros(Instant.parse("2026-04-07T20:46:31.939900Z"));
        String id = "a17d49af-1186-4000-8000-000000000000";
        ClOrdIdRules rules = ClOrdIdRules.KRAKEN;
        assertThat(rules.check(id, Market.DERIVATIVES, now)).isEqualTo(ClOrdIdVerdict.VALID);
        assertThat(rules.check(id, Market.DERIVATIVES, now + 120_000_000)).isEqualTo(ClOrdIdVerdict.VALID);
        assertThat(rules.check(id, Market.DERIVATIVES, now + 120_000_010)).isEqualTo(ClOrdIdVerdict.TIMESTAMP_OUT_OF_WINDOW);
        assertThat(rules.check(id, Market.DERIVATIVES, now - 120_000_010)).isEqualTo(ClOrdIdVerdict.TIMESTAMP_OUT_OF_WINDOW);
        assertThat(rules.check("1744036325000000", Market.DERIVATIVES, now)).isEqualTo(ClOrdIdVerdict.UUID_REQUIRED);
        assertThat(rules.check("1744036325000000", Market.DERIVATIVES, now).text())
                .isEqualTo("COMB UUIDv4 required for ClOrdID on derivatives");
    }

    @Test
    void spotAcceptsNumericIdsAnywhereUnlessTheNumericWindowIsSwitchedOn() {
        long now = micros(Instant.parse("2026-04-07T14:32:05Z"));
        assertThat(ClOrdIdRules.KRAKEN.check("1", Market.SPOT, now)).isEqualTo(ClOrdIdVerdict.VALID);
        assertThat(ClOrdIdRules.KRAKEN.check("abc", Market.SPOT, now)).isEqualTo(ClOrdIdVerdict.MALFORMED);
        assertThat(ClOrdIdRules.KRAKEN.check("", Market.SPOT, now)).isEqualTo(ClOrdIdVerdict.EMPTY);
        ClOrdIdRules strict = new ClOrdIdRules(Duration.ofSeconds(120), true);
        assertThat(strict.check("1", Market.SPOT, now)).isEqualTo(ClOrdIdVerdict.TIMESTAMP_OUT_OF_WINDOW);
        assertThat(strict.check(Long.toString(now), Market.SPOT, now)).isEqualTo(ClOrdIdVerdict.VALID);
    }

    @Test
    void aSessionRefusesReuseAndNumericIdsThatDoNotIncrease() {
        SessionClOrdIds ids = new SessionClOrdIds(true);
        assertThat(ids.accept("100")).isEqualTo(ClOrdIdVerdict.VALID);
        assertThat(ids.accept("100")).isEqualTo(ClOrdIdVerdict.DUPLICATE);
        assertThat(ids.accept("99")).isEqualTo(ClOrdIdVerdict.NOT_INCREASING);
        assertThat(ids.accept(KRAKEN_FUTURES_EXAMPLE)).isEqualTo(ClOrdIdVerdict.VALID);
        assertThat(ids.accept(KRAKEN_FUTURES_EXAMPLE)).isEqualTo(ClOrdIdVerdict.DUPLICATE);
        assertThat(ids.accept("101")).isEqualTo(ClOrdIdVerdict.VALID);
        ids.reset();
        assertThat(ids.accept("99")).as("after ForceResetClOrdID").isEqualTo(ClOrdIdVerdict.VALID);

        SessionClOrdIds lenient = new SessionClOrdIds(false);
        assertThat(lenient.accept("100")).isEqualTo(ClOrdIdVerdict.VALID);
        assertThat(lenient.accept("99")).isEqualTo(ClOrdIdVerdict.VALID);
    }

    @Test
    void numericGeneratorFollowsTheClockAndNeverRepeatsWhenTheClockStands() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-04-07T14:32:05Z"));
        ClOrdIdGenerator gen = ClOrdIdGenerator.numeric(now::get);
        String first = gen.next();
        assertThat(first).isEqualTo("1775572325000000");
        assertThat(gen.next()).isEqualTo("1775572325000001");
        now.set(now.get().minusSeconds(1));
        assertThat(gen.next()).as("clock stepped back").isEqualTo("1775572325000002");
        now.set(Instant.parse("2026-04-07T14:33:00Z"));
        assertThat(gen.next()).isEqualTo("1775572380000000");
        assertThat(ClOrdIdRules.KRAKEN.check(first, Market.SPOT, 0)).isEqualTo(ClOrdIdVerdict.VALID);
    }

    @ParameterizedTest
    @ValueSource(longs = {1L, 99L, 20261122L})
    void combGeneratorMakesValidUniqueTimeOrderedIds(long seed) {
        Instant t0 = Instant.parse("2026-04-07T14:32:05.123456Z");
        AtomicReference<Instant> now = new AtomicReference<>(t0);
        ClOrdIdGenerator gen = ClOrdIdGenerator.combUuid(now::get, new SplittableRandom(seed));
        Set<String> seen = new HashSet<>();
        String previous = null;
        for (int i = 0; i < 10_000; i++) {
            if (i % 100 == 0) {
                now.set(now.get().plusNanos(7_000));
            }
            String id = gen.next();
            assertThat(seen.add(id)).as("seed %d: duplicate %s", seed, id).isTrue();
            assertThat(ClOrdIds.isUuid(id)).isTrue();
            assertThat(id.charAt(14)).as("version nibble").isEqualTo('4');
            assertThat("89ab").as("variant").contains(String.valueOf(id.charAt(19)));
            assertThat(ClOrdIdRules.KRAKEN.check(id, Market.DERIVATIVES, micros(now.get())))
                    .isEqualTo(ClOrdIdVerdict.VALID);
            if (previous != null) {
                assertThat(ClOrdIds.combTime10us(id)).isGreaterThanOrEqualTo(ClOrdIds.combTime10us(previous));
            }
            previous = id;
        }
        assertThat(ClOrdIds.combTime10us(previous) * 10).isEqualTo(micros(now.get()) / 10 * 10);
    }

    @Test
    void combGeneratorIsThreadSafe() throws Exception {
        ClOrdIdGenerator gen = ClOrdIdGenerator.combUuid(InstantSource.system(), new SplittableRandom(3));
        Set<String> ids = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 5_000; i++) {
                    ids.add(gen.next());
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join(10_000);
        }
        assertThat(ids).hasSize(20_000);
    }

    private static long micros(Instant i) {
        return i.getEpochSecond() * 1_000_000 + i.getNano() / 1000;
    }
}
