package io.fluxfix.venue.engine;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine reports, refuses and keeps state exactly as it did before its reports became reused views and its
 * ledger, indexes and book sides were rebuilt for speed: each seeded {@link RandomEngineStream} gives the digest
 * the engine of commit 087f5a8 gave, the last before that work (3,000 requests each, six dialect variants; the
 * same streams also gave equal digests on 2d6c9e9, where the work branched off, and on the branch itself). A
 * deliberate change of what the engine reports changes these digests: print the new ones with
 * {@code new RandomEngineStream(seed, variant).run(3000)} and say in the commit why they moved.
 */
class ReportsDigestTest {

    @ParameterizedTest(name = "dialect variant {0}, seed {1}")
    @CsvSource({
            "0, 0, 8be8d51fc788ebd5d2f90d1e07662bf66b8b17256e133bafefc15a917ce82710",
            "0, 1, b5ae7f407c6fcd1857e9cca3fa877bd6b33b21be87f5a9a9a3984d8df3c356b7",
            "1, 0, 03853a4a2755dc0ae52b43c727026671ea2bdd3249c476f98a5f09331454fc16",
            "1, 1, 53c49f291adc5cf4faa9b6b0ac0e02fe6d32d876869f6180dad68110c107c80d",
            "2, 0, 2ed36febb08acd9a4bde1def0508c2ec52aac0e5866b4cba7d6477284c6326e1",
            "2, 1, f81bcb1b94fe2bf3e31d6fc570c33b54e36e02f6db92895d567b77d4e437ba8d",
            "3, 0, 19b686534a051e223412ee9848a57cf0a71a10e09c61daaa9bffd7adbf291bca",
            "3, 1, 97466d61bfeefd4acaa9b3dca741818ea19417c02648e4380c13bf14f9459e27",
            "4, 0, 1c0c48df96c4e19875d47aaae7f139df062113e2b76fa123be6bd21d4eeecdfc",
            "4, 1, c3265705d85314a7425a680feb1653a0e7d425c909861d10c9be7e9388a0122b",
            "5, 0, 367c8d54566860229661ee76ad0d59f6a19285697bc74375cc6c473a9452999e",
            "5, 1, ddb3920e7c661bd0ac58a612d22a8f2f7b699f0d0c7794c1f3da3a29db8fa078"
    })
    void aSeededRandomStreamGivesTheReportsAndStateItGaveBefore(int variant, long seed, String digest) {
        assertThat(new RandomEngineStream(seed, variant).run(3_000)).as("variant %d, seed %d", variant, seed)
                .isEqualTo(digest);
    }
}
