package io.fluxfix.venue.engine;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine reports, refuses and keeps state exactly as it did before its reports became reused views and its
 * ledger, indexes and book sides were rebuilt for speed: each seeded {@link RandomEngineStream} gives the digest
 * the engine of commit 2d6c9e9 gave (3,000 requests each, six dialect variants). A deliberate change of what the
 * engine reports changes these digests: print the new ones with {@code new RandomEngineStream(seed, variant)
 * .run(3000)} and say in the commit why they moved.
 */
class ReportsDigestTest {

    @ParameterizedTest(name = "dialect variant {0}, seed {1}")
    @CsvSource({
            "0, 0, 63114fc2243f4fdba480a8e7e0d4f9fd9a2bf45452845425379f61666694504f",
            "0, 1, ba3af35dd1cdc1c5685c40ccbc5aadce0fe23acb7e4dd4d2b582bb4dafe5415d",
            "1, 0, 7622c23179d2ae2b3f3b7f825237aa64b95215d8f3e4a74f9abf4c878ccc26be",
            "1, 1, c545c74ea12cb9b76bd5a8d33187cf8a11f37ffe462a5a99ed4cbacec155d3c4",
            "2, 0, 6d5be786c36078c6cbb6a18294cd766d72f3468e4e50892d7da7f24b96266387",
            "2, 1, 88401e21f10b5ed775cab71d00cac190dcecff108dd77d298fdf8341be6a7a03",
            "3, 0, e8cb2a888a9e98949e309bd62977e48fcbeb22f0c5da0357130ec0ad3ec6f711",
            "3, 1, 0121160b9d2c84ccf2440393e982d83c6b56f6a5c95c3704d3a9331659991784",
            "4, 0, 56200fbe9b982c71ba7ccb7c7092a18ab33f1010c36dc0cadc574e613f18b93d",
            "4, 1, 960058a475dbec45ceacd81c3451f2f9b09594b28430d31853a81e09677faf01",
            "5, 0, b2f50972f2bec11acd503aeb97951007134ef2737d745ec201b69dde99e8b174",
            "5, 1, 36a1b4ac3fe76dc4db5303a0f3fb4e31b28025a6fe01125a9f6cdeb5d313e8cd"
    })
    void aSeededRandomStreamGivesTheReportsAndStateItGaveBefore(int variant, long seed, String digest) {
        assertThat(new RandomEngineStream(seed, variant).run(3_000)).as("variant %d, seed %d", variant, seed)
                .isEqualTo(digest);
    }
}
