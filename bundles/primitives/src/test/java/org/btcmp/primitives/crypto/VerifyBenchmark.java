package org.btcmp.primitives.crypto;

import org.btcmp.primitives.Hashes;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a unit test (tag "benchmark", excluded by default): ECDSA and BIP340 verifications
 * per second on one thread, over {@code bench.sigs} distinct keys and messages, after a warm-up round.
 */
@Tag("benchmark")
class VerifyBenchmark {
    @Test
    void verificationsPerSecond() {
        int n = Integer.getInteger("bench.sigs", 2000);
        PublicKey[] keys = new PublicKey[n];
        byte[][] msgs = new byte[n][];
        EcdsaSignature[] sigs = new EcdsaSignature[n];
        byte[][] xOnly = new byte[n][];
        byte[][] schnorr = new byte[n][];
        for (int i = 0; i < n; i++) {
            byte[] secret = Hashes.sha256(("key " + i).getBytes());
            PrivateKey k = new PrivateKey(secret);
            msgs[i] = Hashes.sha256(("message " + i).getBytes());
            keys[i] = k.publicKey(true);
            sigs[i] = k.sign(msgs[i]);
            xOnly[i] = Schnorr.xOnlyPublicKey(secret);
            schnorr[i] = Schnorr.sign(secret, msgs[i], new byte[32]);
        }
        for (int round = 0; round < 2; round++) {
            long start = System.nanoTime();
            long cpuStart = processCpuNanos();
            for (int i = 0; i < n; i++) {
                if (!keys[i].verify(msgs[i], sigs[i])) {
                    throw new AssertionError("ECDSA signature " + i + " did not verify");
                }
            }
            double ecdsa = n / ((System.nanoTime() - start) / 1e9);
            double ecdsaCpu = n / ((processCpuNanos() - cpuStart) / 1e9);
            start = System.nanoTime();
            cpuStart = processCpuNanos();
            for (int i = 0; i < n; i++) {
                if (!Schnorr.verify(xOnly[i], msgs[i], schnorr[i])) {
                    throw new AssertionError("Schnorr signature " + i + " did not verify");
                }
            }
            double bip340 = n / ((System.nanoTime() - start) / 1e9);
            double bip340Cpu = n / ((processCpuNanos() - cpuStart) / 1e9);
            // Per CPU second too: on a shared machine the wall-clock rate also counts waiting for the CPU.
            System.out.printf("BENCHMARK %s: %.0f ECDSA verifications/s, %.0f BIP340 verifications/s (%d each); "
                    + "per CPU second of the process: %.0f ECDSA, %.0f BIP340%n",
                    round == 0 ? "warm-up" : "measured", ecdsa, bip340, n, ecdsaCpu, bip340Cpu);
        }
    }

    private static long processCpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
    }
}
